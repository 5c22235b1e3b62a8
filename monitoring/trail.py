"""What of monitoring appears in the process's audit trail, and how each record is named and linked."""

from django.utils.translation import gettext as _

from mainstreaming.history import TrailSource, register_trail_source
from monitoring import models


def register() -> None:
    for source in (
        TrailSource(models.Indicator, lambda r: f"{r.code} {r.name}".strip()[:80], "monitoring:indicator_detail"),
        TrailSource(
            models.IndicatorTarget,
            lambda r: _("Target for %(year)s") % {"year": r.year},
            "monitoring:indicator_target_history",
            url_pk_field="indicator_id",
        ),
        TrailSource(models.MEPlan, lambda r: _("M&E plan"), "monitoring:me_plan_detail", url_pk_field=None),
    ):
        register_trail_source(source)
