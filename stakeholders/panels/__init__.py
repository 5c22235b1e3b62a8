"""Dashboard panels and phase pages of the stakeholders app, registered with the core in AppConfig.ready()."""

from stakeholders.panels import committees, consultation, setup


def register() -> None:
    for module in (setup, committees, consultation):
        module.register()
