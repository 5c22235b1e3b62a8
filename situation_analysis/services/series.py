"""
The migration-profile data series (handbook §5 and Annex D): what each series measures (its topic, unit, source
and the breakdowns it carries) and its observations by period and breakdown, typed in one by one or imported from
a CSV or .xlsx file. The NFP records them; every internal reader reads them.

An import is all or nothing: every row is checked first, and one wrong row (a value that is not a number, a
period that is not a year, a quarter or a month, a breakdown the series does not carry) refuses the whole file,
with one message per row. A right file adds the new observations and updates those whose value or note changed,
with history rows that say who imported them.
"""

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mainstreaming.models import Process
from mainstreaming.services import change_reason, save_audited
from mainstreaming.uploads import TEXT, XLSX, validate_upload
from situation_analysis.choices import Disaggregation
from situation_analysis.models import DataSeries, Observation
from situation_analysis.services.base import check_fields, require_manage

SERIES_FIELDS = ("title", "topic", "unit", "source", "sector", "dimensions", "notes")
OBSERVATION_FIELDS = ("period", "value", "breakdown", "note")

# An import file is small: a series has a few dozen periods and a few breakdowns.
IMPORT_MAX_SIZE = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 5000
# The row errors shown at once; the rest are counted.
IMPORT_MAX_ERRORS = 50

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2])))?$")
# Sex is the breakdown the handbook asks for everywhere: its values are written one way, so that the charts and the
# data gaps recognise them.
SEX_VALUES = {
    "female": "female",
    "f": "female",
    "women": "female",
    "woman": "female",
    "male": "male",
    "m": "male",
    "men": "male",
    "man": "male",
    "other": "other",
}
BREAKDOWN_VALUE_LENGTH = 60
VALUE_LIMIT = Decimal("1e16")


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def ordered_dimensions(values) -> list[str]:
    """Breakdowns in the order of Disaggregation, once each (unknown values are left for clean() to refuse)."""
    values = list(values or [])
    known = [value for value in Disaggregation.values if value in values]
    return known + [value for value in dict.fromkeys(values) if value not in Disaggregation.values]


def parse_period(raw) -> tuple[str, int]:
    """
    A period as written in the application, and its year: 2024, 2024-Q2 or 2024-06. A spreadsheet's number
    (2024.0) or date (a month) is accepted too. Raises ValueError with a message for the person.
    """
    if isinstance(raw, datetime | date):
        return f"{raw.year:04d}-{raw.month:02d}", raw.year
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw if raw is not None else "").strip().upper().replace(" ", "")
    match = PERIOD_PATTERN.match(text)
    if not match:
        raise ValueError(
            _("period “%(period)s” is not a year (2024), a quarter (2024-Q2) or a month (2024-06)") % {"period": text}
        )
    year = int(match["year"])
    if not 1900 <= year <= 2100:
        raise ValueError(_("period “%(period)s” is not between 1900 and 2100") % {"period": text})
    return text, year


def parse_value(raw) -> Decimal:
    """A number, with a point for decimals; raises ValueError with a message for the person."""
    if isinstance(raw, bool):
        raise ValueError(_("value “%(value)s” is not a number") % {"value": raw})
    if isinstance(raw, int | float | Decimal):
        text = str(raw)
    else:
        text = str(raw if raw is not None else "").strip().replace("\u00a0", "").replace(" ", "")
    if text == "":
        raise ValueError(_("the value is missing"))
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        if "," in text:
            raise ValueError(
                _("value “%(value)s” is not a number: write it without thousands separators, with a point for decimals")
                % {"value": text}
            )
        raise ValueError(_("value “%(value)s” is not a number") % {"value": text})
    if abs(value) >= VALUE_LIMIT:
        raise ValueError(_("value “%(value)s” is too large") % {"value": text})
    return value.quantize(Decimal("0.0001"))


def clean_breakdown(series: DataSeries, breakdown: Mapping) -> dict[str, str]:
    """
    The cell of the series an observation belongs to, written canonically: only the series' own breakdowns, empty
    values left out (an empty value is the total over that breakdown), sex written female, male or other. Raises
    ValueError with a message for the person.
    """
    labels = dict(Disaggregation.choices)
    cleaned = {}
    for dimension, raw in (breakdown or {}).items():
        value = " ".join(str(raw if raw is not None else "").split())
        if isinstance(raw, float) and raw.is_integer():
            value = str(int(raw))
        if not value:
            continue
        if dimension not in series.dimensions:
            raise ValueError(
                _("the series is not broken down by %(dimension)s") % {"dimension": labels.get(dimension, dimension)}
            )
        if dimension == Disaggregation.SEX:
            if value.lower() not in SEX_VALUES:
                raise ValueError(_("sex “%(value)s” is not female, male or other") % {"value": value})
            value = SEX_VALUES[value.lower()]
        if len(value) > BREAKDOWN_VALUE_LENGTH:
            raise ValueError(
                _("%(dimension)s “%(value)s…” is longer than %(length)s characters")
                % {"dimension": labels.get(dimension, dimension), "value": value[:20], "length": BREAKDOWN_VALUE_LENGTH}
            )
        cleaned[dimension] = value
    return {dimension: cleaned[dimension] for dimension in series.dimensions if dimension in cleaned}


