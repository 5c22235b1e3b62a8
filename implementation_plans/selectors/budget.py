"""
The read side of the budget: what the plan costs and how it is funded, per activity, output, outcome, goal and
year, all summed in the database.

Every amount is converted into the plan's currency line by line (amount × rate, rounded to the cent) and summed
there, never in a Python loop over lines. Only accepted activities count: a ministry's proposal stays out of the
totals until the NFP accepts it. The funding gap of a level is its cost less what is secured or pledged for it,
never below zero; money beyond the cost is shown as a surplus.

The plan's PDF and its version snapshots call `totals_by_activity`, `totals_by_level`, `totals_by_year` and
`plan_totals`: keep their names and the attributes they return.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import (
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Round
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from implementation_plans.choices import FundingStatus, ProposalStatus
from implementation_plans.models import Activity, BudgetLine, Funding, Goal, Outcome, Output, Plan
from mainstreaming.models import Process

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=20, decimal_places=2)
DEFAULT_CURRENCY = "USD"

# Activities in the order of the chain: goal, outcome, output, then their own position.
CHAIN_ORDER = (
    "output__outcome__goal__position",
    "output__outcome__goal__created",
    "output__outcome__position",
    "output__outcome__created",
    "output__position",
    "output__created",
    "position",
    "created",
)

# The totals every level carries, as annotations of the same names.
TOTAL_FIELDS = ("cost", "secured", "pledged", "gap_declared", "funding_gap", "surplus")


@dataclass(frozen=True)
class Totals:
    """Money of one group (the plan, or one year) in the plan's currency."""

    cost: Decimal = ZERO
    secured: Decimal = ZERO
    pledged: Decimal = ZERO
    gap_declared: Decimal = ZERO  # funding recorded with the status "gap": what is known to be missing
    funding_gap: Decimal = ZERO  # cost - secured - pledged, never below zero
    surplus: Decimal = ZERO  # secured + pledged - cost, when more is found than needed
    year: int | None = None

    @property
    def found(self) -> Decimal:
        return self.secured + self.pledged


@dataclass
class YearTotals:
    """The totals of each year, and those of the funding recorded without a year (which no year can claim)."""

    years: list[Totals] = field(default_factory=list)
    undated_funding: Totals | None = None


# ---------------------------------------------------------------------------
# Expressions
# ---------------------------------------------------------------------------


def in_plan_currency():
    """One line's amount in the plan's currency, rounded to the cent before it is summed."""
    return Round(
        ExpressionWrapper(F("amount") * F("rate_to_plan"), output_field=DecimalField(max_digits=34, decimal_places=8)),
        2,
        output_field=MONEY,
    )


def _money(expression):
    """A sum in cents, zero when there is nothing to sum (rounded again: SQLite sums in floating point)."""
    return Coalesce(Round(expression, 2, output_field=MONEY), Value(ZERO), output_field=MONEY)


def _sum_of(model, link: str, **filters):
    """
    A correlated subquery summing `model` rows (budget lines or funding) of accepted activities whose `link`
    (the activity, or its output, outcome or goal) is the outer row.
    """
    rows = (
        model.objects.filter(**{link: OuterRef("pk")}, activity__proposal_status=ProposalStatus.ACCEPTED, **filters)
        .order_by()
        .values(link)
        .annotate(total=Sum(in_plan_currency()))
        .values("total")
    )
    return _money(Subquery(rows, output_field=MONEY))


def _annotate_totals(queryset: QuerySet, link: str) -> QuerySet:
    """cost, secured, pledged, gap_declared, funding_gap and surplus on every row of `queryset`."""
    return queryset.annotate(
        cost=_sum_of(BudgetLine, link),
        secured=_sum_of(Funding, link, status=FundingStatus.SECURED),
        pledged=_sum_of(Funding, link, status=FundingStatus.PLEDGED),
        gap_declared=_sum_of(Funding, link, status=FundingStatus.GAP),
    ).annotate(**_gap_and_surplus())


def _gap_and_surplus() -> dict:
    return {
        "funding_gap": _money(Greatest(F("cost") - F("secured") - F("pledged"), Value(ZERO), output_field=MONEY)),
        "surplus": _money(Greatest(F("secured") + F("pledged") - F("cost"), Value(ZERO), output_field=MONEY)),
    }


def _counted(model, process: Process) -> QuerySet:
    return model.objects.filter(process=process, activity__proposal_status=ProposalStatus.ACCEPTED)


def _funding_sums() -> dict:
    return {
        "secured": _money(Sum(in_plan_currency(), filter=Q(status=FundingStatus.SECURED))),
        "pledged": _money(Sum(in_plan_currency(), filter=Q(status=FundingStatus.PLEDGED))),
        "gap_declared": _money(Sum(in_plan_currency(), filter=Q(status=FundingStatus.GAP))),
    }


