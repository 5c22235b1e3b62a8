"""
The PDF reports of monitoring and evaluation (handbook §9), built by the core's one pipeline
(mainstreaming.report_kinds) and published to development partners by the NFP from the report's page:

* The periodic progress report ("progress_report", parameters {"period": <pk>}), requested from a reporting
  period's page: the period, which institutions' reports are approved, each indicator's value in the period and to
  date against its baseline and targets (with its chart), the activities' status and spending in the period, and
  the approved reports' challenges and next steps.
* The donor report ("donor_report", offered on the Reports page): the plan's progress to date for development
  partners: indicators against baselines and targets with charts, by goal, outcome and output; the activities'
  status; spending against budget and funding; the challenges and next steps of the approved reports; and the
  evaluations' status, if any.

Both are publishable, so both print only APPROVED reports and their CURRENT value revisions
(monitoring.selectors.progress); a ministry's draft, a submitted report or a report sent back never appears, not
even as a count of its values. A report not yet approved is listed with its status only.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from implementation_plans.selectors import budget as budget_selectors
from mainstreaming import report_kinds
from mainstreaming.charts import Bar, horizontal_bar_chart
from mainstreaming.models import Report
from monitoring.choices import DONOR_REPORT, PROGRESS_REPORT, ReportStatus, ResponseStatus
from monitoring.models import ActivityUpdate, Evaluation, ProgressReport, ReportingPeriod
from monitoring.models.reporting import breakdowns_of
from monitoring.selectors import progress as progress_selectors

# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------


def _period_pk(parameters: dict) -> int:
    value = (parameters or {}).get("period")
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise ValidationError({"period": _("Name the reporting period to report on.")})
    return int(value)


def validate_period(process, parameters: dict) -> None:
    """The period must be one of this process's reporting periods."""
    if not ReportingPeriod.objects.filter(process=process, pk=_period_pk(parameters)).exists():
        raise ValidationError({"period": _("This reporting period is not part of the process.")})


# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


@dataclass
class Narrative:
    """One approved report's challenges and next steps."""

    report: ProgressReport
    challenges: str
    next_steps: str


@dataclass
class PeriodNarrative:
    period: ReportingPeriod
    entries: list[Narrative] = field(default_factory=list)


def _narratives(reports) -> list[Narrative]:
    return [
        Narrative(report=report, challenges=report.challenges.strip(), next_steps=report.next_steps.strip())
        for report in reports
        if report.status == ReportStatus.APPROVED and (report.challenges.strip() or report.next_steps.strip())
    ]


def _reports_of(period_filter: dict):
    return (
        ProgressReport.objects.filter(**period_filter)
        .select_related("period", "institution", "approved_by")
        .order_by("-period__starts_on", "institution__name")
    )


def _activity_chart(overview) -> str:
    if not overview.total:
        return ""
    return horizontal_bar_chart(
        [Bar(count.label, count.count) for count in overview.counts],
        title=_("Activities by the status of their latest approved update"),
    )


def _period_value(summary, period):
    """The approved value of `summary`'s indicator in `period`, or None."""
    for value_period, value in zip(summary.periods, summary.values, strict=False):
        if value_period.pk == period.pk:
            return value
    return None


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


# ---------------------------------------------------------------------------
# The periodic progress report
# ---------------------------------------------------------------------------


@dataclass
class PeriodIndicatorRow:
    summary: object  # progress_selectors.IndicatorSummary as of the period
    value: object  # the period's approved IndicatorValue, or None

    @property
    def breakdowns(self) -> list[str]:
        return breakdown_lines(self.value.disaggregation if self.value is not None else {})


def breakdown_lines(disaggregation: dict) -> list[str]:
    """A value's breakdowns as lines such as "Sex: Women 12, Men 30" (labels in the reader's language)."""
    return [
        f"{breakdown.label}: {', '.join(f'{group} {amount}' for group, amount in breakdown.groups)}"
        for breakdown in breakdowns_of(disaggregation)
    ]


