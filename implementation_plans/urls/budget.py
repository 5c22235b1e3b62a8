"""URLs of the implementation plan: the budget area (totals, timeline, the matrix export, budget lines, funding).
The names are a contract: the activity page links to budget_line_create and funding_create, the plan to the rest."""

from django.urls import path

from implementation_plans.views import budget as views

urlpatterns = [
    path("budget/", views.BudgetOverviewView.as_view(), name="budget_overview"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("plan/matrix.xlsx", views.MatrixExportView.as_view(), name="matrix_export"),
    path("activities/<int:pk>/budget/new/", views.BudgetLineCreateView.as_view(), name="budget_line_create"),
    path("budget-lines/<int:pk>/edit/", views.BudgetLineEditView.as_view(), name="budget_line_edit"),
    path("budget-lines/<int:pk>/delete/", views.BudgetLineDeleteView.as_view(), name="budget_line_delete"),
    path("budget-lines/<int:pk>/history/", views.BudgetLineHistoryView.as_view(), name="budget_line_history"),
    path("activities/<int:pk>/funding/new/", views.FundingCreateView.as_view(), name="funding_create"),
    path("funding/<int:pk>/edit/", views.FundingEditView.as_view(), name="funding_edit"),
    path("funding/<int:pk>/delete/", views.FundingDeleteView.as_view(), name="funding_delete"),
    path("funding/<int:pk>/history/", views.FundingHistoryView.as_view(), name="funding_history"),
]
