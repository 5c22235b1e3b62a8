"""Asking the core's report pipeline for monitoring's PDFs (the donor report is requested from the Reports page)."""

from mainstreaming.models import Report
from mainstreaming.services import report_request
from monitoring.choices import PROGRESS_REPORT
from monitoring.models import ReportingPeriod


def period_report_request(*, actor, period: ReportingPeriod) -> Report:
    """Queue the periodic progress report of `period` (whoever may request reports: the NFP, the facilitator)."""
    return report_request(actor=actor, process=period.process, kind=PROGRESS_REPORT, parameters={"period": period.pk})
