"""
URLs of the implementation plan: the chain area (the results chain goal > outcome > output > activity, risks,
ministries' proposals, and the catalogue of programme experiences). The names are a contract: the goals area
links to results_chain and outcome_create, the budget area to activity_detail.
"""

from django.urls import path

from implementation_plans.views import chain as views

urlpatterns = [
    path("chain/", views.ResultsChainView.as_view(), name="results_chain"),
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    # Outcomes
    path("goals/<int:pk>/outcomes/new/", views.OutcomeCreateView.as_view(), name="outcome_create"),
    path("outcomes/<int:pk>/", views.OutcomeDetailView.as_view(), name="outcome_detail"),
    path("outcomes/<int:pk>/edit/", views.OutcomeEditView.as_view(), name="outcome_edit"),
    path("outcomes/<int:pk>/delete/", views.OutcomeDeleteView.as_view(), name="outcome_delete"),
    path("outcomes/<int:pk>/history/", views.OutcomeHistoryView.as_view(), name="outcome_history"),
    path("outcomes/<int:pk>/reorder/", views.OutcomeReorderView.as_view(), name="outcome_reorder"),
    path("outcomes/<int:pk>/move/", views.OutcomeMoveView.as_view(), name="outcome_move"),
    path("outcomes/<int:pk>/copy/", views.OutcomeCopyView.as_view(), name="outcome_copy"),
    # Outputs
    path("outcomes/<int:pk>/outputs/new/", views.OutputCreateView.as_view(), name="output_create"),
    path("outputs/<int:pk>/", views.OutputDetailView.as_view(), name="output_detail"),
    path("outputs/<int:pk>/edit/", views.OutputEditView.as_view(), name="output_edit"),
    path("outputs/<int:pk>/delete/", views.OutputDeleteView.as_view(), name="output_delete"),
    path("outputs/<int:pk>/history/", views.OutputHistoryView.as_view(), name="output_history"),
    path("outputs/<int:pk>/reorder/", views.OutputReorderView.as_view(), name="output_reorder"),
    path("outputs/<int:pk>/move/", views.OutputMoveView.as_view(), name="output_move"),
    path("outputs/<int:pk>/copy/", views.OutputCopyView.as_view(), name="output_copy"),
    # Risks of an outcome or an output
    path("outcomes/<int:pk>/risks/new/", views.OutcomeRiskCreateView.as_view(), name="outcome_risk_create"),
    path("outputs/<int:pk>/risks/new/", views.OutputRiskCreateView.as_view(), name="output_risk_create"),
    path("risks/<int:pk>/edit/", views.RiskEditView.as_view(), name="risk_edit"),
    path("risks/<int:pk>/delete/", views.RiskDeleteView.as_view(), name="risk_delete"),
    path("risks/<int:pk>/history/", views.RiskHistoryView.as_view(), name="risk_history"),
    # Activities
    path("outputs/<int:pk>/activities/new/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("outputs/<int:pk>/activities/propose/", views.ActivityProposeView.as_view(), name="activity_propose"),
    path("activities/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("activities/<int:pk>/edit/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("activities/<int:pk>/progress/", views.ActivityProgressView.as_view(), name="activity_progress"),
    path("activities/<int:pk>/delete/", views.ActivityDeleteView.as_view(), name="activity_delete"),
    path("activities/<int:pk>/history/", views.ActivityHistoryView.as_view(), name="activity_history"),
    path("activities/<int:pk>/reorder/", views.ActivityReorderView.as_view(), name="activity_reorder"),
    path("activities/<int:pk>/move/", views.ActivityMoveView.as_view(), name="activity_move"),
    path("activities/<int:pk>/copy/", views.ActivityCopyView.as_view(), name="activity_copy"),
    path("activities/<int:pk>/accept/", views.ActivityAcceptView.as_view(), name="activity_accept"),
    path("activities/<int:pk>/decline/", views.ActivityDeclineView.as_view(), name="activity_decline"),
    # The catalogue of programme experiences
    path("experiences/", views.ProgrammeExampleListView.as_view(), name="programme_example_list"),
    path("experiences/<int:pk>/", views.ProgrammeExampleDetailView.as_view(), name="programme_example_detail"),
    path("experiences/<int:pk>/use/", views.ProgrammeExampleUseView.as_view(), name="programme_example_use"),
    path(
        "experiences/<int:pk>/history/", views.ProgrammeExampleHistoryView.as_view(), name="programme_example_history"
    ),
]
