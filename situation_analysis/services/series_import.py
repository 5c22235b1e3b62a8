"""
Importing data series from the files statistical offices publish, as they publish them: one CSV or .xlsx file that
holds many series, read in one of two layouts.

- The long ("tidy") layout of statistical offices and the UN databases: one row per value, with columns such as
  series_code, series_name, unit, source, period, the breakdown columns (sex, age...), value and note.
- The wide layout of the World Bank's downloads: one row per indicator and one column per year, exactly as the
  World Bank writes it (the data download with its "Data Source" and "Last Updated Date" lines above the header
  and a comma closing every line; the DataBank export with "2015 [YR2015]" headers, ".." for a missing value and
  "Data from database" lines below the data).

Nothing is saved by reading: `series_import_preview` says, per series, whether it is new or recorded already, the
values it would add, change and keep, the values it has to round and every row it refuses with its reason.
`series_import_apply` reads the same file again, inside one transaction, and saves all of it or nothing: it refuses
while a row is refused, and when the plan differs from the one previewed (someone changed the data meanwhile).
The one-series import of a series' own page goes through the same reading, with its series fixed.
"""

import csv
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mainstreaming import permissions
from mainstreaming.models import Process
from mainstreaming.services import change_reason
from mainstreaming.uploads import LEGACY_TEXT, TEXT, XLSX, validate_upload
from situation_analysis.choices import DataSourceKind, Disaggregation, SeriesTopic
from situation_analysis.models import DataSeries, DataSource, Observation
from situation_analysis.selectors.series import show_value
from situation_analysis.services.series import (
    BREAKDOWN_VALUE_LENGTH,
    VALUE_DECIMALS,
    breakdown_key,
    canonical_cell,
    ordered_dimensions,
    parse_period,
    parse_value,
    series_create,
    series_update,
    stored_value,
)
from situation_analysis.services.sources import data_source_create

# A file of a few dozen series over sixty years, by sex and age, stays well under these.
IMPORT_MAX_SIZE = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 20000
# The refused rows listed at once; the rest are counted.
IMPORT_MAX_ERRORS = 50
# The header is looked for among the first rows: the World Bank's download puts four lines of metadata above it.
HEADER_SEARCH_ROWS = 30
# What the World Bank writes for a value it does not have.
MISSING_VALUES = {"", ".."}

# ---------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------

SERIES_CODE = "series_code"
SERIES_NAME = "series_name"
UNIT = "unit"
SOURCE = "source"
TOPIC = "topic"
PERIOD = "period"
VALUE = "value"
NOTE = "note"


def _compact(header) -> str:
    """
    A header reduced to letters and digits, lower case, without accents: "Series Code", "series_code",
    "SeriesCode" -> seriescode; "Période" -> periode.
    """
    if isinstance(header, float) and header.is_integer():
        header = int(header)
    text = unicodedata.normalize("NFKD", str(header if header is not None else "").lower())
    return re.sub(r"[^0-9a-z]+", "", text.encode("ascii", "ignore").decode())


# What a column may be called, reduced by _compact -> what it is. The names are those of the long files of
# statistical offices, the UN databases (SeriesCode, SeriesDescription, TimePeriod, Units), SDMX (TIME_PERIOD,
# OBS_VALUE, UNIT_MEASURE) and the World Bank (Indicator Code, Indicator Name, Series Code, Series Name, Time), in
# English and in French (the application's two languages).
COLUMN_NAMES = {
    **dict.fromkeys(
        ("seriescode", "indicatorcode", "indicatorid", "seriesid", "code", "codedelaserie", "codeserie"), SERIES_CODE
    ),
    **dict.fromkeys(
        ("seriesname", "indicatorname", "seriesdescription", "seriestitle", "title", "intitule", "nomdelaserie"),
        SERIES_NAME,
    ),
    **dict.fromkeys(("unit", "units", "unitofmeasure", "unitmeasure", "unite"), UNIT),
    **dict.fromkeys(("source", "datasource", "sourcedesdonnees"), SOURCE),
    **dict.fromkeys(("topic", "theme"), TOPIC),
    **dict.fromkeys(("period", "time", "year", "timeperiod", "periode", "annee"), PERIOD),
    **dict.fromkeys(("value", "obsvalue", "valeur"), VALUE),
    **dict.fromkeys(("note", "notes", "footnote", "comment", "comments", "commentaire"), NOTE),
    **{_compact(dimension): dimension for dimension in Disaggregation.values},
    **dict.fromkeys(("gender", "sexe", "genre"), Disaggregation.SEX),
    **dict.fromkeys(("agegroup", "ageband", "groupedage", "trancheage", "tranchedage"), Disaggregation.AGE),
    **dict.fromkeys(("migrantstatus",), Disaggregation.MIGRATORY_STATUS),
    **dict.fromkeys(
        ("countryoforigin", "countryofdestination", "countryofbirth", "origin", "destination"), Disaggregation.COUNTRY
    ),
}
# A year column of a wide file: "2015", or "2015 [YR2015]" as DataBank writes it.
YEAR_HEADER = re.compile(r"^\s*(\d{4})(?:\.0)?\s*(?:\[YR\d{4}\])?\s*$")
# The World Bank writes the unit in brackets at the end of an indicator's name: "... received (% of GDP)".
UNIT_IN_NAME = re.compile(r"\(([^()]{1,60})\)\s*$")