def breakdown_key(breakdown: Mapping) -> str:
    """The canonical key of a cell: "" for the total, else "region=North|sex=female" in the series' order."""
    return "|".join(f"{dimension}={value}" for dimension, value in breakdown.items())


def _check_title(series: DataSeries) -> None:
    series.title = " ".join((series.title or "").split())
    duplicates = DataSeries.objects.filter(process_id=series.process_id, title__iexact=series.title)
    if series.title and duplicates.exclude(pk=series.pk).exists():
        raise ValidationError({"title": _("This process already records a data series of this title.")})


def _check_dimensions_in_use(series: DataSeries) -> None:
    """A breakdown may be removed only when no observation of the series uses it."""
    if not series.pk:
        return
    used = set()
    for breakdown in series.observations.exclude(breakdown_key="").values_list("breakdown", flat=True):
        used.update(breakdown or {})
    dropped = used - set(series.dimensions)
    if dropped:
        labels = dict(Disaggregation.choices)
        raise ValidationError(
            {
                "dimensions": _(
                    "Observations of this series are broken down by %(dimensions)s: delete them first, or keep the "
                    "breakdown."
                )
                % {"dimensions": ", ".join(str(labels.get(d, d)) for d in ordered_dimensions(dropped))}
            }
        )


# ---------------------------------------------------------------------------
# Series
# ---------------------------------------------------------------------------


@transaction.atomic
def series_create(*, actor, process: Process, **data) -> DataSeries:
    """Record a data series: its title, topic, unit, data source, sector, breakdowns and notes."""
    require_manage(actor, process)
    check_fields("series_create", data, SERIES_FIELDS)
    series = DataSeries(process=process, **data)
    series.dimensions = ordered_dimensions(series.dimensions)
    _check_title(series)
    save_audited(series, actor=actor, code="series.created")
    return series


@transaction.atomic
def series_update(*, actor, series: DataSeries, data: Mapping, reason: str = "") -> DataSeries:
    """Change what a series says about itself; a breakdown its observations use cannot be removed."""
    require_manage(actor, series.process)
    check_fields("series_update", data, SERIES_FIELDS)
    series = DataSeries.objects.select_for_update().select_related("process").get(pk=series.pk)
    for field, value in data.items():
        setattr(series, field, value)
    series.dimensions = ordered_dimensions(series.dimensions)
    _check_title(series)
    _check_dimensions_in_use(series)
    save_audited(series, actor=actor, code="series.updated", reason=reason)
    return series


@transaction.atomic
def series_delete(*, actor, series: DataSeries, reason: str) -> None:
    """
    Delete a series and its observations, saying why; the history keeps them all, with who deleted them and why.
    Refused while a finding cites the series: the finding would lose its evidence unnoticed.
    """
    require_manage(actor, series.process)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the series is deleted; the reason is kept in the history.")})
    if series.findings.exists():
        raise ValidationError(_("Findings cite this series: remove it from those findings first, then delete it."))
    # One by one, so that each observation's history row says who deleted it and why.
    for observation in series.observations.all():
        observation._history_user = actor
        observation._change_reason = change_reason("series.observation_deleted", reason)
        observation.delete()
    series._history_user = actor
    series._change_reason = change_reason("series.deleted", reason)
    series.delete()


# ---------------------------------------------------------------------------
# Observations, one by one
# ---------------------------------------------------------------------------


def _sentence(error: ValueError) -> str:
    """A row message as a sentence of its own: "value “ABC” is not a number" -> "Value “ABC” is not a number."."""
    text = str(error)
    return text[:1].upper() + text[1:] + "."


def _prepared(series: DataSeries, observation: Observation, period, value, breakdown) -> Observation:
    """Fill period, year, value and breakdown from what the person wrote; ValueError becomes a field error."""
    errors = {}
    try:
        observation.period, observation.year = parse_period(period)
    except ValueError as error:
        errors["period"] = _sentence(error)
    try:
        observation.value = parse_value(value)
    except ValueError as error:
        errors["value"] = _sentence(error)
    try:
        observation.breakdown = clean_breakdown(series, breakdown)
    except ValueError as error:
        errors["breakdown"] = _sentence(error)
    if errors:
        raise ValidationError(errors)
    observation.breakdown_key = breakdown_key(observation.breakdown)
    observation.note = " ".join((observation.note or "").split())
    clash = Observation.objects.filter(
        series=series, period=observation.period, breakdown_key=observation.breakdown_key
    ).exclude(pk=observation.pk)
    if clash.exists():
        raise ValidationError(
            {"period": _("This series already has a value for this period and breakdown: edit that one instead.")}
        )
    return observation


