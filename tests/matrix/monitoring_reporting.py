"""
Permission-matrix rows of monitoring's reporting workflow: reporting periods and progress reports.

The Ministry of Health ("own") reports in every period below; the Ministry of Labour ("other") does not. Every
internal reader sees the periods and the reports' standing (another ministry opening a draft sees a notice, not
its values); only the NFP opens, changes, locks and unlocks periods; only the institution's focal points fill in
and submit; the facilitator and the NFP review and correct approved values; the history of a report is for those
who may read it. Development partners get 403 on every page, outsiders 404.

The records are made directly (tests/monitoring/builders.py), each in the state its URL needs, one period per
state: 2031 a draft report (complete, so that submitting succeeds), 2032 a submitted one, 2033 an approved one in
an open period (lock and correct), 2034 a locked period (unlock). POST rows carry valid data, so that the
allowed roles' rows show the success path (302).
"""

from datetime import date
from decimal import Decimal

from implementation_plans.models import Activity
from monitoring.choices import PeriodStatus, ReportStatus
from monitoring.models import ActivityUpdate, Indicator, IndicatorValue
from tests.implementation_plans.builders import make_chain
from tests.matrix import Row, expect, internal, nfp_only
from tests.monitoring.builders import make_period, make_report, make_value


def _year(cast, year: int):
    return make_period(
        cast, label=f"MRP-{year}", starts_on=date(year, 1, 1), ends_on=date(year, 12, 31), due_on=date(year + 1, 1, 31)
    )


def _complete(report) -> None:
    """Give every indicator the report covers a value and every activity a status (as report_items sees them)."""
    from monitoring.selectors.reporting import report_items

    items = report_items(report)
    for row in items.indicators:
        if row.value is None:
            make_value(report, row.indicator, Decimal("10"))
    for row in items.activities:
        if row.update is None:
            ActivityUpdate.objects.create(
                process=report.process, report=report, activity=row.activity, status="on_track", percent_done=50
            )


def objects(cast) -> dict[str, dict]:
    chain = make_chain(cast, label="MRP")
    indicator = Indicator.objects.create(
        process=cast.process,
        outcome=chain.outcome,
        name="MRP matrix: workers oriented",
        unit="workers",
        responsible=cast.health,
    )
    Activity.objects.create(
        process=cast.process,
        output=chain.output,
        title="MRP matrix: orientation sessions",
        responsible=cast.health,
        starts_on=date(2031, 1, 1),
        ends_on=date(2034, 12, 31),
    )
    draft_period = _year(cast, 2031)
    draft = make_report(cast, draft_period, cast.health)
    _complete(draft)
    submitted = make_report(cast, _year(cast, 2032), cast.health, status=ReportStatus.SUBMITTED)
    approved_period = _year(cast, 2033)
    approved = make_report(cast, approved_period, cast.health, status=ReportStatus.APPROVED)
    make_value(approved, indicator, Decimal("12"))
    locked_period = _year(cast, 2034)
    locked_period.status = PeriodStatus.LOCKED
    locked_period.save()
    make_report(cast, locked_period, cast.health, status=ReportStatus.APPROVED)
    assert IndicatorValue.objects.filter(report=approved, indicator=indicator, is_current=True).exists()

    # POST data that names records made above.
    MATRIX["monitoring:report_edit"][0].data.update(version=str(draft.version))
    MATRIX["monitoring:value_correct"][0].data.update({f"indicator-{indicator.pk}-value": "15"})
    process = {"process_pk": cast.process.pk}
    return {
        "mrp_process": process,
        "mrp_period": process | {"pk": draft_period.pk},
        "mrp_approved_period": process | {"pk": approved_period.pk},
        "mrp_locked_period": process | {"pk": locked_period.pk},
        "mrp_draft": process | {"pk": draft.pk},
        "mrp_submitted": process | {"pk": submitted.pk},
        "mrp_approved": process | {"pk": approved.pk},
        "mrp_value": process | {"pk": approved.pk, "indicator_pk": indicator.pk},
    }


PERIOD = {"label": "MRP-2040", "starts_on": "2040-01-01", "ends_on": "2040-12-31", "due_on": "2041-01-31"}
REASON = {"reason": "MRP matrix: the statistics office revised the figure"}


def fillers(status=200, **overrides) -> dict:
    """Only the report's institution (the Ministry of Health's focal point)."""
    return internal(403, own=status) | overrides


def reviewers(status=200, **overrides) -> dict:
    """The facilitator and the NFP."""
    return internal(403, nfp=status, facilitator=status) | overrides


def readers_of_a_draft(status=200) -> dict:
    """Its institution and the reviewers; another ministry gets 403."""
    return expect(nfp=status, own=status, other=403, facilitator=status, donor=403)


MATRIX: dict[str, list[Row]] = {
    "monitoring:period_list": [Row("mrp_process", internal(), internal(405))],
    "monitoring:period_open": [Row("mrp_process", nfp_only(), nfp_only(302), dict(PERIOD))],
    "monitoring:period_detail": [Row("mrp_period", internal(), internal(405))],
    "monitoring:period_edit": [
        Row(
            "mrp_period",
            nfp_only(),
            nfp_only(302),
            {"label": "MRP-2031", "starts_on": "2031-01-01", "ends_on": "2031-12-31", "due_on": "2032-02-28"},
        )
    ],
    "monitoring:period_lock": [Row("mrp_approved_period", nfp_only(), nfp_only(302), {})],
    "monitoring:period_unlock": [Row("mrp_locked_period", nfp_only(), nfp_only(302), dict(REASON))],
    "monitoring:period_history": [Row("mrp_period", internal(), internal(405))],
    "monitoring:report_detail": [
        Row("mrp_draft", internal(), internal(405), label="draft: another ministry sees its standing only"),
        Row("mrp_approved", internal(), internal(405), label="approved"),
    ],
    "monitoring:report_edit": [
        Row("mrp_draft", fillers(), fillers(302), {"version": "1", "challenges": "MRP matrix: late data"})
    ],
    "monitoring:report_submit": [Row("mrp_draft", fillers(), fillers(302), {"note": "MRP matrix"})],
    "monitoring:report_review": [Row("mrp_submitted", reviewers(), reviewers(302), {"decision": "approve"})],
    "monitoring:value_correct": [Row("mrp_value", reviewers(), reviewers(302), dict(REASON))],
    "monitoring:report_history": [
        Row("mrp_draft", readers_of_a_draft(), readers_of_a_draft(405), label="draft"),
        Row("mrp_approved", internal(), internal(405), label="approved"),
    ],
}
