"""
Demo records of the reporting area: the plan's first three quarters, each opened by the NFP once it had ended and
reported on by the institutions responsible. The Ministry of Labour's reports are filled in, submitted and approved
by the facilitator; the Ministry of Health's first two are approved, and its third was returned with a comment,
corrected and submitted again, waiting for review; the central bank has reported nothing yet. The fourth quarter,
still running, is not open. Everything goes through the services, so the history and the review steps read as if
the people had typed it in; the services stamp each step with the moment it is taken, so the demo then dates the
submissions and approvals back to the days around each quarter's due date. Without indicators or users, or if the
process already has a reporting period, the loader does nothing, so loading twice changes nothing.

The values follow each indicator's own basis (monitoring.demo.indicators): a level indicator reports its level in
the quarter, on the way from its baseline to the year's target; an incremental one reports what was counted in the
quarter, a quarter of the year's target for the sum. Activities report the status their dates give them, and
spend a fifth of their year's budget each quarter (a tenth when delayed), so the spending stays within the budget.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from implementation_plans.choices import ActivityStatus
from mainstreaming.loaders import DemoCountry, register_demo_loader
from monitoring.choices import ActivityProgress, Aggregation, IndicatorType
from monitoring.models import Indicator, IndicatorTarget, ProgressReport, ReportingPeriod, ReportStep
from monitoring.selectors.reporting import report_items
from monitoring.services import reporting as services
from monitoring.services.reporting import ActivityInput, ValueInput

# Share of the way from the baseline to the year's target reached in the demo's first year.
REACHED = Decimal("0.6")
# Indicators whose institution does better than its other indicators (by bank code): the skills-recognition
# desk processes more requests than planned, so the dashboard shows one indicator on track beside the others.
AHEAD = {"MD-15": Decimal("1.5")}


def _whole(number: Decimal) -> Decimal:
    return number.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _split(total: Decimal) -> dict:
    """A breakdown by sex of a whole number: four in ten women."""
    women = _whole(total * Decimal("0.4"))
    return {"women": f"{women:f}", "men": f"{total - women:f}"}


def demo_value(indicator: Indicator, target: Decimal | None, reached: Decimal = REACHED) -> ValueInput:
    """
    A plausible value of `indicator` for one period: `reached` of the way from its baseline to `target` for a
    level, or `reached` of `target` (what the period should add, on top of the baseline) for an incremental one.
    """
    if indicator.indicator_type == IndicatorType.YES_NO:
        return ValueInput(value="yes")
    if indicator.indicator_type == IndicatorType.TEXT:
        if indicator.aggregation == Aggregation.QUALITATIVE and len(indicator.scale or []) > 1:
            return ValueInput(value=indicator.scale[1])
        return ValueInput(value=_("Progress as planned; see the narrative."))
    baseline = indicator.baseline_value or Decimal("0")
    goal = target if target is not None else baseline
    value = baseline + (goal - baseline) * reached
    by_sex = "sex" in (indicator.disaggregations or [])
    if indicator.indicator_type == IndicatorType.PERCENTAGE:
        value = min(max(value, Decimal("0")), Decimal("100")).quantize(Decimal("0.01"))
        if indicator.aggregation == Aggregation.PERCENTAGE:
            denominator = Decimal("1000")
            numerator = _whole(denominator * value / 100)
            data = ValueInput(numerator=f"{numerator:f}", denominator=f"{denominator:f}")
            if by_sex:
                women, men = _split(numerator), _split(denominator)
                data.disaggregation = {
                    "sex": {
                        "women": {"numerator": women["women"], "denominator": men["women"]},
                        "men": {"numerator": women["men"], "denominator": men["men"]},
                    }
                }
            return data
        return ValueInput(value=f"{value:f}")
    if indicator.aggregation == Aggregation.INCREMENTAL:
        value = (goal - baseline) * reached if goal > baseline else goal * reached
    value = (
        _whole(value)
        if indicator.aggregation == Aggregation.INCREMENTAL or value >= 1000
        else value.quantize(Decimal("0.01"))
    )
    data = ValueInput(value=f"{value:f}")
    if by_sex and value == _whole(value):
        data.disaggregation = {"sex": _split(value)}
    return data


@dataclass(frozen=True)
class Quarter:
    label: str
    starts_on: date
    ends_on: date
    due_on: date
    number: int  # 1 to 4 within its year


def _quarters(year: int, count: int) -> list[Quarter]:
    """The first `count` quarters of `year`, each due a month after it ends."""
    quarters = []
    for number in range(1, count + 1):
        starts_on = date(year, 3 * number - 2, 1)
        next_start = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
        ends_on = next_start - timedelta(days=1)
        quarters.append(Quarter(f"{year}-Q{number}", starts_on, ends_on, ends_on + timedelta(days=30), number))
    return quarters


def _period_target(indicator: Indicator, year_target: Decimal | None, quarter: Quarter) -> Decimal | None:
    """What the quarter should show on the way to the year's target: a level, or an amount to add."""
    if year_target is None:
        return None
    baseline = indicator.baseline_value or Decimal("0")
    if indicator.aggregation == Aggregation.INCREMENTAL:
        return baseline + (year_target - baseline) / 4
    return baseline + (year_target - baseline) * quarter.number / 4


