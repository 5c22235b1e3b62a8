"""
Where evaluations show on the dashboard: the "Evaluations" page of the monitoring and evaluation phase, a card with
the management responses still open and overdue (one query when none is open, two otherwise), and, for a ministry
focal point, their institution's open responses on their home (no query for the other roles, two at most).
"""

from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase, Role
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_personal_panel, register_phase_page
from mainstreaming.selectors import request_membership
from monitoring.selectors import evaluations as selectors


def responses_panel(*, process, request) -> dict | None:
    """Open and overdue management responses across the process, with the five most overdue."""
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    summary = selectors.response_summary(process=process)
    if not summary["open"]:
        return None
    overdue = selectors.overdue_responses(process=process, limit=5) if summary["overdue"] else []
    return {"template": "monitoring/response_panel.html", **summary, "responses": overdue}


def my_responses_panel(*, process, request) -> dict | None:
    """A ministry focal point's home: the follow-ups of evaluations their institution owns and has not completed."""
    perms = permissions.process_perms(request, process)
    if permissions.VIEW_INTERNAL not in perms or perms & {permissions.MANAGE_PROCESS, permissions.REVIEW_PROCESS}:
        return None
    membership = request_membership(request, process)
    if membership is None or membership.role != Role.MINISTRY or membership.institution is None:
        return None
    count, responses = selectors.institution_open_responses(
        process=process, institution=membership.institution, limit=10
    )
    if not count:
        return None
    return {
        "template": "monitoring/response_personal_panel.html",
        "institution": membership.institution,
        "count": count,
        "overdue_count": sum(1 for response in responses if response.is_overdue),
        "responses": responses,
    }


def register() -> None:
    register_phase_page(Phase.MONITORING, PhasePage(label=_("Evaluations"), url_name="monitoring:evaluation_list"))
    register_dashboard_panel(Phase.MONITORING, responses_panel)
    register_personal_panel(my_responses_panel)
