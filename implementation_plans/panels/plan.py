"""Phase pages and dashboard panels of the plan area."""


def register() -> None:
    """Registers the area's phase pages and panels with the core (mainstreaming.phases)."""
