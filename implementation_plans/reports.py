"""
The implementation-plan PDF, in the handbook's three parts (§4): the background narrative (rationale and
sequencing; roles, accountabilities and decision rules; budgetary and fiduciary arrangements), the results/action
matrix (goal, outcome, output, activity, responsible, partners, dates, cost, funding, indicator, baseline, target)
and the M&E section.

It prints one version of the plan from its frozen snapshot, never the plan as it stands: the PDF of a published
version says what was endorsed and published, whatever was edited afterwards. Requested when a version is
published (not listed on the Reports page); the parameters name the version.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from implementation_plans.extensions import sections_recorded_since
from implementation_plans.models import PlanVersion
from implementation_plans.selectors.plan import snapshot_document
from implementation_plans.services.plan import IMPLEMENTATION_PLAN, plan_report_built
from mainstreaming import report_kinds
from mainstreaming.models import Report


def _version_number(parameters: dict) -> int:
    value = (parameters or {}).get("version")
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise ValidationError({"version": _("Name the version of the plan to print.")})
    return int(value)


def validate_parameters(process, parameters: dict) -> None:
    """The version must be one of this process's plan versions."""
    if not PlanVersion.objects.filter(process=process, number=_version_number(parameters)).exists():
        raise ValidationError({"version": _("This version is not part of the process's plan.")})


def implementation_plan_context(report: Report, data_read_at: datetime) -> dict:
    """
    The version (one query, with its committee decision) and its snapshot laid out for print (no query); and the
    parts later phases recorded after the version was frozen (part 3's indicators and M&E plan, set in the
    monitoring phase), read as they stand, so that part 3 is filled whenever they exist.
    """
    version = (
        PlanVersion.objects.select_related("endorsement_decision__meeting__committee", "submitted_by")
        .filter(process=report.process, number=_version_number(report.parameters))
        .get()
    )
    document = snapshot_document(version.snapshot)
    recorded_since = sections_recorded_since(report.process, version.snapshot.get("sections", {}))
    document["sections"] = {**document["sections"], **recorded_since}
    return {"version": version, "document": document, "sections_recorded_since": sorted(recorded_since)}


def register() -> None:
    report_kinds.register(
        report_kinds.ReportKindSpec(
            kind=IMPLEMENTATION_PLAN,
            label=gettext_lazy("Implementation plan"),
            template="pdf/implementation_plan.html",
            build_context=implementation_plan_context,
            listed=False,
            validate_parameters=validate_parameters,
            on_built=plan_report_built,
        )
    )
