"""
Progress to date: what the approved reports say about the plan's indicators, activities and spending.

The dashboards, the periodic and donor PDFs and the .xlsx export all read progress from here, so that a number is
the same wherever it appears. Rules:

* Only APPROVED reports count, and of their values only the CURRENT revision (a correction replaces the value it
  corrects; a draft, submitted or returned report counts for nothing, whoever reads).
* A period is keyed by its start date (`period.starts_on`), as monitoring.arithmetic expects.
* All arithmetic is monitoring.arithmetic's: the value to date (`aggregate`), progress against the final target
  (`progress` / `qualitative_progress`, with the share of time elapsed from the baseline date to the end of the
  final target's year, `elapsed_share`), missing periods (`missing_periods`) and shares (`percentage_of`).
  Budgets are implementation_plans.selectors.budget's; nothing here recomputes them.
* Yes/no and text indicators have a latest value and no share.
* Every function costs a fixed number of queries, whatever the number of indicators, periods, reports or
  activities (tests/monitoring/test_progress_selectors.py and test_dashboard_views.py check it).

These are pure reads scoped to the process; the views decide who may read them (monitoring.permissions).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from implementation_plans.choices import ProposalStatus
from implementation_plans.models import Activity, Goal, Outcome, Output, Priority, Target
from implementation_plans.selectors import budget as budget_selectors
from mainstreaming import l10n
from mainstreaming.models import Institution, Process
from monitoring import arithmetic
from monitoring.arithmetic import PeriodValue, Progress
from monitoring.choices import ActivityProgress, Aggregation, IndicatorType, ProgressStatus, ReportStatus
from monitoring.models import (
    ActivityUpdate,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
)
from monitoring.selectors.reporting import is_overdue

__all__ = [
    "ActivityOverview",
    "GoldenThread",
    "IndicatorSummary",
    "SpendingRow",
    "SubmissionGrid",
    "activity_status_overview",
    "golden_thread",
    "indicator_chart_svg",
    "indicator_summaries",
    "latest_updates",
    "spending_overview",
    "submission_grid",
]

APPROVED = ReportStatus.APPROVED

PROGRESS_BADGES = {
    ProgressStatus.ACHIEVED: "badge-completed",
    ProgressStatus.ON_TRACK: "badge-planned",
    ProgressStatus.OFF_TRACK: "badge-failed",
    ProgressStatus.NOT_YET_ACHIEVED: "badge-in_progress",
    ProgressStatus.NO_DATA: "badge-not_started",
    ProgressStatus.NOT_APPLICABLE: "badge-not_started",
}
ACTIVITY_BADGES = {
    ActivityProgress.NOT_STARTED: "badge-not_started",
    ActivityProgress.ON_TRACK: "badge-planned",
    ActivityProgress.DELAYED: "badge-failed",
    ActivityProgress.COMPLETED: "badge-completed",
    ActivityProgress.CANCELLED: "badge-cancelled",
}
REPORT_BADGES = {
    ReportStatus.DRAFT: "badge-not_started",
    ReportStatus.SUBMITTED: "badge-in_progress",
    ReportStatus.APPROVED: "badge-completed",
}


# ---------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------


@dataclass
class IndicatorSummary:
    """One indicator's approved values by period, its value to date and its progress against the final target."""

    indicator: Indicator
    series: list[PeriodValue]  # approved current values by period (key period.starts_on), in order
    periods: list[ReportingPeriod]  # the periods those values belong to, same order
    to_date: arithmetic.Value | None  # arithmetic.aggregate(series, aggregation=...)
    latest_target: IndicatorTarget | None  # the target of the latest year that has one
    progress: Progress  # against latest_target
    missing: list[ReportingPeriod]  # expected periods (see indicator_summaries) with no approved value, in order
    chart_svg: str  # the indicator against its baseline and targets (mainstreaming.charts.indicator_chart)
    values: list[IndicatorValue] = field(default_factory=list)  # the IndicatorValue rows behind `series`
    elapsed: Decimal | None = None  # the share of time elapsed from the baseline date to the final target's end
    running: list = field(default_factory=list)  # the value to date after each period of `series`, same order

    @property
    def rows(self) -> list[dict]:
        """The table beside the chart: each period, its value row and the value to date after it, in order."""
        return [
            {
                "period": period,
                "value": value,
                "numerator": _display(value.numerator),
                "denominator": _display(value.denominator),
                "to_date": _display(running),
            }
            for period, value, running in zip(self.periods, self.values, self.running, strict=False)
        ]

    @property
    def status_label(self) -> str:
        return str(ProgressStatus(self.progress.status).label)

    @property
    def badge(self) -> str:
        """The badge class of the progress status (the status is always written out too)."""
        return PROGRESS_BADGES.get(self.progress.status, "badge-not_started")

    @property
    def to_date_display(self) -> str:
        return _display(self.to_date)

    @property
    def share_display(self) -> str:
        return l10n.number(self.progress.share, 1)

    @property
    def is_numeric(self) -> bool:
        return self.indicator.takes_number and self.indicator.aggregation != Aggregation.QUALITATIVE


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, Decimal):
        return l10n.number(value)
    return str(value)


