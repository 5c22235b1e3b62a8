"""What of the situation analysis appears in the process's audit trail, and how each record is named and linked."""

from mainstreaming.history import TrailSource, register_trail_source
from situation_analysis import models


def register() -> None:
    for source in (
        TrailSource(models.Checklist, lambda r: f"{r.code} {r.title}", "situation_analysis:checklist_detail"),
        TrailSource(
            models.ChecklistQuestion,
            lambda r: r.code,
            "situation_analysis:checklist_history",
            process_lookup="checklist__process_id",
            url_pk_field="checklist_id",
        ),
        TrailSource(models.DataSource, lambda r: r.name, "situation_analysis:data_source_detail"),
    ):
        register_trail_source(source)
