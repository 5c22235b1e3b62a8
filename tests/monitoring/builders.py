"""
Monitoring records for tests, made directly (not through the services), so that dashboards, PDFs and exports can
be tested on approved values without depending on the reporting workflow. Use the services when the test is
about them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils import timezone

from monitoring.choices import ReportStatus
from monitoring.models import Indicator, IndicatorTarget, IndicatorValue, ProgressReport, ReportingPeriod
from monitoring.permissions import grant_reporter


def make_indicator(cast, result, *, responsible=None, targets=None, **fields) -> Indicator:
    """A number indicator (incremental, higher is better) on `result` (a goal, outcome or output), responsible the
    Ministry of Labour, baseline 100 on 2026-01-01, with `targets` ({year: Decimal}) if given."""
    level = type(result).__name__.lower()
    values = {
        "name": "Workers oriented before departure",
        "unit": "workers",
        "indicator_type": "number",
        "aggregation": "incremental",
        "direction": "higher",
        "baseline_value": Decimal("100"),
        "baseline_date": date(2026, 1, 1),
        "responsible": responsible or cast.labour,
    } | fields
    indicator = Indicator.objects.create(process=cast.process, **{level: result}, **values)
    for year, value in (targets or {}).items():
        IndicatorTarget.objects.create(process=cast.process, indicator=indicator, year=year, value=value)
    return indicator


def make_percentage_indicator(cast, result, **fields) -> Indicator:
    """A percentage given by its parts (workers oriented / workers departed), by sex, baseline 20 (make_indicator)."""
    values = {
        "name": "Share of workers oriented",
        "unit": "%",
        "indicator_type": "percentage",
        "aggregation": "percentage",
        "numerator": "workers oriented",
        "denominator": "workers departed",
        "disaggregations": ["sex"],
        "baseline_value": Decimal("20"),
    }
    return make_indicator(cast, result, **(values | fields))


def make_yes_no_indicator(cast, result, **fields) -> Indicator:
    """A yes/no indicator, latest value counting, "no" at baseline (make_indicator)."""
    values = {
        "name": "Law on recruitment adopted",
        "unit": "yes/no",
        "indicator_type": "yes_no",
        "aggregation": "latest",
        "baseline_value": None,
        "baseline_text": "no",
    }
    return make_indicator(cast, result, **(values | fields))


def make_period(cast, *, label: str = "2027", starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31), due_on=None):
    return ReportingPeriod.objects.create(
        process=cast.process,
        label=label,
        starts_on=starts_on,
        ends_on=ends_on,
        due_on=due_on or date(ends_on.year + 1, 1, 31),
        opened_by=cast.nfp,
    )


def make_report(cast, period, institution=None, *, status: str = ReportStatus.DRAFT) -> ProgressReport:
    """A report of `institution` (default labour) in `status`, its group granted `fill_progressreport`."""
    institution = institution or cast.labour
    now = timezone.now()
    report = ProgressReport.objects.create(
        process=cast.process,
        period=period,
        institution=institution,
        status=status,
        submitted_at=now if status != ReportStatus.DRAFT else None,
        submitted_by=cast.other if status != ReportStatus.DRAFT else None,
        approved_at=now if status == ReportStatus.APPROVED else None,
        approved_by=cast.facilitator if status == ReportStatus.APPROVED else None,
    )
    grant_reporter(report, institution)
    return report


def make_value(report, indicator, value=None, **fields) -> IndicatorValue:
    """The current (revision 1) value of `indicator` in `report`: `value` a Decimal/str for numbers."""
    if value is not None and not isinstance(value, Decimal):
        value = Decimal(str(value))
    return IndicatorValue.objects.create(
        process=report.process, report=report, indicator=indicator, value=value, **fields
    )


@dataclass
class Reported:
    """Approved reports of labour on one indicator over several yearly periods."""

    indicator: Indicator
    periods: list[ReportingPeriod] = field(default_factory=list)
    reports: list[ProgressReport] = field(default_factory=list)
    values: list[IndicatorValue] = field(default_factory=list)


def make_reported_indicator(cast, result, *, values=(Decimal("40"), Decimal("70")), first_year=2027, **fields):
    """An indicator with targets (2027: 150, 2028: 200) and one approved labour report per year with `values`."""
    indicator = make_indicator(cast, result, targets={2027: Decimal("150"), 2028: Decimal("200")}, **fields)
    reported = Reported(indicator=indicator)
    for offset, value in enumerate(values):
        year = first_year + offset
        period = ReportingPeriod.objects.filter(process=cast.process, label=str(year)).first() or make_period(
            cast, label=str(year), starts_on=date(year, 1, 1), ends_on=date(year, 12, 31)
        )
        report = ProgressReport.objects.filter(period=period, institution=indicator.responsible).first()
        report = report or make_report(cast, period, indicator.responsible, status=ReportStatus.APPROVED)
        reported.periods.append(period)
        reported.reports.append(report)
        reported.values.append(make_value(report, indicator, value))
    return reported


def make_checklist_answer(cast, code: str = "MGT5", *, approve: bool = True, narrative: str = "Rural posts stay empty"):
    """A checklist answer of the Ministry of Health (the first of a checklist answered through the services),
    its checklist approved when `approve`, for golden-thread tests."""
    from tests.situation_analysis.test_findings import answered, answers_of

    assignment = answered(cast, code, f"{code.lower()}-health", approve=approve, narrative=narrative, per_block=1)
    return answers_of(assignment)[0]


def make_activity_update(report, activity, *, status: str = "on_track", spent=None, percent_done=None, **fields):
    """An update of `activity` in `report` (made directly)."""
    from monitoring.models import ActivityUpdate

    if spent is not None and not isinstance(spent, Decimal):
        spent = Decimal(str(spent))
    return ActivityUpdate.objects.create(
        process=report.process,
        report=report,
        activity=activity,
        status=status,
        spent=spent,
        percent_done=percent_done,
        **fields,
    )


def make_cited_series(cast, finding, title: str, values=(), *, source: str = "", kind: str = "migration_survey"):
    """
    A data series of the migration profile (through the services) that `finding` cites, from the data source named
    `source`, with `values`: (period, value) for totals or (period, value, {"sex": ...}) for cells.
    """
    from situation_analysis.choices import SeriesTopic
    from situation_analysis.services import series as series_services

    data_source = make_data_source(cast, source, kind=kind) if source else None
    series = series_services.series_create(
        actor=cast.nfp,
        process=cast.process,
        title=title,
        topic=SeriesTopic.FLOWS,
        unit="persons",
        dimensions=["sex"],
        source=data_source,
    )
    for period, value, *breakdown in values:
        series_services.observation_create(
            actor=cast.nfp, series=series, period=period, value=value, breakdown=breakdown[0] if breakdown else None
        )
    finding.series.add(series)
    return series


def make_data_source(cast, name: str, *, kind: str = "migration_survey"):
    """The process's data source named `name`, made directly when it does not exist yet."""
    from situation_analysis.models import DataSource

    return DataSource.objects.get_or_create(process=cast.process, name=name, defaults={"kind": kind})[0]
