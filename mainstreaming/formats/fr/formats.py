"""French: "5 déc. 2026", "5 déc. 2026, 14:30 UTC", "362 300,00" (a non-breaking space between thousands)."""

from django.conf.locale.fr.formats import *  # noqa: F403  (input formats and the rest stay Django's)

# "N" is the abbreviation with its full stop where French puts one ("déc.", "juin", "juil.").
DATE_FORMAT = "j N Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j N Y, H:i T"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j N"

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # non-breaking space, as Django's French formats have it
NUMBER_GROUPING = 3

# <input type="date"> shows and sends ISO dates whatever the language, and a date input is filled with the first
# input format: ISO first, or a French reader would find every date input of a form being edited empty.
DATE_INPUT_FORMATS = ["%Y-%m-%d", *DATE_INPUT_FORMATS]  # noqa: F405
