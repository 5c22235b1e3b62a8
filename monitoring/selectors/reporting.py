"""
The read side of periodic progress reporting: the periods of a process with their reports counted by status, a
period's reports, the reports a person may read, what one report covers (its indicators with their current
value, its activities with their update and budget), every revision of its values, and what is overdue: the one
rule (is_overdue: a draft past its period's due date) flagged on periods and reports, and the overdue reports for
the dashboard.

Each selector costs a fixed number of queries, whatever the number of periods, reports, indicators or
activities. Who may read what is monitoring.permissions' business: reports_visible_to restricts by its rule.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from implementation_plans.choices import ActivityStatus, ProposalStatus
from implementation_plans.models import Activity, BudgetLine
from implementation_plans.selectors.budget import CHAIN_ORDER, cents, in_plan_currency, plan_currency
from mainstreaming.models import Process, Report
from monitoring import permissions
from monitoring.choices import PROGRESS_REPORT, PeriodStatus, ReportStatus
from monitoring.models import ActivityUpdate, Indicator, IndicatorValue, ProgressReport, ReportingPeriod, ReportStep

MONEY = DecimalField(max_digits=20, decimal_places=2)


# ---------------------------------------------------------------------------
# One report's content
# ---------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    """An indicator the report covers, with the report's current value revision for it (None: not entered)."""

    indicator: Indicator
    value: IndicatorValue | None = None

    @property
    def entered(self) -> bool:
        return self.value is not None and not self.value.is_empty


@dataclass
class ActivityRow:
    """
    An activity the report covers, with the report's update on it (None: not entered) and its budget for the
    period's years, in the plan's currency.
    """

    activity: Activity
    update: ActivityUpdate | None = None
    budget: Decimal = Decimal("0.00")

    @property
    def entered(self) -> bool:
        return self.update is not None and bool(self.update.status)


@dataclass
class ReportItems:
    report: ProgressReport
    indicators: list[IndicatorRow] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)
    currency: str = "USD"

    @property
    def budget(self) -> Decimal:
        return sum((row.budget for row in self.activities), Decimal("0.00"))

    @property
    def spent(self) -> Decimal:
        return sum((row.update.spent or Decimal("0") for row in self.activities if row.update), Decimal("0.00"))

    @property
    def missing(self) -> int:
        """How many indicators lack a value and activities a status."""
        return sum(not row.entered for row in self.indicators) + sum(not row.entered for row in self.activities)

    @property
    def is_complete(self) -> bool:
        return self.missing == 0


def report_indicators(report: ProgressReport) -> QuerySet[Indicator]:
    """The indicators the report's institution is responsible for, and any the report has a value for."""
    given = IndicatorValue.objects.filter(report=report).values("indicator_id")
    return (
        Indicator.objects.filter(process_id=report.process_id)
        .filter(Q(responsible_id=report.institution_id) | Q(pk__in=given))
        .select_related("goal", "outcome", "output")
        .order_by("position", "created")
    )


def report_activities(report: ProgressReport, period: ReportingPeriod) -> QuerySet[Activity]:
    """
    The accepted activities of the report's institution that are not cancelled and whose dates overlap the period
    (or are not set), and any the report has an update on (an activity its approval marked cancelled stays).
    """
    given = ActivityUpdate.objects.filter(report=report).values("activity_id")
    responsible = (
        Q(responsible_id=report.institution_id, proposal_status=ProposalStatus.ACCEPTED)
        & ~Q(status=ActivityStatus.CANCELLED)
        & (Q(starts_on__isnull=True) | Q(starts_on__lte=period.ends_on))
        & (Q(ends_on__isnull=True) | Q(ends_on__gte=period.starts_on))
    )
    return (
        Activity.objects.filter(process_id=report.process_id)
        .filter(responsible | Q(pk__in=given))
        .select_related("output__outcome")
        .order_by(*CHAIN_ORDER)
    )


def _budget_of_years(first: int, last: int):
    lines = (
        BudgetLine.objects.filter(activity=OuterRef("pk"), year__gte=first, year__lte=last)
        .order_by()
        .values("activity")
        .annotate(total=Sum(in_plan_currency()))
        .values("total")
    )
    return Coalesce(Subquery(lines, output_field=MONEY), Value(Decimal("0.00")), output_field=MONEY)


def report_items(report: ProgressReport) -> ReportItems:
    """
    What the report covers, in the plan's order: its indicators with their current value, its activities with
    their update and budget for the period's years (the lines of every year the period touches, so a period of
    one year gets that year's budget). Six queries, whatever the size.
    """
    period = ReportingPeriod.objects.get(pk=report.period_id)
    indicators = list(report_indicators(report))
    values = {value.indicator_id: value for value in IndicatorValue.objects.filter(report=report, is_current=True)}
    activities = list(
        report_activities(report, period).annotate(
            period_budget=_budget_of_years(period.starts_on.year, period.ends_on.year)
        )
    )
    updates = {update.activity_id: update for update in ActivityUpdate.objects.filter(report=report)}
    return ReportItems(
        report=report,
        indicators=[IndicatorRow(indicator, values.get(indicator.pk)) for indicator in indicators],
        activities=[
            ActivityRow(activity, updates.get(activity.pk), cents(activity.period_budget)) for activity in activities
        ],
        currency=plan_currency(report.process_id),
    )


