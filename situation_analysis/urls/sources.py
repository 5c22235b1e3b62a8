"""Data sources (handbook Annex D1)."""

from django.urls import path

from situation_analysis.views import sources as views

urlpatterns = [
    path("data-sources/", views.DataSourceListView.as_view(), name="data_source_list"),
    path("data-sources/new/", views.DataSourceCreateView.as_view(), name="data_source_create"),
    path("data-sources/<int:pk>/", views.DataSourceDetailView.as_view(), name="data_source_detail"),
    path("data-sources/<int:pk>/edit/", views.DataSourceEditView.as_view(), name="data_source_edit"),
    path("data-sources/<int:pk>/history/", views.DataSourceHistoryView.as_view(), name="data_source_history"),
    path(
        "data-sources/<int:pk>/documents/new/",
        views.DataSourceDocumentUploadView.as_view(),
        name="data_source_document_upload",
    ),
]
