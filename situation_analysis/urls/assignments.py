"""Assignments of the sector checklists: the answers, their review, their history."""

from django.urls import path

from situation_analysis.views import assignments as views

A = "assignments/<int:pk>"
Q = f"{A}/questions/<int:question_pk>"

urlpatterns = [
    path("assignments/", views.AssignmentListView.as_view(), name="assignment_list"),
    path("checklists/<int:pk>/assign/", views.AssignmentCreateView.as_view(), name="assignment_create"),
    path(f"{A}/", views.AssignmentDetailView.as_view(), name="assignment_detail"),
    path(f"{A}/answers/", views.AnswersSaveView.as_view(), name="answers_save"),
    path(f"{A}/submit/", views.AssignmentSubmitView.as_view(), name="assignment_submit"),
    path(f"{A}/review/", views.AssignmentReviewView.as_view(), name="assignment_review"),
    path(f"{A}/reopen/", views.AssignmentReopenView.as_view(), name="assignment_reopen"),
    path(f"{A}/edit/", views.AssignmentEditView.as_view(), name="assignment_edit"),
    path(f"{A}/history/", views.AssignmentHistoryView.as_view(), name="assignment_history"),
    path(f"{Q}/comment/", views.AnswerCommentView.as_view(), name="answer_comment"),
    path(f"{Q}/documents/new/", views.AnswerDocumentUploadView.as_view(), name="answer_document_upload"),
]
