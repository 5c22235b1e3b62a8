"""
Reference lists and demo data contributed by the phase apps. `load_reference` and `load_demo` call every loader
registered here, so the core loads a phase's fixtures without importing the phase app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

_REFERENCE_LOADERS: list[Callable[[], int]] = []
_DEMO_LOADERS: list[Callable[["DemoCountry"], None]] = []


@dataclass
class DemoCountry:
    """What a phase app's demo loader gets: the demo process, its institutions by acronym, its users by name."""

    process: object
    institutions: dict
    users: dict
    admin: object

    # The demo tells one story on one calendar: the preparation (go decision, committees, consultations, the
    # situation analysis, the plan's endorsement) happens in the year before the plan's first year, and the plan
    # runs from the process's first year to its last. Only what must stay "overdue" or "due soon" whenever the demo
    # is loaded (open action points and requests, a late checklist, due dates of open reports) is dated from today.

    def preparation(self, month: int, day: int) -> date:
        """A day of the year before the plan's first year, when the demo country prepared its plan."""
        return date(self.process.period_start - 1, month, day)

    def plan_year(self, index: int, month: int, day: int) -> date:
        """A day of the plan's `index`-th year (0 is its first year)."""
        return date(self.process.period_start + index, month, day)


def register_reference_loader(loader: Callable[[], int]) -> None:
    """`loader()` creates or updates its reference rows idempotently and returns how many changed."""
    _REFERENCE_LOADERS.append(loader)


def register_demo_loader(loader: Callable[[DemoCountry], None]) -> None:
    """`loader(demo)` adds the phase's demo records to a freshly created demo process."""
    _DEMO_LOADERS.append(loader)


def apply_reference_row(obj, values: dict, translations: dict | None) -> bool:
    """
    Set a reference record's `values` and, for a TranslatableMixin, the fixture row's `translations`
    ({"fr": {"name": ...}}); True when anything changed, so the loader saves (and records history) only then.
    """
    is_new = obj.pk is None
    # A new record has nothing to compare (and its foreign keys are not set yet).
    before = None if is_new else {field: getattr(obj, field) for field in values}
    before_translations = getattr(obj, "translations", None)
    for field, value in values.items():
        setattr(obj, field, value)
    if hasattr(obj, "set_translations"):
        obj.set_translations(translations or {})
    return is_new or before != values or getattr(obj, "translations", None) != before_translations


def reference_loaders() -> list[Callable[[], int]]:
    return list(_REFERENCE_LOADERS)


def demo_loaders() -> list[Callable[[DemoCountry], None]]:
    return list(_DEMO_LOADERS)