# ---------------------------------------------------------------------------
# The four selectors other areas call
# ---------------------------------------------------------------------------


def totals_by_activity(process: Process) -> QuerySet:
    """
    The accepted activities of the process in the chain's order, each annotated with its totals, with its output,
    outcome, goal and responsible institution loaded (one query; add prefetches as needed).
    """
    activities = Activity.objects.filter(process=process, proposal_status=ProposalStatus.ACCEPTED).select_related(
        "output__outcome__goal", "output__outcome__priority", "responsible"
    )
    return _annotate_totals(activities, "activity").order_by(*CHAIN_ORDER)


def totals_by_level(process: Process) -> list[Goal]:
    """
    The chain as a tree with its totals at every level: the goals, each with `.children` (its outcomes), each with
    `.children` (its outputs), each with `.children` (its accepted activities). Every node carries the annotations
    of TOTAL_FIELDS and `.level` ("goal", "outcome", "output", "activity"). Four queries, whatever the size.
    """
    goals = list(_annotate_totals(Goal.objects.filter(process=process), "activity__output__outcome__goal"))
    outcomes = list(_annotate_totals(Outcome.objects.filter(process=process), "activity__output__outcome"))
    outputs = list(_annotate_totals(Output.objects.filter(process=process), "activity__output"))
    activities = list(totals_by_activity(process).select_related(None).select_related("responsible"))
    _attach(goals, "goal", outcomes, "goal_id")
    _attach(outcomes, "outcome", outputs, "outcome_id")
    _attach(outputs, "output", activities, "output_id")
    for activity in activities:
        activity.level, activity.children = "activity", []
    return goals


def _attach(parents: list, level: str, children: list, parent_field: str) -> None:
    by_parent: dict[int, list] = {}
    for child in children:
        by_parent.setdefault(getattr(child, parent_field), []).append(child)
    for parent in parents:
        parent.level = level
        parent.children = by_parent.get(parent.pk, [])


def flatten(nodes: list, depth: int = 0) -> list:
    """The tree of totals_by_level as the rows of one table, parents first; each node gets `.depth`."""
    rows = []
    for node in nodes:
        node.depth = depth
        rows.append(node)
        rows.extend(flatten(node.children, depth + 1))
    return rows


def totals_by_year(process: Process) -> YearTotals:
    """
    Cost and funding per year (two queries). Costs have a year; funding recorded without one is reported apart,
    so that it is neither lost nor credited to a year it may not belong to.
    """
    costs = dict(
        _counted(BudgetLine, process)
        .order_by()
        .values_list("year")
        .annotate(cost=_money(Sum(in_plan_currency())))
        .values_list("year", "cost")
    )
    funding = {
        row["year"]: row
        for row in _counted(Funding, process).order_by().values("year").annotate(**_funding_sums()).order_by()
    }
    years = sorted(set(costs) | {year for year in funding if year is not None})
    result = YearTotals(years=[_totals(costs.get(year, ZERO), funding.get(year), year=year) for year in years])
    if None in funding:
        result.undated_funding = _totals(ZERO, funding[None])
    return result


def plan_totals(process: Process) -> Totals:
    """What the whole plan costs and how much of it is secured, pledged or missing (one query)."""
    lines = _counted(BudgetLine, process).order_by().values("process").annotate(total=Sum(in_plan_currency()))
    money = _counted(Funding, process).order_by().values("process")

    def funding(status):
        return _money(Subquery(money.filter(status=status).annotate(total=Sum(in_plan_currency())).values("total")))

    row = (
        Process.objects.filter(pk=process.pk)
        .annotate(
            cost=_money(Subquery(lines.values("total"))),
            secured=funding(FundingStatus.SECURED),
            pledged=funding(FundingStatus.PLEDGED),
            gap_declared=funding(FundingStatus.GAP),
        )
        .annotate(**_gap_and_surplus())
        .values(*TOTAL_FIELDS)
        .get()
    )
    return Totals(**{name: cents(value) for name, value in row.items()})


def _totals(cost, funding_row, *, year=None) -> Totals:
    """The totals of one year from its summed cost and its summed funding (both from the database)."""
    secured = cents(funding_row["secured"]) if funding_row else ZERO
    pledged = cents(funding_row["pledged"]) if funding_row else ZERO
    gap_declared = cents(funding_row["gap_declared"]) if funding_row else ZERO
    cost = cents(cost)
    return Totals(
        cost=cost,
        secured=secured,
        pledged=pledged,
        gap_declared=gap_declared,
        funding_gap=max(cost - secured - pledged, ZERO),
        surplus=max(secured + pledged - cost, ZERO),
        year=year,
    )


