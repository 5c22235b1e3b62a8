"""
The kinds of PDF report, registered by the apps that build them: a label, the template under templates/pdf/, the
function that reads the data, and whether the Reports page offers it as a button. The core knows no phase app's
kinds; each app registers its own in AppConfig.ready(), and the one pipeline builds them all.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ReportKindSpec:
    kind: str
    label: str | Promise
    template: str
    # (report, data_read_at) -> the template's context
    build_context: Callable
    # Offered on the Reports page and the dashboard; kinds about one record (a meeting's minutes) are requested
    # from that record's page instead.
    listed: bool = False
    # (process, parameters) -> None, raising ValidationError when the parameters do not fit the process
    validate_parameters: Callable | None = None
    # (report) -> None, called in the worker once the file is stored (a published plan publishes its PDF)
    on_built: Callable | None = None


_KINDS: dict[str, ReportKindSpec] = {}

PROCESS_OVERVIEW = "process_overview"


def register(spec: ReportKindSpec) -> None:
    _KINDS[spec.kind] = spec


def get(kind: str) -> ReportKindSpec:
    try:
        return _KINDS[kind]
    except KeyError:
        raise ValidationError({"kind": _("Unknown kind of report.")}) from None


def label(kind: str) -> str:
    spec = _KINDS.get(kind)
    return str(spec.label) if spec else kind


def listed() -> list[ReportKindSpec]:
    return [spec for spec in _KINDS.values() if spec.listed]
