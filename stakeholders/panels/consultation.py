"""
The consultation area on the dashboard: its three pages under "Awareness raising and consultation", and a panel
with the events held, who took part by sex, and how many capacity needs an activity answers.
"""

from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_phase_page
from stakeholders.selectors import consultation as selectors


def awareness_panel(*, process, request) -> dict | None:
    """Events and participants by sex, and capacity needs covered: two queries, whatever the size."""
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    return {
        "template": "stakeholders/inc/consultation_panel.html",
        **selectors.events_summary(process=process),
        **selectors.capacity_summary(process=process),
    }


def register() -> None:
    register_phase_page(Phase.AWARENESS, PhasePage(label=_("Events"), url_name="stakeholders:event_list"))
    register_phase_page(
        Phase.AWARENESS, PhasePage(label=_("Capacity development"), url_name="stakeholders:capacity_overview")
    )
    register_phase_page(Phase.AWARENESS, PhasePage(label=_("Stakeholder map"), url_name="stakeholders:stakeholder_map"))
    register_dashboard_panel(Phase.AWARENESS, awareness_panel)
