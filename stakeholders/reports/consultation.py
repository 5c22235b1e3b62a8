"""
The "institutional set-up and consultation" PDF: focal points, the committees and their members, meetings with
their decisions and action points, events with participation by sex, capacity development and the stakeholder
map. Listed, so the dashboard and the Reports page offer it, and publishable to development partners by the core.
"""

from datetime import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy

from mainstreaming import report_kinds
from mainstreaming.models import Report
from stakeholders.choices import MemberRole
from stakeholders.models import (
    ActionPoint,
    Committee,
    CommitteeMember,
    FocalPointDesignation,
    Meeting,
)
from stakeholders.selectors import consultation as selectors

INSTITUTIONAL_SETUP = "institutional_setup"


def _attendance_by_sex(meeting) -> selectors.SexCounts:
    counts = selectors.SexCounts()
    for person in meeting.attendance.all():
        setattr(counts, person.sex, getattr(counts, person.sex, 0) + 1)
    return counts


def institutional_setup_context(report: Report, data_read_at: datetime) -> dict:
    """What the PDF prints, read in a fixed number of queries whatever the size of the process."""
    process = report.process
    focal_points = list(
        FocalPointDesignation.objects.filter(process=process, is_current=True)
        .select_related("institution")
        .order_by("institution__name")
    )
    members = CommitteeMember.objects.filter(is_active=True).select_related("institution")
    committees = list(
        Committee.objects.filter(process=process)
        .select_related("chair_institution")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("kind")
    )
    action_points = ActionPoint.objects.select_related("owner", "decision").order_by("due_on", "created")
    meetings = list(
        Meeting.objects.filter(process=process)
        .select_related("committee")
        .prefetch_related(
            "decisions",
            "attendance",
            Prefetch("action_points", queryset=action_points),
        )
        .order_by("held_on", "created")
    )
    role_order = {value: index for index, value in enumerate(MemberRole.values)}
    for committee in committees:
        committee.active_members = sorted(
            committee.members.all(),
            key=lambda member: (role_order.get(member.member_role, 99), member.institution.name.lower()),
        )
    for meeting in meetings:
        meeting.attendance_by_sex = _attendance_by_sex(meeting)
    events = selectors.events_for_report(process=process)
    return {
        "focal_points": focal_points,
        "committees": committees,
        "meetings": meetings,
        "events": events,
        "event_totals": selectors.participation_totals(events),
        **selectors.capacity_overview(process=process),
        **selectors.stakeholder_map(process=process),
    }


def register() -> None:
    report_kinds.register(
        report_kinds.ReportKindSpec(
            kind=INSTITUTIONAL_SETUP,
            label=gettext_lazy("Institutional set-up and consultation"),
            template="pdf/institutional_setup.html",
            build_context=institutional_setup_context,
            listed=True,
        )
    )
