"""The data sources the analysis draws on (handbook Annex D1), recorded by the NFP."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming.models import Process
from mainstreaming.services import save_audited
from situation_analysis.choices import Disaggregation
from situation_analysis.models import DataSource
from situation_analysis.services.base import check_fields

DATA_SOURCE_FIELDS = (
    "name",
    "kind",
    "owner",
    "periodicity",
    "latest_year",
    "disaggregations",
    "access_notes",
    "quality_notes",
)


def _ordered_breakdowns(values) -> list[str]:
    """Breakdowns in the order of Disaggregation, once each (unknown values are left for clean() to refuse)."""
    values = list(values or [])
    known = [value for value in Disaggregation.values if value in values]
    return known + [value for value in dict.fromkeys(values) if value not in Disaggregation.values]


def _check_name(source: DataSource) -> None:
    duplicates = DataSource.objects.filter(process_id=source.process_id, name__iexact=source.name)
    if duplicates.exclude(pk=source.pk).exists():
        raise ValidationError({"name": _("This process already records a data source of this name.")})


@transaction.atomic
def data_source_create(*, actor, process: Process, **data) -> DataSource:
    """Record a data source: its kind, owner, periodicity, latest year, breakdowns, access and quality notes."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    check_fields("data_source_create", data, DATA_SOURCE_FIELDS)
    source = DataSource(process=process, **data)
    source.disaggregations = _ordered_breakdowns(source.disaggregations)
    _check_name(source)
    save_audited(source, actor=actor, code="data_source.created")
    return source


@transaction.atomic
def data_source_update(*, actor, source: DataSource, data: Mapping, reason: str = "") -> DataSource:
    permissions.require(actor, permissions.MANAGE_PROCESS, source.process)
    check_fields("data_source_update", data, DATA_SOURCE_FIELDS)
    for field, value in data.items():
        setattr(source, field, value)
    source.disaggregations = _ordered_breakdowns(source.disaggregations)
    _check_name(source)
    save_audited(source, actor=actor, code="data_source.updated", reason=reason)
    return source
