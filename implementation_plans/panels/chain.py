"""Phase pages and dashboard panels of the chain area."""


def register() -> None:
    """Registers the area's phase pages and panels with the core (mainstreaming.phases)."""
