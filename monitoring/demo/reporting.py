"""
Demo records of the reporting area: the plan's first reporting period (its first year), opened by the NFP, with
the Ministry of Labour's report filled in, submitted and approved by the facilitator; the Ministry of Health's
report submitted, returned with a comment, corrected and submitted again, waiting for review; and the reports of
the other responsible institutions still in draft. Everything goes through the services, so the history and the
review steps read as if the people had typed it in. Without indicators or users, or if the process already has a
reporting period, the loader does nothing, so loading twice changes nothing.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mainstreaming.loaders import DemoCountry, register_demo_loader
from monitoring.choices import ActivityProgress, Aggregation, IndicatorType
from monitoring.models import Indicator, IndicatorTarget, ProgressReport, ReportingPeriod
from monitoring.selectors.reporting import report_items
from monitoring.services import reporting as services
from monitoring.services.reporting import ActivityInput, ValueInput

# Share of the way from the baseline to the year's target reached in the demo's first year.
REACHED = Decimal("0.6")


def _whole(number: Decimal) -> Decimal:
    return number.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _split(total: Decimal) -> dict:
    """A breakdown by sex of a whole number: four in ten women."""
    women = _whole(total * Decimal("0.4"))
    return {"women": f"{women:f}", "men": f"{total - women:f}"}


def demo_value(indicator: Indicator, target: Decimal | None) -> ValueInput:
    """A plausible first-year value of `indicator`, part of the way from its baseline to `target`."""
    if indicator.indicator_type == IndicatorType.YES_NO:
        return ValueInput(value="yes")
    if indicator.indicator_type == IndicatorType.TEXT:
        if indicator.aggregation == Aggregation.QUALITATIVE and len(indicator.scale or []) > 1:
            return ValueInput(value=indicator.scale[1])
        return ValueInput(value=_("Progress as planned; see the narrative."))
    baseline = indicator.baseline_value or Decimal("0")
    goal = target if target is not None else baseline
    value = baseline + (goal - baseline) * REACHED
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
        value = (goal - baseline) * REACHED if goal > baseline else goal * REACHED
    value = (
        _whole(value)
        if indicator.aggregation == Aggregation.INCREMENTAL or value >= 1000
        else value.quantize(Decimal("0.01"))
    )
    data = ValueInput(value=f"{value:f}")
    if by_sex and value == _whole(value):
        data.disaggregation = {"sex": _split(value)}
    return data


def _fill(report: ProgressReport, actor, *, status: str, percent: int, spent_share: Decimal, year: int) -> None:
    items = report_items(report)
    targets = {
        target.indicator_id: target.value
        for target in IndicatorTarget.objects.filter(
            indicator__in=[row.indicator for row in items.indicators], year=year
        )
    }
    values = {row.indicator.pk: demo_value(row.indicator, targets.get(row.indicator.pk)) for row in items.indicators}
    activities = {
        row.activity.pk: ActivityInput(
            status=status,
            percent_done=str(percent),
            narrative=_("Work went ahead with the partners as planned; the next steps are in the report."),
            spent=f"{(row.budget * spent_share).quantize(Decimal('0.01')):f}",
        )
        for row in items.activities
    }
    services.report_save(
        actor=actor,
        report=report,
        version=report.version,
        challenges=_("Staff turnover in the regional offices slowed the work in the second half of the year."),
        next_steps=_("Train the new staff early next year and report the regions' figures separately."),
        values=values,
        activities=activities,
    )


def load_demo_reporting(demo: DemoCountry) -> None:
    process, users, institutions = demo.process, demo.users, demo.institutions
    nfp, facilitator = users.get("nfp"), users.get("facilitator")
    if nfp is None or facilitator is None or ReportingPeriod.objects.filter(process=process).exists():
        return
    if not Indicator.objects.filter(process=process, responsible__isnull=False).exists():
        return
    year = max(process.period_start, 2025)
    try:
        period = services.period_open(
            actor=nfp,
            process=process,
            label=str(year),
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
            due_on=date(year + 1, 1, 31),
        )
    except ValidationError:
        return
    reports = {report.institution_id: report for report in ProgressReport.objects.filter(period=period)}

    labour, labour_user = institutions.get("MoLSP"), users.get("labour")
    if labour is not None and labour_user is not None and labour.pk in reports:
        report = reports[labour.pk]
        _fill(report, labour_user, status=ActivityProgress.ON_TRACK, percent=60, spent_share=Decimal("0.45"), year=year)
        services.report_submit(actor=labour_user, report=report, note=_("All figures checked with the NEA."))
        services.report_approve(
            actor=facilitator, report=report, note=_("Complete and consistent with the employment agency's register.")
        )

    health, health_user = institutions.get("MoH"), users.get("health")
    if health is not None and health_user is not None and health.pk in reports:
        report = reports[health.pk]
        _fill(report, health_user, status=ActivityProgress.DELAYED, percent=30, spent_share=Decimal("0.2"), year=year)
        services.report_submit(actor=health_user, report=report)
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
            challenges=_("The recruitment freeze stopped the new posts until September; training started in October."),
            next_steps=_("Fill the rural posts in the first quarter and report the retention figures by region."),
            values={},
            activities={},
        )
        services.report_submit(actor=health_user, report=report, note=_("Delays explained, as asked."))


def register() -> None:
    register_demo_loader(load_demo_reporting)
