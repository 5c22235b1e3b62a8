"""
URLs of the implementation plan: the goals area (national plan pillars, goals, prioritisation criteria, candidate
priorities with their scoring, ranking and selection, SMART targets). The names are a contract: the budget and
chain areas link to goal_detail and priority_detail.
"""

from django.urls import path

from implementation_plans.views import goals as views

urlpatterns = [
    path("pillars/", views.PillarListView.as_view(), name="pillar_list"),
    path("pillars/new/", views.PillarCreateView.as_view(), name="pillar_create"),
    path("pillars/<int:pk>/edit/", views.PillarEditView.as_view(), name="pillar_edit"),
    path("pillars/<int:pk>/delete/", views.PillarDeleteView.as_view(), name="pillar_delete"),
    path("pillars/<int:pk>/history/", views.PillarHistoryView.as_view(), name="pillar_history"),
    path("goals/", views.GoalListView.as_view(), name="goal_list"),
    path("goals/new/", views.GoalCreateView.as_view(), name="goal_create"),
    path("goals/<int:pk>/", views.GoalDetailView.as_view(), name="goal_detail"),
    path("goals/<int:pk>/edit/", views.GoalEditView.as_view(), name="goal_edit"),
    path("goals/<int:pk>/delete/", views.GoalDeleteView.as_view(), name="goal_delete"),
    path("goals/<int:pk>/history/", views.GoalHistoryView.as_view(), name="goal_history"),
    path("goals/<int:pk>/priorities/new/", views.PriorityCreateView.as_view(), name="priority_create"),
    path("criteria/", views.CriterionListView.as_view(), name="criterion_list"),
    path("criteria/new/", views.CriterionCreateView.as_view(), name="criterion_create"),
    path("criteria/<int:pk>/edit/", views.CriterionEditView.as_view(), name="criterion_edit"),
    path("criteria/<int:pk>/delete/", views.CriterionDeleteView.as_view(), name="criterion_delete"),
    path("criteria/<int:pk>/history/", views.CriterionHistoryView.as_view(), name="criterion_history"),
    path("priorities/", views.PriorityRankingView.as_view(), name="priority_ranking"),
    path("priorities/score/", views.PriorityScoreView.as_view(), name="priority_score"),
    path("priorities/<int:pk>/", views.PriorityDetailView.as_view(), name="priority_detail"),
    path("priorities/<int:pk>/edit/", views.PriorityEditView.as_view(), name="priority_edit"),
    path("priorities/<int:pk>/delete/", views.PriorityDeleteView.as_view(), name="priority_delete"),
    path("priorities/<int:pk>/history/", views.PriorityHistoryView.as_view(), name="priority_history"),
    path("priorities/<int:pk>/select/", views.PrioritySelectView.as_view(), name="priority_select"),
    path("priorities/<int:pk>/unselect/", views.PriorityUnselectView.as_view(), name="priority_unselect"),
    path("priorities/<int:pk>/targets/new/", views.TargetCreateView.as_view(), name="target_create"),
    path("targets/<int:pk>/edit/", views.TargetEditView.as_view(), name="target_edit"),
    path("targets/<int:pk>/delete/", views.TargetDeleteView.as_view(), name="target_delete"),
    path("targets/<int:pk>/history/", views.TargetHistoryView.as_view(), name="target_history"),
]
