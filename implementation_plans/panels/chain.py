"""
Where the chain area shows on the dashboard: its pages on the implementation-plan phase (the results chain, the
proposed activities, the catalogue of programme experiences), a panel counting the chain, and, for a ministry
focal point, their institution's activities to keep up to date and their proposals.
"""

from django.utils.translation import gettext_lazy as _

from implementation_plans.selectors import chain as selectors
from mainstreaming import permissions
from mainstreaming.choices import Phase, Role
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_personal_panel, register_phase_page
from mainstreaming.selectors import membership_of

PAGES = (
    (_("Results chain"), "implementation_plans:results_chain", permissions.VIEW_INTERNAL),
    (_("Proposed activities"), "implementation_plans:proposal_list", permissions.VIEW_INTERNAL),
    (_("Programme experiences"), "implementation_plans:programme_example_list", permissions.VIEW_PROCESS),
)


def chain_panel(*, process, request) -> dict | None:
    """How many outcomes, outputs and activities the plan has, and the proposals pending: two queries."""
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    return {"template": "implementation_plans/inc/chain_panel.html", **selectors.chain_counts(process)}


def my_activities_panel(*, process, request) -> dict | None:
    """A ministry focal point's home: their institution's open activities and their proposals; three queries."""
    perms = permissions.process_perms(request, process)
    # Only a ministry focal point reads internal work without managing or reviewing it: the others need no query.
    if permissions.VIEW_INTERNAL not in perms or perms & {permissions.MANAGE_PROCESS, permissions.REVIEW_PROCESS}:
        return None
    membership = membership_of(user=request.user, process=process)
    if membership is None or membership.role != Role.MINISTRY or membership.institution is None:
        return None
    work = selectors.institution_work(process=process, institution=membership.institution)
    if not work["activities"] and not any(work["proposals"].values()):
        return None
    return {
        "template": "implementation_plans/inc/chain_for_you_panel.html",
        "institution": membership.institution,
        **work,
    }


def register() -> None:
    for label, url_name, permission in PAGES:
        register_phase_page(Phase.IMPLEMENTATION_PLAN, PhasePage(label=label, url_name=url_name, permission=permission))
    register_dashboard_panel(Phase.IMPLEMENTATION_PLAN, chain_panel)
    register_personal_panel(my_activities_panel)
