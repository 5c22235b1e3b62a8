"""URLs of the committees area, mounted under /processes/<process_pk>/ in the stakeholders namespace."""

urlpatterns = []