def _activity_input(row, quarter: Quarter, *, pace: Decimal) -> ActivityInput:
    """
    The update an activity's dates give it at the end of the quarter: delayed when the plan says so, or when the
    institution is behind (`pace` below 1) on an activity still running.
    """
    activity = row.activity
    running = activity.ends_on is None or activity.ends_on > quarter.ends_on
    delayed = activity.status == ActivityStatus.DELAYED or (pace < 1 and running)
    if activity.starts_on and activity.starts_on > quarter.ends_on:
        return ActivityInput(status=ActivityProgress.NOT_STARTED, percent_done="0", narrative="", spent="0")
    if activity.ends_on and activity.ends_on <= quarter.ends_on and not delayed:
        status, percent, share = ActivityProgress.COMPLETED, 100, Decimal("0.2")
    else:
        starts_on, ends_on = activity.starts_on or quarter.starts_on, activity.ends_on or quarter.ends_on
        elapsed = Decimal((quarter.ends_on - starts_on).days) / Decimal(max((ends_on - starts_on).days, 1))
        percent = int(min(elapsed * 100 * (Decimal("0.5") if delayed else 1), 95))
        status = ActivityProgress.DELAYED if delayed else ActivityProgress.ON_TRACK
        share = Decimal("0.1") if delayed else Decimal("0.2")
    narrative = (
        _("The work is behind schedule; the next steps are in the report.")
        if delayed
        else _("Work went ahead with the partners as planned; the next steps are in the report.")
    )
    return ActivityInput(
        status=status,
        percent_done=str(percent),
        narrative=narrative,
        spent=f"{(row.budget * share).quantize(Decimal('0.01')):f}",
    )


def _fill(report: ProgressReport, actor, quarter: Quarter, *, reached: Decimal, pace: Decimal = Decimal(1)) -> None:
    items = report_items(report)
    targets = {
        target.indicator_id: target.value
        for target in IndicatorTarget.objects.filter(
            indicator__in=[row.indicator for row in items.indicators], year=quarter.starts_on.year
        )
    }
    values = {
        row.indicator.pk: demo_value(
            row.indicator,
            _period_target(row.indicator, targets.get(row.indicator.pk), quarter),
            AHEAD.get(row.indicator.code, reached),
        )
        for row in items.indicators
    }
    activities = {row.activity.pk: _activity_input(row, quarter, pace=pace) for row in items.activities}
    services.report_save(
        actor=actor,
        report=report,
        version=report.version,
        challenges=_("Staff turnover in the regional offices slowed the work during the quarter."),
        next_steps=_("Train the new staff and report the regions' figures separately next quarter."),
        values=values,
        activities=activities,
    )


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _date_back(report: ProgressReport, quarter: Quarter) -> None:
    """Date the report's submission a few days before its due date, and its review steps in the days after."""
    submitted = _moment(quarter.due_on - timedelta(days=3))
    fields = {"submitted_at": submitted}
    if report.approved_at:
        fields["approved_at"] = _moment(quarter.due_on + timedelta(days=7))
    ProgressReport.objects.filter(pk=report.pk).update(**fields)
    for offset, step in enumerate(ReportStep.objects.filter(report=report).order_by("created", "pk")):
        ReportStep.objects.filter(pk=step.pk).update(created=submitted + timedelta(days=5 * offset))


def load_demo_reporting(demo: DemoCountry) -> None:
    process, users, institutions = demo.process, demo.users, demo.institutions
    nfp, facilitator = users.get("nfp"), users.get("facilitator")
    if nfp is None or facilitator is None or ReportingPeriod.objects.filter(process=process).exists():
        return
    if not Indicator.objects.filter(process=process, responsible__isnull=False).exists():
        return
    labour, labour_user = institutions.get("MoLSP"), users.get("labour")
    health, health_user = institutions.get("MoH"), users.get("health")
    quarters = _quarters(process.period_start, 3)
    for quarter in quarters:
        try:
            period = services.period_open(
                actor=nfp,
                process=process,
                label=quarter.label,
                starts_on=quarter.starts_on,
                ends_on=quarter.ends_on,
                due_on=quarter.due_on,
            )
        except ValidationError:
            return
        reports = {report.institution_id: report for report in ProgressReport.objects.filter(period=period)}

        if labour is not None and labour_user is not None and labour.pk in reports:
            report = reports[labour.pk]
            _fill(report, labour_user, quarter, reached=Decimal("0.95"))
            services.report_submit(actor=labour_user, report=report, note=_("All figures checked with the NEA."))
            services.report_approve(
                actor=facilitator,
                report=report,
                note=_("Complete and consistent with the employment agency's register."),
            )
            _date_back(report, quarter)

        if health is not None and health_user is not None and health.pk in reports:
            report = reports[health.pk]
            last = quarter == quarters[-1]
            _fill(report, health_user, quarter, reached=Decimal("0.8"), pace=Decimal("0.5") if last else Decimal(1))
            services.report_submit(actor=health_user, report=report)
            if not last:
                services.report_approve(actor=facilitator, report=report, note=_("Thank you; complete."))
            else:
                services.report_request_changes(
                    actor=facilitator,
                    report=report,
                    reason=_("Please say what delays the activities and when they will catch up."),
                )
                report.refresh_from_db()
                services.report_save(
                    actor=health_user,
                    report=report,
                    version=report.version,
                    challenges=_(
                        "The recruitment freeze stopped the screening of returning health workers until September."
                    ),
                    next_steps=_("Screen the returnees on the waiting list by the end of the next quarter."),
                    values={},
                    activities={},
                )
                services.report_submit(actor=health_user, report=report, note=_("Delays explained, as asked."))
            report.refresh_from_db()
            _date_back(report, quarter)


def register() -> None:
    register_demo_loader(load_demo_reporting)
