"""
Permission-matrix rows of monitoring's dashboards: the M&E dashboard and the golden thread of one indicator value.

Every internal reader (the NFP, both ministries, the facilitator) reads the dashboard and the golden thread of an
approved value; development partners get 403; outsiders 404. The golden thread of a value whose report is still a
draft is for the report's institution (labour, "other") and the reviewers only: the Ministry of Health gets 404,
as for the report itself. Both pages only read: POST is 405 for those who may read them.
"""

from datetime import date
from decimal import Decimal

from monitoring.choices import ReportStatus
from tests.implementation_plans.builders import make_chain
from tests.matrix import Row, expect, internal
from tests.monitoring.builders import make_period, make_report, make_reported_indicator, make_value


def objects(cast) -> dict[str, dict]:
    chain = make_chain(cast, label="MOND")
    reported = make_reported_indicator(cast, chain.outcome, values=(Decimal("40"),), first_year=2035)
    period = make_period(cast, label="MOND 2036", starts_on=date(2036, 1, 1), ends_on=date(2036, 12, 31))
    draft = make_value(make_report(cast, period, cast.labour, status=ReportStatus.DRAFT), reported.indicator, "55")
    process = {"process_pk": cast.process.pk}
    return {
        "mond_process": process,
        "mond_value": process | {"pk": reported.values[0].pk},
        "mond_draft_value": process | {"pk": draft.pk},
    }


DRAFT_READERS = {"nfp": 200, "own": 404, "other": 200, "facilitator": 200, "donor": 403}

MATRIX: dict[str, list[Row]] = {
    "monitoring:dashboard": [Row("mond_process", internal(), internal(405))],
    "monitoring:value_thread": [
        Row("mond_value", internal(), internal(405), label="approved value"),
        Row(
            "mond_draft_value",
            expect(**DRAFT_READERS),
            expect(**{role: 405 if status == 200 else status for role, status in DRAFT_READERS.items()}),
            label="value of a draft report",
        ),
    ],
}
