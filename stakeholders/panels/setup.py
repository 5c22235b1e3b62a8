"""
Phase pages and dashboard panels of the setup area: the preconditions check on the preparation phase, focal points
on the institutional set-up phase. Each panel costs a fixed number of queries and shows nothing to development
partners.
"""

from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_phase_page
from stakeholders.selectors import setup as selectors


def _sees_internal(process, request) -> bool:
    return permissions.has_perm(request, permissions.VIEW_INTERNAL, process)


def preconditions_panel(*, process, request) -> dict | None:
    """How many conditions stand at each status, and the latest go or postpone decision (two queries)."""
    if not _sees_internal(process, request):
        return None
    return {
        "template": "stakeholders/inc/setup_preconditions_panel.html",
        **selectors.precondition_summary(process=process),
    }


def focal_points_panel(*, process, request) -> dict | None:
    """The institutions still without a focal point and the requests overdue (two queries)."""
    if not _sees_internal(process, request):
        return None
    return {
        "template": "stakeholders/inc/setup_focal_points_panel.html",
        **selectors.focal_point_summary(process=process),
    }


def register() -> None:
    register_phase_page(
        Phase.PREPARATION, PhasePage(label=_("Preconditions check"), url_name="stakeholders:precondition_list")
    )
    register_phase_page(
        Phase.INSTITUTIONAL_SETUP, PhasePage(label=_("Focal points"), url_name="stakeholders:focal_point_list")
    )
    register_dashboard_panel(Phase.PREPARATION, preconditions_panel)
    register_dashboard_panel(Phase.INSTITUTIONAL_SETUP, focal_points_panel)