def missing_items(report: ProgressReport) -> list[str]:
    """What the report still lacks before it can be submitted, as sentences, in the report's order."""
    items = report_items(report)
    missing = [
        _("No value yet for the indicator %(indicator)s.") % {"indicator": row.indicator}
        for row in items.indicators
        if row.value is None or row.value.is_empty
    ]
    missing += [
        _("No status yet for the activity %(activity)s.") % {"activity": row.activity}
        for row in items.activities
        if row.update is None or not row.update.status
    ]
    return missing


# ---------------------------------------------------------------------------
# Periods and reports
# ---------------------------------------------------------------------------


def is_overdue(report: ProgressReport, period: ReportingPeriod | None = None, today: date | None = None) -> bool:
    """A report still in draft after its period's due date (`period` defaults to the report's own)."""
    period = period or report.period
    return report.status == ReportStatus.DRAFT and period.due_on < (today or timezone.localdate())


def periods_of(process: Process) -> list[ReportingPeriod]:
    """
    The process's reporting periods, latest first, each with `reports_total`, `reports_draft`,
    `reports_submitted`, `reports_approved` and `reports_overdue` (the drafts once the due date has passed; one
    query).
    """
    today = timezone.localdate()
    periods = list(
        ReportingPeriod.objects.filter(process=process)
        .select_related("opened_by")
        .annotate(
            reports_total=Count("reports", distinct=True),
            reports_draft=Count("reports", filter=Q(reports__status=ReportStatus.DRAFT), distinct=True),
            reports_submitted=Count("reports", filter=Q(reports__status=ReportStatus.SUBMITTED), distinct=True),
            reports_approved=Count("reports", filter=Q(reports__status=ReportStatus.APPROVED), distinct=True),
        )
        .order_by("-starts_on")
    )
    for period in periods:
        period.reports_overdue = period.reports_draft if period.due_on < today else 0
    return periods


def period_get(*, process: Process, pk) -> ReportingPeriod:

    return get_object_or_404(ReportingPeriod.objects.select_related("opened_by"), process=process, pk=pk)


def _reports() -> QuerySet[ProgressReport]:
    return ProgressReport.objects.select_related("period", "institution", "submitted_by", "approved_by")


def period_reports(period: ReportingPeriod) -> list[ProgressReport]:
    """The period's reports by institution, with who submitted and approved them and `is_overdue` (one query)."""
    today = timezone.localdate()
    reports = list(_reports().filter(period=period).order_by("institution__name"))
    for report in reports:
        report.is_overdue = is_overdue(report, today=today)
    return reports


def period_pdfs(period: ReportingPeriod) -> list:
    """The progress-report PDFs built (or being built) from `period`, newest first (one query)."""
    return list(
        Report.objects.filter(process_id=period.process_id, kind=PROGRESS_REPORT, parameters__period=period.pk)
        .select_related("requested_by")
        .order_by("-created")
    )


def reports_visible_to(user_or_request, process: Process) -> QuerySet[ProgressReport]:
    """
    The process's reports the person may read (the rule progressreport.read): reviewers all of them,
    a ministry its own at any stage and the others' once approved, nobody else any. Latest period first.
    """
    reports = _reports().filter(process=process).order_by("-period__starts_on", "institution__name")
    return reports.restrict(user_or_request, permissions.READ_REPORT)


def report_get(*, process: Process, pk) -> ProgressReport:
    """One report of the process with its period, institution, people and `is_overdue` (one query; 404 elsewhere)."""

    report = get_object_or_404(_reports(), process=process, pk=pk)
    report.is_overdue = is_overdue(report)
    return report


def report_steps(report: ProgressReport) -> list[ReportStep]:
    """Who submitted, returned, approved and corrected the report, and when, oldest first (one query)."""
    return list(ReportStep.objects.filter(report=report).select_related("actor").order_by("created", "pk"))


def value_revisions(report: ProgressReport, indicator: Indicator) -> list[IndicatorValue]:
    """Every revision of the report's value of `indicator`, first first, with who corrected it (one query)."""
    return list(
        IndicatorValue.objects.filter(report=report, indicator=indicator)
        .select_related("corrected_by")
        .order_by("revision")
    )


def value_revisions_by_indicator(report: ProgressReport) -> dict[int, list[IndicatorValue]]:
    """Every revision of every value of the report, first first, with who corrected it, by indicator (one query)."""
    revisions: dict[int, list[IndicatorValue]] = {}
    for value in IndicatorValue.objects.filter(report=report).select_related("corrected_by").order_by("revision"):
        revisions.setdefault(value.indicator_id, []).append(value)
    return revisions


@dataclass
class OverdueReport:
    report: ProgressReport
    days_overdue: int


def overdue_reports(process: Process, today: date | None = None) -> list[OverdueReport]:
    """
    The draft reports of the process's open periods whose due date has passed, most overdue first, with how many
    days (one query).
    """
    today = today or timezone.localdate()
    reports = (
        _reports()
        .filter(
            process=process,
            status=ReportStatus.DRAFT,
            period__status=PeriodStatus.OPEN,
            period__due_on__lt=today,
        )
        .order_by("period__due_on", "institution__name")
    )
    return [OverdueReport(report, (today - report.period.due_on).days) for report in reports]
