"""What every service module of the situation analysis shares: a guard on field names."""

from collections.abc import Iterable, Mapping


def check_fields(name: str, data: Mapping, allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{name}() got unexpected fields: {sorted(unknown)}")
