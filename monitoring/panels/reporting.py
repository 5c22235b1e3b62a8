"""
Progress reporting on the dashboard: the "Progress reports" page under "Monitoring and evaluation"; a card with the
overdue reports and those awaiting review (one query, internal readers only); and a "For you" panel listing a
ministry focal point's own institution's reports still to fill in, with their due dates (one query).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_personal_panel, register_phase_page
from monitoring.choices import PeriodStatus, ReportStatus
from monitoring.models import ProgressReport
from monitoring.selectors.reporting import is_overdue

PAGES = ((_("Progress reports"), "monitoring:period_list"),)

# How many reports each list of the card shows; the counts cover them all.
SHOWN = 5


def reporting_panel(*, process, request) -> dict | None:
    """Overdue draft reports of open periods, and submitted reports awaiting review: one query."""
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    today = timezone.localdate()
    reports = list(
        ProgressReport.objects.filter(process=process, period__status=PeriodStatus.OPEN)
        .filter(status__in=(ReportStatus.DRAFT, ReportStatus.SUBMITTED))
        .select_related("period", "institution")
        .order_by("period__due_on", "submitted_at", "institution__name")
    )
    overdue = [r for r in reports if is_overdue(r, today=today)]
    waiting = [r for r in reports if r.status == ReportStatus.SUBMITTED]
    for report in overdue:
        report.days_overdue = (today - report.period.due_on).days
    return {
        "template": "monitoring/inc/reporting_panel.html",
        "overdue": overdue[:SHOWN],
        "overdue_count": len(overdue),
        "waiting": waiting[:SHOWN],
        "waiting_count": len(waiting),
        "open_count": len(reports),
        "can_review": permissions.has_perm(request, permissions.REVIEW_PROCESS, process),
    }


def reports_for_you_panel(*, process, request) -> dict | None:
    """
    A ministry focal point's reports to fill in: the draft reports of open periods of the institution whose
    focal-point group they belong to, soonest due first. One query; nothing when there is nothing to do.
    """
    perms = permissions.process_perms(request, process)
    if permissions.VIEW_INTERNAL not in perms or permissions.REVIEW_PROCESS in perms:
        return None
    today = timezone.localdate()
    reports = list(
        ProgressReport.objects.filter(
            process=process,
            status=ReportStatus.DRAFT,
            period__status=PeriodStatus.OPEN,
            institution__group__user=request.user,
        )
        .select_related("period", "institution")
        .order_by("period__due_on", "institution__name")
        .distinct()
    )
    if not reports:
        return None
    for report in reports:
        report.is_overdue = is_overdue(report, today=today)
    return {
        "template": "monitoring/inc/for_you_reports.html",
        "reports": reports,
        "overdue_count": sum(1 for r in reports if r.is_overdue),
    }


def register() -> None:
    for label, url_name in PAGES:
        register_phase_page(Phase.MONITORING, PhasePage(label=label, url_name=url_name))
    register_dashboard_panel(Phase.MONITORING, reporting_panel)
    register_personal_panel(reports_for_you_panel)
