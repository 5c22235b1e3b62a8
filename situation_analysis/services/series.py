"""
The migration-profile data series (handbook §5 and Annex D): what each series measures (its topic, unit, source
and the breakdowns it carries) and its observations by period and breakdown, typed in one by one or imported from
a CSV or .xlsx file (series_import.py). The NFP records them; every internal reader reads them.

The rules written here are shared by both ways in: a period is a year, a quarter or a month; a value is a number as
people write it, never rounded silently; a breakdown value is written one way (female, 15-24, "" for the total).
"""

import re
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming.models import Process
from mainstreaming.services import change_reason, save_audited
from situation_analysis.choices import Disaggregation
from situation_analysis.models import DataSeries, Observation
from situation_analysis.services.base import check_fields

SERIES_FIELDS = (
    "title",
    "code",
    "topic",
    "unit",
    "source",
    "sector",
    "dimensions",
    "periodicity",
    "sex_not_applicable",
    "notes",
)
OBSERVATION_FIELDS = ("period", "value", "breakdown", "note")

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
    # SDMX codes (code list CL_SEX): F, M, _O for other.
    "_o": "other",
}
# What statistical offices write for "all of them" in a breakdown column: the total over that breakdown. SDMX writes
# _T for a total and _Z for "not applicable" (a share of GDP has no sex).
TOTAL_VALUES = {"total", "t", "_t", "_z", "all", "both sexes", "both"}
# SDMX age codes (code list CL_AGE): Y15T24 is 15 to 24 years, Y_GE65 65 and over, Y_LT15 under 15, Y20 aged 20.
SDMX_AGE_RANGE = re.compile(r"^Y(\d{1,3})T(\d{1,3})$")
SDMX_AGE_FROM = re.compile(r"^Y_GE(\d{1,3})$")
SDMX_AGE_UNDER = re.compile(r"^Y_LT(\d{1,3})$")
SDMX_AGE_ONE = re.compile(r"^Y(\d{1,3})$")
BREAKDOWN_VALUE_LENGTH = 60
VALUE_LIMIT = Decimal("1e16")
# Observation.value keeps this many decimals; a value with more is rounded only where the person sees it said.
VALUE_DECIMALS = Observation._meta.get_field("value").decimal_places
VALUE_QUANTUM = Decimal(1).scaleb(-VALUE_DECIMALS)
# 1,234 or -84,039: a comma that may separate thousands, or decimals (as a French or Romanian spreadsheet writes).
GROUPED_BY_COMMA = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$")
GROUPED_BY_POINT = re.compile(r"^[-+]?\d{1,3}(\.\d{3})+(,\d*)?$")


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


def parse_value(raw, *, decimal_separator: str = ".") -> Decimal:
    """
    A number as people write it, exactly (rounding is the caller's business): spaces between thousands are
    dropped, and `decimal_separator` says whether a comma or a point marks the decimals. A number that reads two
    ways (“-84,039” with a decimal point: -84039 or -84.039?) is refused, never guessed. Raises ValueError with a
    message for the person.
    """
    if isinstance(raw, bool):
        raise ValueError(_("value “%(value)s” is not a number") % {"value": raw})
    if isinstance(raw, int | float | Decimal):
        text = str(raw)
    else:
        text = "".join(str(raw if raw is not None else "").split()).replace("\u202f", "")
        text = _with_decimal_point(text, decimal_separator)
    if text == "":
        raise ValueError(_("the value is missing"))
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValueError(_("value “%(value)s” is not a number") % {"value": raw})
    if abs(value) >= VALUE_LIMIT:
        raise ValueError(_("value “%(value)s” is too large") % {"value": raw})
    return value


def _with_decimal_point(text: str, decimal_separator: str) -> str:
    """The number written with a point for decimals and no thousands separator; ValueError when it reads two ways."""
    if decimal_separator == ",":
        if "," in text and "." in text:
            if not GROUPED_BY_POINT.match(text):
                raise ValueError(_("value “%(value)s” is not a number") % {"value": text})
            text = text.replace(".", "")
        elif "." in text and GROUPED_BY_POINT.match(text):
            raise ValueError(
                _(
                    "value “%(value)s” reads two ways (a point between thousands, or before decimals): write it "
                    "without the point, or with a comma for decimals"
                )
                % {"value": text}
            )
        return text.replace(",", ".")
    if "," not in text:
        return text
    if GROUPED_BY_COMMA.match(text):
        if "." in text:
            return text.replace(",", "")
        raise ValueError(
            _(
                "value “%(value)s” reads two ways (a comma between thousands, or before decimals): write it without "
                "the comma, or choose the decimal comma"
            )
            % {"value": text}
        )
    raise ValueError(
        _("value “%(value)s” has a decimal comma: choose the decimal comma, or write it with a point") % {"value": text}
    )


def stored_value(value: Decimal) -> Decimal:
    """The value as it is stored: rounded to VALUE_DECIMALS decimals."""
    return value.quantize(VALUE_QUANTUM)


