"""
Reads of the setup area: the preconditions check and the focal points, each page in a fixed number of queries.

The views have already decided who may see the page (VIEW_INTERNAL on the process); these functions scope every
query to the process, so an object of another process is a 404.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mainstreaming.choices import Role
from mainstreaming.history import split_reason
from mainstreaming.models import Institution, Membership, Process
from mainstreaming.selectors import GOVERNMENT_KINDS
from stakeholders.choices import ConditionStatus, RequestStatus
from stakeholders.models import FocalPointDesignation, FocalPointRequest, Precondition, PreconditionDecision

# ---------------------------------------------------------------------------
# Preconditions
# ---------------------------------------------------------------------------


@dataclass
class PreconditionPage:
    conditions: list[Precondition]
    counts: list[tuple[str, str, int]]  # (status, label, how many), in the order of ConditionStatus
    decisions: list[PreconditionDecision]
    removed: list = field(default_factory=list)  # history rows of conditions deleted from this process

    @property
    def latest_decision(self) -> PreconditionDecision | None:
        return self.decisions[0] if self.decisions else None

    @property
    def past_decisions(self) -> list[PreconditionDecision]:
        return self.decisions[1:]


def status_counts(conditions) -> list[tuple[str, str, int]]:
    tally = {status: 0 for status in ConditionStatus.values}
    for condition in conditions:
        tally[condition.status] = tally.get(condition.status, 0) + 1
    return [(value, label, tally[value]) for value, label in ConditionStatus.choices]


def precondition_page(*, process: Process) -> PreconditionPage:
    """The conditions of a process in order, how many stand at each status, and every decision (newest first)."""
    conditions = list(process.preconditions.order_by("position", "title"))
    decisions = list(
        process.precondition_decisions.select_related("decided_by").order_by("-decided_on", "-created", "-pk")
    )
    removed = list(
        Precondition.history.filter(process_id=process.pk, history_type="-")
        .select_related("history_user")
        .order_by("-history_date")[:20]
    )
    for record in removed:
        record.removal_reason = split_reason(record.history_change_reason)[1]
    return PreconditionPage(
        conditions=conditions, counts=status_counts(conditions), decisions=decisions, removed=removed
    )


def precondition_get(*, process: Process, pk) -> Precondition:
    return get_object_or_404(process.preconditions.all(), pk=pk)


def precondition_summary(*, process: Process) -> dict:
    """For the dashboard: how many conditions stand at each status, and the latest decision (one query)."""
    latest = PreconditionDecision.objects.filter(process=OuterRef("pk")).order_by("-decided_on", "-created", "-pk")
    row = (
        Process.objects.filter(pk=process.pk)
        .annotate(
            total=Count("preconditions"),
            **{
                status: Count("preconditions", filter=Q(preconditions__status=status))
                for status in ConditionStatus.values
            },
            latest_outcome=Subquery(latest.values("outcome")[:1]),
            latest_decided_on=Subquery(latest.values("decided_on")[:1]),
        )
        .values("total", "latest_outcome", "latest_decided_on", *ConditionStatus.values)
        .get()
    )
    latest_decision = None
    if row["latest_outcome"]:
        latest_decision = PreconditionDecision(
            process=process, outcome=row["latest_outcome"], decided_on=row["latest_decided_on"]
        )
    counts = [(value, label, row[value]) for value, label in ConditionStatus.choices]
    return {"total": row["total"], "counts": counts, "latest_decision": latest_decision}


# ---------------------------------------------------------------------------
# Focal points
# ---------------------------------------------------------------------------


def expects_focal_point() -> Q:
    """
    Government institutions, and any other institution that was asked for a focal point. The lead institution,
    where the National Focal Point sits, speaks through the NFP and is not expected to name one unless asked.
    """
    asked = FocalPointRequest.objects.filter(institution=OuterRef("pk")).exclude(status=RequestStatus.CANCELLED)
    leads = Membership.objects.filter(institution=OuterRef("pk"), role=Role.NFP, is_active=True)
    return (Q(kind__in=GOVERNMENT_KINDS) & ~Q(Exists(leads))) | Q(Exists(asked))


def _without_focal_point(process: Process) -> QuerySet[Institution]:
    current = FocalPointDesignation.objects.filter(institution=OuterRef("pk"), is_current=True)
    return process.institutions.filter(expects_focal_point()).exclude(Exists(current))


@dataclass
class FocalPointPage:
    institutions: list[Institution]  # each with .current (a designation or None) and .open_requests
    open_requests: list[FocalPointRequest]  # soonest due first, each with .is_overdue
    closed_requests: list[FocalPointRequest]
    earlier_designations: list[FocalPointDesignation]
    today: date

    @property
    def without_focal_point(self) -> list[Institution]:
        return [
            institution
            for institution in self.institutions
            if institution.expects_focal_point and not institution.current
        ]

    @property
    def overdue_requests(self) -> list[FocalPointRequest]:
        return [request for request in self.open_requests if request.is_overdue]


def focal_point_page(*, process: Process, today: date | None = None) -> FocalPointPage:
    """Every institution with its current focal point and open requests, and the record of earlier ones."""
    today = today or timezone.localdate()
    requests = list(process.focal_point_requests.select_related("institution").order_by("due_on", "requested_on"))
    for request in requests:
        request.is_overdue = request.is_overdue_on(today)
    open_requests = [request for request in requests if request.is_open]
    closed_requests = sorted(
        (request for request in requests if not request.is_open),
        key=lambda request: request.requested_on,
        reverse=True,
    )
    institutions = list(
        process.institutions.annotate(
            expects_focal_point=ExpressionWrapper(expects_focal_point(), output_field=BooleanField())
        )
        .prefetch_related(
            Prefetch(
                "focal_point_designations",
                queryset=FocalPointDesignation.objects.filter(is_current=True),
                to_attr="current_designations",
            )
        )
        .order_by("name")
    )
    by_institution: dict[int, list[FocalPointRequest]] = {}
    for request in open_requests:
        by_institution.setdefault(request.institution_id, []).append(request)
    for institution in institutions:
        institution.current = institution.current_designations[0] if institution.current_designations else None
        institution.open_requests = by_institution.get(institution.pk, [])
    earlier = list(
        process.focal_point_designations.filter(is_current=False)
        .select_related("institution")
        .order_by("-ended_on", "-designated_on")
    )
    return FocalPointPage(
        institutions=institutions,
        open_requests=open_requests,
        closed_requests=closed_requests,
        earlier_designations=earlier,
        today=today,
    )


def focal_point_summary(*, process: Process, limit: int = 5, today: date | None = None) -> dict:
    """
    For the dashboard: the institutions still without a focal point and the requests overdue, each as a count
    and the first `limit` of them (one query each: the count rides along on every row).
    """
    today = today or timezone.localdate()
    without = list(_without_focal_point(process).annotate(total=Window(Count("pk"))).order_by("name")[:limit])
    overdue = list(
        process.focal_point_requests.overdue(today)
        .select_related("institution")
        .annotate(total=Window(Count("pk")))
        .order_by("due_on", "pk")[:limit]
    )
    return {
        "without": without,
        "without_count": without[0].total if without else 0,
        "overdue": overdue,
        "overdue_count": overdue[0].total if overdue else 0,
        "today": today,
    }


def focal_point_request_get(*, process: Process, pk) -> FocalPointRequest:
    queryset = process.focal_point_requests.select_related("institution", "requested_by").prefetch_related(
        Prefetch("designations", queryset=FocalPointDesignation.objects.order_by("-designated_on"))
    )
    return get_object_or_404(queryset, pk=pk)


def designation_get(*, process: Process, pk) -> FocalPointDesignation:
    queryset = process.focal_point_designations.select_related("institution", "request", "user")
    return get_object_or_404(queryset, pk=pk)


def open_requests(*, process: Process) -> QuerySet[FocalPointRequest]:
    return process.focal_point_requests.open().select_related("institution")
