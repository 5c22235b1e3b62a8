"""URLs of the situation analysis: findings. The names are a contract: the plan's priorities link to finding_detail."""

from django.urls import path

from situation_analysis.views import findings as views

urlpatterns = [
    path("findings/", views.FindingListView.as_view(), name="finding_list"),
    path("findings/new/", views.FindingCreateView.as_view(), name="finding_create"),
    path("findings/<int:pk>/", views.FindingDetailView.as_view(), name="finding_detail"),
    path("findings/<int:pk>/edit/", views.FindingEditView.as_view(), name="finding_edit"),
    path("findings/<int:pk>/delete/", views.FindingDeleteView.as_view(), name="finding_delete"),
    path("findings/<int:pk>/history/", views.FindingHistoryView.as_view(), name="finding_history"),
]
