"""
Where the committees area shows on the dashboard: its pages on the institutional set-up phase, the action
points overdue across the process, and, for a ministry focal point, their institution's open action points.
"""

from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase, Role
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_personal_panel, register_phase_page
from mainstreaming.selectors import request_membership
from stakeholders.selectors import committees as selectors


def overdue_action_points_panel(*, process, request) -> dict | None:
    """The action points overdue across the process (how many, and the five most overdue); two queries at most."""
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    count, overdue = selectors.overdue_action_points(process=process, limit=5)
    if not count:
        return None
    return {"template": "stakeholders/inc/committees_overdue_panel.html", "count": count, "action_points": overdue}


def my_action_points_panel(*, process, request) -> dict | None:
    """A ministry focal point's home: their institution's open action points, overdue first; three queries at most."""
    perms = permissions.process_perms(request, process)
    # Only a ministry focal point reads internal work without managing or reviewing it: the others need no query.
    if permissions.VIEW_INTERNAL not in perms or perms & {permissions.MANAGE_PROCESS, permissions.REVIEW_PROCESS}:
        return None
    membership = request_membership(request, process)
    if membership is None or membership.role != Role.MINISTRY or membership.institution is None:
        return None
    count, action_points = selectors.institution_open_action_points(
        process=process, institution=membership.institution, limit=10
    )
    if not count:
        return None
    return {
        "template": "stakeholders/inc/committees_my_action_points_panel.html",
        "institution": membership.institution,
        "count": count,
        "overdue_count": sum(1 for action_point in action_points if action_point.is_overdue),
        "action_points": action_points,
    }


def register() -> None:
    register_phase_page(
        Phase.INSTITUTIONAL_SETUP,
        PhasePage(label=_("Committees and meetings"), url_name="stakeholders:committee_list"),
    )
    register_phase_page(
        Phase.INSTITUTIONAL_SETUP, PhasePage(label=_("Action points"), url_name="stakeholders:action_point_list")
    )
    register_dashboard_panel(Phase.INSTITUTIONAL_SETUP, overdue_action_points_panel)
    register_personal_panel(my_action_points_panel)
