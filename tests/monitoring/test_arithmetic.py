"""
The indicator arithmetic of monitoring: aggregation, progress, targets, validation and disaggregation.

Pure functions, so no database: each test states one rule in its name.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from monitoring.arithmetic import (
    Fraction,
    PeriodValue,
    Progress,
    QualitativeScale,
    aggregate,
    check_disaggregated_fraction,
    check_disaggregation,
    cumulative_decreases,
    elapsed_share,
    last_reported,
    missing_periods,
    percentage_of,
    progress,
    qualitative_progress,
    validate_fraction,
    validate_target,
    validate_value,
    yearly_target_for,
)
from monitoring.choices import Aggregation, Direction, IndicatorType, ProgressStatus

POLICY = QualitativeScale(levels=("none", "drafted", "adopted", "implemented"))


def series(*pairs):
    """Period values from (period, value) pairs, deliberately given out of order by the tests."""
    return [PeriodValue(period=period, value=value) for period, value in pairs]


def message(excinfo):
    return " ".join(excinfo.value.messages)


# ---------------------------------------------------------------------------------------------------------------
# Aggregation
# ---------------------------------------------------------------------------------------------------------------


def test_incremental_sums_periods_whatever_their_order():
    values = series(("2025-Q3", D("30")), ("2025-Q1", D("10")), ("2025-Q2", D("20")))
    assert aggregate(values, aggregation=Aggregation.INCREMENTAL) == D("60")


def test_incremental_skips_unreported_periods_instead_of_counting_them_as_zero():
    values = series(("2025-Q1", D("10")), ("2025-Q2", None), ("2025-Q4", D("5")))
    assert aggregate(values, aggregation=Aggregation.INCREMENTAL) == D("15")
    expected = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    assert missing_periods(values=values, expected=expected) == ["2025-Q2", "2025-Q3"]


def test_cumulative_takes_the_running_total_of_the_last_period_by_key_not_list_order():
    values = series((2026, D("7")), (2024, D("3")), (2025, D("5")))
    assert aggregate(values, aggregation=Aggregation.CUMULATIVE) == D("7")


def test_cumulative_does_not_sum_running_totals():
    values = series((2024, D("3")), (2025, D("5")))
    assert aggregate(values, aggregation=Aggregation.CUMULATIVE) != D("8")


def test_cumulative_falls_back_to_the_last_reported_total_when_the_last_period_is_missing():
    values = series((2024, D("3")), (2026, None), (2025, D("5")))
    assert aggregate(values, aggregation=Aggregation.CUMULATIVE) == D("5")


def test_cumulative_accepts_a_decrease_as_a_correction_and_reports_where_it_happened():
    values = series((2026, D("4")), (2024, D("3")), (2025, D("6")), (2027, None), (2028, D("4")))
    assert aggregate(values, aggregation=Aggregation.CUMULATIVE) == D("4")
    assert cumulative_decreases(values=values) == [2026]


def test_latest_takes_the_value_of_the_last_period_by_date():
    values = series((datetime.date(2025, 7, 1), D("6.1")), (datetime.date(2025, 1, 1), D("7.4")))
    assert aggregate(values, aggregation=Aggregation.LATEST) == D("6.1")


@pytest.mark.parametrize("value", [True, "Adopted by cabinet in March"])
def test_latest_works_for_yes_no_and_text_values(value):
    values = series((2025, value), (2024, False if value is True else "Drafted"))
    assert aggregate(values, aggregation=Aggregation.LATEST) == value


def test_last_reported_says_which_period_the_latest_value_comes_from():
    values = series(("2025-Q2", D("12")), ("2025-Q3", None), ("2025-Q1", D("9")))
    assert last_reported(values) == PeriodValue(period="2025-Q2", value=D("12"))


@pytest.mark.parametrize("aggregation", list(Aggregation))
def test_every_aggregation_of_nothing_reported_is_none(aggregation):
    assert aggregate([], aggregation=aggregation) is None
    assert aggregate(series((2024, None), (2025, None)), aggregation=aggregation) is None


def test_aggregation_refuses_two_values_for_the_same_period():
    with pytest.raises(ValueError, match="same period"):
        aggregate(series((2025, D("1")), (2025, D("2"))), aggregation=Aggregation.INCREMENTAL)


def test_aggregation_refuses_floats():
    with pytest.raises(TypeError, match="float"):
        aggregate(series((2025, 0.1), (2026, 0.2)), aggregation=Aggregation.INCREMENTAL)


def test_aggregation_accepts_the_plain_string_value_of_the_choice():
    assert aggregate(series((2025, D("2")), (2026, D("3"))), aggregation="incremental") == D("5")


# Percentages: pooled numerators over pooled denominators ------------------------------------------------------


def fractions(*rows):
    return [PeriodValue(period=period, numerator=num, denominator=den) for period, num, den in rows]


def test_percentage_is_the_sum_of_numerators_over_the_sum_of_denominators():
    values = fractions(("2025-Q2", D("900"), D("1000")), ("2025-Q1", D("1"), D("10")))
    assert aggregate(values, aggregation=Aggregation.PERCENTAGE) == D("89.21")  # 901 / 1010


def test_percentage_differs_from_the_naive_average_of_period_percentages():
    values = fractions(("2025-Q1", D("1"), D("10")), ("2025-Q2", D("900"), D("1000")))
    naive_average = (percentage_of(numerator=1, denominator=10) + percentage_of(numerator=900, denominator=1000)) / 2
    assert naive_average == D("50")
    assert aggregate(values, aggregation=Aggregation.PERCENTAGE) != naive_average


def test_percentage_leaves_out_periods_without_both_numerator_and_denominator():
    values = fractions(("2025-Q1", D("5"), D("10")), ("2025-Q2", D("3"), None), ("2025-Q3", None, None))
    values.append(PeriodValue(period="2025-Q4", value=D("90")))  # a bare percentage cannot be pooled
    assert aggregate(values, aggregation=Aggregation.PERCENTAGE) == D("50")
    assert missing_periods(values=values, expected=["2025-Q1", "2025-Q2", "2025-Q3"]) == ["2025-Q2", "2025-Q3"]


def test_percentage_skips_a_period_with_nothing_to_count():
    values = fractions(("2025-Q1", D("0"), D("0")), ("2025-Q2", D("1"), D("4")))
    assert aggregate(values, aggregation=Aggregation.PERCENTAGE) == D("25")


def test_percentage_with_all_denominators_zero_is_undefined_rather_than_an_error():
    values = fractions(("2025-Q1", D("0"), D("0")), ("2025-Q2", D("0"), D("0")))
    assert aggregate(values, aggregation=Aggregation.PERCENTAGE) is None
    assert percentage_of(numerator=0, denominator=0) is None


def test_percentage_is_rounded_half_up_to_two_places():
    assert percentage_of(numerator=1, denominator=3) == D("33.33")
    assert percentage_of(numerator=1, denominator=8) == D("12.50")
    assert percentage_of(numerator=1, denominator=800) == D("0.13")  # 0.125 rounds up


# Qualitative -------------------------------------------------------------------------------------------------


def test_qualitative_takes_the_latest_level():
    values = series((2026, "adopted"), (2024, "none"), (2025, "drafted"))
    assert aggregate(values, aggregation=Aggregation.QUALITATIVE, scale=POLICY) == "adopted"


def test_qualitative_refuses_a_level_that_is_not_on_the_scale():
    with pytest.raises(ValueError, match="not a level"):
        aggregate(series((2025, "approved")), aggregation=Aggregation.QUALITATIVE, scale=POLICY)


@pytest.mark.parametrize("levels", [("only",), ("low", "high", "low")])
def test_a_scale_needs_two_or_more_distinct_levels(levels):
    with pytest.raises(ValueError):
        QualitativeScale(levels=levels)


# ---------------------------------------------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "current", "share"),
    [
        (D("0"), D("100"), D("25"), D("25")),  # higher is better
        (D("10"), D("20"), D("20"), D("100")),
        (D("10"), D("40"), D("20"), D("33.33")),
    ],
)
def test_higher_is_better_counts_the_share_of_the_way_from_baseline_to_target(baseline, target, current, share):
    result = progress(baseline=baseline, target=target, current=current, direction=Direction.HIGHER)
    assert result.share == share


def test_lower_is_better_counts_a_fall_as_progress():
    result = progress(baseline=D("30"), target=D("10"), current=D("20"), direction=Direction.LOWER)
    assert result == Progress(share=D("50"), status=ProgressStatus.NOT_YET_ACHIEVED)


def test_lower_is_better_is_not_current_over_target():
    result = progress(baseline=D("30"), target=D("10"), current=D("20"), direction="lower")
    assert result.share != D("200")


def test_lower_is_better_reaching_the_target_is_achieved():
    result = progress(baseline=D("9.5"), target=D("5"), current=D("5"), direction=Direction.LOWER)
    assert result == Progress(share=D("100"), status=ProgressStatus.ACHIEVED)


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "current", "share"),
    [
        (Direction.HIGHER, D("10"), D("20"), D("25"), D("150")),
        (Direction.LOWER, D("30"), D("10"), D("0"), D("150")),
    ],
)
def test_progress_beyond_the_target_exceeds_100_and_is_achieved(direction, baseline, target, current, share):
    result = progress(baseline=baseline, target=target, current=current, direction=direction)
    assert result == Progress(share=share, status=ProgressStatus.ACHIEVED)


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "current"),
    [(Direction.HIGHER, D("10"), D("20"), D("5")), (Direction.LOWER, D("30"), D("10"), D("40"))],
)
def test_getting_worse_than_the_baseline_gives_a_negative_share(direction, baseline, target, current):
    result = progress(baseline=baseline, target=target, current=current, direction=direction, elapsed=D("10"))
    assert result == Progress(share=D("-50"), status=ProgressStatus.OFF_TRACK)


def test_a_share_rounded_up_to_100_is_not_yet_achieved():
    result = progress(baseline=D("0"), target=D("100000"), current=D("99996"), direction=Direction.HIGHER)
    assert result == Progress(share=D("100"), status=ProgressStatus.NOT_YET_ACHIEVED)


def test_context_indicators_have_no_progress_figure():
    result = progress(baseline=D("100"), target=D("200"), current=D("150"), direction=Direction.CONTEXT)
    assert result == Progress(share=None, status=ProgressStatus.NOT_APPLICABLE)


@pytest.mark.parametrize(
    ("direction", "current", "expected"),
    [
        (Direction.HIGHER, D("50"), Progress(share=D("100"), status=ProgressStatus.ACHIEVED)),
        (Direction.HIGHER, D("51"), Progress(share=D("100"), status=ProgressStatus.ACHIEVED)),
        (Direction.HIGHER, D("49"), Progress(share=D("0"), status=ProgressStatus.OFF_TRACK)),
        (Direction.LOWER, D("49"), Progress(share=D("100"), status=ProgressStatus.ACHIEVED)),
        (Direction.LOWER, D("51"), Progress(share=D("0"), status=ProgressStatus.OFF_TRACK)),
    ],
)
def test_a_target_equal_to_the_baseline_means_holding_the_level(direction, current, expected):
    assert progress(baseline=D("50"), target=D("50"), current=current, direction=direction) == expected


@pytest.mark.parametrize(
    ("baseline", "target", "current", "expected"),
    [
        (D("1"), D("2"), None, Progress(share=None, status=ProgressStatus.NO_DATA)),
        (D("1"), None, D("2"), Progress(share=None, status=ProgressStatus.NO_DATA)),
        (None, D("2"), D("1"), Progress(share=None, status=ProgressStatus.NO_DATA)),
        (None, D("2"), D("3"), Progress(share=None, status=ProgressStatus.ACHIEVED)),
    ],
)
def test_missing_figures_give_no_share_but_a_met_target_is_still_achieved(baseline, target, current, expected):
    assert progress(baseline=baseline, target=target, current=current, direction=Direction.HIGHER) == expected


@pytest.mark.parametrize(
    ("current", "elapsed", "status"),
    [
        (D("60"), D("50"), ProgressStatus.ON_TRACK),  # ahead of a straight line
        (D("50"), D("50"), ProgressStatus.ON_TRACK),  # exactly on it
        (D("40"), D("50"), ProgressStatus.OFF_TRACK),  # behind it
        (D("90"), D("100"), ProgressStatus.OFF_TRACK),  # target date passed, not met
        (D("100"), D("20"), ProgressStatus.ACHIEVED),  # met early
        (D("40"), None, ProgressStatus.NOT_YET_ACHIEVED),  # no schedule to judge against
    ],
)
def test_status_compares_progress_with_the_share_of_time_elapsed(current, elapsed, status):
    result = progress(baseline=D("0"), target=D("100"), current=current, direction=Direction.HIGHER, elapsed=elapsed)
    assert result.status == status


def test_elapsed_share_runs_from_baseline_date_to_target_date_and_is_clamped():
    start, end = datetime.date(2024, 1, 1), datetime.date(2026, 1, 1)  # 731 days
    assert elapsed_share(start=start, end=end, on=datetime.date(2025, 1, 1)) == D("50.07")
    assert elapsed_share(start=start, end=end, on=datetime.date(2023, 6, 1)) == D("0")
    assert elapsed_share(start=start, end=end, on=datetime.date(2027, 6, 1)) == D("100")
    with pytest.raises(ValueError):
        elapsed_share(start=end, end=start, on=start)


def test_progress_refuses_a_target_on_the_wrong_side_of_the_baseline():
    with pytest.raises(ValueError, match="wrong side"):
        progress(baseline=D("30"), target=D("40"), current=D("35"), direction=Direction.LOWER)


@pytest.mark.parametrize(
    ("direction", "target", "text"),
    [
        (Direction.HIGHER, D("20"), "Higher is better, so the target (20) cannot be below the baseline (30)."),
        (Direction.LOWER, D("40"), "Lower is better, so the target (40) cannot be above the baseline (30)."),
    ],
)
def test_validate_target_explains_a_target_pointing_the_wrong_way(direction, target, text):
    with pytest.raises(ValidationError) as excinfo:
        validate_target(baseline=D("30"), target=target, direction=direction)
    assert message(excinfo) == text


@pytest.mark.parametrize(
    ("direction", "target"),
    [(Direction.HIGHER, D("40")), (Direction.LOWER, D("20")), (Direction.CONTEXT, D("20")), (Direction.HIGHER, None)],
)
def test_validate_target_accepts_targets_that_make_sense(direction, target):
    validate_target(baseline=D("30"), target=target, direction=direction)


def test_progress_refuses_floats():
    with pytest.raises(TypeError):
        progress(baseline=0.0, target=D("10"), current=D("5"), direction=Direction.HIGHER)


# Qualitative progress ----------------------------------------------------------------------------------------


def test_qualitative_progress_counts_steps_along_the_scale():
    result = qualitative_progress(scale=POLICY, baseline="none", target="implemented", current="adopted")
    assert result.share == D("66.67")


def test_qualitative_progress_reaching_the_target_level_is_achieved():
    result = qualitative_progress(scale=POLICY, baseline="drafted", target="adopted", current="implemented")
    assert result == Progress(share=D("200"), status=ProgressStatus.ACHIEVED)


def test_qualitative_progress_without_a_current_level_is_no_data():
    result = qualitative_progress(scale=POLICY, baseline="none", target="adopted", current=None)
    assert result.status == ProgressStatus.NO_DATA


def test_qualitative_progress_refuses_unknown_levels():
    with pytest.raises(ValueError):
        qualitative_progress(scale=POLICY, baseline="none", target="adopted", current="enacted")


# ---------------------------------------------------------------------------------------------------------------
# Targets by year
# ---------------------------------------------------------------------------------------------------------------


def target_in(year, milestones=None):
    return yearly_target_for(
        year=year, baseline_year=2024, baseline=D("30"), target_year=2028, target=D("10"), milestones=milestones
    )


def test_yearly_target_is_interpolated_on_a_straight_line_between_baseline_and_target():
    assert [target_in(year) for year in range(2024, 2029)] == [D("30"), D("25"), D("20"), D("15"), D("10")]


def test_yearly_target_uses_milestones_and_interpolates_between_them():
    milestones = {2025: D("18")}
    assert target_in(2025, milestones) == D("18")
    assert target_in(2026, milestones) == D("15.33")  # a third of the way from 18 to 10


def test_the_final_target_still_applies_after_the_target_year():
    assert target_in(2031) == D("10")


@pytest.mark.parametrize(
    "kwargs",
    [
        {"year": 2023},
        {"year": 2025, "milestones": {2029: D("1")}},
        {"year": 2025, "target_year": 2024},
    ],
)
def test_yearly_target_refuses_years_outside_the_plan(kwargs):
    arguments = {"baseline_year": 2024, "baseline": D("30"), "target_year": 2028, "target": D("10")} | kwargs
    with pytest.raises(ValueError):
        yearly_target_for(**arguments)


# ---------------------------------------------------------------------------------------------------------------
# Validation of values
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator_type", "value", "cleaned"),
    [
        (IndicatorType.NUMBER, D("1250.5"), D("1250.5")),
        (IndicatorType.NUMBER, 42, D("42")),
        (IndicatorType.NUMBER, " -3.5 ", D("-3.5")),
        (IndicatorType.PERCENTAGE, D("0"), D("0")),
        (IndicatorType.PERCENTAGE, "100", D("100")),
        (IndicatorType.YES_NO, False, False),
        (IndicatorType.TEXT, "  Focal points named in 7 ministries ", "Focal points named in 7 ministries"),
    ],
)
def test_valid_values_are_returned_cleaned(indicator_type, value, cleaned):
    assert validate_value(indicator_type=indicator_type, value=value) == cleaned


@pytest.mark.parametrize(
    ("indicator_type", "value", "text"),
    [
        (IndicatorType.NUMBER, None, "Enter a value."),
        (IndicatorType.NUMBER, "twelve", "Enter a number."),
        (IndicatorType.NUMBER, "1,5", "Enter a number."),
        (IndicatorType.NUMBER, True, "Enter a number."),
        (IndicatorType.NUMBER, D("NaN"), "Enter a finite number."),
        (IndicatorType.NUMBER, "Infinity", "Enter a finite number."),
        (IndicatorType.PERCENTAGE, D("100.01"), "Enter a value of at most 100."),
        (IndicatorType.PERCENTAGE, D("-1"), "Enter a value of at least 0."),
        (IndicatorType.YES_NO, "yes", "Answer yes or no."),
        (IndicatorType.YES_NO, 1, "Answer yes or no."),
        (IndicatorType.TEXT, "   ", "Enter some text."),
        (IndicatorType.TEXT, D("3"), "Enter some text."),
    ],
)
def test_invalid_values_are_refused_with_a_clear_message(indicator_type, value, text):
    with pytest.raises(ValidationError) as excinfo:
        validate_value(indicator_type=indicator_type, value=value)
    assert message(excinfo) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(D("-0.5"), "Enter a value of at least 0."), (D("1000000.5"), "Enter a value of at most 1,000,000.")],
)
def test_a_number_is_checked_against_its_declared_range(value, text):
    with pytest.raises(ValidationError) as excinfo:
        validate_value(indicator_type=IndicatorType.NUMBER, value=value, minimum=0, maximum=D("1E+6"))
    assert message(excinfo) == text


def test_a_percentage_may_declare_a_wider_range():
    assert validate_value(indicator_type=IndicatorType.PERCENTAGE, value=D("250"), maximum=500) == D("250")
    assert validate_value(indicator_type=IndicatorType.PERCENTAGE, value=D("-40"), minimum=-100) == D("-40")
    with pytest.raises(ValidationError):  # the other bound keeps its default of 100
        validate_value(indicator_type=IndicatorType.PERCENTAGE, value=D("101"), minimum=-100)


def test_validation_refuses_floats_and_ranges_that_make_no_sense():
    with pytest.raises(TypeError):
        validate_value(indicator_type=IndicatorType.NUMBER, value=0.1)
    with pytest.raises(ValueError):
        validate_value(indicator_type=IndicatorType.YES_NO, value=True, minimum=0)
    with pytest.raises(ValueError):
        validate_value(indicator_type=IndicatorType.NUMBER, value=D("5"), minimum=10, maximum=1)


@pytest.mark.parametrize(("numerator", "denominator"), [(D("3"), D("4")), (D("4"), D("4")), (D("0"), D("0"))])
def test_a_fraction_may_be_whole_partial_or_empty(numerator, denominator):
    validate_fraction(numerator=numerator, denominator=denominator)


@pytest.mark.parametrize(
    ("numerator", "denominator", "text"),
    [
        (D("5"), D("4"), "The numerator (5) cannot be larger than the denominator (4)."),
        (D("1"), D("0"), "The numerator (1) cannot be larger than the denominator (0)."),
        (D("-1"), D("4"), "The numerator and denominator cannot be negative."),
    ],
)
def test_an_impossible_fraction_is_refused(numerator, denominator, text):
    with pytest.raises(ValidationError) as excinfo:
        validate_fraction(numerator=numerator, denominator=denominator)
    assert message(excinfo) == text


# ---------------------------------------------------------------------------------------------------------------
# Disaggregation
# ---------------------------------------------------------------------------------------------------------------


def test_parts_that_add_up_to_the_total_pass():
    check_disaggregation(
        total=D("120"), parts={"female": D("70"), "male": D("48"), "other": D("2")}, dimension="sex", must_add_up=True
    )


def test_parts_that_do_not_add_up_are_refused_naming_the_dimension_and_the_difference():
    with pytest.raises(ValidationError) as excinfo:
        check_disaggregation(
            total=D("120"), parts={"female": D("70"), "male": D("45")}, dimension="sex", must_add_up=True
        )
    assert message(excinfo) == "The values by sex add up to 115, not to the total of 120 (a difference of 5)."


def test_a_rounding_tolerance_absorbs_published_rounding_but_no_more():
    parts = {"north": D("33.3"), "centre": D("33.3"), "south": D("33.3")}
    check_disaggregation(total=D("100"), parts=parts, dimension="region", must_add_up=True, tolerance=D("0.1"))
    with pytest.raises(ValidationError, match="difference of 0.1"):
        check_disaggregation(total=D("100"), parts=parts, dimension="region", must_add_up=True)


def test_partly_reported_parts_may_not_exceed_the_total():
    check_disaggregation(total=D("120"), parts={"female": D("70"), "male": None}, dimension="sex", must_add_up=True)
    with pytest.raises(ValidationError) as excinfo:
        check_disaggregation(total=D("60"), parts={"female": D("70"), "male": None}, dimension="sex", must_add_up=True)
    assert "reported so far already add up to 70, more than the total of 60 (by 10)" in message(excinfo)


def test_breakdowns_that_need_not_add_up_are_not_summed():
    check_disaggregation(total=D("100"), parts={"women migrants": D("40")}, dimension="group", must_add_up=False)
    check_disaggregation(total=D("100"), parts={"0-17": D("30"), "15-24": D("90")}, dimension="age", must_add_up=False)


def test_percentages_are_never_summed_even_when_asked():
    check_disaggregation(
        total=D("50"),
        parts={"female": D("40"), "male": D("60")},
        dimension="sex",
        must_add_up=True,
        indicator_type=IndicatorType.PERCENTAGE,
    )


def test_a_missing_total_leaves_nothing_to_check():
    check_disaggregation(total=None, parts={"female": D("1")}, dimension="sex", must_add_up=True)


def test_disaggregated_percentages_check_their_numerators_and_denominators():
    total = Fraction(numerator=D("50"), denominator=D("100"))
    parts = {
        "female": Fraction(numerator=D("20"), denominator=D("50")),
        "male": Fraction(numerator=D("30"), denominator=D("50")),
    }
    check_disaggregated_fraction(total=total, parts=parts, dimension="sex")


def test_disaggregated_percentages_whose_denominators_do_not_add_up_are_refused():
    total = Fraction(numerator=D("50"), denominator=D("100"))
    parts = {
        "female": Fraction(numerator=D("20"), denominator=D("40")),
        "male": Fraction(numerator=D("30"), denominator=D("50")),
    }
    with pytest.raises(ValidationError) as excinfo:
        check_disaggregated_fraction(total=total, parts=parts, dimension="sex")
    assert message(excinfo) == ("The denominators by sex add up to 90, not to the total of 100 (a difference of 10).")


def test_a_negative_tolerance_is_a_configuration_error():
    with pytest.raises(ValueError):
        check_disaggregation(total=D("1"), parts={"a": D("1")}, dimension="sex", must_add_up=True, tolerance=-1)
