"""
The situation analysis on the dashboard: its pages under "Situation analysis", a panel with the checklists
adopted and the data sources recorded (and which of them cannot be broken down by sex), and the demo records.
"""

from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.loaders import register_demo_loader
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_phase_page
from situation_analysis import selectors


def situation_panel(*, process, request) -> dict | None:
    """Checklists adopted, data sources, sources without a sex breakdown: two queries, whatever the size."""
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    return {"template": "situation_analysis/inc/situation_panel.html", **selectors.summary(process=process)}


def register() -> None:
    from situation_analysis.services import load_demo_records

    register_phase_page(
        Phase.SITUATION_ANALYSIS,
        PhasePage(label=_("Sector checklists"), url_name="situation_analysis:checklist_list"),
    )
    register_phase_page(
        Phase.SITUATION_ANALYSIS, PhasePage(label=_("Data sources"), url_name="situation_analysis:data_source_list")
    )
    register_dashboard_panel(Phase.SITUATION_ANALYSIS, situation_panel)
    register_demo_loader(load_demo_records)
