"""What every service module of the situation analysis shares: the NFP's right check and a guard on field names."""

from collections.abc import Iterable, Mapping

from mainstreaming import permissions
from mainstreaming.models import Process
from mainstreaming.services import _require


def require_manage(actor, process: Process) -> None:
    _require(actor, permissions.MANAGE_PROCESS, process)


def check_fields(name: str, data: Mapping, allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{name}() got unexpected fields: {sorted(unknown)}")
