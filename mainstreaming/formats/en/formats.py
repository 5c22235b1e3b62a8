"""English: "5 Dec 2026", "5 Dec 2026, 14:30 UTC", "362,300.00"."""

from django.conf.locale.en.formats import *  # noqa: F403  (input formats and the rest stay Django's)

DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j M Y, H:i T"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
