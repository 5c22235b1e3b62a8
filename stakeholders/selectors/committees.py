"""
The read side of the committees area: committees with their members and meetings, a meeting with everything it
recorded, and action points (all of a process, overdue ones, one institution's open ones).

Every function joins what its page shows, so that a page costs the same number of queries whatever the number
of members, meetings, attendees or action points.
"""

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mainstreaming import history
from mainstreaming.models import Institution, Process, Report
from stakeholders.choices import MeetingStatus, Sex
from stakeholders.models import ActionPoint, Attendance, Committee, CommitteeMember, Meeting, MeetingDecision


def _today() -> date:
    return timezone.localdate()


# ---------------------------------------------------------------------------
# Committees
# ---------------------------------------------------------------------------


def committee_list(*, process: Process) -> QuerySet[Committee]:
    """The process's committees (at most one of each kind), with active members, last and next meeting."""
    today = _today()
    meetings = Meeting.objects.filter(committee=OuterRef("pk"))
    last_held = meetings.filter(status=MeetingStatus.HELD, held_on__lte=today).order_by("-held_on")
    next_planned = meetings.filter(status=MeetingStatus.PLANNED, held_on__gte=today).order_by("held_on")
    return (
        process.committees.select_related("chair_institution")
        .annotate(
            member_count=Count("members", filter=Q(members__is_active=True)),
            last_meeting_on=Subquery(last_held.values("held_on")[:1]),
            last_meeting_pk=Subquery(last_held.values("pk")[:1]),
            next_meeting_on=Subquery(next_planned.values("held_on")[:1]),
            next_meeting_pk=Subquery(next_planned.values("pk")[:1]),
        )
        .order_by("kind")
    )


def committee_get(*, process: Process, pk) -> Committee:
    """One committee of the process (404 otherwise), with its members and meetings (newest first)."""
    queryset = process.committees.select_related("chair_institution").prefetch_related(
        Prefetch(
            "members",
            queryset=CommitteeMember.objects.select_related("institution").order_by(
                "-is_active", "member_role", "institution__name", "person_name"
            ),
        ),
        Prefetch(
            "meetings",
            queryset=Meeting.objects.annotate(
                attendee_count=Count("attendance", distinct=True),
                decision_count=Count("decisions", distinct=True),
                action_point_count=Count("action_points", distinct=True),
            ).order_by("-held_on", "-created"),
        ),
    )
    return get_object_or_404(queryset, pk=pk)


def committee_member_get(*, committee: Committee, pk) -> CommitteeMember:
    return get_object_or_404(committee.members.select_related("institution"), pk=pk)


def committee_kinds_taken(*, process: Process) -> set[str]:
    return set(process.committees.values_list("kind", flat=True))


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------


def meeting_get(*, process: Process, pk) -> Meeting:
    """One meeting of the process (404 otherwise), with its attendance, decisions and action points."""
    queryset = process.meetings.select_related("committee").prefetch_related(
        Prefetch("attendance", queryset=Attendance.objects.select_related("institution").order_by("person_name")),
        Prefetch("decisions", queryset=MeetingDecision.objects.order_by("position", "created")),
        Prefetch(
            "action_points",
            queryset=ActionPoint.objects.with_overdue()
            .select_related("owner", "decision")
            .order_by("due_on", "created"),
        ),
    )
    return get_object_or_404(queryset, pk=pk)


def meeting_for_form(*, process: Process, pk) -> Meeting:
    """A meeting and its committee only, for the pages that add to it."""
    return get_object_or_404(process.meetings.select_related("committee"), pk=pk)


def attendance_by_sex(attendance) -> list[tuple[str, int]]:
    """(label, count) for each sex, in the order of the Sex choices, then the total; from an already loaded list."""
    counts = Counter(row.sex for row in attendance)
    return [(label, counts.get(value, 0)) for value, label in Sex.choices]


def minutes_reports(*, meeting: Meeting, limit: int = 5) -> list[Report]:
    """The latest builds of a meeting's minutes."""
    return list(
        Report.objects.filter(process_id=meeting.process_id, kind="meeting_minutes", parameters__meeting=meeting.pk)
        .select_related("requested_by")
        .order_by("-created")[:limit]
    )


