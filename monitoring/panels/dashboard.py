"""
The M&E dashboard's phase page ("M&E dashboard" under "Monitoring and evaluation"), and the panel monitoring adds
to the plan's goal, outcome and output pages: the indicators measuring the result, each with its value to date,
its final target and its progress (implementation_plans.extensions; implementation_plans never imports
monitoring). Internal readers only; only approved values count (monitoring.selectors.progress).
"""

from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_phase_page
from monitoring.models import Indicator
from monitoring.selectors import progress

LEVELS = ("goal", "outcome", "output")


def result_indicators_panel(*, request, process, result, level) -> dict | None:
    """The indicators measuring one goal, outcome or output, with their progress (one query when there is none)."""
    if level not in LEVELS or not permissions.allows(request, permissions.VIEW_INTERNAL, process):
        return None
    indicators = Indicator.objects.filter(process=process, **{level: result})
    return {
        "template": "monitoring/inc/result_indicators.html",
        "summaries": progress.indicator_summaries(process, indicators=indicators),
        "result": result,
        "level": level,
        "can_manage": permissions.allows(request, permissions.MANAGE_PROCESS, process),
    }


def register() -> None:
    from implementation_plans.extensions import register_result_panel

    register_phase_page(Phase.MONITORING, PhasePage(label=_("M&E dashboard"), url_name="monitoring:dashboard"))
    register_result_panel(result_indicators_panel)
