"""
The indicator data as an .xlsx workbook, for internal readers (the core's view_internal rule) to analyse
offline:

* "Indicators": one row per indicator in the plan's order (each goal, its outcomes, their outputs): code, name,
  result level and title, unit, type, direction, how values add up, baseline (value, date, source), a column per
  target year, the value to date, the progress status and share, responsible institution, data source, frequency,
  means of verification, SDG targets and GCM objectives.
* "Approved values": one row per approved value by period (the current revision of each approved report's value),
  with its numerator and denominator, breakdowns, note, revision and the reason of its correction.

Like the dashboards and the PDFs, the workbook reads progress from monitoring.selectors.progress: only APPROVED
reports' CURRENT revisions count, so no ministry's draft, submitted or returned report appears. Text cells are
written as text (never a formula) with the situation analysis workbook's helpers.
"""

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from mainstreaming import l10n, permissions
from mainstreaming.models import Process
from monitoring.reports import breakdown_lines
from monitoring.selectors import progress as progress_selectors
from monitoring.selectors.indicators import indicators_by_result
from situation_analysis.services.workbook import _clean, _set_text

INDICATOR_SHEET_WIDTHS = {1: 12, 2: 48, 3: 12, 4: 40}


def _levels() -> dict[str, str]:
    return {"goal": _("Goal"), "outcome": _("Outcome"), "output": _("Output")}


def _result_title(indicator) -> str:
    return indicator.goal.statement if indicator.goal_id else indicator.result.title


def _put(sheet, row: int, column: int, value) -> None:
    """
    A number stays a number and a date a date, each with a format that Excel or LibreOffice shows in the reader's
    language (thousands grouped, the reader's date style); everything else is written as clean text (or left
    empty).
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = l10n.xlsx_number_format(value)
    elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        cell.value = value
        cell.number_format = l10n.XLSX_DATE
    else:
        _set_text(cell, _clean(value))


def _header(sheet, labels: list[str]) -> None:
    bold = Font(bold=True)
    for column, label in enumerate(labels, start=1):
        cell = sheet.cell(row=1, column=column, value=label)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[get_column_letter(column)].width = INDICATOR_SHEET_WIDTHS.get(column, 18)
    sheet.freeze_panes = "A2"


def _number(value):
    """A Decimal as a number cell, anything else (yes/no, text, a level) as its text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value


def indicator_workbook(*, actor, process: Process) -> bytes:
    """
    The workbook for `actor`, an internal reader of the process (PermissionDenied otherwise). A fixed number of
    queries whatever the number of indicators, periods or values.
    """
    permissions.require(actor, permissions.VIEW_INTERNAL, process)
    rows = indicators_by_result(process=process)
    indicators = [indicator for row in rows for indicator in row.indicators]
    summaries = {summary.indicator.pk: summary for summary in progress_selectors.indicator_summaries(process)}
    years = sorted({target.year for indicator in indicators for target in indicator.targets.all()})
    levels = _levels()

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indicators")[:31]
    _header(
        sheet,
        [
            _("Code"),
            _("Indicator"),
            _("Result level"),
            _("Result"),
            _("Unit"),
            _("Type"),
            _("Direction"),
            _("How values add up"),
            _("Baseline"),
            _("Baseline date"),
            _("Baseline source"),
            *[_("Target %(year)s") % {"year": year} for year in years],
            _("To date"),
            _("Progress"),
            _("Share of the way to the target (%)"),
            _("Responsible institution"),
            _("Data source"),
            _("Frequency"),
            _("Means of verification"),
            _("Disaggregated by"),
            _("SDG targets"),
            _("GCM objectives"),
        ],
    )
    for number, indicator in enumerate(indicators, start=2):
        summary = summaries.get(indicator.pk)
        targets = {target.year: target for target in indicator.targets.all()}
        values = [
            indicator.code,
            indicator.localized("name"),
            levels[indicator.level],
            _result_title(indicator),
            indicator.localized("unit"),
            indicator.get_indicator_type_display(),
            indicator.get_direction_display(),
            indicator.get_aggregation_display(),
            indicator.baseline_value if indicator.baseline_value is not None else indicator.baseline_text,
            indicator.baseline_date,
            indicator.baseline_source,
            *[
                (targets[year].value if targets[year].value is not None else targets[year].text_value)
                if year in targets
                else ""
                for year in years
            ],
            _number(summary.to_date) if summary else "",
            summary.status_label if summary else "",
            summary.progress.share if summary and summary.progress.share is not None else "",
            str(indicator.responsible) if indicator.responsible_id else "",
            str(indicator.data_source) if indicator.data_source_id else "",
            indicator.get_frequency_display() if indicator.frequency else "",
            indicator.means_of_verification,
            ", ".join(indicator.disaggregation_labels),
            ", ".join(target.code for target in indicator.sdg_targets.all()),
            ", ".join(str(objective.number) for objective in indicator.gcm_objectives.all()),
        ]
        for column, value in enumerate(values, start=1):
            _put(sheet, number, column, value)

    values_sheet = workbook.create_sheet(_("Approved values")[:31])
    _header(
        values_sheet,
        [
            _("Code"),
            _("Indicator"),
            _("Period"),
            _("Period starts"),
            _("Period ends"),
            _("Reported by"),
            _("Value"),
            _("Numerator"),
            _("Denominator"),
            _("Breakdowns"),
            _("Note"),
            _("Revision"),
            _("Reason for the correction"),
            _("Approved on"),
        ],
    )
    order = {indicator.pk: position for position, indicator in enumerate(indicators)}
    approved = sorted(
        progress_selectors.approved_values(process).select_related("indicator"),
        key=lambda value: (order.get(value.indicator_id, len(order)), value.report.period.starts_on),
    )
    for number, value in enumerate(approved, start=2):
        report = value.report
        cells = [
            value.indicator.code,
            value.indicator.localized("name"),
            report.period.label,
            report.period.starts_on,
            report.period.ends_on,
            str(report.institution),
            value.value if value.value is not None else value.display_value,
            value.numerator if value.numerator is not None else "",
            value.denominator if value.denominator is not None else "",
            "; ".join(breakdown_lines(value.disaggregation)),
            value.note,
            value.revision,
            value.correction_reason,
            timezone.localtime(report.approved_at).date() if report.approved_at else "",
        ]
        for column, cell in enumerate(cells, start=1):
            _put(values_sheet, number, column, cell)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
