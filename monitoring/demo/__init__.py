"""The demo country's monitoring, one module per area, loaded after the plan's demo."""

from monitoring.demo import evaluations, indicators, reporting


def register() -> None:
    for module in (indicators, reporting, evaluations):
        module.register()