def progress_report_context(report: Report, data_read_at: datetime) -> dict:
    """
    The period (one query), its reports (one), the indicators as of the period with their approved values and
    charts (five), the approved activity updates of the period (one) and their total spending (one).
    """
    period = ReportingPeriod.objects.get(process=report.process, pk=_period_pk(report.parameters))
    reports = list(_reports_of({"period": period}))
    approved = [r for r in reports if r.status == ReportStatus.APPROVED]
    summaries = progress_selectors.indicator_summaries(report.process, until_period=period)
    indicator_rows = [PeriodIndicatorRow(summary=s, value=_period_value(s, period)) for s in summaries]
    updates = list(
        ActivityUpdate.objects.filter(report__period=period, report__status=ReportStatus.APPROVED)
        .select_related("activity__output__outcome", "report__institution")
        .order_by(*(f"activity__{name}" for name in budget_selectors.CHAIN_ORDER))
    )
    spent = ActivityUpdate.objects.filter(report__period=period, report__status=ReportStatus.APPROVED).aggregate(
        total=Sum("spent")
    )["total"]
    return {
        "period": period,
        "reports": reports,
        "approved_reports": approved,
        "pending_reports": [r for r in reports if r.status != ReportStatus.APPROVED],
        "indicator_rows": indicator_rows,
        "reported_count": sum(1 for row in indicator_rows if row.value is not None),
        "updates": updates,
        "spent": budget_selectors.cents(spent),
        "currency": budget_selectors.plan_currency(report.process),
        "narratives": _narratives(approved),
    }


# ---------------------------------------------------------------------------
# The donor report
# ---------------------------------------------------------------------------


def donor_report_context(report: Report, data_read_at: datetime) -> dict:
    """
    The plan's progress to date: indicators by result (five queries for the summaries, three for the chain), the
    activities' status (two), spending against budget (seven) and funding (one), the approved reports' narrative
    (one) and the evaluations (one).
    """
    process = report.process
    today = timezone.localtime(data_read_at).date()
    summaries = progress_selectors.indicator_summaries(process, today=today)
    overview = progress_selectors.activity_status_overview(process)
    narratives: dict[int, PeriodNarrative] = {}
    for narrative in _narratives(_reports_of({"process": process, "status": ReportStatus.APPROVED})):
        period = narrative.report.period
        narratives.setdefault(period.pk, PeriodNarrative(period=period)).entries.append(narrative)
    periods = list(ReportingPeriod.objects.filter(process=process).order_by("starts_on"))
    # Only the Evaluation model: its status, dates and, once completed, its conclusions, with how many
    # recommendations it made and how many of their follow-ups are completed.
    evaluations = list(
        Evaluation.objects.filter(process=process)
        .annotate(
            recommendation_count=Count("recommendations", distinct=True),
            followed_up_count=Count(
                "recommendations",
                filter=Q(recommendations__response__status=ResponseStatus.COMPLETED),
                distinct=True,
            ),
        )
        .order_by("due_on", "created")
    )
    return {
        "goal_summaries": progress_selectors.summaries_by_result(process, summaries),
        "indicator_count": len(summaries),
        "status_counts": _status_counts(summaries),
        "activities": overview,
        "activity_chart": _activity_chart(overview),
        "spending": progress_selectors.spending_overview(process),
        "funding": budget_selectors.plan_totals(process),
        "periods": periods,
        "approved_count": ProgressReport.objects.filter(process=process, status=ReportStatus.APPROVED).count(),
        "narratives": list(narratives.values()),
        "evaluations": evaluations,
    }


def _status_counts(summaries) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for summary in summaries:
        counts[summary.status_label] = counts.get(summary.status_label, 0) + 1
    return list(counts.items())


def register() -> None:
    report_kinds.register(
        report_kinds.ReportKindSpec(
            kind=PROGRESS_REPORT,
            label=gettext_lazy("Periodic progress report"),
            template="pdf/progress_report.html",
            build_context=progress_report_context,
            listed=False,
            validate_parameters=validate_period,
        )
    )
    report_kinds.register(
        report_kinds.ReportKindSpec(
            kind=DONOR_REPORT,
            label=gettext_lazy("Progress report for development partners"),
            template="pdf/donor_report.html",
            build_context=donor_report_context,
            listed=True,
        )
    )
