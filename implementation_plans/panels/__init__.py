"""The plan on the dashboard: each area registers its phase pages and panels."""

from implementation_plans.panels import budget, chain, goals, plan


def register() -> None:
    for module in (goals, chain, budget, plan):
        module.register()
