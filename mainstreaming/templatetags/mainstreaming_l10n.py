"""
Figures in the reader's language, the same on screen and in the PDFs (mainstreaming.l10n):

    {{ total|amount:plan.currency }}   362,300.00 USD / 362 300,00 USD
    {{ share|percent }}                12.0 % / 12,0 %   ({{ share|percent:2 }} for two decimals)
    {{ value|number }}                 1,250.5 / 1 250,5  ({{ value|number:2 }} for two decimals)

Dates need no filter of ours: `{{ day|date }}` and `{{ moment|date:"DATETIME_FORMAT" }}` give the language's one
style (mainstreaming/formats/). `amount` and `percent` give "" for what is not a number, so `|default:"—"` can
follow; `number` leaves text as it is ("adopted", the value of a qualitative indicator) and gives "" for None.
"""

from django import template

from mainstreaming import l10n

register = template.Library()


@register.filter
def amount(value, currency=""):
    return l10n.amount(value, currency or "")


@register.filter
def percent(value, places=1):
    return l10n.percent(value, int(places))


@register.filter
def number(value, places=None):
    text = l10n.number(value, None if places in (None, "") else int(places))
    return text or (value if isinstance(value, str) else "")
