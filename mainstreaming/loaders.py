"""
Reference lists and demo data contributed by the phase apps. `load_reference` and `load_demo` call every loader
registered here, so the core loads a phase's fixtures without importing the phase app.
"""

from collections.abc import Callable
from dataclasses import dataclass

_REFERENCE_LOADERS: list[Callable[[], int]] = []
_DEMO_LOADERS: list[Callable[["DemoCountry"], None]] = []


@dataclass
class DemoCountry:
    """What a phase app's demo loader gets: the demo process, its institutions by acronym, its users by name."""

    process: object
    institutions: dict
    users: dict
    admin: object


def register_reference_loader(loader: Callable[[], int]) -> None:
    """`loader()` creates or updates its reference rows idempotently and returns how many changed."""
    _REFERENCE_LOADERS.append(loader)


def register_demo_loader(loader: Callable[[DemoCountry], None]) -> None:
    """`loader(demo)` adds the phase's demo records to a freshly created demo process."""
    _DEMO_LOADERS.append(loader)


def reference_loaders() -> list[Callable[[], int]]:
    return list(_REFERENCE_LOADERS)


def demo_loaders() -> list[Callable[[DemoCountry], None]]:
    return list(_DEMO_LOADERS)
