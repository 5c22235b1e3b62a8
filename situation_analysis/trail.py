"""
What of the situation analysis appears in the process's audit trail, and how each record is named and linked.

Answers are left out on purpose: the trail is read by every ministry, and a draft answer belongs to its lead
institution and the reviewers until it is approved. Their changes show on the assignment's own History tab.
"""

from django.utils.translation import gettext as _

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
        TrailSource(
            models.Assignment,
            lambda r: _("Checklist assignment %(number)s") % {"number": r.id},
            "situation_analysis:assignment_detail",
        ),
        TrailSource(models.DataSeries, lambda r: r.title, "situation_analysis:series_detail"),
        TrailSource(
            models.Observation,
            lambda r: r.period,
            "situation_analysis:series_detail",
            process_lookup="series__process_id",
            url_pk_field="series_id",
        ),
        TrailSource(models.Finding, lambda r: r.statement[:80], "situation_analysis:finding_detail"),
    ):
        register_trail_source(source)