def cents(value) -> Decimal:
    """The database's sum as an exact amount in cents (SQLite hands back floats, PostgreSQL more decimals)."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


# ---------------------------------------------------------------------------
# Pages and records
# ---------------------------------------------------------------------------


def plan_currency(process: Process) -> str:
    """The plan's currency, without creating the plan on a read."""
    return Plan.objects.filter(process=process).values_list("currency", flat=True).first() or DEFAULT_CURRENCY


def plan_for_budget(process: Process) -> Plan | None:
    return Plan.objects.filter(process=process).first()


def activity_get(*, process: Process, pk: int) -> Activity:

    return get_object_or_404(Activity.objects.select_related("output__outcome__goal"), process=process, pk=pk)


def budget_line_get(*, process: Process, pk: int) -> BudgetLine:

    return get_object_or_404(BudgetLine.objects.select_related("activity"), process=process, pk=pk)


def funding_get(*, process: Process, pk: int) -> Funding:

    return get_object_or_404(Funding.objects.select_related("activity", "donor"), process=process, pk=pk)


def activity_budget(activity: Activity) -> dict:
    """
    An activity's budget lines and funding with each amount in the plan's currency, and its totals (3 queries).
    A proposed activity's totals are shown too, though they enter the plan's only once it is accepted.
    """
    lines = activity.budget_lines.annotate(in_plan=in_plan_currency()).order_by("year", "category", "created")
    funding = (
        activity.funding.select_related("donor").annotate(in_plan=in_plan_currency()).order_by("status", "created")
    )

    def total(model, **filters):
        rows = model.objects.filter(activity=OuterRef("pk"), **filters).order_by().values("activity")
        return _money(Subquery(rows.annotate(total=Sum(in_plan_currency())).values("total"), output_field=MONEY))

    totals = (
        Activity.objects.filter(pk=activity.pk)
        .annotate(
            cost=total(BudgetLine),
            secured=total(Funding, status=FundingStatus.SECURED),
            pledged=total(Funding, status=FundingStatus.PLEDGED),
            gap_declared=total(Funding, status=FundingStatus.GAP),
        )
        .annotate(**_gap_and_surplus())
        .values(*TOTAL_FIELDS)
        .get()
    )
    return {
        "lines": list(lines),
        "funding": list(funding),
        "totals": Totals(**{name: cents(value) for name, value in totals.items()}),
    }


def matrix_rows(process: Process) -> list[Activity]:
    """
    The results/action matrix: every accepted activity with its totals, partners, funding (with the development
    partner) and the targets of the priority its outcome delivers. Five queries, whatever the size.
    """
    from implementation_plans.models import Target

    activities = totals_by_activity(process).prefetch_related(
        "partners",
        Prefetch("funding", queryset=Funding.objects.select_related("donor").order_by("status", "created")),
        Prefetch("output__outcome__priority__targets", queryset=Target.objects.order_by("position", "created")),
    )
    return list(activities)


def timeline_activities(process: Process) -> list[Activity]:
    """The accepted activities in the chain's order, with their output, outcome and responsible institution."""
    activities = Activity.objects.filter(process=process, proposal_status=ProposalStatus.ACCEPTED)
    return list(activities.select_related("output__outcome", "responsible").order_by(*CHAIN_ORDER))


def dashboard_totals(process: Process) -> dict:
    """The dashboard's budget panel: the plan's totals and currency (two queries)."""
    return {"totals": plan_totals(process), "currency": plan_currency(process)}


# ---------------------------------------------------------------------------
# The timeline: one Gantt chart for the page and for the plan's PDF
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """An activity as the timeline draws it, read from the database or from a version's snapshot."""

    title: str
    starts_on: date | None
    ends_on: date | None
    status: str
    status_label: str
    outcome: str
    output: str


def timeline_chart(entries: list[TimelineEntry], *, first_year: int, last_year: int, today: date | None = None):
    """
    The Gantt chart of the dated entries, grouped by outcome and output, over whole years: from `first_year` to
    `last_year` (the plan's or the process's years), widened to every entry's dates. Returns (chart, start, end).
    """

    from mainstreaming.charts import GanttRow, gantt_chart

    dated = [entry for entry in entries if entry.starts_on and entry.ends_on]
    if dated:
        first_year = min(first_year, min(entry.starts_on.year for entry in dated))
        last_year = max(last_year, max(entry.ends_on.year for entry in dated))
    start, end = date(first_year, 1, 1), date(max(first_year, last_year), 12, 31)
    rows = [
        GanttRow(
            label=entry.title,
            start=entry.starts_on,
            end=entry.ends_on,
            status=entry.status,
            status_label=entry.status_label,
            groups=(
                _("Outcome: %(title)s") % {"title": entry.outcome},
                _("Output: %(title)s") % {"title": entry.output},
            ),
        )
        for entry in dated
    ]
    chart = gantt_chart(rows, title=_("Timeline of the activities"), start=start, end=end, today=today)
    return chart, start, end
