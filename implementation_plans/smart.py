"""
The SMART check of a priority's targets: what each letter asks of a target, and, for each letter a target fails,
what to add to it. The check reads the content, not just whether a field is filled in:

* specific: a statement of what will be achieved;
* measurable: an indicator, a target value that is a number with its unit ("80 %", "500 workers", "USD 2
  million"), and a baseline with a number to measure it against;
* achievable: a responsible institution and the resources;
* relevant: the finding it answers;
* time-bound: a date to reach it by (or, without one, a year written in the target) inside the plan's period:
  the plan's first and last year, or the process's planning period where the plan sets none.

It reads the target's own row and its process's plan, so a target read with select_related("process__plan")
costs no query (TARGET_RELATED).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from implementation_plans.models import Plan, Target

# What a target must be read with for the check to cost no query.
TARGET_RELATED = ("process", "process__plan")

_NUMBER = r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?"
# A unit after the number (80 %, 500 workers, 2 million) or a currency before it (USD 200, $ 200).
_UNIT_AFTER = re.compile(rf"{_NUMBER}\s*(?:%|‰|[^\W\d_]+)")
_UNIT_BEFORE = re.compile(rf"(?:[$€£¥₦]|\b[A-Z]{{3}})\s*{_NUMBER}")
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class SmartLetter:
    """One letter of SMART: its key, the letter, its name, and what it asks of every target."""

    key: str
    letter: str
    label: str
    needs: str


@dataclass(frozen=True)
class SmartGap:
    """A letter a target fails, and what to add to this target to meet it."""

    key: str
    letter: str
    label: str
    needs: str


SMART = (
    SmartLetter("specific", "S", _("Specific"), _("a statement of what will be achieved")),
    SmartLetter(
        "measurable",
        "M",
        _("Measurable"),
        _("an indicator, and a target value that is a number with its unit, against a baseline with a number"),
    ),
    SmartLetter("achievable", "A", _("Achievable"), _("a responsible institution and the resources")),
    SmartLetter("relevant", "R", _("Relevant"), _("a linked finding")),
    SmartLetter("time_bound", "T", _("Time-bound"), _("a date or year to reach it by, inside the plan's period")),
)


def plan_period(process) -> tuple[int, int]:
    """The plan's first and last year; the process's planning period where the plan sets none."""
    try:
        plan = process.plan
    except Plan.DoesNotExist:
        plan = None
    return (plan and plan.starts_in) or process.period_start, (plan and plan.ends_in) or process.period_end


def has_unit(value: str) -> bool:
    return bool(_UNIT_AFTER.search(value) or _UNIT_BEFORE.search(value))


def _specific(target: Target) -> list[str]:
    return [] if (target.statement or "").strip() else [gettext("a statement of what will be achieved")]


def _measurable(target: Target) -> list[str]:
    missing = []
    if not (target.indicator or "").strip():
        missing.append(gettext("an indicator"))
    value = (target.target_value or "").strip()
    if not _DIGIT.search(value):
        missing.append(gettext("a target value that is a number with its unit, such as “80 %” or “500 workers”"))
    elif not has_unit(value):
        missing.append(
            gettext("the unit of the target value “%(value)s”, such as %%, workers or USD") % {"value": value}
        )
    if not _DIGIT.search(target.baseline or ""):
        missing.append(gettext("a baseline with a number, to measure the target against"))
    return missing


def _achievable(target: Target) -> list[str]:
    missing = []
    if not target.responsible_id:
        missing.append(gettext("a responsible institution"))
    if not (target.resources or "").strip():
        missing.append(gettext("the resources"))
    return missing


def _relevant(target: Target) -> list[str]:
    return [] if target.finding_id else [gettext("a linked finding")]


def _time_bound(target: Target) -> list[str]:
    first, last = plan_period(target.process)
    period = {"first": first, "last": last}
    if target.due_on is not None:
        year = target.due_on.year
    else:
        written = _YEAR.findall(f"{target.statement or ''} {target.target_value or ''}")
        year = max(int(found) for found in written) if written else None
    if year is None:
        return [gettext("a date to reach it by, inside the plan's period %(first)s–%(last)s") % period]
    if not first <= year <= last:
        return [
            gettext("a date inside the plan's period %(first)s–%(last)s (%(year)s is outside it)")
            % (period | {"year": year})
        ]
    return []


_CHECKS = {
    "specific": _specific,
    "measurable": _measurable,
    "achievable": _achievable,
    "relevant": _relevant,
    "time_bound": _time_bound,
}


def smart_gaps(target: Target) -> list[SmartGap]:
    """The letters `target` fails, in SMART's order, each with what to add to it."""
    gaps = []
    for letter in SMART:
        missing = _CHECKS[letter.key](target)
        if missing:
            gaps.append(SmartGap(letter.key, letter.letter, letter.label, "; ".join(missing)))
    return gaps


def decorate(target: Target) -> Target:
    """`target.gaps` (its SmartGaps) and `target.smart` ((letter, met) for every letter), for the pages."""
    target.gaps = smart_gaps(target)
    failed = {gap.key for gap in target.gaps}
    target.smart = [(letter, letter.key not in failed) for letter in SMART]
    return target
