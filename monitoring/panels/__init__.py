"""Monitoring on the dashboard: each area registers its phase pages and panels."""

from monitoring.panels import indicators


def register() -> None:
    for module in (indicators,):
        module.register()
