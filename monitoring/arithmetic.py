"""
Indicator arithmetic: how period values add up, how progress is counted, and how values are validated.

Everything here is pure Python on `Decimal` (no database, no floats), so it can be tested exhaustively and
reused by models, services, forms and reports alike. Tools of this kind most often go wrong here: averaging
percentages, counting lower-is-better progress as current/target, summing running totals, or treating a missing
report as zero. Each function's docstring records the rule chosen for its edge cases and why.

Conventions:
- Numbers are `Decimal` (an `int` is accepted and converted); a `float` raises `TypeError`, because a binary float
  has already lost the value a person typed.
- A period value of `None` means "not reported", never zero.
- Percentages are on a 0-100 scale. Computed percentages and progress shares are rounded half up to two places
  (`PLACES`), which is what reports show; interpolated targets are rounded the same way.
- Errors in what a person entered raise Django's `ValidationError` with a translated message; errors in how the
  functions are called (wrong types, contradictory configuration) raise `TypeError` or `ValueError`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from mainstreaming import l10n
from monitoring.choices import Aggregation, Direction, IndicatorType, ProgressStatus

__all__ = [
    "PLACES",
    "Fraction",
    "PeriodKey",
    "PeriodValue",
    "Progress",
    "QualitativeScale",
    "aggregate",
    "check_disaggregated_fraction",
    "check_disaggregation",
    "cumulative_decreases",
    "elapsed_share",
    "last_reported",
    "missing_periods",
    "percentage_of",
    "progress",
    "qualitative_progress",
    "validate_fraction",
    "validate_target",
    "validate_value",
    "yearly_target_for",
]

PLACES = Decimal("0.01")
HUNDRED = Decimal(100)

# A period is identified by a key that sorts chronologically: a year (2025), a date (the period's start) or a
# string such as "2025-Q1" or "2025-03". All keys of one series must be of the same kind.
PeriodKey = int | datetime.date | str
Number = Decimal | int
Value = Decimal | bool | str


# ---------------------------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------------------------


def _decimal(value: Number, *, name: str = "value") -> Decimal:
    """Return `value` as a Decimal; refuse floats and booleans, which would silently carry wrong numbers."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"{name} must be a Decimal or an int, not {type(value).__name__}")
    return Decimal(value)


def _optional_decimal(value: Number | None, *, name: str = "value") -> Decimal | None:
    return None if value is None else _decimal(value, name=name)