def _is_free_form(indicator: Indicator) -> bool:
    """Yes/no and (non-qualitative) text indicators: a latest value, no share."""
    if indicator.indicator_type == IndicatorType.YES_NO:
        return True
    return indicator.indicator_type == IndicatorType.TEXT and indicator.aggregation != Aggregation.QUALITATIVE


def _aggregation(indicator: Indicator) -> str:
    return Aggregation.LATEST if _is_free_form(indicator) else indicator.aggregation


def _scale(indicator: Indicator) -> arithmetic.QualitativeScale | None:
    if indicator.aggregation != Aggregation.QUALITATIVE:
        return None
    try:
        return arithmetic.QualitativeScale(tuple(indicator.scale or ()))
    except ValueError:
        return None


def _period_value(indicator: Indicator, row: IndicatorValue, key) -> PeriodValue | None:
    """The PeriodValue of one approved value row, or None when the row holds nothing."""
    if indicator.indicator_type == IndicatorType.YES_NO:
        return None if row.yes_no is None else PeriodValue(period=key, value=row.yes_no)
    if indicator.indicator_type == IndicatorType.TEXT:
        return PeriodValue(period=key, value=row.text_value) if row.text_value else None
    if indicator.aggregation == Aggregation.PERCENTAGE:
        if row.numerator is None or row.denominator is None:
            return None
        return PeriodValue(period=key, value=row.value, numerator=row.numerator, denominator=row.denominator)
    if indicator.aggregation == Aggregation.QUALITATIVE:
        return PeriodValue(period=key, value=row.text_value) if row.text_value else None
    return None if row.value is None else PeriodValue(period=key, value=row.value)


def _aggregate(indicator: Indicator, series: list[PeriodValue]):
    scale = _scale(indicator)
    try:
        return arithmetic.aggregate(series, aggregation=_aggregation(indicator), scale=scale)
    except ValueError:
        # A level no longer on the scale (the scale was edited after the report): the latest level as given.
        return arithmetic.aggregate(series, aggregation=Aggregation.LATEST)


def _latest_target(indicator: Indicator) -> IndicatorTarget | None:
    targets = [t for t in indicator.targets.all() if t.value is not None or t.text_value]
    return max(targets, key=lambda t: t.year) if targets else None


def _elapsed(indicator: Indicator, target: IndicatorTarget | None, on: datetime.date) -> Decimal | None:
    if target is None or indicator.baseline_date is None:
        return None
    end = datetime.date(target.year, 12, 31)
    if end <= indicator.baseline_date:
        return None
    return arithmetic.elapsed_share(start=indicator.baseline_date, end=end, on=on)


def _progress(indicator: Indicator, to_date, target: IndicatorTarget | None, elapsed) -> Progress:
    if _is_free_form(indicator):
        status = ProgressStatus.NO_DATA if to_date is None else ProgressStatus.NOT_APPLICABLE
        if indicator.indicator_type == IndicatorType.YES_NO and to_date is not None and target is not None:
            met = to_date == (target.text_value == "yes")
            status = ProgressStatus.ACHIEVED if met else ProgressStatus.NOT_YET_ACHIEVED
        return Progress(share=None, status=status)
    try:
        if indicator.aggregation == Aggregation.QUALITATIVE:
            scale = _scale(indicator)
            if scale is None:
                return Progress(share=None, status=ProgressStatus.NO_DATA)
            return arithmetic.qualitative_progress(
                scale=scale,
                baseline=indicator.baseline_text or None,
                target=target.text_value if target else None,
                current=to_date,
                elapsed=elapsed,
            )
        return arithmetic.progress(
            baseline=indicator.baseline_value,
            target=target.value if target else None,
            current=to_date,
            direction=indicator.direction,
            elapsed=elapsed,
        )
    except (ValueError, TypeError):
        # A target on the wrong side of the baseline or a level off the scale: progress cannot be counted.
        return Progress(share=None, status=ProgressStatus.NO_DATA)


