"""What of the plan appears in the process's audit trail, and how each record is named and linked."""

from django.utils.translation import gettext as _

from implementation_plans import models
from mainstreaming.history import TrailSource, register_trail_source


def register() -> None:
    for source in (
        TrailSource(models.PlanPillar, lambda r: r.name, "implementation_plans:pillar_history"),
        TrailSource(models.PriorityCriterion, lambda r: r.name, "implementation_plans:criterion_history"),
        TrailSource(models.Goal, lambda r: r.statement[:80], "implementation_plans:goal_detail"),
        TrailSource(models.Target, lambda r: r.statement[:80], "implementation_plans:target_history"),
        TrailSource(models.Risk, lambda r: r.description[:80], "implementation_plans:risk_history"),
        TrailSource(
            models.BudgetLine, lambda r: f"{r.year} {r.description[:60]}", "implementation_plans:budget_line_history"
        ),
        TrailSource(models.Funding, lambda r: str(r.year or ""), "implementation_plans:funding_history"),
        TrailSource(models.Priority, lambda r: r.title[:80], "implementation_plans:priority_detail"),
        TrailSource(models.Outcome, lambda r: r.title[:80], "implementation_plans:outcome_detail"),
        TrailSource(models.Output, lambda r: r.title[:80], "implementation_plans:output_detail"),
        TrailSource(models.Activity, lambda r: r.title[:80], "implementation_plans:activity_detail"),
        TrailSource(models.Plan, lambda r: r.title, "implementation_plans:plan_detail", url_pk_field=None),
        TrailSource(
            models.PlanVersion,
            lambda r: _("Plan version %(number)s") % {"number": r.number},
            "implementation_plans:version_detail",
            url_pk_field="number",
            url_kwarg="number",
        ),
    ):
        register_trail_source(source)
