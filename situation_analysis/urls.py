"""URLs of the situation analysis, under /processes/<process_pk>/ in the situation_analysis namespace."""

from django.urls import path

from situation_analysis import views

app_name = "situation_analysis"

Q = "checklists/<int:pk>/questions/<int:question_pk>"

urlpatterns = [
    # Sector checklists (handbook Annex C): the process's own, adapted copies
    path("checklists/", views.ChecklistListView.as_view(), name="checklist_list"),
    path("checklists/adopt/", views.ChecklistAdoptView.as_view(), name="checklist_adopt"),
    path("checklists/<int:pk>/", views.ChecklistDetailView.as_view(), name="checklist_detail"),
    path("checklists/<int:pk>/edit/", views.ChecklistEditView.as_view(), name="checklist_edit"),
    path("checklists/<int:pk>/history/", views.ChecklistHistoryView.as_view(), name="checklist_history"),
    path("checklists/<int:pk>/questions/new/", views.QuestionCreateView.as_view(), name="question_create"),
    path(f"{Q}/edit/", views.QuestionEditView.as_view(), name="question_edit"),
    path(f"{Q}/drop/", views.QuestionDropView.as_view(), name="question_drop"),
    path(f"{Q}/restore/", views.QuestionRestoreView.as_view(), name="question_restore"),
    # Data sources (handbook Annex D1)
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