def _indicators(process: Process, indicators) -> list[Indicator]:
    queryset = (
        Indicator.objects.filter(process=process)
        .select_related("goal", "outcome", "output", "responsible")
        .prefetch_related(Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year")))
    )
    if isinstance(indicators, QuerySet):
        queryset = queryset.filter(pk__in=indicators.values("pk"))
    elif indicators is not None:
        queryset = queryset.filter(pk__in=[getattr(indicator, "pk", indicator) for indicator in indicators])
    return list(queryset)


def approved_values(process: Process, *, indicator_ids=None, until_period: ReportingPeriod | None = None):
    """The current revisions of the values of approved reports, with their report and period (one query)."""
    values = IndicatorValue.objects.filter(process=process, is_current=True, report__status=APPROVED)
    if indicator_ids is not None:
        values = values.filter(indicator_id__in=indicator_ids)
    if until_period is not None:
        values = values.filter(report__period__starts_on__lte=until_period.starts_on)
    return values.select_related("report__period", "report__institution").order_by(
        "report__period__starts_on", "report__approved_at", "pk"
    )


def indicator_summaries(
    process: Process, *, indicators=None, until_period: ReportingPeriod | None = None, today=None
) -> list[IndicatorSummary]:
    """
    Every indicator of the process (or those of `indicators`: a queryset, instances or pks), in the plan's order,
    with its approved values and progress, as of `until_period` when given (later periods are left out; time
    elapsed is counted to that period's end) or of `today` (by default today).

    An indicator is expected to report in every period (up to `until_period`) for which a report of its
    responsible institution exists (the period opened one for it), or in every period when it has no responsible
    institution; the periods without an approved value are its `missing` periods. Five queries (indicators,
    targets, values, periods, their reports); one when there is no indicator.
    """
    return _summaries(process, _indicators(process, indicators), until_period=until_period, today=today)


def indicator_summary(indicator: Indicator, *, until_period=None, today=None) -> IndicatorSummary:
    """The summary of one indicator already loaded (with its targets prefetched, as on its page): three queries."""
    (summary,) = _summaries(indicator.process_id, [indicator], until_period=until_period, today=today)
    return summary


def _summaries(process, rows: list[Indicator], *, until_period, today) -> list[IndicatorSummary]:
    if not rows:
        return []
    by_indicator: dict[int, list[IndicatorValue]] = {}
    for value in approved_values(process, indicator_ids=[i.pk for i in rows], until_period=until_period):
        by_indicator.setdefault(value.indicator_id, []).append(value)

    periods = ReportingPeriod.objects.filter(process=process).order_by("starts_on")
    if until_period is not None:
        periods = periods.filter(starts_on__lte=until_period.starts_on)
    periods = list(
        periods.prefetch_related(
            Prefetch("reports", queryset=ProgressReport.objects.only("pk", "period_id", "institution_id"))
        )
    )
    reporting = {period.pk: {report.institution_id for report in period.reports.all()} for period in periods}
    on = until_period.ends_on if until_period is not None else (today or timezone.localdate())

    summaries = []
    for indicator in rows:
        series, value_rows, value_periods = [], [], []
        for row in by_indicator.get(indicator.pk, []):
            period = row.report.period
            point = _period_value(indicator, row, period.starts_on)
            if point is None:
                continue
            if value_periods and value_periods[-1].pk == period.pk:
                # Two institutions reported the indicator for one period (its responsible institution changed):
                # the responsible institution's value stands, else the first approved.
                if row.report.institution_id == indicator.responsible_id != value_rows[-1].report.institution_id:
                    series[-1], value_rows[-1] = point, row
                continue
            series.append(point)
            value_rows.append(row)
            value_periods.append(period)
        expected = [
            period
            for period in periods
            if indicator.responsible_id is None or indicator.responsible_id in reporting[period.pk]
        ]
        missing_keys = set(arithmetic.missing_periods(values=series, expected=[p.starts_on for p in expected]))
        to_date = _aggregate(indicator, series)
        target = _latest_target(indicator)
        elapsed = None if _is_free_form(indicator) else _elapsed(indicator, target, on)
        summary = IndicatorSummary(
            indicator=indicator,
            series=series,
            periods=value_periods,
            to_date=to_date,
            latest_target=target,
            progress=_progress(indicator, to_date, target, elapsed),
            missing=[period for period in expected if period.starts_on in missing_keys],
            chart_svg="",
            values=value_rows,
            elapsed=elapsed,
            running=[_aggregate(indicator, series[: index + 1]) for index in range(len(series))],
        )
        summary.chart_svg = indicator_chart_svg(summary)
        summaries.append(summary)
    return summaries


def indicator_chart_svg(summary: IndicatorSummary) -> str:
    """
    The chart of one summary: the value to date after each approved period against the baseline and the yearly
    targets, drawn by mainstreaming.charts.indicator_chart (the same SVG on screen and in the PDFs). Indicators
    whose values are not numbers (yes/no, text, qualitative levels) get no chart: their table says it all.
    """
    from mainstreaming.charts import ChartPoint, indicator_chart

    indicator = summary.indicator
    if not summary.is_numeric:
        return ""
    values = [
        ChartPoint(label=period.label, on=period.ends_on, value=value)
        for period, value in zip(summary.periods, summary.running, strict=False)
        if value is not None
    ]
    targets = [
        ChartPoint(label=str(target.year), on=datetime.date(target.year, 12, 31), value=target.value)
        for target in indicator.targets.all()
        if target.value is not None
    ]
    baseline = None
    if indicator.baseline_value is not None and indicator.baseline_date is not None:
        baseline = ChartPoint(
            label=l10n.date(indicator.baseline_date), on=indicator.baseline_date, value=indicator.baseline_value
        )
    return indicator_chart(
        values=values,
        targets=targets,
        baseline=baseline,
        title=_("%(indicator)s: value to date against baseline and targets")
        % {"indicator": indicator.localized("name")},
        unit=indicator.localized("unit"),
        chart_id=f"indicator-{indicator.pk}",
    )


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


def latest_updates(process: Process, *, activity_ids=None) -> dict[int, ActivityUpdate]:
    """For each activity, its update in the latest approved report that gives a status (one query)."""
    updates = (
        ActivityUpdate.objects.filter(process=process, report__status=APPROVED)
        .exclude(status="")
        .select_related("report__period")
        .order_by("activity_id", "report__period__starts_on", "created")
    )
    if activity_ids is not None:
        updates = updates.filter(activity_id__in=activity_ids)
    latest: dict[int, ActivityUpdate] = {}
    for update in updates:
        latest[update.activity_id] = update  # ordered by period: the last one wins
    return latest


@dataclass
class StatusCount:
    status: str  # an ActivityProgress value, or "" for the activities without an approved update
    label: str
    count: int

    @property
    def badge(self) -> str:
        return ACTIVITY_BADGES.get(self.status, "badge-not_started")


@dataclass
class OutcomeActivities:
    outcome: Outcome
    counts: list[StatusCount]
    total: int


@dataclass
class ActivityOverview:
    """The plan's accepted activities by the status of their latest approved update."""

    total: int
    counts: list[StatusCount]  # one per ActivityProgress, then the activities without an update
    without_update: int
    by_outcome: list[OutcomeActivities]
    latest: dict[int, ActivityUpdate]


def _status_counts(statuses: list[str]) -> list[StatusCount]:
    counts = [
        StatusCount(status=choice.value, label=str(choice.label), count=statuses.count(choice.value))
        for choice in ActivityProgress
    ]
    counts.append(StatusCount(status="", label=_("No approved update yet"), count=statuses.count("")))
    return counts


def activity_status_overview(process: Process) -> ActivityOverview:
    """
    Counts of the plan's accepted activities by the status of their latest approved update, and of those without
    one, for the plan and for each outcome (two queries).
    """
    activities = list(
        Activity.objects.filter(process=process, proposal_status=ProposalStatus.ACCEPTED)
        .select_related("output__outcome__goal")
        .order_by(*budget_selectors.CHAIN_ORDER)
    )
    latest = latest_updates(process)
    statuses = {activity.pk: latest[activity.pk].status if activity.pk in latest else "" for activity in activities}
    by_outcome: dict[int, list] = {}
    outcomes: dict[int, Outcome] = {}
    for activity in activities:
        outcome = activity.output.outcome
        outcomes.setdefault(outcome.pk, outcome)
        by_outcome.setdefault(outcome.pk, []).append(statuses[activity.pk])
    counts = _status_counts(list(statuses.values()))
    return ActivityOverview(
        total=len(activities),
        counts=counts,
        without_update=counts[-1].count,
        by_outcome=[
            OutcomeActivities(outcome=outcomes[pk], counts=_status_counts(values), total=len(values))
            for pk, values in by_outcome.items()
        ],
        latest=latest,
    )


# ---------------------------------------------------------------------------
# Spending
# ---------------------------------------------------------------------------


@dataclass
class SpendingRow:
    """A goal or outcome: its budget (implementation_plans' totals) and what the approved reports say was spent."""

    level: str  # "goal" or "outcome"
    result: object
    budget: Decimal
    spent: Decimal
    share: Decimal | None  # spent as a percentage of the budget; None without a budget

    @property
    def depth(self) -> int:
        return 0 if self.level == "goal" else 1


@dataclass
class SpendingOverview:
    currency: str
    rows: list[SpendingRow]
    budget: Decimal
    spent: Decimal
    share: Decimal | None


def _share(spent: Decimal, budget: Decimal) -> Decimal | None:
    return arithmetic.percentage_of(numerator=spent, denominator=budget) if budget else None


def spending_overview(process: Process) -> SpendingOverview:
    """
    Per goal and outcome, the budget (implementation_plans.selectors.budget.totals_by_level: the accepted
    activities' budget lines in the plan's currency) against the sum of ActivityUpdate.spent in approved reports
    (the plan's currency, per period, summed in the database). Seven queries.
    """
    goals = budget_selectors.totals_by_level(process)
    spent = ActivityUpdate.objects.filter(
        process=process, report__status=APPROVED, activity__proposal_status=ProposalStatus.ACCEPTED
    ).order_by()
    by_outcome = dict(
        spent.values_list("activity__output__outcome_id")
        .annotate(total=Sum("spent"))
        .values_list("activity__output__outcome_id", "total")
    )
    by_goal = dict(
        spent.values_list("activity__output__outcome__goal_id")
        .annotate(total=Sum("spent"))
        .values_list("activity__output__outcome__goal_id", "total")
    )
    total = budget_selectors.cents(spent.aggregate(total=Sum("spent"))["total"])
    plan = budget_selectors.plan_totals(process)
    rows = []
    for goal in goals:
        goal_spent = budget_selectors.cents(by_goal.get(goal.pk))
        goal_cost = budget_selectors.cents(goal.cost)
        rows.append(SpendingRow("goal", goal, goal_cost, goal_spent, _share(goal_spent, goal_cost)))
        for outcome in goal.children:
            outcome_spent = budget_selectors.cents(by_outcome.get(outcome.pk))
            outcome_cost = budget_selectors.cents(outcome.cost)
            rows.append(
                SpendingRow("outcome", outcome, outcome_cost, outcome_spent, _share(outcome_spent, outcome_cost))
            )
    return SpendingOverview(
        currency=budget_selectors.plan_currency(process),
        rows=rows,
        budget=plan.cost,
        spent=total,
        share=_share(total, plan.cost),
    )


# ---------------------------------------------------------------------------
# The submission grid
# ---------------------------------------------------------------------------


@dataclass
class GridCell:
    report: ProgressReport | None
    overdue: bool = False
    readable: bool = False  # whether the reader may open the report (set by the view)

    @property
    def badge(self) -> str:
        if self.report is None:
            return ""
        return "badge-failed" if self.overdue else REPORT_BADGES.get(self.report.status, "badge-not_started")


@dataclass
class GridRow:
    institution: Institution
    cells: list[GridCell]


@dataclass
class SubmissionGrid:
    periods: list[ReportingPeriod]
    rows: list[GridRow]
    overdue: int = 0


def submission_grid(process: Process, *, today=None) -> SubmissionGrid:
    """
    Institutions (rows, by name) by reporting periods (columns, oldest first), each cell the institution's report
    for the period with its status, or None when the period asked nothing of it. A report still in draft after its
    period's due date is overdue. Two queries: periods, reports with their institution.
    """
    today = today or timezone.localdate()
    periods = list(ReportingPeriod.objects.filter(process=process).order_by("starts_on"))
    reports = list(ProgressReport.objects.filter(process=process).select_related("institution", "period"))
    for report in reports:
        report.process = process  # the permission checks on each cell read it: no query per report
    by_key = {(report.institution_id, report.period_id): report for report in reports}
    institutions = sorted(
        {report.institution.pk: report.institution for report in by_key.values()}.values(),
        key=lambda institution: institution.name.lower(),
    )
    rows, overdue = [], 0
    for institution in institutions:
        cells = []
        for period in periods:
            report = by_key.get((institution.pk, period.pk))
            late = report is not None and is_overdue(report, period, today)
            overdue += late
            cells.append(GridCell(report=report, overdue=late))
        rows.append(GridRow(institution=institution, cells=cells))
    return SubmissionGrid(periods=periods, rows=rows, overdue=overdue)


# ---------------------------------------------------------------------------
# The golden thread
# ---------------------------------------------------------------------------


@dataclass
class ThreadActivity:
    activity: Activity
    update: ActivityUpdate | None  # its latest approved update

    @property
    def badge(self) -> str:
        return ACTIVITY_BADGES.get(self.update.status, "badge-not_started") if self.update else "badge-not_started"


@dataclass
class GoldenThread:
    """From one indicator value back to the plan and the analysis behind it."""

    value: IndicatorValue
    indicator: Indicator
    result: object  # the goal, outcome or output the indicator measures
    level: str
    goal: Goal
    outcome: Outcome | None
    output: Output | None
    activities: list[ThreadActivity]
    priorities: list[Priority]
    # situation_analysis Findings, each with .answers prefetched (question, assignment and data sources loaded) and
    # .series prefetched (source loaded), each series carrying `latest` (LatestValues, or None when it has no value)
    findings: list

    @property
    def answers(self) -> list:
        """The checklist answers the findings cite, each once."""
        return _distinct(answer for finding in self.findings for answer in finding.answers.all())

    @property
    def series(self) -> list:
        """The data series the findings cite, each once."""
        return _distinct(item for finding in self.findings for item in finding.series.all())

    def data_sources(self, *, readable_answers: set[int]) -> list:
        """
        The data sources the evidence rests on, each once, by name: the sources of the cited series, and those of
        the cited answers in `readable_answers` (which answer rests on which source is part of a draft's content).
        """
        sources = [item.source for item in self.series if item.source is not None]
        for answer in self.answers:
            if answer.pk in readable_answers:
                sources.extend(answer.data_sources.all())
        return sorted(_distinct(sources), key=lambda source: source.name.lower())


def _distinct(records) -> list:
    seen, result = set(), []
    for record in records:
        if record.pk not in seen:
            seen.add(record.pk)
            result.append(record)
    return result


def golden_thread(value: IndicatorValue) -> GoldenThread:
    """
    The indicator value → its indicator → the result it measures (output, outcome or goal) → the accepted
    activities under that result with their latest approved updates → the priority it serves (the outcome's
    priority; for a goal, or an outcome naming none, the goal's selected priorities, or all when none is
    selected) → the findings those answer (the goal's findings, the priorities' findings and their targets'
    findings) → the evidence those findings cite: the data series (with their latest values and their data
    source) and the checklist answers (with the data sources they rest on). A fixed number of queries (about
    fifteen), whatever the size of the plan and the number of findings, series and answers.
    """
    from situation_analysis.models import Answer, DataSeries, DataSource, Finding
    from situation_analysis.selectors.series import latest_values

    value = (
        IndicatorValue.objects.select_related(
            "report__period",
            "report__institution",
            "indicator__goal",
            "indicator__outcome__goal",
            "indicator__outcome__priority",
            "indicator__output__outcome__goal",
            "indicator__output__outcome__priority",
            "corrected_by",
        )
        .prefetch_related(Prefetch("indicator__targets", queryset=IndicatorTarget.objects.order_by("year")))
        .get(pk=value.pk)
    )
    indicator = value.indicator
    output = indicator.output
    outcome = indicator.outcome or (output.outcome if output else None)
    goal = indicator.goal or outcome.goal

    activities = Activity.objects.filter(process=value.process_id, proposal_status=ProposalStatus.ACCEPTED)
    if output is not None:
        activities = activities.filter(output=output)
    elif outcome is not None:
        activities = activities.filter(output__outcome=outcome)
    else:
        activities = activities.filter(output__outcome__goal=goal)
    activities = list(activities.select_related("output", "responsible").order_by(*budget_selectors.CHAIN_ORDER))
    latest = latest_updates(value.process, activity_ids=[activity.pk for activity in activities])

    if outcome is not None and outcome.priority_id:
        priorities = [outcome.priority]
    else:
        candidates = list(Priority.objects.filter(goal=goal).order_by("position", "created"))
        priorities = [p for p in candidates if p.is_selected] or candidates
    priority_ids = [priority.pk for priority in priorities]

    finding_ids = set(Goal.findings.through.objects.filter(goal_id=goal.pk).values_list("finding_id", flat=True))
    finding_ids |= set(
        Priority.findings.through.objects.filter(priority_id__in=priority_ids).values_list("finding_id", flat=True)
    )
    finding_ids |= set(
        Target.objects.filter(priority_id__in=priority_ids, finding__isnull=False).values_list("finding_id", flat=True)
    )
    findings = list(
        Finding.objects.filter(pk__in=finding_ids, process=value.process_id)
        .select_related("sector")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.select_related(
                    "question", "assignment__checklist", "assignment__lead", "assignment__process"
                ).prefetch_related(Prefetch("data_sources", queryset=DataSource.objects.order_by("name"))),
            ),
            Prefetch("series", queryset=DataSeries.objects.select_related("source").order_by("title")),
        )
        .order_by("-created")
    )
    cited_series = [item for finding in findings for item in finding.series.all()]
    latest_of_series = latest_values(_distinct(cited_series))
    for item in cited_series:
        item.latest = latest_of_series.get(item.pk)
    return GoldenThread(
        value=value,
        indicator=indicator,
        result=indicator.result,
        level=indicator.level,
        goal=goal,
        outcome=outcome,
        output=output,
        activities=[ThreadActivity(activity=a, update=latest.get(a.pk)) for a in activities],
        priorities=priorities,
        findings=findings,
    )


