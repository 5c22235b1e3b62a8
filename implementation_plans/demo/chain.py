"""Demo records of the chain area."""


def register() -> None:
    """Registers the area's demo loader with the core (mainstreaming.loaders.register_demo_loader)."""
