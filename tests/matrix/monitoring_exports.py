"""
Permission-matrix rows of monitoring's reports and exports.

* The indicator data as .xlsx: every internal reader downloads it (approved values only); development partners
  get 403; outsiders 404; POST is not allowed.
* A reporting period's progress report PDF: requested (POST) by those who may request reports, the NFP and the
  facilitator (302 to the report's page); ministries and partners 403; GET is not allowed.
"""

from datetime import date

from monitoring.models import ReportingPeriod
from tests.matrix import Row, internal, members

PERIOD_LABEL = "MON-X matrix 2043"


def objects(cast) -> dict[str, dict]:
    period = ReportingPeriod.objects.create(
        process=cast.process,
        label=PERIOD_LABEL,
        starts_on=date(2043, 3, 1),
        ends_on=date(2043, 5, 31),
        due_on=date(2043, 6, 30),
        opened_by=cast.nfp,
    )
    process = {"process_pk": cast.process.pk}
    return {"monx_process": process, "monx_period": process | {"pk": period.pk}}


MATRIX: dict[str, list[Row]] = {
    "monitoring:indicator_export": [Row("monx_process", internal(), internal(405))],
    "monitoring:period_report_pdf": [
        Row("monx_period", members(403, nfp=405, facilitator=405), members(403, nfp=302, facilitator=302))
    ],
}
