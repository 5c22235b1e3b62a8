"""Phase pages and dashboard panels of the budget area: the budget and timeline pages, and the plan's totals."""

from django.utils.translation import gettext_lazy as _

from implementation_plans.selectors import budget as selectors
from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_phase_page

PAGES = (
    (_("Budget and funding"), "implementation_plans:budget_overview"),
    (_("Timeline"), "implementation_plans:timeline"),
)


def budget_panel(*, process, request) -> dict | None:
    """The plan's total cost, what is secured and the funding gap, in its currency: two queries, whatever the size.
    Internal readers only: development partners read the published plan instead."""
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    return {"template": "implementation_plans/budget_panel.html", **selectors.dashboard_totals(process)}


def register() -> None:
    for label, url_name in PAGES:
        register_phase_page(Phase.IMPLEMENTATION_PLAN, PhasePage(label=label, url_name=url_name))
    register_dashboard_panel(Phase.IMPLEMENTATION_PLAN, budget_panel)
