"""Reference lists and demo records of the stakeholders app, loaded through the core's loader registry."""

from stakeholders.demo import committees, consultation, setup


def register() -> None:
    for module in (setup, committees, consultation):
        module.register()
