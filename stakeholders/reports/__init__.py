"""PDF report kinds of the stakeholders app (meeting minutes; the institutional set-up and consultation report)."""

from stakeholders.reports import committees, consultation


def register() -> None:
    for module in (committees, consultation):
        module.register()
