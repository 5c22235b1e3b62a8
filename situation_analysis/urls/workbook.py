"""URLs of the situation analysis: the offline .xlsx round trip of an assignment (download, upload and preview,
apply once confirmed)."""

from django.urls import path

from situation_analysis.views import workbook as views

A = "assignments/<int:pk>/workbook"

urlpatterns = [
    path(f"{A}/", views.WorkbookDownloadView.as_view(), name="assignment_workbook_download"),
    path(f"{A}/upload/", views.WorkbookUploadView.as_view(), name="assignment_workbook_upload"),
    path(f"{A}/apply/", views.WorkbookApplyView.as_view(), name="assignment_workbook_apply"),
]
