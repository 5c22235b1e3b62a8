"""The situation analysis at a glance, for the dashboard panel."""

from mainstreaming.models import Process
from situation_analysis.choices import Disaggregation
from situation_analysis.models import Checklist, DataSource


def summary(*, process: Process) -> dict:
    """The dashboard panel: checklists adopted, data sources recorded, sources without a sex breakdown."""
    rows = list(DataSource.objects.filter(process=process).values_list("name", "disaggregations"))
    return {
        "checklist_count": Checklist.objects.filter(process=process).count(),
        "source_count": len(rows),
        "without_sex": [name for name, values in rows if Disaggregation.SEX not in (values or [])],
    }
