"""
Phase pages and dashboard panels of the plan area: the plan's page (development partners included: they read the
published version there), the versions, and a panel saying where the plan stands (one query).
"""

from django.utils.translation import gettext_lazy as _

from implementation_plans.choices import VersionStatus
from implementation_plans.models import Plan, PlanVersion
from mainstreaming import permissions
from mainstreaming.choices import Phase
from mainstreaming.phases import PhasePage, register_dashboard_panel, register_phase_page

PAGES = (
    PhasePage(label=_("The plan"), url_name="implementation_plans:plan_detail", permission=permissions.VIEW_PROCESS),
    PhasePage(label=_("Versions of the plan"), url_name="implementation_plans:version_list"),
)


def plan_panel(*, process, request) -> dict:
    """
    Internal readers: the plan's status and title. Development partners: the published version, when there is one
    (never a draft). One query either way.
    """
    if permissions.has_perm(request, permissions.VIEW_INTERNAL, process):
        plan = Plan.objects.filter(process=process).only("process", "title", "status").first()
        return {"template": "implementation_plans/plan_panel.html", "internal": True, "plan": plan}
    published = (
        PlanVersion.objects.filter(process=process, status=VersionStatus.PUBLISHED)
        .order_by("-number")
        .values("number", "published_at")
        .first()
    )
    return {"template": "implementation_plans/plan_panel.html", "internal": False, "published": published}


def register() -> None:
    for page in PAGES:
        register_phase_page(Phase.IMPLEMENTATION_PLAN, page)
    register_dashboard_panel(Phase.IMPLEMENTATION_PLAN, plan_panel)
