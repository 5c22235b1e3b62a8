"""Dashboard panels and phase pages of the situation analysis, registered with the core in AppConfig.ready()."""

from situation_analysis.panels import analysis


def register() -> None:
    analysis.register()