def _round(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def _trim(value: Decimal) -> str:
    """A Decimal for a message, in the reader's language, without exponent or noise zeros (1E+1 -> 10, 2.50 -> 2.5)."""
    return l10n.number(value)


# ---------------------------------------------------------------------------------------------------------------
# Period values and aggregation
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodValue:
    """
    One reported value of one indicator for one reporting period.

    `value` is a Decimal for number and percentage indicators, a bool for yes/no, a str for text and for a level
    of a qualitative scale, and None when the period was not reported. Indicators aggregated as percentages
    carry `numerator` and `denominator` instead (their `value` may hold the period's percentage for display, but
    it is never used to add periods up).
    """

    period: PeriodKey
    value: Value | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


def _in_order(values: Iterable[PeriodValue]) -> list[PeriodValue]:
    """
    Sort period values by their period key, refusing two values for the same period.

    Reports arrive in any order (a late quarter, a correction entered afterwards), so list order means nothing.
    Two values for one period are ambiguous and are a data error rather than something to pick from silently.
    """
    ordered = sorted(values, key=lambda pv: pv.period)
    for previous, current in zip(ordered, ordered[1:], strict=False):
        if previous.period == current.period:
            raise ValueError(f"two values for the same period {current.period!r}")
    return ordered


def last_reported(values: Iterable[PeriodValue]) -> PeriodValue | None:
    """
    The latest period (by period key) that has a value, or None if none has.

    A later period reported as None ("not reported yet") does not hide the last known value, so a dashboard can
    show "12 (as of 2025-Q2)" rather than a blank while Q3 is still being collected.
    """
    reported = [pv for pv in _in_order(values) if pv.value is not None]
    return reported[-1] if reported else None


def missing_periods(*, values: Iterable[PeriodValue], expected: Iterable[PeriodKey]) -> list[PeriodKey]:
    """
    The expected periods, in order, for which no value was reported (absent or None).

    `aggregate` never treats a gap as zero, so this is how callers show that a total to date is incomplete.
    For percentage indicators a period counts as reported only when both numerator and denominator are given.
    """
    reported = {
        pv.period for pv in values if pv.value is not None or (pv.numerator is not None and pv.denominator is not None)
    }
    return sorted(period for period in set(expected) if period not in reported)


def cumulative_decreases(*, values: Iterable[PeriodValue]) -> list[PeriodKey]:
    """
    The periods in which a cumulative (running-total) series went down compared with the previous report.

    A running total should not fall, but it legitimately can: an agreement "in force" lapses, or a report
    corrects an earlier over-count. So a decrease is not an error: `aggregate` still takes the latest running
    total as authoritative, and this function lets a form or report warn about it. Unreported periods are skipped.
    """
    decreases: list[PeriodKey] = []
    previous: Decimal | None = None
    for pv in _in_order(values):
        if pv.value is None:
            continue
        current = _decimal(pv.value)
        if previous is not None and current < previous:
            decreases.append(pv.period)
        previous = current
    return decreases


def percentage_of(*, numerator: Number, denominator: Number) -> Decimal | None:
    """
    numerator / denominator × 100, rounded to two places; None when the denominator is zero.

    A zero denominator means there was nothing to count (no workers departed this quarter), so the percentage is
    undefined: it is neither 0 % nor 100 %, and it is not an error either.
    """
    num = _decimal(numerator, name="numerator")
    den = _decimal(denominator, name="denominator")
    if den == 0:
        return None
    return _round(num / den * HUNDRED)


def aggregate(
    values: Sequence[PeriodValue],
    *,
    aggregation: Aggregation | str,
    scale: QualitativeScale | None = None,
) -> Value | None:
    """
    Combine the values of several periods into the value "to date", as the indicator's aggregation declares.

    Periods are taken in the order of their period key, never list order; unreported periods (None) are skipped
    and never count as zero; with nothing reported the result is None.

    - incremental: the sum of the reported periods (remittance inflows per quarter add up to the year). A gap
      makes the sum incomplete, not smaller by a guessed amount: use `missing_periods` to say so.
    - cumulative: the running total of the last reported period. Summing running totals would count every
      agreement again in every period. A running total that went down is accepted (the latest report wins, as a
      correction or a lapse); `cumulative_decreases` finds such periods for a warning.
    - latest: the value of the last reported period, of any type (a number, a percentage, yes/no, text).
    - percentage: sum of numerators / sum of denominators × 100 over the periods that give both. Never the
      average of the periods' percentages, which weighs a quarter with 10 workers like one with 1,000. Periods
      with only a percentage value are left out for the same reason. Zero denominators in total give None.
    - qualitative: the last reported level; when `scale` is given the level must be one of its levels.
    """
    aggregation = Aggregation(aggregation)
    ordered = _in_order(values)

    if aggregation == Aggregation.PERCENTAGE:
        complete = [pv for pv in ordered if pv.numerator is not None and pv.denominator is not None]
        if not complete:
            return None
        numerator = sum((_decimal(pv.numerator, name="numerator") for pv in complete), Decimal(0))
        denominator = sum((_decimal(pv.denominator, name="denominator") for pv in complete), Decimal(0))
        return percentage_of(numerator=numerator, denominator=denominator)

    reported = [pv for pv in ordered if pv.value is not None]
    if not reported:
        return None

    if aggregation == Aggregation.INCREMENTAL:
        return sum((_decimal(pv.value) for pv in reported), Decimal(0))
    if aggregation == Aggregation.CUMULATIVE:
        return _decimal(reported[-1].value)
    if aggregation == Aggregation.QUALITATIVE:
        level = reported[-1].value
        if scale is not None:
            scale.position(level)  # raises for a level that is not on the scale
        return level
    return reported[-1].value  # latest


# ---------------------------------------------------------------------------------------------------------------
# Qualitative scales
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QualitativeScale:
    """
    An ordered scale of levels for a qualitative indicator, from the worst (or lowest) level to the best.

    For example ("none", "drafted", "adopted", "implemented") for a national migration policy. Only the order of
    levels matters: progress is counted in steps along the scale, so every step weighs the same.
    """

    levels: tuple[str, ...]

    def __post_init__(self) -> None:
        if len(self.levels) < 2:
            raise ValueError("a qualitative scale needs at least two levels")
        if len(set(self.levels)) != len(self.levels):
            raise ValueError("the levels of a qualitative scale must be distinct")

    def position(self, level: str) -> int:
        """The level's position on the scale, 0 for the lowest; ValueError for a level not on the scale."""
        try:
            return self.levels.index(level)
        except ValueError:
            raise ValueError(f"{level!r} is not a level of this scale") from None


# ---------------------------------------------------------------------------------------------------------------
# Progress towards targets
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """
    How far an indicator has come from its baseline towards its target.

    `share` is the percentage of the way covered (100 = target reached; above 100 = beyond the target; below 0 =
    worse than the baseline), or None when it cannot be counted. `status` classifies it (`ProgressStatus`).
    """

    share: Decimal | None
    status: ProgressStatus


def _target_met(*, target: Decimal, current: Decimal, direction: Direction) -> bool:
    return current >= target if direction == Direction.HIGHER else current <= target


def _points_wrong_way(*, baseline: Decimal, target: Decimal, direction: Direction) -> bool:
    if direction == Direction.HIGHER:
        return target < baseline
    if direction == Direction.LOWER:
        return target > baseline
    return False


def validate_target(*, baseline: Number | None, target: Number | None, direction: Direction | str) -> None:
    """
    Refuse a target that lies on the wrong side of the baseline for the indicator's direction.

    A higher-is-better indicator with a target below its baseline (or the reverse) is almost always a typo or a
    misread direction; counting progress on it would report getting worse as progress. Context indicators have
    no direction and accept any target; a missing baseline or target cannot be checked and passes.
    """
    direction = Direction(direction)
    base = _optional_decimal(baseline, name="baseline")
    goal = _optional_decimal(target, name="target")
    if base is None or goal is None or not _points_wrong_way(baseline=base, target=goal, direction=direction):
        return
    if direction == Direction.HIGHER:
        message = _("Higher is better, so the target (%(target)s) cannot be below the baseline (%(baseline)s).")
    else:
        message = _("Lower is better, so the target (%(target)s) cannot be above the baseline (%(baseline)s).")
    raise ValidationError(message, code="target_direction", params={"target": _trim(goal), "baseline": _trim(base)})


def elapsed_share(*, start: datetime.date, end: datetime.date, on: datetime.date) -> Decimal:
    """
    The percentage of the time from `start` (the baseline date) to `end` (the target date) elapsed `on` a day.

    Clamped to 0-100: before the start no time has elapsed, after the end all of it has. An end that is not after
    the start is a configuration error (ValueError), since there would be no time in which to progress.
    """
    if end <= start:
        raise ValueError("the target date must be after the baseline date")
    days = Decimal((on - start).days) / Decimal((end - start).days) * HUNDRED
    return _round(min(max(days, Decimal(0)), HUNDRED))


def progress(
    *,
    baseline: Number | None,
    target: Number | None,
    current: Number | None,
    direction: Direction | str,
    elapsed: Number | None = None,
) -> Progress:
    """
    The share of the way from baseline to target achieved, and a status.

    share = (current - baseline) / (target - baseline) × 100, rounded to two places. The same formula serves both
    directions (baseline 30, target 10, current 20 gives (20-30)/(10-30) = 50 %); the common mistake is
    current/target, which would call 20 "200 %" of a target of 10. The direction decides which side of the
    target counts as met and rejects a target on the wrong side of the baseline (ValueError; forms should call
    `validate_target` first). The share is not capped: beyond the target it exceeds 100, and when things got
    worse than the baseline it goes below 0, because both are worth seeing.

    Edge cases:
    - context direction: monitored only, so no share and status NOT_APPLICABLE.
    - no current value: NO_DATA. No target: NO_DATA. No baseline: no share, but ACHIEVED if the target is met
      (that needs no baseline), else NO_DATA.
    - target equal to baseline (the aim is to hold a level): share 100 and ACHIEVED when the current value is at
      or on the good side of it, else share 0 and OFF_TRACK; dividing by zero would mean nothing.
    - status: ACHIEVED when the target is met (share >= 100, judged before rounding). Otherwise, with `elapsed`
      (the percentage of the time from baseline to target date that has passed, see `elapsed_share`), ON_TRACK
      when the share is at least the elapsed share (a straight-line trajectory) and OFF_TRACK when it is behind;
      past the target date (elapsed 100) an unmet target is OFF_TRACK. Without `elapsed` it is NOT_YET_ACHIEVED.
    """
    direction = Direction(direction)
    base = _optional_decimal(baseline, name="baseline")
    goal = _optional_decimal(target, name="target")
    now = _optional_decimal(current, name="current")
    time = _optional_decimal(elapsed, name="elapsed")

    if direction == Direction.CONTEXT:
        return Progress(share=None, status=ProgressStatus.NOT_APPLICABLE)
    if now is None or goal is None:
        return Progress(share=None, status=ProgressStatus.NO_DATA)
    if base is None:
        met = _target_met(target=goal, current=now, direction=direction)
        return Progress(share=None, status=ProgressStatus.ACHIEVED if met else ProgressStatus.NO_DATA)
    if _points_wrong_way(baseline=base, target=goal, direction=direction):
        raise ValueError(f"target {goal} is on the wrong side of baseline {base} for direction {direction.value!r}")

    if goal == base:
        if _target_met(target=goal, current=now, direction=direction):
            return Progress(share=_round(HUNDRED), status=ProgressStatus.ACHIEVED)
        return Progress(share=_round(Decimal(0)), status=ProgressStatus.OFF_TRACK)

    # The status is judged on the exact share: rounding 99.996 % up to 100.00 must not declare a target met.
    exact = (now - base) / (goal - base) * HUNDRED
    if _target_met(target=goal, current=now, direction=direction):
        status = ProgressStatus.ACHIEVED
    elif time is None:
        status = ProgressStatus.NOT_YET_ACHIEVED
    elif time >= HUNDRED or exact < time:
        status = ProgressStatus.OFF_TRACK
    else:
        status = ProgressStatus.ON_TRACK
    return Progress(share=_round(exact), status=status)


def qualitative_progress(
    *,
    scale: QualitativeScale,
    baseline: str | None,
    target: str | None,
    current: str | None,
    elapsed: Number | None = None,
) -> Progress:
    """
    Progress on a qualitative scale: the steps climbed from the baseline level over the steps to the target level.

    The scale runs from worst to best, so higher is always better (from "none" to "implemented" with "drafted"
    and "adopted" between: baseline "none", target "implemented", current "adopted" is 2 of 3 steps, 66.67 %).
    Levels not on the scale raise ValueError; missing levels behave as missing values do in `progress`.
    """

    def position(level: str | None) -> int | None:
        return None if level is None else scale.position(level)

    return progress(
        baseline=position(baseline),
        target=position(target),
        current=position(current),
        direction=Direction.HIGHER,
        elapsed=elapsed,
    )


def yearly_target_for(
    *,
    year: int,
    baseline_year: int,
    baseline: Number,
    target_year: int,
    target: Number,
    milestones: Mapping[int, Number] | None = None,
) -> Decimal:
    """
    The target that applies in `year`, when targets are set for some years only.

    A milestone set for the year applies as is. Between two known points (the baseline, milestones, the final
    target) the target is interpolated on a straight line and rounded to two places; it is a target for the value
    to date, like the final one. In the baseline year the target is the baseline; after the target year the
    final target still applies (a target reached must be held). A year before the baseline has no target
    (ValueError), as do milestones outside the baseline-target years and a target year not after the baseline.
    """
    if target_year <= baseline_year:
        raise ValueError("the target year must be after the baseline year")
    if year < baseline_year:
        raise ValueError(f"{year} is before the baseline year {baseline_year}")
    points = {baseline_year: _decimal(baseline, name="baseline"), target_year: _decimal(target, name="target")}
    for milestone_year, value in (milestones or {}).items():
        if not baseline_year < milestone_year < target_year:
            raise ValueError(f"milestone year {milestone_year} is not between {baseline_year} and {target_year}")
        points[milestone_year] = _decimal(value, name="milestone")

    if year >= target_year:
        return points[target_year]
    if year in points:
        return points[year]
    before = max(y for y in points if y < year)
    after = min(y for y in points if y > year)
    slope = (points[after] - points[before]) / (after - before)
    return _round(points[before] + slope * (year - before))


# ---------------------------------------------------------------------------------------------------------------
# Validation of reported values
# ---------------------------------------------------------------------------------------------------------------


def _number(value: object) -> Decimal:
    """Read a number from a Decimal, an int or a string (as spreadsheets and APIs give them)."""
    if isinstance(value, float):
        raise TypeError("floats are not accepted: pass a Decimal or the number as a string")
    if isinstance(value, bool):
        raise ValidationError(_("Enter a number."), code="invalid")
    if isinstance(value, str):
        try:
            number = Decimal(value.strip()) if value.strip() else None
        except InvalidOperation:
            number = None
        if number is None:
            raise ValidationError(_("Enter a number."), code="invalid")
        value = number
    if not isinstance(value, Decimal | int):
        raise ValidationError(_("Enter a number."), code="invalid")
    number = Decimal(value)
    if not number.is_finite():
        raise ValidationError(_("Enter a finite number."), code="invalid")
    return number


def validate_value(
    *,
    indicator_type: IndicatorType | str,
    value: object,
    minimum: Number | None = None,
    maximum: Number | None = None,
) -> Value:
    """
    Check a reported value against the indicator's type and range, and return it cleaned.

    - number: a Decimal, an int or a plain numeric string ("1250.5", as imports give them). A comma is refused
      rather than guessed at, because "1,250" is a thousand and a quarter in English and one and a quarter in
      French. NaN and infinity are refused; a float raises TypeError. Returns a Decimal. `minimum` and `maximum`
      are inclusive bounds.
    - percentage: as a number, but the bounds default to 0 and 100 unless given (a growth rate may pass
      `maximum=500`, a change `minimum=-100`); each bound defaults on its own.
    - yes/no: a bool only, since "0", "no" or "false" mean different things in different sources.
    - text: a string, stripped of surrounding space; blank text is refused.
    Missing values (None) are refused: whether a period may stay unreported is decided before calling this.
    A range for yes/no or text makes no sense and raises ValueError.
    """
    indicator_type = IndicatorType(indicator_type)
    low = _optional_decimal(minimum, name="minimum")
    high = _optional_decimal(maximum, name="maximum")
    if value is None:
        raise ValidationError(_("Enter a value."), code="required")

    if indicator_type in (IndicatorType.YES_NO, IndicatorType.TEXT):
        if low is not None or high is not None:
            raise ValueError("a range applies only to number and percentage indicators")
        if indicator_type == IndicatorType.YES_NO:
            if not isinstance(value, bool):
                raise ValidationError(_("Answer yes or no."), code="invalid")
            return value
        if not isinstance(value, str) or not value.strip():
            raise ValidationError(_("Enter some text."), code="invalid")
        return value.strip()

    if indicator_type == IndicatorType.PERCENTAGE:
        low = Decimal(0) if low is None else low
        high = HUNDRED if high is None else high
    if low is not None and high is not None and low > high:
        raise ValueError("the minimum is above the maximum")
    number = _number(value)
    if low is not None and number < low:
        raise ValidationError(
            _("Enter a value of at least %(minimum)s."), code="min_value", params={"minimum": _trim(low)}
        )
    if high is not None and number > high:
        raise ValidationError(
            _("Enter a value of at most %(maximum)s."), code="max_value", params={"maximum": _trim(high)}
        )
    return number


@dataclass(frozen=True)
class Fraction:
    """The numerator and denominator of a percentage indicator for one period or one disaggregated group."""

    numerator: Decimal
    denominator: Decimal


def validate_fraction(*, numerator: Number, denominator: Number) -> None:
    """
    Check the numerator and denominator of a share-of-a-whole percentage (formal remittances, workers oriented).

    Both must be zero or more and the numerator cannot exceed the denominator (more workers oriented than
    departed is a data error). A zero denominator is allowed only with a zero numerator: a period with nothing to
    count is real data and adds nothing when periods are pooled.
    """
    num = _decimal(numerator, name="numerator")
    den = _decimal(denominator, name="denominator")
    if num < 0 or den < 0:
        raise ValidationError(_("The numerator and denominator cannot be negative."), code="negative")
    if num > den:
        raise ValidationError(
            _("The numerator (%(numerator)s) cannot be larger than the denominator (%(denominator)s)."),
            code="numerator_above_denominator",
            params={"numerator": _trim(num), "denominator": _trim(den)},
        )


# ---------------------------------------------------------------------------------------------------------------
# Disaggregation
# ---------------------------------------------------------------------------------------------------------------


def _sum_messages(what: str) -> tuple[str, str]:
    """Whole sentences for each kind of part, so translators never have to assemble fragments."""
    if what == "numerators":
        return (
            _(
                "The numerators by %(dimension)s add up to %(parts_total)s, not to the total of %(total)s "
                "(a difference of %(difference)s)."
            ),
            _(
                "The numerators by %(dimension)s reported so far already add up to %(parts_total)s, more than the "
                "total of %(total)s (by %(difference)s)."
            ),
        )
    if what == "denominators":
        return (
            _(
                "The denominators by %(dimension)s add up to %(parts_total)s, not to the total of %(total)s "
                "(a difference of %(difference)s)."
            ),
            _(
                "The denominators by %(dimension)s reported so far already add up to %(parts_total)s, more than "
                "the total of %(total)s (by %(difference)s)."
            ),
        )
    return (
        _(
            "The values by %(dimension)s add up to %(parts_total)s, not to the total of %(total)s "
            "(a difference of %(difference)s)."
        ),
        _(
            "The values by %(dimension)s reported so far already add up to %(parts_total)s, more than the total "
            "of %(total)s (by %(difference)s)."
        ),
    )


def _check_sum(
    *, total: Decimal, parts: Mapping[str, Number | None], dimension: str, tolerance: Decimal, what: str
) -> None:
    known = [_decimal(v, name=f"part {k!r}") for k, v in parts.items() if v is not None]
    complete = len(known) == len(parts)
    parts_total = sum(known, Decimal(0))
    difference = parts_total - total
    if complete and abs(difference) <= tolerance:
        return
    if not complete and difference <= tolerance:
        return  # some parts not reported yet: the known ones may only not exceed the total
    params = {
        "dimension": dimension,
        "parts_total": _trim(parts_total),
        "total": _trim(total),
        "difference": _trim(abs(difference)),
    }
    when_complete, when_incomplete = _sum_messages(what)
    raise ValidationError(when_complete if complete else when_incomplete, code="disaggregation_sum", params=params)


def check_disaggregation(
    *,
    total: Number | None,
    parts: Mapping[str, Number | None],
    dimension: str,
    must_add_up: bool,
    indicator_type: IndicatorType | str = IndicatorType.NUMBER,
    tolerance: Number = Decimal(0),
) -> None:
    """
    Check that the disaggregated parts of a value add up to its total where they should.

    `dimension` is the (translated) name of the dimension used in the message, e.g. "sex"; `parts` maps each
    group to its value. The parts must add up to the total within `tolerance` (an absolute amount, 0 by default
    because counts are exact; give e.g. 0.1 for values published rounded to one decimal).

    - must_add_up False: nothing is checked. Not every breakdown partitions the whole ("of which women migrants",
      overlapping age groups), and for averages (recruitment cost in months' pay) the parts are not shares at all.
    - Percentages are never summed: 40 % of women and 60 % of men oriented do not make 100 %. Check their
      numerators and denominators with `check_disaggregated_fraction` instead.
    - Parts still unreported (None): the known parts may not exceed the total; equality is checked once all
      are in, so a ministry can enter women's figures before men's.
    - No total: nothing to check against.
    """
    indicator_type = IndicatorType(indicator_type)
    allowance = _decimal(tolerance, name="tolerance")
    if allowance < 0:
        raise ValueError("the tolerance cannot be negative")
    if not must_add_up or indicator_type != IndicatorType.NUMBER or total is None or not parts:
        return
    _check_sum(
        total=_decimal(total, name="total"), parts=parts, dimension=dimension, tolerance=allowance, what="values"
    )


def check_disaggregated_fraction(
    *,
    total: Fraction,
    parts: Mapping[str, Fraction | None],
    dimension: str,
    tolerance: Number = Decimal(0),
) -> None:
    """
    Check a disaggregated percentage: the groups' numerators and denominators must each add up to the total's.

    The percentages themselves do not add up, but the counts behind them do (women oriented + men oriented =
    workers oriented; women departed + men departed = workers departed). When they do, the total percentage is
    automatically consistent with the groups'. Unreported groups (None) are treated as in `check_disaggregation`.
    """
    allowance = _decimal(tolerance, name="tolerance")
    if allowance < 0:
        raise ValueError("the tolerance cannot be negative")
    if not parts:
        return
    _check_sum(
        total=_decimal(total.numerator, name="numerator"),
        parts={k: None if v is None else v.numerator for k, v in parts.items()},
        dimension=dimension,
        tolerance=allowance,
        what="numerators",
    )
    _check_sum(
        total=_decimal(total.denominator, name="denominator"),
        parts={k: None if v is None else v.denominator for k, v in parts.items()},
        dimension=dimension,
        tolerance=allowance,
        what="denominators",
    )