def _column_label(column: str) -> str:
    labels = {
        SERIES_CODE: _("series code"),
        SERIES_NAME: _("series name"),
        UNIT: _("unit"),
        SOURCE: _("data source"),
        TOPIC: _("topic"),
        PERIOD: _("period"),
        VALUE: _("value"),
        NOTE: _("note"),
    }
    if column in labels:
        return labels[column]
    return _("breakdown: %(dimension)s") % {"dimension": Disaggregation(column).label}


def import_columns(series: DataSeries) -> list[str]:
    """The columns an import file of one series has, in order: period, value, one per breakdown, note."""
    return [PERIOD, VALUE, *series.dimensions, NOTE]


def import_template_csv(series: DataSeries) -> str:
    """A CSV file with just the first row an import of this series needs: the names of its columns."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(import_columns(series))
    return buffer.getvalue()


# ---------------------------------------------------------------------------
# What a preview says
# ---------------------------------------------------------------------------


@dataclass
class ColumnUse:
    """A column of the file and what the import reads it as."""

    header: str
    use: str


@dataclass
class RefusedRow:
    row: int
    reason: str

    def __str__(self):
        return self.reason


@dataclass
class RoundedValue:
    """A value with more decimals than are stored: the row, as written, and as it will be stored."""

    row: int
    written: str
    stored: str


@dataclass
class PlannedValue:
    row: int
    label: str  # "Row 7" or "Row 7 (2015)": where the person finds it in the file
    period: str
    year: int
    value: Decimal
    breakdown: dict
    note: str
    key: str = ""


@dataclass
class ChangedValue:
    observation: Observation
    planned: PlannedValue
    before: str
    after: str


@dataclass
class SeriesPlan:
    """One series of the file: matched or new, and what the import does to it."""

    code: str
    title: str
    unit: str = ""
    source_name: str = ""
    topic: str = ""
    series: DataSeries | None = None  # the recorded series; once applied, the series created too
    new: bool = False
    source: DataSource | None = None
    dimensions: list[str] = field(default_factory=list)
    added_dimensions: list[str] = field(default_factory=list)
    record_code: bool = False
    values: list[PlannedValue] = field(default_factory=list)
    to_add: list[PlannedValue] = field(default_factory=list)
    to_change: list[ChangedValue] = field(default_factory=list)
    kept: int = 0
    rounded: list[RoundedValue] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.new

    @property
    def dimension_labels(self) -> list[str]:
        labels = dict(Disaggregation.choices)
        return [str(labels[d]) for d in self.dimensions]

    @property
    def added_dimension_labels(self) -> list[str]:
        labels = dict(Disaggregation.choices)
        return [str(labels[d]) for d in self.added_dimensions]

    @property
    def has_changes(self) -> bool:
        return bool(self.is_new or self.to_add or self.to_change or self.added_dimensions or self.record_code)


@dataclass
class ImportPlan:
    """What importing a file would do; nothing of it is saved until applied."""

    file_name: str
    layout: str
    encoding: str
    decimal_separator: str
    columns: list[ColumnUse]
    ignored: list[str]
    series: list[SeriesPlan]
    refused: list[RefusedRow]
    skipped: list[int]  # rows (or cells) the file marks as having no value
    new_sources: list[str]
    digest: str = ""

    @property
    def added(self) -> int:
        return sum(len(item.to_add) for item in self.series)

    @property
    def updated(self) -> int:
        return sum(len(item.to_change) for item in self.series)

    @property
    def unchanged(self) -> int:
        return sum(item.kept for item in self.series)

    @property
    def rounded(self) -> int:
        return sum(len(item.rounded) for item in self.series)

    @property
    def has_changes(self) -> bool:
        return any(item.has_changes for item in self.series)

    @property
    def can_apply(self) -> bool:
        return self.has_changes and not self.refused

    @property
    def layout_label(self) -> str:
        return layout_label(self.layout)

    @property
    def new_series(self) -> int:
        return sum(1 for item in self.series if item.is_new)


LONG, WORLD_BANK = "long", "world_bank"


def layout_label(layout: str) -> str:
    if layout == WORLD_BANK:
        return _("wide, as the World Bank writes it: one row per indicator, one column per year")
    return _("long: one row per value")


# ---------------------------------------------------------------------------
# Reading the file
# ---------------------------------------------------------------------------


def _too_many_rows() -> str:
    return _("This file has more than %(count)s rows: split it into smaller files.") % {"count": IMPORT_MAX_ROWS}


def _checked_kind(name: str, content: bytes):
    """The file's kind, checked by content and size by the core's upload check."""

    try:
        kind = validate_upload(
            SimpleUploadedFile(name, content), kinds=(TEXT, LEGACY_TEXT, XLSX), max_size=IMPORT_MAX_SIZE
        )
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    if kind in (TEXT, LEGACY_TEXT) and not name.lower().endswith(".csv"):
        raise ValidationError({"file": _("Upload a .csv or .xlsx file.")})
    return kind


def _decoded(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding: UTF-8 (with or without a BOM), else Windows Latin-1."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content.decode("utf-8-sig"), _("UTF-8 with a byte-order mark")
    try:
        return content.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # A spreadsheet on Windows saves "CSV" in its one-byte code page: Windows-1252, which Latin-1 is part of.
        return content.decode("cp1252", errors="replace"), _("Latin-1 (Windows-1252)")


def _delimiter(text: str) -> str:
    """The separator of a CSV file: a comma, a semicolon (as a French spreadsheet writes) or a tab."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_rows(name: str, content: bytes) -> tuple[list[tuple[int, list]], str, str]:
    """
    The file's rows as (row number as the person sees it, cells), blank rows left out, with the encoding read and
    the separator (both "" for a spreadsheet).
    """
    kind = _checked_kind(name, content)
    rows = []
    if kind == XLSX:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:
            raise ValidationError(
                {"file": _("This spreadsheet cannot be read: save it again as .xlsx and retry.")}
            ) from error
        try:
            for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
                if number > IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS:
                    raise ValidationError({"file": _too_many_rows()})
                if any(cell not in (None, "") for cell in cells):
                    rows.append((number, list(cells)))
        finally:
            workbook.close()
        return rows, "", ""
    text, encoding = _decoded(content)
    delimiter = _delimiter(text)
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if number > IMPORT_MAX_ROWS + HEADER_SEARCH_ROWS:
            raise ValidationError({"file": _too_many_rows()})
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
    return rows, encoding, delimiter


