"""
Where the sector checklists stand: per sector and per lead institution, how many are assigned, in draft,
submitted, approved and overdue, and how many checklists nobody has been given yet. Counted by the database
(conditional aggregation) in one query, whatever the number of checklists; for the dashboard panel and the PDF.
Also the personal lists of the "For you" panel: a ministry's open checklists, a reviewer's queue.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from mainstreaming.models import Institution, Process, localized_text
from situation_analysis import permissions
from situation_analysis.choices import AssignmentStatus
from situation_analysis.models import Assignment, Checklist

OPEN_STATUSES = (AssignmentStatus.ASSIGNED, AssignmentStatus.DRAFT)
COUNTS = ("checklists", "unassigned", "assigned", "draft", "submitted", "approved", "overdue")


@dataclass
class ProgressRow:
    """The counts of one sector, one lead institution, or the whole process."""

    pk: int | None = None
    name: str = ""
    acronym: str = ""
    checklists: int = 0
    unassigned: int = 0
    assigned: int = 0
    draft: int = 0
    submitted: int = 0
    approved: int = 0
    # Past the due date and neither submitted nor approved (so also counted as assigned or in draft).
    overdue: int = 0

    def add(self, counts: dict) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + counts[name])

    @property
    def label(self) -> str:
        return self.acronym or self.name

    @property
    def given(self) -> int:
        """Checklists given to an institution, whatever their status."""
        return self.assigned + self.draft + self.submitted + self.approved


@dataclass
class Progress:
    sectors: list[ProgressRow] = field(default_factory=list)
    institutions: list[ProgressRow] = field(default_factory=list)
    total: ProgressRow = field(default_factory=ProgressRow)


def _sector_name(row: dict) -> str:
    return localized_text(row["sector__translations"], "name", row["sector__name"])


def progress(*, process: Process, today: date | None = None) -> Progress:
    """
    The process's checklists counted by sector and by lead institution (one query). Each row of the query is one
    (sector, lead) pair, counted in the database; the pairs are then summed up per sector and per institution.
    Checklists not assigned yet count in their sector's `unassigned` and in no institution.
    """
    today = today or timezone.localdate()
    open_and_late = Q(assignment__status__in=OPEN_STATUSES, assignment__due_on__lt=today)
    rows = (
        Checklist.objects.filter(process=process)
        .values(
            "sector_id",
            "sector__name",
            "sector__translations",
            "sector__position",
            "assignment__lead_id",
            "assignment__lead__name",
            "assignment__lead__acronym",
        )
        .annotate(
            checklists=Count("pk"),
            unassigned=Count("pk", filter=Q(assignment__isnull=True)),
            assigned=Count("pk", filter=Q(assignment__status=AssignmentStatus.ASSIGNED)),
            draft=Count("pk", filter=Q(assignment__status=AssignmentStatus.DRAFT)),
            submitted=Count("pk", filter=Q(assignment__status=AssignmentStatus.SUBMITTED)),
            approved=Count("pk", filter=Q(assignment__status=AssignmentStatus.APPROVED)),
            overdue=Count("pk", filter=open_and_late),
        )
        .order_by()
    )
    result = Progress()
    sectors: dict[int, ProgressRow] = {}
    positions: dict[int, int] = {}
    institutions: dict[int, ProgressRow] = {}
    for row in rows:
        sector = sectors.setdefault(row["sector_id"], ProgressRow(pk=row["sector_id"], name=_sector_name(row)))
        positions[row["sector_id"]] = row["sector__position"]
        sector.add(row)
        result.total.add(row)
        lead_id = row["assignment__lead_id"]
        if lead_id is not None:
            lead = institutions.setdefault(
                lead_id,
                ProgressRow(pk=lead_id, name=row["assignment__lead__name"], acronym=row["assignment__lead__acronym"]),
            )
            lead.add(row)
    result.sectors = sorted(sectors.values(), key=lambda s: (positions[s.pk], s.name.lower()))
    result.institutions = sorted(institutions.values(), key=lambda i: i.name.lower())
    return result


# ---------------------------------------------------------------------------
# The "For you" panel
# ---------------------------------------------------------------------------


@dataclass
class MinistryWork:
    """A ministry focal point's checklists: those their institution leads and those it contributes to."""

    institution_id: int | None = None
    institution_label: str = ""  # its acronym, or its name when it has none
    leading: list[Assignment] = field(default_factory=list)
    contributing: list[Assignment] = field(default_factory=list)

    @property
    def overdue_count(self) -> int:
        return sum(1 for assignment in self.leading if assignment.is_overdue)


def ministry_work(*, process: Process, user) -> MinistryWork:
    """
    What a ministry focal point has to do, in one query: the open checklists their institution leads, soonest due
    first, and those it contributes to that are not approved yet. Their institution is the one whose focal-point
    group they belong to (a ministry membership puts them in it, and ending it takes them out); its name comes
    with the rows, so that a person with nothing to do costs no more than the one query.
    """
    mine = Institution.objects.filter(process=process, group__user=user).order_by("pk")
    contributes = Assignment.contributors.through.objects.filter(assignment_id=OuterRef("pk"), institution__in=mine)
    assignments = list(
        Assignment.objects.filter(process=process)
        .annotate(
            is_contribution=Exists(contributes),
            mine_pk=Subquery(mine.values("pk")[:1]),
            mine_name=Subquery(mine.values("name")[:1]),
            mine_acronym=Subquery(mine.values("acronym")[:1]),
        )
        .filter(
            Q(lead__in=mine, status__in=OPEN_STATUSES)
            | Q(is_contribution=True, status__in=(*OPEN_STATUSES, AssignmentStatus.SUBMITTED))
        )
        .select_related("checklist", "lead")
        .order_by("due_on", "checklist__code")
    )
    if not assignments:
        return MinistryWork()
    first = assignments[0]
    return MinistryWork(
        institution_id=first.mine_pk,
        institution_label=first.mine_acronym or first.mine_name,
        leading=[assignment for assignment in assignments if assignment.lead_id == first.mine_pk],
        contributing=[assignment for assignment in assignments if assignment.lead_id != first.mine_pk],
    )


def awaiting_review(*, process: Process, actor) -> list[Assignment]:
    """The submitted checklists waiting for `actor` to review them, the longest waiting first (one query)."""
    return list(
        Assignment.objects.filter(process=process, status=AssignmentStatus.SUBMITTED)
        .restrict(actor, permissions.REVIEW)
        .select_related("checklist", "lead")
        .order_by("submitted_at", "checklist__code")
    )
