"""URLs of the situation analysis, under /processes/<process_pk>/ in the situation_analysis namespace."""

app_name = "situation_analysis"

urlpatterns = []