def _text(raw) -> str:
    """A cell as text, spaces tidied: a spreadsheet's 2024.0 is 2024."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return " ".join(str(raw if raw is not None else "").split())


@dataclass
class Header:
    number: int
    positions: dict[str, int]  # column -> position
    years: list[tuple[int, int]]  # (position, year) of a wide file's year columns
    titles: dict[str, str]  # column -> its header as the file writes it
    columns: list[ColumnUse]
    ignored: list[str]
    twice: list[str]

    @property
    def layout(self) -> str:
        return LONG if (PERIOD in self.positions and VALUE in self.positions) else WORLD_BANK


def _header(number: int, cells: list) -> Header:
    positions, years, titles, columns, ignored, twice = {}, [], {}, [], [], []
    for position, raw in enumerate(cells):
        title = _text(raw)
        if not title:
            continue
        column = COLUMN_NAMES.get(_compact(title))
        year = YEAR_HEADER.match(title)
        if column is None and year:
            years.append((position, int(year[1])))
        elif column is None:
            ignored.append(title)
        elif column in positions:
            twice.append(title)
        else:
            positions[column] = position
            titles[column] = title
            columns.append(ColumnUse(title, _column_label(column)))
    return Header(number, positions, years, titles, columns, ignored, twice)


def _is_header(header: Header, fixed: bool) -> bool:
    if PERIOD in header.positions and VALUE in header.positions:
        return True
    return not fixed and bool(header.years) and bool({SERIES_CODE, SERIES_NAME} & set(header.positions))


def _find_header(rows, *, fixed: DataSeries | None) -> Header:
    """The row that names the columns: the first one a layout recognises among the first rows."""
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        header = _header(number, cells)
        if _is_header(header, fixed is not None):
            if header.twice:
                raise ValidationError(
                    {"file": [_("Column “%(column)s” appears twice.") % {"column": title} for title in header.twice]}
                )
            return header
    first = _header(*rows[0]) if rows else _header(1, [])
    errors = [
        _("The file has no “%(column)s” column.") % {"column": column}
        for column in (PERIOD, VALUE)
        if column not in first.positions
    ]
    if fixed is not None:
        errors.append(
            _("The first row names the columns: %(columns)s.") % {"columns": ", ".join(import_columns(fixed))}
        )
    else:
        errors.append(
            _(
                "Name the columns in the first row: series_code, series_name, unit, source, period, one column per "
                "breakdown (sex, age...), value and note; or upload the World Bank's download as it is, with a "
                "column per year."
            )
        )
    raise ValidationError({"file": errors})


# ---------------------------------------------------------------------------
# Reading the rows into series
# ---------------------------------------------------------------------------


@dataclass
class _FileSeries:
    """A series as the file gives it, before it is matched with what is recorded."""

    code: str
    title: str
    units: dict[str, int] = field(default_factory=dict)  # unit -> first row
    source_name: str = ""
    topic: str = ""
    values: list[PlannedValue] = field(default_factory=list)


def _topic(raw: str) -> str:
    """A topic by its code or its name (any case); ValueError when unknown."""
    for value, label in SeriesTopic.choices:
        if raw.lower() in (value, str(label).lower()):
            return value
    raise ValueError(_("topic “%(topic)s” is not one of the topics of the data series") % {"topic": raw})


def _cell(cells, position):
    return cells[position] if position is not None and position < len(cells) else None


def _metadata_source(rows) -> str:
    """The name of the database a World Bank file comes from, read from its metadata lines."""
    for _number, cells in rows:
        first = _text(cells[0]) if cells else ""
        if first.lower() == "data source" and len(cells) > 1 and _text(cells[1]):
            return _text(cells[1])
        if first.lower().startswith("data from database:"):
            return first.split(":", 1)[1].strip()
    return ""


def _read_series(rows, header: Header, *, fixed: DataSeries | None, decimal_separator: str):
    """
    The file's series (in the order they first appear), the rows refused and the rows without a value. A row is
    checked on its own here; duplicates and the breakdowns of recorded series are checked when matched.
    """
    found: dict[str, _FileSeries] = {}
    refused: list[RefusedRow] = []
    skipped: list[int] = []
    positions = header.positions
    dimensions = [d for d in Disaggregation.values if d in positions]
    wide_source = (_metadata_source(rows) or _("World Bank")) if header.layout == WORLD_BANK else ""

    def series_of(number: int, cells) -> _FileSeries | None:
        if fixed is not None:
            return found.setdefault("", _FileSeries(code=fixed.code, title=fixed.title))
        code = "".join(_text(_cell(cells, positions.get(SERIES_CODE))).split())
        name = _text(_cell(cells, positions.get(SERIES_NAME)))
        if not code and not name:
            return None
        item = found.get((code or name).lower())
        if item is None:
            item = found[(code or name).lower()] = _FileSeries(code=code, title=name or code)
        return item

    for number, cells in rows:
        if number <= header.number:
            continue
        if header.layout == WORLD_BANK:
            _read_wide_row(number, cells, header, series_of, wide_source, refused)
            continue
        item = series_of(number, cells)
        problems = []
        if item is None:
            problems.append(_("the series has no code and no name"))
        raw_value = _cell(cells, positions[VALUE])
        if item is not None and _text(raw_value) in MISSING_VALUES:
            # The row says there is no value (".." or nothing): listed in the preview, not refused.
            skipped.append(number)
            continue
        period = year = value = None
        try:
            period, year = parse_period(_cell(cells, positions[PERIOD]))
        except ValueError as error:
            problems.append(str(error))
        try:
            value = parse_value(raw_value, decimal_separator=decimal_separator)
        except ValueError as error:
            problems.append(str(error))
        breakdown = {}
        for dimension in dimensions:
            text = _text(_cell(cells, positions[dimension]))
            try:
                text = canonical_cell(dimension, text) if text else ""
            except ValueError as error:
                problems.append(str(error))
                continue
            if len(text) > BREAKDOWN_VALUE_LENGTH:
                problems.append(
                    _("%(dimension)s “%(value)s…” is longer than %(length)s characters")
                    % {
                        "dimension": Disaggregation(dimension).label,
                        "value": text[:20],
                        "length": BREAKDOWN_VALUE_LENGTH,
                    }
                )
            elif text:
                breakdown[dimension] = text
        note = _text(_cell(cells, positions.get(NOTE)))
        if len(note) > 300:
            problems.append(_("the note is longer than 300 characters"))
        if item is not None and fixed is None:
            unit = _text(_cell(cells, positions.get(UNIT)))
            if unit:
                item.units.setdefault(unit, number)
            item.source_name = item.source_name or _text(_cell(cells, positions.get(SOURCE)))
            topic = _text(_cell(cells, positions.get(TOPIC)))
            if topic:
                try:
                    item.topic = item.topic or _topic(topic)
                except ValueError as error:
                    problems.append(str(error))
        label = _("Row %(row)s") % {"row": number}
        if problems:
            refused.append(
                RefusedRow(number, _("%(where)s: %(problems)s.") % {"where": label, "problems": "; ".join(problems)})
            )
        else:
            item.values.append(PlannedValue(number, label, period, year, value, breakdown, note))
    return list(found.values()), refused, skipped


def _read_wide_row(number, cells, header: Header, series_of, source_name: str, refused) -> None:
    """One row of a World Bank file: one indicator, a value per year column; ".." or an empty cell has no value."""
    present = [
        (position, year) for position, year in header.years if _text(_cell(cells, position)) not in MISSING_VALUES
    ]
    if not present:
        # A footer line ("Data from database: ...", "Last Updated: ...") or an indicator without any value.
        return
    item = series_of(number, cells)
    if item is None:
        refused.append(RefusedRow(number, _("Row %(row)s: the series has no code and no name.") % {"row": number}))
        return
    match = UNIT_IN_NAME.search(item.title)
    item.units.setdefault(match[1].strip() if match else "", number)
    item.source_name = source_name
    for position, year in present:
        label = _("Row %(row)s (%(year)s)") % {"row": number, "year": year}
        try:
            # The World Bank writes its numbers with a decimal point, whatever the language of the page.
            value = parse_value(_cell(cells, position), decimal_separator=".")
        except ValueError as error:
            refused.append(RefusedRow(number, _("%(where)s: %(problems)s.") % {"where": label, "problems": error}))
            continue
        item.values.append(PlannedValue(number, label, str(year), year, value, {}, ""))


# ---------------------------------------------------------------------------
# The plan: the file's series matched with what is recorded
# ---------------------------------------------------------------------------


def _match(process: Process, found: list[_FileSeries], *, fixed: DataSeries | None) -> dict[int, DataSeries | None]:
    """Each series of the file -> the recorded series it is (by code, else by title), or None for a new one."""
    if fixed is not None:
        return {id(item): fixed for item in found}
    recorded = list(DataSeries.objects.filter(process=process).select_related("source"))
    by_code = {series.code.lower(): series for series in recorded if series.code}
    by_title = {series.title.lower(): series for series in recorded}
    matched = {}
    for item in found:
        series = by_code.get(item.code.lower()) if item.code else None
        matched[id(item)] = series or by_title.get(" ".join(item.title.split()).lower())
    return matched


def _plan_series(
    item: _FileSeries, series: DataSeries | None, sources: dict[str, DataSource], refused, *, may_add_dimensions: bool
) -> SeriesPlan:
    plan = SeriesPlan(code=item.code, title=" ".join(item.title.split()), series=series, new=series is None)
    if series is None:
        units = [unit for unit in item.units if unit]
        plan.unit = units[0] if units else _("number")
        if len(units) > 1:
            refused.append(
                RefusedRow(
                    item.units[units[1]],
                    _("Row %(row)s: the unit “%(unit)s” differs from “%(first)s” given before for this series.")
                    % {"row": item.units[units[1]], "unit": units[1], "first": units[0]},
                )
            )
        plan.topic = item.topic or SeriesTopic.OTHER
        plan.source_name = item.source_name
        plan.source = sources.get(item.source_name.lower()) if item.source_name else None
        used = {d for value in item.values for d in value.breakdown}
        plan.dimensions = ordered_dimensions(used)
        for problem, limit in ((plan.title, 200), (plan.unit, 60), (plan.code, 60)):
            if len(problem) > limit:
                first = item.values[0].row if item.values else 0
                refused.append(
                    RefusedRow(
                        first,
                        _("Row %(row)s: “%(text)s…” is longer than %(length)s characters.")
                        % {"row": first, "text": problem[:30], "length": limit},
                    )
                )
        return plan
    plan.title, plan.unit, plan.topic = series.title, series.unit, series.topic
    plan.source = series.source
    plan.source_name = series.source.name if series.source else ""
    plan.record_code = bool(item.code and not series.code)
    used = {d for value in item.values for d in value.breakdown}
    added = [d for d in ordered_dimensions(used) if d not in series.dimensions]
    # A breakdown is added to a recorded series only where the preview shows it, and never sex to a series marked
    # as having none.
    refused_dimensions = [
        d for d in added if not may_add_dimensions or (d == Disaggregation.SEX and series.sex_not_applicable)
    ]
    plan.added_dimensions = [d for d in added if d not in refused_dimensions]
    plan.dimensions = ordered_dimensions([*series.dimensions, *plan.added_dimensions])
    if refused_dimensions:
        keep = []
        labels = dict(Disaggregation.choices)
        for value in item.values:
            extra = [d for d in refused_dimensions if d in value.breakdown]
            if not extra:
                keep.append(value)
            elif extra == [Disaggregation.SEX] and series.sex_not_applicable:
                refused.append(
                    RefusedRow(
                        value.row,
                        _("%(where)s: the series “%(series)s” is marked as not broken down by sex.")
                        % {"where": value.label, "series": series.title},
                    )
                )
            else:
                refused.append(
                    RefusedRow(
                        value.row,
                        _("%(where)s: the series is not broken down by %(dimension)s.")
                        % {"where": value.label, "dimension": labels[extra[0]]},
                    )
                )
        item.values = keep
    return plan


def _compare(plans: list[SeriesPlan], found: list[_FileSeries], refused, *, lock: bool) -> None:
    """Each planned value against what is recorded: to add, to change or kept; duplicates and rounding said."""
    recorded_ids = [plan.series.pk for plan in plans if plan.series is not None]
    observations = Observation.objects.filter(series_id__in=recorded_ids)
    if lock:
        observations = observations.select_for_update()
    existing = {(o.series_id, o.period, o.breakdown_key): o for o in observations}
    for plan, item in zip(plans, found, strict=True):
        seen: dict[tuple[str, str], PlannedValue] = {}
        for value in item.values:
            value.breakdown = {d: value.breakdown[d] for d in plan.dimensions if d in value.breakdown}
            value.key = breakdown_key(value.breakdown)
            earlier = seen.get((value.period, value.key))
            if earlier is not None:
                refused.append(
                    RefusedRow(
                        value.row,
                        _("%(where)s: period %(period)s%(cell)s is already given on row %(row)s.")
                        % {
                            "where": value.label,
                            "period": value.period,
                            "cell": f" ({value.key})" if value.key else "",
                            "row": earlier.row,
                        },
                    )
                )
                continue
            seen[(value.period, value.key)] = value
            stored = stored_value(value.value)
            if stored != value.value:
                plan.rounded.append(RoundedValue(value.row, f"{value.value:f}", show_value(stored)))
                value.value = stored
            plan.values.append(value)
            current = existing.get((plan.series.pk, value.period, value.key)) if plan.series is not None else None
            if current is None:
                plan.to_add.append(value)
            elif current.value != value.value or current.note != value.note:
                plan.to_change.append(ChangedValue(current, value, show_value(current.value), show_value(value.value)))
            else:
                plan.kept += 1


def _digest(plan: ImportPlan) -> str:
    """A fingerprint of everything the import would write, and of the recorded values it would change."""
    content = {
        "sources": plan.new_sources,
        "refused": [(row.row, row.reason) for row in plan.refused],
        "series": [
            {
                "series": item.series.pk if item.series else None,
                "code": item.code,
                "title": item.title,
                "unit": item.unit,
                "dimensions": item.dimensions,
                "added_dimensions": item.added_dimensions,
                "record_code": item.record_code,
                "add": [(v.period, v.key, str(v.value), v.note) for v in item.to_add],
                "change": [
                    (
                        c.observation.pk,
                        str(c.observation.value),
                        c.observation.note,
                        str(c.planned.value),
                        c.planned.note,
                    )
                    for c in item.to_change
                ],
                "kept": item.kept,
            }
            for item in plan.series
        ],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def _plan(
    *, process: Process, name: str, content: bytes, decimal_separator: str, fixed: DataSeries | None = None, lock=False
) -> ImportPlan:
    rows, encoding, _delimiter_used = read_rows(name, content)
    header = _find_header(rows, fixed=fixed)
    if header.layout == WORLD_BANK:
        decimal_separator = "."
    found, refused, skipped = _read_series(rows, header, fixed=fixed, decimal_separator=decimal_separator)
    if not found and not refused:
        raise ValidationError(
            {"file": _("The file has no values: after the row naming the columns, write one row per value.")}
        )
    ignored = list(header.ignored)
    if fixed is not None:
        # The page of one series imports into that series: the columns that name a series are not read.
        ignored += [header.titles[c] for c in (SERIES_CODE, SERIES_NAME, UNIT, SOURCE, TOPIC) if c in header.titles]
        header.columns = [c for c in header.columns if c.header not in ignored]
    matched = _match(process, found, fixed=fixed)
    sources = {source.name.lower(): source for source in DataSource.objects.filter(process=process)}
    plans = [
        _plan_series(item, matched[id(item)], sources, refused, may_add_dimensions=fixed is None) for item in found
    ]
    _compare(plans, found, refused, lock=lock)
    columns = list(header.columns)
    if header.years:
        first, last = header.years[0][1], header.years[-1][1]
        columns.append(
            ColumnUse(
                f"{first} … {last}" if first != last else str(first),
                _("values by year (%(count)s columns)") % {"count": len(header.years)},
            )
        )
    new_sources = sorted(
        {plan.source_name for plan in plans if plan.is_new and plan.source_name and plan.source is None}, key=str.lower
    )
    refused.sort(key=lambda row: row.row)
    plan = ImportPlan(
        file_name=Path(name).name[:80],
        layout=header.layout,
        encoding=encoding,
        decimal_separator=decimal_separator,
        columns=columns,
        ignored=ignored,
        series=plans,
        refused=refused,
        skipped=skipped,
        new_sources=new_sources,
    )
    plan.digest = _digest(plan)
    return plan


# ---------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------


def series_import_preview(*, actor, process: Process, name: str, content: bytes, decimal_separator: str) -> ImportPlan:
    """
    What importing the file would do, series by series; nothing is saved. Raises ValidationError (on "file") when
    the file cannot be read at all: not a CSV or .xlsx, too large, or no row naming the columns.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    return _plan(process=process, name=name, content=content, decimal_separator=decimal_separator)


