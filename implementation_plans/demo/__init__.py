"""The demo country's plan, one module per area, loaded in the order the plan is built."""

from implementation_plans.demo import budget, chain, goals, plan


def register() -> None:
    for module in (goals, chain, budget, plan):
        module.register()