@transaction.atomic
def observation_create(
    *, actor, series: DataSeries, period, value, breakdown: Mapping | None = None, note: str = ""
) -> Observation:
    """Add one value of the series for a period, the total or one cell of its breakdowns."""
    require_manage(actor, series.process)
    observation = _prepared(series, Observation(series=series, note=note), period, value, breakdown or {})
    save_audited(observation, actor=actor, code="series.observation_added")
    return observation


@transaction.atomic
def observation_update(*, actor, observation: Observation, data: Mapping, reason: str = "") -> Observation:
    """Correct an observation's period, value, breakdown or note; nothing is written when nothing changed."""
    series = observation.series
    require_manage(actor, series.process)
    check_fields("observation_update", data, OBSERVATION_FIELDS)
    observation = Observation.objects.select_for_update().get(pk=observation.pk)
    before = (observation.period, observation.value, observation.breakdown_key, observation.note)
    if "note" in data:
        observation.note = data["note"]
    _prepared(
        series,
        observation,
        data.get("period", observation.period),
        data.get("value", observation.value),
        data.get("breakdown", observation.breakdown),
    )
    if (observation.period, observation.value, observation.breakdown_key, observation.note) == before:
        return observation
    save_audited(observation, actor=actor, code="series.observation_changed", reason=reason)
    return observation


@transaction.atomic
def observation_delete(*, actor, observation: Observation, reason: str = "") -> None:
    require_manage(actor, observation.series.process)
    observation._history_user = actor
    observation._change_reason = change_reason("series.observation_deleted", reason)
    observation.delete()


# ---------------------------------------------------------------------------
# Import from CSV or .xlsx
# ---------------------------------------------------------------------------


@dataclass
class ImportResult:
    added: int
    updated: int
    unchanged: int


def import_columns(series: DataSeries) -> list[str]:
    """The columns an import file of this series has, in order: period, value, one per breakdown, note."""
    return ["period", "value", *series.dimensions, "note"]


def _header_names(series: DataSeries) -> dict[str, str]:
    """What a column may be called (its name or its English label, any case) -> the column it is."""
    names = {"period": "period", "year": "period", "value": "value", "note": "note", "notes": "note"}
    for dimension in Disaggregation.values:
        names[dimension] = dimension
        names[str(Disaggregation(dimension).label).lower()] = dimension
        names[dimension.replace("_", " ")] = dimension
    return names


