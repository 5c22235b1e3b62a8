"""
Numbers, amounts, percentages and dates in the reader's language: one set of functions for the screen (through
the filters of mainstreaming_l10n), the PDFs, the charts' labels and the messages, and the number formats of the
.xlsx exports, so that "362,300.00 USD" (English) or "362 300,00 USD" (French) reads the same everywhere.

Everything goes through django.utils.formats with the active language's formats (mainstreaming/formats/).
Numbers are always grouped by thousands here; settings.USE_THOUSAND_SEPARATOR stays off so that a year, a count
or an id printed bare in a template stays "2026", never "2,026".

`parse_number` is the way back: what a person typed in their language, as the plain "1234.5" the forms and
services read.
"""

import datetime
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone

# Between a number and its unit ("362 300,00 USD", "12,5 %"): a non-breaking space, so that a line never starts
# with the unit.
NBSP = "\xa0"

# .xlsx number formats. The separators in a format code are placeholders: Excel and LibreOffice show the reader's
# own. "mm-dd-yy" is the built-in date format 14, which they show in the reader's short date style.
XLSX_AMOUNT = "#,##0.00"
XLSX_INTEGER = "#,##0"
XLSX_DATE = "mm-dd-yy"
XLSX_DATETIME = "mm-dd-yy hh:mm"


def to_decimal(value) -> Decimal | None:
    """A Decimal, an int, a float or a numeric string as a Decimal; None for None, "" and what is not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def number(value, places: int | None = None) -> str:
    """
    `value` grouped by thousands with the language's separators: "1,250.5" / "1 250,5". With `places`, rounded
    half up to that many decimals ("12.50"); without, the value's own decimals less trailing zeros (10.5000 as
    "10.5"). "" for a value that is not a number.
    """
    decimal = to_decimal(value)
    if decimal is None:
        return ""
    if places is None:
        decimal = decimal.normalize()
        if decimal == decimal.to_integral_value():
            decimal = decimal.quantize(Decimal(1))
    else:
        decimal = decimal.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if decimal == 0:
        decimal = abs(decimal)  # no "-0.00"
    return formats.number_format(decimal, decimal_pos=places, use_l10n=True, force_grouping=True)


def amount(value, currency: str = "") -> str:
    """An amount of money with two decimals and its currency: "362,300.00 USD" / "362 300,00 USD"."""
    text = number(value, 2)
    if not text or not currency:
        return text
    return f"{text}{NBSP}{currency}"


def percent(value, places: int = 1) -> str:
    """A percentage: "12.0 %" / "12,0 %" (`places` decimals, one by default)."""
    text = number(value, places)
    return f"{text}{NBSP}%" if text else ""


def date(value) -> str:
    """A date (or the day of a datetime, in the current time zone) in the language's one date style."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT")


def date_time(value) -> str:
    """A moment in the current time zone, in the language's style: "5 Dec 2026, 14:30 UTC"."""
    if not value:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "DATETIME_FORMAT")


def parse_number(text: str) -> str:
    """
    What a person typed as a number, in the active language, as plain digits with a point for decimals:
    "1 234,5" (French) and "1,234.5" (English) both give "1234.5". Any kind of space is dropped (the French
    thousands separator is a non-breaking space, and a narrow one comes in when a figure is pasted from
    elsewhere). A point is taken as a decimal point in French too, where nobody groups thousands with it.
    Anything else comes back as typed (less its spaces), so the caller's own parsing refuses "abc" or "15,1" in
    English with its own message.
    """
    if not isinstance(text, str):
        return text
    text = "".join(char for char in text if not unicodedata.category(char).startswith("Z")).strip()
    decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
    thousand_separator = formats.get_format("THOUSAND_SEPARATOR").strip()
    integer, separator, decimals = text.partition(decimal_separator)
    if thousand_separator and thousand_separator in integer:
        # Only where it groups by three: an English "15,1" is a mistake to show, not 151 to store.
        if not re.fullmatch(rf"[+-]?\d{{1,3}}({re.escape(thousand_separator)}\d{{3}})+", integer):
            return text
        integer = integer.replace(thousand_separator, "")
    return f"{integer}.{decimals}" if separator else integer


def xlsx_number_format(value) -> str:
    """The .xlsx number format for a figure: grouped, with as many decimals as it has (at most four)."""
    decimal = to_decimal(value)
    if decimal is None:
        return "General"
    places = min(max(-decimal.normalize().as_tuple().exponent, 0), 4)
    return f"{XLSX_INTEGER}.{'0' * places}" if places else XLSX_INTEGER
