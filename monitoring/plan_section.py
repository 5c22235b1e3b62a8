"""
The plan's M&E section (handbook §4, part 3), frozen with every version of the implementation plan: the
indicators by goal, outcome and output with their baselines, yearly targets, responsible institution, data source,
means of verification and frequency; and the M&E plan (reporting frequency, evaluation schedule, M&E budget,
national systems drawn on).

implementation_plans does not import monitoring: this module registers the section with
implementation_plans.extensions from monitoring's AppConfig.ready(). The frozen section is plain JSON with choices
as stored values; `me_section_layout` adds their labels in the reader's language when the version is printed.
"""

import datetime

from django.utils.translation import gettext as _

from mainstreaming import l10n
from mainstreaming.models import localized_text
from monitoring.choices import Aggregation, Direction, IndicatorType
from monitoring.models import Dimension
from monitoring.selectors.indicators import indicators_by_result, me_plan_of
from situation_analysis.choices import Periodicity

SECTION = "monitoring"
SCHEMA = 1


def _date(value) -> str | None:
    return value.isoformat() if value else None


def _written_date(value: str | None) -> str | None:
    return l10n.date(datetime.date.fromisoformat(value)) if value else value


def _written_figure(value: str) -> str:
    """A stored figure ("1250.5") in the reader's language; a text baseline or target as it is."""
    return l10n.number(value) or value


def _result_title(row) -> str:
    return row.result.statement if row.level == "goal" else row.result.title


def _indicator(indicator) -> dict:
    return {
        "id": indicator.pk,
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        # So that the printed version shows the name and unit in the reader's language (me_section_layout).
        "translations": indicator.translations,
        "indicator_type": indicator.indicator_type,
        "direction": indicator.direction,
        "aggregation": indicator.aggregation,
        "baseline": indicator.baseline_display,
        "baseline_date": _date(indicator.baseline_date),
        "baseline_source": indicator.baseline_source,
        "targets": [
            {"year": target.year, "value": target.display_value, "note": target.note}
            for target in indicator.targets.all()
        ],
        "responsible": str(indicator.responsible) if indicator.responsible_id else "",
        "data_source": str(indicator.data_source) if indicator.data_source_id else "",
        "means_of_verification": indicator.means_of_verification,
        "frequency": indicator.frequency,
        "disaggregations": list(indicator.disaggregations or []),
        "sdg_targets": [target.code for target in indicator.sdg_targets.all()],
        "gcm_objectives": [objective.number for objective in indicator.gcm_objectives.all()],
    }


def me_section(process) -> dict:
    """The section as JSON (eight queries whatever the number of indicators)."""
    rows = indicators_by_result(process=process)
    me_plan = me_plan_of(process=process)
    return {
        "schema": SCHEMA,
        "results": [
            {
                "level": row.level,
                "id": row.result.pk,
                "title": _result_title(row),
                "indicators": [_indicator(indicator) for indicator in row.indicators],
            }
            for row in rows
            if row.indicators
        ],
        "me_plan": None
        if me_plan is None
        else {
            "reporting_frequency": me_plan.reporting_frequency,
            "first_period_starts_on": _date(me_plan.first_period_starts_on),
            "midterm_evaluation_on": _date(me_plan.midterm_evaluation_on),
            "final_evaluation_on": _date(me_plan.final_evaluation_on),
            "evaluation_schedule": me_plan.evaluation_schedule,
            "budget_amount": None if me_plan.budget_amount is None else f"{me_plan.budget_amount:f}",
            "currency": me_plan.currency,
            "national_systems": me_plan.national_systems,
        },
    }


def me_section_layout(section: dict) -> dict:
    """The frozen section with the labels of its choices, its figures and its dates in the reader's language."""
    levels = {"goal": _("Goal"), "outcome": _("Outcome"), "output": _("Output")}
    frequencies = dict(Periodicity.choices)
    types, directions = dict(IndicatorType.choices), dict(Direction.choices)
    aggregations, dimensions = dict(Aggregation.choices), dict(Dimension.choices)
    results = []
    for result in section.get("results", []):
        indicators = []
        for indicator in result.get("indicators", []):
            indicators.append(
                {
                    **indicator,
                    "name": localized_text(indicator.get("translations"), "name", indicator["name"]),
                    "unit": localized_text(indicator.get("translations"), "unit", indicator["unit"]),
                    "baseline": _written_figure(indicator["baseline"]),
                    "baseline_date": _written_date(indicator["baseline_date"]),
                    "targets": [
                        {**target, "value": _written_figure(target["value"])} for target in indicator["targets"]
                    ],
                    "type_label": str(types.get(indicator["indicator_type"], indicator["indicator_type"])),
                    "direction_label": str(directions.get(indicator["direction"], indicator["direction"])),
                    "aggregation_label": str(aggregations.get(indicator["aggregation"], indicator["aggregation"])),
                    "frequency_label": str(frequencies.get(indicator["frequency"], indicator["frequency"]))
                    if indicator["frequency"]
                    else "",
                    "disaggregation_labels": [str(dimensions.get(code, code)) for code in indicator["disaggregations"]],
                }
            )
        results.append(
            {**result, "level_label": str(levels.get(result["level"], result["level"])), "indicators": indicators}
        )
    me_plan = section.get("me_plan")
    if me_plan is not None:
        frequency = me_plan["reporting_frequency"]
        me_plan = {
            **me_plan,
            "reporting_frequency_label": str(frequencies.get(frequency, frequency)),
            "budget_amount": l10n.amount(me_plan["budget_amount"]) or None,
            **{
                name: _written_date(me_plan[name])
                for name in ("first_period_starts_on", "midterm_evaluation_on", "final_evaluation_on")
            },
        }
    return {
        **section,
        "results": results,
        "me_plan": me_plan,
        "indicator_count": sum(len(r["indicators"]) for r in results),
    }


def me_section_has_content(section: dict) -> bool:
    """Whether the section has an indicator or an M&E plan to print."""
    return bool(section.get("results") or section.get("me_plan"))


def register() -> None:
    from implementation_plans.extensions import register_snapshot_section

    register_snapshot_section(SECTION, me_section, me_section_layout, has_content=me_section_has_content)