@transaction.atomic
def series_import_apply(
    *, actor, process: Process, name: str, content: bytes, decimal_separator: str, digest: str
) -> ImportPlan:
    """
    Save what the preview of this file showed, all in one transaction: the new data sources and series, the
    breakdowns added to recorded series, the values added and changed (with history rows saying who imported them
    from which file). Refused while a row is refused, and when the plan is no longer the one previewed (`digest`):
    someone changed the series or their values meanwhile.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    plan = _plan(process=process, name=name, content=content, decimal_separator=decimal_separator, lock=True)
    if plan.refused:
        raise ValidationError(_("Rows of the file are refused: correct them and preview the file again."))
    if plan.digest != digest:
        raise ValidationError(
            _(
                "The data changed since the preview (values or series were recorded meanwhile): nothing has been "
                "imported. Check the new preview, then apply it."
            )
        )
    _save(actor=actor, process=process, plan=plan)
    return plan


def _save(*, actor, process: Process, plan: ImportPlan) -> None:
    reason = change_reason("series.imported", plan.file_name)
    kind = DataSourceKind.INTERNATIONAL if plan.layout == WORLD_BANK else DataSourceKind.OTHER
    created_sources: dict[str, DataSource] = {}
    for source_name in plan.new_sources:
        created_sources[source_name.lower()] = data_source_create(
            actor=actor, process=process, name=source_name, kind=kind
        )
    now = timezone.now()
    new, changed = [], []
    for item in plan.series:
        if item.series is None:
            source = item.source or created_sources.get(item.source_name.lower())
            item.series = series_create(
                actor=actor,
                process=process,
                title=item.title,
                code=item.code,
                topic=item.topic,
                unit=item.unit,
                source=source,
                dimensions=item.dimensions,
            )
        elif item.added_dimensions or item.record_code:
            data = {"dimensions": item.dimensions} if item.added_dimensions else {}
            if item.record_code:
                data["code"] = item.code
            item.series = series_update(
                actor=actor,
                series=item.series,
                data=data,
                reason=_("imported from %(file)s") % {"file": plan.file_name},
            )
        for value in item.to_add:
            new.append(
                Observation(
                    series=item.series,
                    period=value.period,
                    year=value.year,
                    value=value.value,
                    breakdown=value.breakdown,
                    breakdown_key=value.key,
                    note=value.note,
                )
            )
        for change in item.to_change:
            observation = change.observation
            observation.value, observation.note, observation.updated = change.planned.value, change.planned.note, now
            changed.append(observation)
    if new:
        bulk_create_with_history(new, Observation, default_user=actor, default_change_reason=reason)
    if changed:
        bulk_update_with_history(
            changed, Observation, ["value", "note", "updated"], default_user=actor, default_change_reason=reason
        )


@transaction.atomic
def observations_import(*, actor, series: DataSeries, uploaded) -> ImportPlan:
    """
    Add or update one series' values from a CSV or .xlsx file (its own page's import), read like any import with
    the series fixed: a first row naming the columns (period, value, one per breakdown, optionally note), then one
    row per value. One refused row refuses the whole file, with one message per refused row; a right file is saved
    at once, and the plan says what was added, changed, kept and rounded.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, series.process)
    name = uploaded.name or ""
    uploaded.seek(0)
    content = uploaded.read()
    plan = _plan(
        process=series.process,
        name=name,
        content=content,
        decimal_separator=get_format("DECIMAL_SEPARATOR"),
        fixed=series,
        lock=True,
    )
    if plan.refused:
        messages = [row.reason for row in plan.refused[:IMPORT_MAX_ERRORS]]
        if len(plan.refused) > IMPORT_MAX_ERRORS:
            messages.append(
                _("… and %(count)s more rows with errors.") % {"count": len(plan.refused) - IMPORT_MAX_ERRORS}
            )
        messages.append(_("Nothing has been imported: correct these rows and upload the file again."))
        raise ValidationError(messages)
    _save(actor=actor, process=series.process, plan=plan)
    return plan


def rounding_summary(plan: ImportPlan) -> str:
    """One sentence on the values rounded, for a message: which (the first few) and how."""
    rounded = [value for item in plan.series for value in item.rounded]
    if not rounded:
        return ""
    shown = "; ".join(
        _("row %(row)s: %(written)s → %(stored)s")
        % {"row": value.row, "written": value.written, "stored": value.stored}
        for value in rounded[:5]
    )
    return _("%(count)s values had more than %(decimals)s decimals and were rounded (%(shown)s).") % {
        "count": len(rounded),
        "decimals": VALUE_DECIMALS,
        "shown": shown + ("; …" if len(rounded) > 5 else ""),
    }
