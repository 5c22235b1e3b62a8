"""
URLs of the goals, priorities and implementation plan phase, under /processes/<process_pk>/ in the
implementation_plans namespace. One module per area: goals (pillars, goals, prioritisation, targets), chain
(outcomes, outputs, activities, risks, the catalogue of programme experiences), budget (budget lines, funding,
totals, timeline, the matrix export), plan (the narrative, versions, review, endorsement, publication).
"""

from implementation_plans.urls import budget, chain, goals, plan

app_name = "implementation_plans"

urlpatterns = [*goals.urlpatterns, *chain.urlpatterns, *budget.urlpatterns, *plan.urlpatterns]
