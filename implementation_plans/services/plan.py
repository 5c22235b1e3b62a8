"""
The plan document and its workflow, written by the NFP: draft -> in review -> endorsed -> published.

* Editing the narrative (rationale and sequencing; roles, accountabilities and decision rules; budgetary and
  fiduciary arrangements), the currency and the plan's years goes through open_for_editing, like every other
  change to the plan: refused while the plan is in review or endorsed, a new draft when it was published.
* Sending for review freezes the whole plan as a new PlanVersion (its JSON snapshot never changes afterwards).
* The NFP returns a version in review (or endorsed) to draft with a reason, records the committee decision that
  endorsed it, and publishes it: the version becomes the one development partners read (the one published before
  it is superseded), and its PDF is built by the report pipeline and published to partners once built.

Every step records who, when and why on the plan's and the version's history ("plan.submitted", ...).
"""

import logging
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from implementation_plans import permissions as plan_permissions
from implementation_plans.models import BudgetLine, Funding, Plan, PlanVersion
from implementation_plans.services.base import open_for_editing, plan_of
from implementation_plans.services.budget import CURRENCY_CODE
from implementation_plans.workflows import IMPLEMENTATION_PLAN as IMPLEMENTATION_PLAN
from implementation_plans.workflows import PLAN
from mainstreaming import permissions
from mainstreaming.models import Process, Report
from mainstreaming.services import report_publish, save_audited
from stakeholders.models import MeetingDecision

logger = logging.getLogger(__name__)

EDITABLE_FIELDS = ("title", "currency", "starts_in", "ends_in", "rationale", "roles", "fiduciary")


# ---------------------------------------------------------------------------
# The narrative and settings
# ---------------------------------------------------------------------------


@transaction.atomic
def plan_update(*, actor, process: Process, data: Mapping, reason: str = "") -> Plan:
    """
    Change the plan's title, narrative, currency or years. The currency cannot change once costs or funding are
    recorded (their rates are to the current one); the years must hold every budget line already recorded.
    """
    permissions.require(actor, plan_permissions.MANAGE, process)
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"plan_update() got unexpected fields: {sorted(unknown)}")
    plan = open_for_editing(actor=actor, process=process)
    errors: dict[str, str] = {}
    data = dict(data)
    if "currency" in data:
        data["currency"] = (data["currency"] or "").strip().upper()
        if not CURRENCY_CODE.fullmatch(data["currency"]):
            errors["currency"] = _("Give the currency as its three-letter code, such as USD or EUR.")
        elif data["currency"] != plan.currency and _has_money(process):
            errors["currency"] = _(
                "Costs and funding are already recorded with rates to %(currency)s: the plan's currency can no "
                "longer change."
            ) % {"currency": plan.currency}
    first = data.get("starts_in", plan.starts_in)
    last = data.get("ends_in", plan.ends_in)
    for name, year in (("starts_in", first), ("ends_in", last)):
        if year is not None and not 2000 <= year <= 2100:
            errors[name] = _("Give a year between 2000 and 2100.")
    if first and last and last < first and "ends_in" not in errors:
        errors["ends_in"] = _("The last year cannot come before the first.")
    if not errors and (first or last):
        outside = BudgetLine.objects.filter(process=process)
        outside = outside.filter(Q(year__lt=first or 0) | Q(year__gt=last or 9999)).order_by("year")
        years = sorted(set(outside.values_list("year", flat=True)))
        if years:
            errors["starts_in" if first and years[0] < first else "ends_in"] = _(
                "Budget lines are recorded for %(years)s: keep those years in the plan, or move the lines first."
            ) % {"years": ", ".join(str(year) for year in years)}
    if errors:
        raise ValidationError(errors)
    for name, value in data.items():
        setattr(plan, name, value.strip() if isinstance(value, str) else value)
    if not plan.title:
        raise ValidationError({"title": _("Give the plan a title.")})
    save_audited(plan, actor=actor, code="plan.updated", reason=reason)
    return plan


def _has_money(process: Process) -> bool:
    return BudgetLine.objects.filter(process=process).exists() or Funding.objects.filter(process=process).exists()


# ---------------------------------------------------------------------------
# The workflow (its table is implementation_plans.workflows.PLAN)
# ---------------------------------------------------------------------------


def _locked_plan(process: Process) -> Plan:
    return Plan.objects.select_for_update().filter(process=process).first() or plan_of(process)


@transaction.atomic
def plan_submit(*, actor, process: Process, reason: str = "") -> PlanVersion:
    """
    Send the draft plan for review: freeze the whole plan as a new version (its snapshot), and let the
    facilitator know. The plan needs its three narrative sections and at least one goal.
    """
    permissions.require(actor, plan_permissions.MANAGE, process)
    plan = PLAN.perform(actor, _locked_plan(process), "submit", reason=reason)
    return plan.moved_version


@transaction.atomic
def plan_return(*, actor, process: Process, reason: str) -> PlanVersion:
    """Send a version in review (or endorsed, not yet published) back to draft, saying why; it stays on record."""
    permissions.require(actor, plan_permissions.MANAGE, process)
    plan = PLAN.perform(actor, _locked_plan(process), "return", reason=reason)
    return plan.moved_version


@transaction.atomic
def plan_endorse(*, actor, process: Process, decision: MeetingDecision, reason: str = "") -> PlanVersion:
    """
    Record that a committee endorsed the version in review: the decision of one of the process's committee
    meetings, held on or after the day the version was sent for review.
    """
    permissions.require(actor, plan_permissions.MANAGE, process)
    plan = _locked_plan(process)
    plan.endorsement_decision = decision
    PLAN.perform(actor, plan, "endorse", reason=reason)
    return plan.moved_version


@transaction.atomic
def plan_publish(*, actor, process: Process, reason: str = "") -> PlanVersion:
    """
    Publish the endorsed version: development partners read it from now on (the version published before it is
    superseded). Its PDF is queued with the report pipeline and published to partners as soon as it is built.
    """
    permissions.require(actor, plan_permissions.PUBLISH, process)
    plan = PLAN.perform(actor, _locked_plan(process), "publish", reason=reason)
    return plan.moved_version


def plan_report_built(report: Report) -> None:
    """
    Called by the report pipeline once a plan's PDF is stored: a published version's PDF is published to the
    partners (by the NFP who published the version). A build that finishes after its version was superseded stays
    internal.
    """
    version = PlanVersion.objects.filter(report=report).select_related("published_by").first()
    if version is None or not version.is_published or version.published_by is None:
        return
    try:
        report_publish(
            actor=version.published_by,
            report=report,
            reason=_("version %(number)s of the plan") % {"number": version.number},
        )
    except (PermissionDenied, ValidationError) as error:
        logger.warning("The PDF of plan version %s was not published to partners: %r", version.pk, error)
