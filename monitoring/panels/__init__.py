"""Monitoring on the dashboard: each area registers its phase pages and panels."""

from monitoring.panels import dashboard, evaluations, indicators, reporting


def register() -> None:
    for module in (indicators, reporting, dashboard, evaluations):
        module.register()
