"""URLs of the consultation area, mounted under /processes/<process_pk>/ in the stakeholders namespace."""

urlpatterns = []
