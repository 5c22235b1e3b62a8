"""URLs of the evaluations area: evaluations, their questions, findings and recommendations, management responses."""

from django.urls import path

from monitoring.views import evaluations as views

urlpatterns = [
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("evaluations/new/", views.EvaluationCreateView.as_view(), name="evaluation_create"),
    path("evaluations/<int:pk>/", views.EvaluationDetailView.as_view(), name="evaluation_detail"),
    path("evaluations/<int:pk>/edit/", views.EvaluationEditView.as_view(), name="evaluation_edit"),
    path("evaluations/<int:pk>/delete/", views.EvaluationDeleteView.as_view(), name="evaluation_delete"),
    path("evaluations/<int:pk>/history/", views.EvaluationHistoryView.as_view(), name="evaluation_history"),
    path(
        "evaluations/<int:pk>/questions/new/",
        views.QuestionCreateView.as_view(),
        name="evaluation_question_create",
    ),
    path("evaluation-questions/<int:pk>/edit/", views.QuestionEditView.as_view(), name="evaluation_question_edit"),
    path(
        "evaluation-questions/<int:pk>/delete/",
        views.QuestionDeleteView.as_view(),
        name="evaluation_question_delete",
    ),
    path(
        "evaluation-questions/<int:pk>/history/",
        views.QuestionHistoryView.as_view(),
        name="evaluation_question_history",
    ),
    path("evaluations/<int:pk>/findings/new/", views.FindingCreateView.as_view(), name="evaluation_finding_create"),
    path("evaluation-findings/<int:pk>/edit/", views.FindingEditView.as_view(), name="evaluation_finding_edit"),
    path("evaluation-findings/<int:pk>/delete/", views.FindingDeleteView.as_view(), name="evaluation_finding_delete"),
    path(
        "evaluation-findings/<int:pk>/history/",
        views.FindingHistoryView.as_view(),
        name="evaluation_finding_history",
    ),
    path(
        "evaluations/<int:pk>/recommendations/new/",
        views.RecommendationCreateView.as_view(),
        name="recommendation_create",
    ),
    path("recommendations/<int:pk>/edit/", views.RecommendationEditView.as_view(), name="recommendation_edit"),
    path("recommendations/<int:pk>/delete/", views.RecommendationDeleteView.as_view(), name="recommendation_delete"),
    path("recommendations/<int:pk>/history/", views.RecommendationHistoryView.as_view(), name="recommendation_history"),
    path("recommendations/<int:pk>/response/", views.ResponseEditView.as_view(), name="management_response_edit"),
    path(
        "recommendations/<int:pk>/response/progress/",
        views.ResponseProgressView.as_view(),
        name="management_response_progress",
    ),
    path(
        "recommendations/<int:pk>/response/history/",
        views.ResponseHistoryView.as_view(),
        name="management_response_history",
    ),
    path("management-responses/", views.ResponseListView.as_view(), name="management_response_list"),
]