def attendance_history(*, meeting: Meeting) -> tuple[dict[int, list[history.HistoryEntry]], list]:
    """
    The history of every attendee of a meeting, removed ones included, in three queries whatever their number:
    ({attendance id: entries, newest first}, [(last known record, entries) of each removed attendee]).
    """
    records = list(
        Attendance.history.filter(meeting_id=meeting.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    institutions = Institution.objects.in_bulk({r.institution_id for r in records if r.institution_id})
    sexes = dict(Sex.choices)
    labels = {
        "person_name": Attendance._meta.get_field("person_name").verbose_name,
        "institution": Attendance._meta.get_field("institution").verbose_name,
        "sex": Attendance._meta.get_field("sex").verbose_name,
    }

    def show(name, value):
        if value in (None, ""):
            return "—"
        if name == "institution_id":
            return str(institutions.get(value, f"#{value}"))
        if name == "sex":
            return str(sexes.get(value, value))
        return str(value)

    grouped = defaultdict(list)
    for record in records:
        grouped[record.id].append(record)
    entries_by_id, removed = {}, []
    for attendance_id, rows in grouped.items():
        entries, previous = [], None
        for record in rows:
            changes = []
            for name, label in (("person_name", "person_name"), ("institution_id", "institution"), ("sex", "sex")):
                old = getattr(previous, name) if previous is not None else None
                new = getattr(record, name)
                if record.history_type == "-" or (previous is not None and old == new):
                    continue
                if previous is None and new in (None, ""):
                    continue
                changes.append(history.FieldChange(str(labels[label]), show(name, old), show(name, new)))
            code, reason = history.split_reason(record.history_change_reason)
            entries.append(
                history.HistoryEntry(
                    date=record.history_date,
                    user=history.user_label(record.history_user),
                    kind=history.KINDS.get(record.history_type, record.history_type),
                    code=code,
                    reason=reason,
                    changes=changes,
                )
            )
            previous = record
        entries.reverse()
        if rows[-1].history_type == "-":
            removed.append((rows[-1], entries))
        else:
            entries_by_id[attendance_id] = entries
    return entries_by_id, removed


# ---------------------------------------------------------------------------
# Action points
# ---------------------------------------------------------------------------


def action_point_list(
    *, process: Process, status: str = "", owner_id: int | None = None, overdue_only: bool = False
) -> QuerySet[ActionPoint]:
    """All action points of a process, soonest due first, narrowed by status, owner or being overdue."""
    queryset = process.action_points.with_overdue().select_related("owner", "meeting", "meeting__committee", "decision")
    queryset = queryset.order_by("due_on", "created")
    if status:
        queryset = queryset.filter(status=status)
    if owner_id:
        queryset = queryset.filter(owner_id=owner_id)
    if overdue_only:
        queryset = queryset.overdue()
    return queryset


def action_point_get(*, process: Process, pk) -> ActionPoint:
    queryset = process.action_points.with_overdue().select_related("owner", "meeting", "meeting__committee", "decision")
    action_point = get_object_or_404(queryset, pk=pk)
    action_point.process = process  # the rules ask for it: no second query
    return action_point


def overdue_action_points(*, process: Process, limit: int = 5) -> tuple[int, list[ActionPoint]]:
    """How many action points of the process are overdue, and the `limit` most overdue of them."""
    queryset = process.action_points.overdue()
    count = queryset.count()
    if not count:
        return 0, []
    return count, list(queryset.select_related("owner").order_by("due_on", "created")[:limit])


def institution_open_action_points(
    *, process: Process, institution: Institution, limit: int = 10
) -> tuple[int, list[ActionPoint]]:
    """An institution's open action points, overdue first, then soonest due; and how many there are in all."""
    queryset = process.action_points.open().filter(owner=institution)
    count = queryset.count()
    if not count:
        return 0, []
    shown = queryset.with_overdue().select_related("meeting__committee").order_by("-is_overdue", "due_on", "created")
    return count, list(shown[:limit])
