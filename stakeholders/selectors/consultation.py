"""
The read side of the consultation area: events and participation by sex, capacity needs and whether an activity
answers them, and the stakeholder map. Every function costs a fixed number of queries, however many records the
process holds, and the screens and the PDF read through the same functions.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from mainstreaming import charts
from mainstreaming.choices import InstitutionKind
from mainstreaming.models import Institution, Process
from stakeholders.choices import StakeholderCategory
from stakeholders.models import (
    CapacityActivity,
    CapacityArea,
    CapacityNeed,
    Event,
    EventKind,
    EventParticipation,
    StakeholderProfile,
)

# ---------------------------------------------------------------------------
# Participation by sex
# ---------------------------------------------------------------------------


@dataclass
class SexCounts:
    """How many women, men and people whose sex was not stated took part."""

    female: int = 0
    male: int = 0
    not_stated: int = 0

    @property
    def total(self) -> int:
        return self.female + self.male + self.not_stated

    def add(self, other) -> "SexCounts":
        self.female += other.female or 0
        self.male += other.male or 0
        self.not_stated += other.not_stated or 0
        return self


@dataclass
class ParticipationRow:
    category: str
    label: str
    counts: SexCounts


@dataclass
class Participation:
    """An event's participation: one row per category that took part, in the list's order, and the totals."""

    rows: list[ParticipationRow] = field(default_factory=list)
    totals: SexCounts = field(default_factory=SexCounts)


def participation_of(rows: list[EventParticipation]) -> Participation:
    labels = dict(StakeholderCategory.choices)
    order = {value: index for index, value in enumerate(StakeholderCategory.values)}
    result = Participation()
    for row in sorted(rows, key=lambda row: order.get(row.category, len(order))):
        counts = SexCounts(row.female, row.male, row.not_stated)
        result.rows.append(ParticipationRow(row.category, str(labels.get(row.category, row.category)), counts))
        result.totals.add(counts)
    return result


def category_labels(values) -> list[str]:
    labels = dict(StakeholderCategory.choices)
    return [str(labels.get(value, value)) for value in values or []]


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


def event_kinds() -> list[EventKind]:
    return list(EventKind.objects.all())


def event_list(*, process: Process, kind: str = "") -> list[Event]:
    """Events newest first, each with `.participants` (SexCounts) summed in the database."""
    queryset = (
        process.events.select_related("kind", "organiser")
        .annotate(
            women=Coalesce(Sum("participation__female"), 0),
            men=Coalesce(Sum("participation__male"), 0),
            unstated=Coalesce(Sum("participation__not_stated"), 0),
        )
        .order_by("-held_on", "-created")
    )
    if kind:
        queryset = queryset.filter(kind__code=kind)
    events = list(queryset)
    for event in events:
        event.participants = SexCounts(event.women, event.men, event.unstated)
    return events


def participation_totals(events: list[Event]) -> SexCounts:
    totals = SexCounts()
    for event in events:
        totals.add(event.participants)
    return totals


def event_get(*, process: Process, pk) -> Event:
    """One event of the process (404 otherwise), with its targets and `.participation_summary`."""
    queryset = process.events.select_related("kind", "organiser").prefetch_related(
        Prefetch("target_institutions", queryset=Institution.objects.order_by("name")), "participation"
    )
    event = get_object_or_404(queryset, pk=pk)
    event.participation_summary = participation_of(list(event.participation.all()))
    event.target_category_labels = category_labels(event.target_categories)
    return event


def event_find(*, process: Process, pk) -> Event:
    """One event of the process, without its related rows (for the forms)."""
    return get_object_or_404(process.events.select_related("kind", "organiser"), pk=pk)


def events_summary(*, process: Process) -> dict:
    """How many events there were and how many people took part, by sex, in one query."""
    sums = process.events.aggregate(
        event_count=Count("id", distinct=True),
        female=Coalesce(Sum("participation__female"), 0),
        male=Coalesce(Sum("participation__male"), 0),
        not_stated=Coalesce(Sum("participation__not_stated"), 0),
    )
    count = sums.pop("event_count")
    return {"event_count": count, "participants": SexCounts(**sums)}


# ---------------------------------------------------------------------------
# Capacity development
# ---------------------------------------------------------------------------


def capacity_areas() -> list[CapacityArea]:
    return list(CapacityArea.objects.all())


def capacity_needs(*, process: Process) -> list[CapacityNeed]:
    """The needs by institution and area, each with `.answered_by` (its activities) and `.is_covered`."""
    activities = CapacityActivity.objects.order_by("-held_on", "-created")
    needs = list(
        process.capacity_needs.select_related("institution", "area")
        .prefetch_related(Prefetch("activities", queryset=activities, to_attr="answered_by"))
        .order_by("institution__name", "area__position", "area__name", "created")
    )
    for need in needs:
        need.is_covered = bool(need.answered_by)
    return needs


def capacity_activities(*, process: Process) -> list[CapacityActivity]:
    """Activities newest first, each with the needs it answers (and their institutions)."""
    needs = CapacityNeed.objects.select_related("institution", "area").order_by("institution__name", "area__position")
    return list(
        process.capacity_activities.prefetch_related(Prefetch("needs", queryset=needs)).order_by("-held_on", "-created")
    )


def capacity_overview(*, process: Process) -> dict:
    needs = capacity_needs(process=process)
    activities = capacity_activities(process=process)
    covered = sum(1 for need in needs if need.is_covered)
    by_institution = [(institution, list(rows)) for institution, rows in groupby(needs, key=lambda n: n.institution)]
    trained = SexCounts()
    for activity in activities:
        trained.add(SexCounts(activity.participants_female, activity.participants_male))
    return {
        "needs": needs,
        "needs_by_institution": by_institution,
        "activities": activities,
        "covered_count": covered,
        "need_count": len(needs),
        "uncovered": [need for need in needs if not need.is_covered],
        "trained": trained,
    }


def capacity_summary(*, process: Process) -> dict:
    """Needs covered x of y, in one query."""
    counts = process.capacity_needs.aggregate(
        total=Count("id", distinct=True), covered=Count("id", filter=Q(activities__isnull=False), distinct=True)
    )
    return {"need_count": counts["total"], "covered_count": counts["covered"]}


def capacity_need_get(*, process: Process, pk) -> CapacityNeed:
    return get_object_or_404(process.capacity_needs.select_related("institution", "area"), pk=pk)


def capacity_activity_get(*, process: Process, pk) -> CapacityActivity:
    needs = CapacityNeed.objects.select_related("institution", "area").order_by("institution__name", "area__position")
    return get_object_or_404(process.capacity_activities.prefetch_related(Prefetch("needs", queryset=needs)), pk=pk)


def need_choices(*, process: Process) -> QuerySet[CapacityNeed]:
    return process.capacity_needs.select_related("institution", "area").order_by("institution__name", "area__position")


# ---------------------------------------------------------------------------
# Stakeholder map
# ---------------------------------------------------------------------------


def short_label(institution: Institution) -> str:
    """What the map writes beside an institution's dot: its acronym, or the first words of its name."""
    if institution.acronym:
        return institution.acronym
    if len(institution.name) <= 14:
        return institution.name
    label = ""
    for word in institution.name.split():
        if len(label) + len(word) + 1 > 13:
            break
        label = f"{label} {word}".strip()
    return (label or institution.name[:12]) + "…"


