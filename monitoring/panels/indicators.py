"""
Phase pages and dashboard panel of the indicators area: the indicators, the indicator bank and the M&E plan under
"Monitoring and evaluation", and a card with how many indicators the plan has and how many still lack a baseline
or targets (one query). Internal readers only.

The plan's goal, outcome and output pages list the indicators measuring them, with their progress, through the
hook implementation_plans.extensions.register_result_panel (implementation_plans never imports monitoring);
monitoring.panels.dashboard registers that panel.
"""

from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_phase_page
from monitoring.selectors import indicators as selectors

PAGES = (
    (_("Indicators"), "monitoring:indicator_list"),
    (_("Indicator bank"), "monitoring:bank_list"),
    (_("M&E plan"), "monitoring:me_plan_detail"),
)


def indicators_panel(*, process, request) -> dict | None:
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    return {"template": "monitoring/indicator_panel.html", **selectors.dashboard_summary(process=process)}


def register() -> None:
    from implementation_plans.services.base import register_delete_check
    from monitoring.services.indicators import result_delete_check

    for label, url_name in PAGES:
        register_phase_page(Phase.MONITORING, PhasePage(label=label, url_name=url_name))
    register_dashboard_panel(Phase.MONITORING, indicators_panel)
    register_delete_check(result_delete_check)
