"""PDF report kinds of the implementation plan (registered with mainstreaming.report_kinds)."""


def register() -> None:
    """Registers the plan's report kinds; the plan area fills this in."""