def map_chart(institutions: list[Institution]):
    """The interest × influence matrix of the placed institutions: the one drawing the screen and the PDF share."""
    points = [
        (short_label(institution), institution.profile.interest, institution.profile.influence)
        for institution in institutions
    ]
    return charts.interest_influence_matrix(points, title=_("Stakeholder map: interest and influence"))


def stakeholder_map(*, process: Process) -> dict:
    """
    Every institution of the process with its profile (or None) as `.profile`, grouped by kind; the placed ones
    drawn on the matrix; the ones not yet placed listed apart. One query.
    """
    kind_labels = dict(InstitutionKind.choices)
    kind_order = {value: index for index, value in enumerate(InstitutionKind.values)}
    institutions = sorted(
        process.institutions.select_related("stakeholder_profile"),
        key=lambda institution: (kind_order.get(institution.kind, 99), institution.name.lower()),
    )
    for institution in institutions:
        try:
            institution.profile = institution.stakeholder_profile
        except StakeholderProfile.DoesNotExist:
            institution.profile = None
    placed = [institution for institution in institutions if institution.profile is not None]
    return {
        "placed_by_kind": [
            (str(kind_labels.get(kind, kind)), list(rows)) for kind, rows in groupby(placed, key=lambda i: i.kind)
        ],
        "placed": placed,
        "unplaced": [institution for institution in institutions if institution.profile is None],
        "map_chart": map_chart(placed),
    }


def institution_get(*, process: Process, pk) -> Institution:
    """An institution of the process with its profile (None when not yet placed) as `.profile`."""
    institution = get_object_or_404(process.institutions.select_related("stakeholder_profile"), pk=pk)
    try:
        institution.profile = institution.stakeholder_profile
    except StakeholderProfile.DoesNotExist:
        institution.profile = None
    return institution


def stakeholder_profile_get(*, process: Process, institution_pk) -> StakeholderProfile:
    """The profile of an institution of the process; 404 when the institution is not placed yet."""
    return get_object_or_404(
        StakeholderProfile.objects.select_related("institution"),
        process=process,
        institution__process=process,
        institution_id=institution_pk,
    )


def events_for_report(*, process: Process) -> list[Event]:
    """Every event in date order with its targets and `.participation_summary`, in three queries."""
    events = list(
        process.events.select_related("kind", "organiser")
        .prefetch_related(
            Prefetch("target_institutions", queryset=Institution.objects.order_by("name")), "participation"
        )
        .order_by("held_on", "created")
    )
    for event in events:
        event.participation_summary = participation_of(list(event.participation.all()))
        event.participants = event.participation_summary.totals
        event.target_category_labels = category_labels(event.target_categories)
    return events
