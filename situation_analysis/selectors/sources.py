"""The read side of the data sources; each function costs a fixed number of queries."""

from django.shortcuts import get_object_or_404

from mainstreaming.models import Process
from situation_analysis.choices import DataSourceKind, Disaggregation
from situation_analysis.models import DataSource


def breakdown_labels(values) -> list[str]:
    labels = dict(Disaggregation.choices)
    return [str(labels.get(value, value)) for value in values or []]


def data_source_list(*, process: Process, kind: str = "") -> list[DataSource]:
    sources = DataSource.objects.filter(process=process).select_related("owner")
    if kind:
        sources = sources.filter(kind=kind)
    result = list(sources)
    for source in result:
        source.breakdown_labels = breakdown_labels(source.disaggregations)
        source.has_sex_breakdown = Disaggregation.SEX in (source.disaggregations or [])
    return result


def data_source_get(*, process: Process, pk: int) -> DataSource:
    source = get_object_or_404(DataSource.objects.select_related("process", "owner"), process=process, pk=pk)
    source.breakdown_labels = breakdown_labels(source.disaggregations)
    return source


def data_source_kinds() -> list[tuple[str, str]]:
    return DataSourceKind.choices


def without_sex_breakdown(*, process: Process) -> list[str]:
    """Names of the process's data sources that cannot be broken down by sex (one query)."""
    rows = DataSource.objects.filter(process=process).values_list("name", "disaggregations")
    return [name for name, values in rows if Disaggregation.SEX not in (values or [])]
