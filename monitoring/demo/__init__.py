"""The demo country's monitoring, one module per area, loaded after the plan's demo."""

from monitoring.demo import indicators


def register() -> None:
    for module in (indicators,):
        module.register()
