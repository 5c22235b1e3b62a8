"""
The situation analysis on the dashboard: its pages under "Situation analysis"; a panel with the checklists adopted,
the data sources recorded (and which of them cannot be broken down by sex) and where the checklists stand per
sector and per lead institution; a "For you" panel with a ministry's checklists to answer or a reviewer's queue;
and the demo records.
"""

from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_personal_panel, register_phase_page
from situation_analysis.selectors import overview as selectors
from situation_analysis.selectors import progress as progress_selectors

# The phase's pages, in the order of the work: adapt the checklists, assign them, gather the data, draw findings.
PAGES = (
    (_("Sector checklists"), "situation_analysis:checklist_list"),
    (_("Assignments"), "situation_analysis:assignment_list"),
    (_("Data sources"), "situation_analysis:data_source_list"),
    (_("Data series"), "situation_analysis:series_list"),
    (_("Data gaps"), "situation_analysis:data_gap_list"),
    (_("Findings"), "situation_analysis:finding_list"),
)


def situation_panel(*, process, request) -> dict | None:
    """
    Checklists adopted, data sources, sources without a sex breakdown, and the checklists' progress per sector and
    per lead institution: three queries, whatever the size. Internal readers only.
    """
    if not permissions.allows(request, permissions.VIEW_INTERNAL, process):
        return None
    return {
        "template": "situation_analysis/inc/situation_panel.html",
        **selectors.summary(process=process),
        "progress": progress_selectors.progress(process=process),
    }


def checklists_for_you_panel(*, process, request) -> dict | None:
    """
    A person's own checklist work, at the top of the dashboard. For the facilitator and the NFP (the reviewers):
    the submitted checklists awaiting their review. For a ministry focal point: the open checklists their
    institution leads, with due dates and overdue flags, and those it contributes to. One query either way; nothing
    when there is nothing to do, and nothing for development partners.
    """
    if not permissions.allows(request, permissions.VIEW_INTERNAL, process):
        return None
    if permissions.allows(request, permissions.REVIEW_PROCESS, process):
        waiting = progress_selectors.awaiting_review(process=process, actor=request)
        if not waiting:
            return None
        return {"template": "situation_analysis/inc/for_you_review.html", "assignments": waiting}
    work = progress_selectors.ministry_work(process=process, user=request.user)
    if work.institution_id is None:
        return None
    return {"template": "situation_analysis/inc/for_you_checklists.html", "work": work}


def register() -> None:
    # The links are resolved when a page is drawn, not here: the URLs of every area exist by then.
    for label, url_name in PAGES:
        register_phase_page(Phase.SITUATION_ANALYSIS, PhasePage(label=label, url_name=url_name))
    register_dashboard_panel(Phase.SITUATION_ANALYSIS, situation_panel)
    register_personal_panel(checklists_for_you_panel)
