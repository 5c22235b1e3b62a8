"""
What of monitoring appears in the process's audit trail, and how each record is named and linked.

Every row links to a page that opens for every reader of the trail (its internal readers): a progress report's
steps, values and activity updates point to the report's page, which shows another ministry's draft as where it
stands, never to the report's History tab, which only the report's own readers open.
"""

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
        TrailSource(models.ReportingPeriod, lambda r: r.label, "monitoring:period_detail"),
        TrailSource(
            models.ProgressReport,
            lambda r: _("report no. %(number)s (%(status)s)") % {"number": r.id, "status": r.get_status_display()},
            "monitoring:report_detail",
        ),
        TrailSource(
            models.ReportStep, lambda r: r.get_action_display(), "monitoring:report_detail", url_pk_field="report_id"
        ),
        TrailSource(
            models.IndicatorValue,
            lambda r: (
                _("revision %(revision)s of report no. %(number)s") % {"revision": r.revision, "number": r.report_id}
            ),
            "monitoring:report_detail",
            url_pk_field="report_id",
        ),
        TrailSource(
            models.ActivityUpdate,
            lambda r: _("report no. %(number)s") % {"number": r.report_id},
            "monitoring:report_detail",
            url_pk_field="report_id",
        ),
        TrailSource(models.Evaluation, lambda r: r.title[:80], "monitoring:evaluation_detail"),
        TrailSource(
            models.EvaluationQuestion,
            lambda r: _("Evaluation question: %(text)s") % {"text": r.text[:60]},
            "monitoring:evaluation_question_history",
        ),
        TrailSource(
            models.EvaluationFinding,
            lambda r: _("Evaluation finding: %(text)s") % {"text": r.text[:60]},
            "monitoring:evaluation_finding_history",
        ),
        TrailSource(
            models.Recommendation,
            lambda r: _("Recommendation: %(text)s") % {"text": r.text[:60]},
            "monitoring:recommendation_history",
        ),
        TrailSource(
            models.ManagementResponse,
            lambda r: _("Management response (%(decision)s)") % {"decision": r.get_decision_display()},
            "monitoring:management_response_history",
            url_pk_field="recommendation_id",
        ),
    ):
        register_trail_source(source)