def canonical_cell(dimension: str, value: str) -> str:
    """
    A breakdown value written one way: "" for a total (total, T, _T, all, both sexes...), sex as female, male or
    other (also F, M and the SDMX codes), SDMX age codes as ranges (Y15T24 -> 15-24). Raises ValueError for a sex
    it does not know.
    """
    if value.lower() in TOTAL_VALUES:
        return ""
    if dimension == Disaggregation.SEX:
        if value.lower() not in SEX_VALUES:
            raise ValueError(_("sex “%(value)s” is not female, male or other") % {"value": value})
        return SEX_VALUES[value.lower()]
    if dimension == Disaggregation.AGE:
        code = value.upper()
        if match := SDMX_AGE_RANGE.match(code):
            return f"{int(match[1])}-{int(match[2])}"
        if match := SDMX_AGE_FROM.match(code):
            return f"{int(match[1])}+"
        if match := SDMX_AGE_UNDER.match(code):
            return f"0-{int(match[1]) - 1}"
        if match := SDMX_AGE_ONE.match(code):
            return str(int(match[1]))
    return value


def clean_breakdown(series: DataSeries, breakdown: Mapping) -> dict[str, str]:
    """
    The cell of the series an observation belongs to, written canonically (canonical_cell): only the series' own
    breakdowns, totals left out (an empty value is the total over that breakdown). Raises ValueError with a message
    for the person.
    """
    labels = dict(Disaggregation.choices)
    cleaned = {}
    for dimension, raw in (breakdown or {}).items():
        value = " ".join(str(raw if raw is not None else "").split())
        if isinstance(raw, float) and raw.is_integer():
            value = str(int(raw))
        value = canonical_cell(dimension, value) if value else ""
        if not value:
            continue
        if dimension not in series.dimensions:
            raise ValueError(
                _("the series is not broken down by %(dimension)s") % {"dimension": labels.get(dimension, dimension)}
            )
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


def _check_title_and_code(series: DataSeries) -> None:
    series.title = " ".join((series.title or "").split())
    series.code = "".join((series.code or "").split())
    duplicates = DataSeries.objects.filter(process_id=series.process_id).exclude(pk=series.pk)
    if series.title and duplicates.filter(title__iexact=series.title).exists():
        raise ValidationError({"title": _("This process already records a data series of this title.")})
    if series.code and duplicates.filter(code__iexact=series.code).exists():
        raise ValidationError({"code": _("This process already records a data series with this code.")})


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
    """Record a data series: its title, code, topic, unit, data source, sector, breakdowns, periodicity and notes."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    check_fields("series_create", data, SERIES_FIELDS)
    series = DataSeries(process=process, **data)
    series.dimensions = ordered_dimensions(series.dimensions)
    _check_title_and_code(series)
    save_audited(series, actor=actor, code="series.created")
    return series


@transaction.atomic
def series_update(*, actor, series: DataSeries, data: Mapping, reason: str = "") -> DataSeries:
    """Change what a series says about itself; a breakdown its observations use cannot be removed."""
    permissions.require(actor, permissions.MANAGE_PROCESS, series.process)
    check_fields("series_update", data, SERIES_FIELDS)
    series = DataSeries.objects.select_for_update().select_related("process").get(pk=series.pk)
    for field, value in data.items():
        setattr(series, field, value)
    series.dimensions = ordered_dimensions(series.dimensions)
    _check_title_and_code(series)
    _check_dimensions_in_use(series)
    save_audited(series, actor=actor, code="series.updated", reason=reason)
    return series


@transaction.atomic
def series_delete(*, actor, series: DataSeries, reason: str) -> None:
    """
    Delete a series and its observations, saying why; the history keeps them all, with who deleted them and why.
    Refused while a finding cites the series: the finding would lose its evidence unnoticed.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, series.process)
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
        observation.value = parse_value(value, decimal_separator=get_format("DECIMAL_SEPARATOR"))
        if stored_value(observation.value) != observation.value:
            raise ValueError(
                _("value “%(value)s” has more than %(count)s decimals") % {"value": value, "count": VALUE_DECIMALS}
            )
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
    permissions.require(actor, permissions.MANAGE_PROCESS, series.process)
    observation = _prepared(series, Observation(series=series, note=note), period, value, breakdown or {})
    save_audited(observation, actor=actor, code="series.observation_added")
    return observation


@transaction.atomic
def observation_update(*, actor, observation: Observation, data: Mapping, reason: str = "") -> Observation:
    """Correct an observation's period, value, breakdown or note; nothing is written when nothing changed."""
    series = observation.series
    permissions.require(actor, permissions.MANAGE_PROCESS, series.process)
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
    permissions.require(actor, permissions.MANAGE_PROCESS, observation.series.process)
    observation._history_user = actor
    observation._change_reason = change_reason("series.observation_deleted", reason)
    observation.delete()
