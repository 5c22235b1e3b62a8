"""
The process's M&E plan (handbook phase 7): reporting frequency and the start of the first period, the evaluation
schedule, the M&E budget and the national M&E systems it draws on. One per process, created the first time the
NFP saves it; only the NFP writes, and every save leaves a history row ("me_plan.created" / "me_plan.updated").
"""

from collections.abc import Mapping

from django.db import transaction

from mainstreaming import permissions as core_permissions
from mainstreaming.models import Process
from mainstreaming.services import save_audited
from monitoring.models import MEPlan
from monitoring.services.indicators import _check_fields

ME_PLAN_FIELDS = (
    "reporting_frequency",
    "first_period_starts_on",
    "midterm_evaluation_on",
    "final_evaluation_on",
    "evaluation_schedule",
    "budget_amount",
    "currency",
    "national_systems",
)


@transaction.atomic
def me_plan_save(*, actor, process: Process, data: Mapping, reason: str = "") -> MEPlan:
    """Create or update the process's M&E plan with `data`."""
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, process)
    _check_fields("me_plan_save", data, ME_PLAN_FIELDS)
    plan = MEPlan.objects.select_for_update().filter(process=process).first()
    code = "me_plan.updated" if plan else "me_plan.created"
    plan = plan or MEPlan(process=process)
    for name, value in data.items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    plan.currency = (plan.currency or "").upper()
    save_audited(plan, actor=actor, code=code, reason=reason)
    return plan