# ---------------------------------------------------------------------------
# The dashboard: summaries by goal, outcome and output
# ---------------------------------------------------------------------------


@dataclass
class ResultSummaries:
    """A goal, outcome or output with the summaries of the indicators measuring it."""

    result: object
    level: str
    summaries: list[IndicatorSummary]


@dataclass
class GoalSummaries:
    goal: Goal
    summaries: list[IndicatorSummary]  # the goal's own indicators
    outcomes: list[OutcomeSummaries]


@dataclass
class OutcomeSummaries:
    outcome: Outcome
    summaries: list[IndicatorSummary]  # the outcome's own indicators
    outputs: list[ResultSummaries]

    @property
    def measured(self) -> bool:
        return bool(self.summaries) or any(output.summaries for output in self.outputs)


def summaries_by_result(process: Process, summaries: list[IndicatorSummary]) -> list[GoalSummaries]:
    """The summaries arranged in the chain: each goal, its outcomes, their outputs (three queries)."""
    by_key: dict[tuple[str, int], list[IndicatorSummary]] = {}
    for summary in summaries:
        indicator = summary.indicator
        by_key.setdefault((indicator.level, indicator.result.pk), []).append(summary)
    goals = Goal.objects.filter(process=process).order_by("position", "created")
    outcomes = list(Outcome.objects.filter(process=process).select_related("priority").order_by("position", "created"))
    outputs = list(Output.objects.filter(process=process).order_by("position", "created"))
    tree = []
    for goal in goals:
        goal_outcomes = []
        for outcome in (o for o in outcomes if o.goal_id == goal.pk):
            children = [
                ResultSummaries(output, "output", by_key.get(("output", output.pk), []))
                for output in outputs
                if output.outcome_id == outcome.pk
            ]
            goal_outcomes.append(OutcomeSummaries(outcome, by_key.get(("outcome", outcome.pk), []), children))
        tree.append(GoalSummaries(goal, by_key.get(("goal", goal.pk), []), goal_outcomes))
    return tree
