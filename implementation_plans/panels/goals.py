"""
Phase pages and dashboard panel of the goals area: the goals, the prioritisation, the criteria and the national
plan's pillars under "Goals and priorities", and a card with the goals, the priorities selected and the targets
still lacking a SMART element. Also tells the situation analysis not to delete a finding the plan cites, and
which goals, priorities and targets cite a finding (shown on its page, with a link to write a goal answering it).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from implementation_plans.selectors import goals as selectors
from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_phase_page

PAGES = (
    (_("Goals"), "implementation_plans:goal_list"),
    (_("Prioritisation"), "implementation_plans:priority_ranking"),
    (_("Prioritisation criteria"), "implementation_plans:criterion_list"),
    (_("National plan pillars"), "implementation_plans:pillar_list"),
)


def goals_panel(*, process, request) -> dict | None:
    """
    Goals, priorities selected out of the candidates, targets, and the first five targets still lacking a SMART
    element with what each lacks: one query, two when some target is incomplete. Internal readers only.
    """
    if not permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        return None
    return {"template": "implementation_plans/goal_panel.html", **selectors.dashboard_summary(process=process)}


def goal_from_finding(finding, request) -> tuple[str, str] | None:
    """The NFP's next step from a finding's page: a goal that answers it, the finding already ticked."""
    if not permissions.has_perm(request, permissions.MANAGE_PROCESS, finding.process):
        return None
    url = reverse("implementation_plans:goal_create", kwargs={"process_pk": finding.process_id})
    return _("Write a goal answering this finding"), f"{url}?finding={finding.pk}"


def register() -> None:
    from implementation_plans.services.goals import finding_delete_check
    from situation_analysis.selectors.findings import CitationSource, register_citation_source
    from situation_analysis.services.findings import register_delete_check

    for label, url_name in PAGES:
        register_phase_page(Phase.GOALS, PhasePage(label=label, url_name=url_name))
    register_dashboard_panel(Phase.GOALS, goals_panel)
    register_delete_check(finding_delete_check)
    register_citation_source(CitationSource(cite=selectors.finding_citations, action=goal_from_finding))
