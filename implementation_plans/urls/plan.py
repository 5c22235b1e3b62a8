"""URLs of the implementation plan: the plan area (the narrative, the workflow, versions and their comparison).
The names plan_detail (the process) and version_detail (the process and the version's number) are a contract:
Plan.get_absolute_url and PlanVersion.get_absolute_url use them."""

from django.urls import path

from implementation_plans.views import plan as views

urlpatterns = [
    path("plan/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plan/edit/", views.PlanEditView.as_view(), name="plan_edit"),
    path("plan/submit/", views.PlanSubmitView.as_view(), name="plan_submit"),
    path("plan/return/", views.PlanReturnView.as_view(), name="plan_return"),
    path("plan/endorse/", views.PlanEndorseView.as_view(), name="plan_endorse"),
    path("plan/publish/", views.PlanPublishView.as_view(), name="plan_publish"),
    path("plan/history/", views.PlanHistoryView.as_view(), name="plan_history"),
    path("plan/versions/", views.VersionListView.as_view(), name="version_list"),
    path("plan/versions/compare/", views.VersionCompareView.as_view(), name="version_compare"),
    path("plan/versions/<int:number>/", views.VersionDetailView.as_view(), name="version_detail"),
    path("plan/versions/<int:number>/history/", views.VersionHistoryView.as_view(), name="version_history"),
]
