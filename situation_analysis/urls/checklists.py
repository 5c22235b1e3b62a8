"""Sector checklists (handbook Annex C): the process's own, adapted copies."""

from django.urls import path

from situation_analysis.views import checklists as views

Q = "checklists/<int:pk>/questions/<int:question_pk>"

urlpatterns = [
    path("checklists/", views.ChecklistListView.as_view(), name="checklist_list"),
    path("checklists/adopt/", views.ChecklistAdoptView.as_view(), name="checklist_adopt"),
    path("checklists/<int:pk>/", views.ChecklistDetailView.as_view(), name="checklist_detail"),
    path("checklists/<int:pk>/edit/", views.ChecklistEditView.as_view(), name="checklist_edit"),
    path("checklists/<int:pk>/history/", views.ChecklistHistoryView.as_view(), name="checklist_history"),
    path("checklists/<int:pk>/questions/new/", views.QuestionCreateView.as_view(), name="question_create"),
    path(f"{Q}/edit/", views.QuestionEditView.as_view(), name="question_edit"),
    path(f"{Q}/drop/", views.QuestionDropView.as_view(), name="question_drop"),
    path(f"{Q}/restore/", views.QuestionRestoreView.as_view(), name="question_restore"),
]
