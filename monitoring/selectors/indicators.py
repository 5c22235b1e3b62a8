"""
The read side of indicators, the indicator bank and the M&E plan. Each selector costs a fixed number of queries,
whatever the number of indicators, targets or results (tests/monitoring/test_indicators_views.py checks it).
Access is checked by the views (the process's role permissions); these only scope to the process.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from implementation_plans.models import Goal, Outcome, Output
from mainstreaming.models import Process
from monitoring.models import Indicator, IndicatorTarget, IndicatorTemplate, MEPlan

_INDICATOR_RELATED = ("goal", "outcome", "output", "data_source", "responsible", "copied_from")


def _indicators(process: Process):
    return (
        Indicator.objects.filter(process=process)
        .select_related(*_INDICATOR_RELATED)
        .prefetch_related(
            "sdg_targets", "gcm_objectives", Prefetch("targets", queryset=IndicatorTarget.objects.order_by("year"))
        )
    )


@dataclass
class ResultIndicators:
    """A goal, outcome or output of the plan, with the indicators that measure it."""

    result: object
    level: str
    indicators: list = field(default_factory=list)


def indicators_by_result(*, process: Process) -> list[ResultIndicators]:
    """
    The plan's results in chain order (each goal, then its outcomes, each followed by its outputs), each with its
    indicators; results without indicators are listed too, so the page shows what is not measured yet.
    Six queries: goals, outcomes, outputs, indicators and their two tag lists and targets.
    """
    indicators = list(_indicators(process))
    by_key: dict[tuple[str, int], list] = {}
    for indicator in indicators:
        by_key.setdefault((indicator.level, indicator.result.pk), []).append(indicator)
    goals = list(Goal.objects.filter(process=process).order_by("position", "created"))
    outcomes = list(Outcome.objects.filter(process=process).order_by("position", "created"))
    outputs = list(Output.objects.filter(process=process).order_by("position", "created"))
    rows = []
    for goal in goals:
        rows.append(ResultIndicators(goal, "goal", by_key.get(("goal", goal.pk), [])))
        for outcome in (o for o in outcomes if o.goal_id == goal.pk):
            rows.append(ResultIndicators(outcome, "outcome", by_key.get(("outcome", outcome.pk), [])))
            for output in (o for o in outputs if o.outcome_id == outcome.pk):
                rows.append(ResultIndicators(output, "output", by_key.get(("output", output.pk), [])))
    return rows


def indicator_get(*, process: Process, pk: int) -> Indicator:
    """One indicator of the process with everything its page shows (404 when it belongs to another process)."""
    return get_object_or_404(_indicators(process), pk=pk)


def result_choices(*, process: Process) -> list[tuple[str, str]]:
    """The goals, outcomes and outputs an indicator can be attached to, as ("outcome:12", label); three queries."""
    choices = []
    for goal in Goal.objects.filter(process=process).order_by("position", "created"):
        choices.append((f"goal:{goal.pk}", _("Goal: %(title)s") % {"title": goal.statement[:100]}))
    for outcome in Outcome.objects.filter(process=process).order_by("goal__position", "position", "created"):
        choices.append((f"outcome:{outcome.pk}", _("Outcome: %(title)s") % {"title": outcome.title[:100]}))
    for output in Output.objects.filter(process=process).order_by("outcome__position", "position", "created"):
        choices.append((f"output:{output.pk}", _("Output: %(title)s") % {"title": output.title[:100]}))
    return choices


def result_get(*, process: Process, key: str):
    """The goal, outcome or output named "level:pk" in the process, or None."""
    level, _sep, pk = (key or "").partition(":")
    model = {"goal": Goal, "outcome": Outcome, "output": Output}.get(level)
    if model is None or not pk.isdigit():
        return None
    return model.objects.filter(process=process, pk=int(pk)).first()


def bank_list(*, query: str = "") -> list[IndicatorTemplate]:
    """The indicator bank in order, with its tags (three queries), narrowed by a search on code or name."""
    entries = IndicatorTemplate.objects.prefetch_related("sdg_targets", "gcm_objectives")
    if query:
        entries = entries.filter(Q(code__icontains=query) | Q(name__icontains=query))
    return list(entries)


def bank_get(*, pk: int) -> IndicatorTemplate:
    return get_object_or_404(IndicatorTemplate.objects.prefetch_related("sdg_targets", "gcm_objectives"), pk=pk)


def me_plan_of(*, process: Process) -> MEPlan | None:
    return MEPlan.objects.filter(process=process).first()


def dashboard_summary(*, process: Process) -> dict:
    """The monitoring card: indicators, how many lack a baseline, how many lack targets. One query."""
    return Indicator.objects.filter(process=process).aggregate(
        indicators=Count("pk", distinct=True),
        without_baseline=Count("pk", distinct=True, filter=Q(baseline_value__isnull=True, baseline_text="")),
        without_targets=Count("pk", distinct=True, filter=Q(targets__isnull=True)),
    )
