"""URLs of the setup area, mounted under /processes/<process_pk>/ in the stakeholders namespace."""

urlpatterns = []