def _read_rows(uploaded, kind) -> list[tuple[int, list]]:
    """The file's rows as (row number as the person sees it, cells), blank rows left out."""
    if kind == XLSX:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(uploaded, read_only=True, data_only=True)
        except Exception as error:
            raise ValidationError(_("This spreadsheet cannot be read: save it again as .xlsx and retry.")) from error
        try:
            sheet = workbook.worksheets[0]
            rows = []
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > IMPORT_MAX_ROWS + 1:
                    raise ValidationError(_too_many_rows())
                if any(cell not in (None, "") for cell in cells):
                    rows.append((number, list(cells)))
            return rows
        finally:
            workbook.close()
    try:
        text = uploaded.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("This CSV file is not in UTF-8: save it again as “CSV UTF-8” and retry.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    rows = []
    for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if number > IMPORT_MAX_ROWS + 1:
            raise ValidationError(_too_many_rows())
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
    return rows


def _too_many_rows() -> str:
    return _("This file has more than %(count)s rows: split it into smaller files.") % {"count": IMPORT_MAX_ROWS}


def _columns(series: DataSeries, header: list) -> dict[str, int]:
    """Which position each column is at; a column the series does not know refuses the file."""
    names = _header_names(series)
    labels = dict(Disaggregation.choices)
    positions, errors = {}, []
    for position, raw in enumerate(header):
        title = " ".join(str(raw if raw is not None else "").split())
        if not title:
            continue
        column = names.get(title.lower())
        if column is None:
            errors.append(_("Column “%(column)s” is not one this file may have.") % {"column": title})
        elif column in Disaggregation.values and column not in series.dimensions:
            errors.append(
                _(
                    "Column “%(column)s”: this series is not broken down by %(dimension)s; add the breakdown to the "
                    "series first, or remove the column."
                )
                % {"column": title, "dimension": labels[column]}
            )
        elif column in positions:
            errors.append(_("Column “%(column)s” appears twice.") % {"column": title})
        else:
            positions[column] = position
    for required in ("period", "value"):
        if required not in positions:
            errors.append(_("The file has no “%(column)s” column.") % {"column": required})
    if errors:
        expected = ", ".join(import_columns(series))
        errors.append(_("The first row names the columns: %(columns)s.") % {"columns": expected})
        raise ValidationError(errors)
    return positions


def _parsed(series: DataSeries, rows) -> list[tuple[int, str, int, Decimal, dict, str]]:
    """Every row checked: (row number, period, year, value, breakdown, note); all the rows' errors at once."""
    header_number, header = rows[0]
    positions = _columns(series, header)
    parsed, errors, seen = [], [], {}

    def cell(cells, column):
        position = positions.get(column)
        return cells[position] if position is not None and position < len(cells) else None

    for number, cells in rows[1:]:
        problems = []
        period = year = value = None
        breakdown: dict = {}
        try:
            period, year = parse_period(cell(cells, "period"))
        except ValueError as error:
            problems.append(str(error))
        try:
            value = parse_value(cell(cells, "value"))
        except ValueError as error:
            problems.append(str(error))
        try:
            breakdown = clean_breakdown(series, {d: cell(cells, d) for d in series.dimensions if d in positions})
        except ValueError as error:
            problems.append(str(error))
        note = " ".join(str(cell(cells, "note") or "").split())
        if len(note) > 300:
            problems.append(_("the note is longer than 300 characters"))
        if not problems:
            key = (period, breakdown_key(breakdown))
            if key in seen:
                problems.append(
                    _("period %(period)s%(cell)s is already given on row %(row)s")
                    % {"period": period, "cell": f" ({key[1]})" if key[1] else "", "row": seen[key]}
                )
            else:
                seen[key] = number
        if problems:
            errors.append(_("Row %(row)s: %(problems)s.") % {"row": number, "problems": "; ".join(problems)})
        else:
            parsed.append((number, period, year, value, breakdown, note))
    if errors:
        shown = errors[:IMPORT_MAX_ERRORS]
        if len(errors) > IMPORT_MAX_ERRORS:
            shown.append(_("… and %(count)s more rows with errors.") % {"count": len(errors) - IMPORT_MAX_ERRORS})
        shown.append(_("Nothing has been imported: correct these rows and upload the file again."))
        raise ValidationError(shown)
    return parsed


@transaction.atomic
def observations_import(*, actor, series: DataSeries, uploaded) -> ImportResult:
    """
    Add or update the series' observations from a CSV or .xlsx file, checked by content and size first: a first
    row naming the columns (period, value, one per breakdown, optionally note), then one row per value. An
    empty breakdown cell is the total over that breakdown. One wrong row refuses the whole file, with one message
    per wrong row; a right file adds the new values and updates the changed ones (bulk, with history rows that
    say who imported them).
    """
    require_manage(actor, series.process)
    try:
        kind = validate_upload(uploaded, kinds=(TEXT, XLSX), max_size=IMPORT_MAX_SIZE)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    if kind == TEXT and not (uploaded.name or "").lower().endswith(".csv"):
        raise ValidationError({"file": _("Upload a .csv or .xlsx file.")})
    rows = _read_rows(uploaded, kind)
    if len(rows) < 2:
        raise ValidationError(
            _("The file has no values: its first row names the columns (%(columns)s), then one row per value.")
            % {"columns": ", ".join(import_columns(series))}
        )
    parsed = _parsed(series, rows)

    existing = {(o.period, o.breakdown_key): o for o in Observation.objects.select_for_update().filter(series=series)}
    name = Path(uploaded.name or "").name[:80]
    reason = change_reason("series.imported", name)
    now = timezone.now()
    new, changed, unchanged = [], [], 0
    for _number, period, year, value, breakdown, note in parsed:
        key = breakdown_key(breakdown)
        current = existing.get((period, key))
        if current is None:
            new.append(
                Observation(
                    series=series,
                    period=period,
                    year=year,
                    value=value,
                    breakdown=breakdown,
                    breakdown_key=key,
                    note=note,
                )
            )
        elif current.value != value or current.note != note:
            current.value, current.note, current.updated = value, note, now
            changed.append(current)
        else:
            unchanged += 1
    if new:
        bulk_create_with_history(new, Observation, default_user=actor, default_change_reason=reason)
    if changed:
        bulk_update_with_history(
            changed, Observation, ["value", "note", "updated"], default_user=actor, default_change_reason=reason
        )
    return ImportResult(added=len(new), updated=len(changed), unchanged=unchanged)


def import_template_csv(series: DataSeries) -> str:
    """A CSV file with just the first row an import of this series needs: the names of its columns."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(import_columns(series))
    return buffer.getvalue()
