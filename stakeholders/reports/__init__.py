"""PDF report kinds of the stakeholders app (meeting minutes; the institutional set-up and consultation report)."""

from stakeholders.reports import committees, consultation, setup


def register() -> None:
    for module in (setup, committees, consultation):
        if hasattr(module, "register"):
            module.register()
