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
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from implementation_plans.choices import PlanStatus, VersionStatus
from implementation_plans.extensions import freeze_sections
from implementation_plans.models import BudgetLine, Funding, Goal, Plan, PlanVersion
from implementation_plans.selectors import plan as selectors
from implementation_plans.services.base import open_for_editing, plan_of, require_manage
from implementation_plans.services.budget import CURRENCY_CODE
from mainstreaming import l10n, permissions
from mainstreaming.choices import Role
from mainstreaming.models import Membership, Process, Report
from mainstreaming.services import _require, notify, report_publish, report_request, save_audited
from stakeholders.models import MeetingDecision

logger = logging.getLogger(__name__)

IMPLEMENTATION_PLAN = "implementation_plan"
EDITABLE_FIELDS = ("title", "currency", "starts_in", "ends_in", "rationale", "roles", "fiduciary")
NARRATIVE_FIELDS = ("rationale", "roles", "fiduciary")


# ---------------------------------------------------------------------------
# The narrative and settings
# ---------------------------------------------------------------------------


@transaction.atomic
def plan_update(*, actor, process: Process, data: Mapping, reason: str = "") -> Plan:
    """
    Change the plan's title, narrative, currency or years. The currency cannot change once costs or funding are
    recorded (their rates are to the current one); the years must hold every budget line already recorded.
    """
    require_manage(actor, process)
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
# The workflow
# ---------------------------------------------------------------------------


def _locked_plan(process: Process) -> Plan:
    return Plan.objects.select_for_update().filter(process=process).first() or plan_of(process)


def _require_status(plan: Plan, *allowed: str, message: str) -> None:
    if plan.status not in allowed:
        raise ValidationError(message % {"status": plan.get_status_display().lower()})


def _version_under_review(plan: Plan) -> PlanVersion:
    version = (
        PlanVersion.objects.select_for_update()
        .filter(plan=plan, status__in=(VersionStatus.IN_REVIEW, VersionStatus.ENDORSED))
        .order_by("-number")
        .first()
    )
    if version is None:  # pragma: no cover - a plan in review always has its version
        raise ValidationError(_("The plan has no version in review."))
    return version


@transaction.atomic
def plan_submit(*, actor, process: Process, reason: str = "") -> PlanVersion:
    """
    Send the draft plan for review: freeze the whole plan as a new version (its snapshot), and let the
    facilitator know. The plan needs its three narrative sections and at least one goal.
    """
    require_manage(actor, process)
    plan = _locked_plan(process)
    _require_status(plan, PlanStatus.DRAFT, message=_("The plan is %(status)s: only a draft can be sent for review."))
    missing = {
        name: _("Write this section of the narrative before sending the plan for review.")
        for name in NARRATIVE_FIELDS
        if not getattr(plan, name).strip()
    }
    if not Goal.objects.filter(process=process).exists():
        missing["__all__"] = _(
            "The plan has no goal yet: set its goals and results chain before sending it for review."
        )
    if missing:
        raise ValidationError(missing)
    number = (PlanVersion.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion(
        process=process,
        plan=plan,
        number=number,
        status=VersionStatus.IN_REVIEW,
        # The plan as it stands, with the sections later phases add (monitoring's M&E section), frozen together.
        snapshot=selectors.plan_snapshot(process=process, plan=plan) | {"sections": freeze_sections(process)},
        submitted_at=timezone.now(),
        submitted_by=actor,
    )
    save_audited(version, actor=actor, code="plan_version.submitted", reason=reason)
    plan.status = PlanStatus.IN_REVIEW
    save_audited(plan, actor=actor, code="plan.submitted", reason=_("version %(number)s") % {"number": number})
    _tell(
        process,
        Role.FACILITATOR,
        _("The implementation plan is ready for your review: %(process)s") % {"process": process},
        _("%(actor)s has sent version %(number)s of the implementation plan for review.")
        % {"actor": _name(actor), "number": number},
        version,
    )
    return version


@transaction.atomic
def plan_return(*, actor, process: Process, reason: str) -> PlanVersion:
    """Send a version in review (or endorsed, not yet published) back to draft, saying why; it stays on record."""
    require_manage(actor, process)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the plan goes back to draft; the reason is kept in the history.")})
    plan = _locked_plan(process)
    _require_status(
        plan,
        PlanStatus.IN_REVIEW,
        PlanStatus.ENDORSED,
        message=_("The plan is %(status)s: only a plan in review or endorsed can be returned to draft."),
    )
    version = _version_under_review(plan)
    version.status = VersionStatus.RETURNED
    save_audited(version, actor=actor, code="plan_version.returned", reason=reason)
    plan.status = PlanStatus.DRAFT
    save_audited(plan, actor=actor, code="plan.returned", reason=reason)
    return version


@transaction.atomic
def plan_endorse(*, actor, process: Process, decision: MeetingDecision, reason: str = "") -> PlanVersion:
    """
    Record that a committee endorsed the version in review: the decision of one of the process's committee
    meetings, held on or after the day the version was sent for review.
    """
    require_manage(actor, process)
    plan = _locked_plan(process)
    _require_status(
        plan, PlanStatus.IN_REVIEW, message=_("The plan is %(status)s: only a plan in review can be endorsed.")
    )
    version = _version_under_review(plan)
    if decision is None or not selectors.endorsement_decisions(process).filter(pk=decision.pk).exists():
        raise ValidationError({"decision": _("Choose a decision of a meeting this process's committee has held.")})
    if decision.meeting.held_on < timezone.localtime(version.submitted_at).date():
        raise ValidationError(
            {
                "decision": _(
                    "This meeting was held on %(held)s, before version %(number)s was sent for review on "
                    "%(sent)s: choose the decision of a later meeting."
                )
                % {
                    "held": l10n.date(decision.meeting.held_on),
                    "number": version.number,
                    "sent": l10n.date(version.submitted_at),
                }
            }
        )
    version.status = VersionStatus.ENDORSED
    version.endorsed_at = timezone.now()
    version.endorsement_decision = decision
    save_audited(version, actor=actor, code="plan_version.endorsed", reason=reason)
    plan.status = PlanStatus.ENDORSED
    save_audited(plan, actor=actor, code="plan.endorsed", reason=reason or str(decision.meeting))
    return version


@transaction.atomic
def plan_publish(*, actor, process: Process, reason: str = "") -> PlanVersion:
    """
    Publish the endorsed version: development partners read it from now on (the version published before it is
    superseded). Its PDF is queued with the report pipeline and published to partners as soon as it is built.
    """
    require_manage(actor, process)
    _require(actor, permissions.PUBLISH_REPORT, process)
    plan = _locked_plan(process)
    _require_status(
        plan, PlanStatus.ENDORSED, message=_("The plan is %(status)s: only an endorsed plan can be published.")
    )
    version = _version_under_review(plan)
    for previous in PlanVersion.objects.select_for_update().filter(plan=plan, status=VersionStatus.PUBLISHED):
        previous.status = VersionStatus.SUPERSEDED
        save_audited(
            previous,
            actor=actor,
            code="plan_version.superseded",
            reason=_("version %(number)s published") % {"number": version.number},
        )
    version.status = VersionStatus.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = actor
    version.report = report_request(
        actor=actor, process=process, kind=IMPLEMENTATION_PLAN, parameters={"version": version.number}
    )
    save_audited(version, actor=actor, code="plan_version.published", reason=reason)
    plan.status = PlanStatus.PUBLISHED
    save_audited(plan, actor=actor, code="plan.published", reason=_("version %(number)s") % {"number": version.number})
    _tell(
        process,
        Role.DONOR,
        _("The implementation plan is published: %(process)s") % {"process": process},
        _("Version %(number)s of the implementation plan has been published. Its PDF follows shortly.")
        % {"number": version.number},
        version,
    )
    return version


def plan_report_built(report: Report) -> None:
    """
    Called by the report pipeline once a plan's PDF is stored: a published version's PDF is published to the
    partners (by the NFP who published the version). A build that finishes after its version was superseded stays
    internal.
    """
    version = PlanVersion.objects.filter(report=report).select_related("published_by").first()
    if version is None or version.status != VersionStatus.PUBLISHED or version.published_by is None:
        return
    try:
        report_publish(
            actor=version.published_by,
            report=report,
            reason=_("version %(number)s of the plan") % {"number": version.number},
        )
    except (PermissionDenied, ValidationError) as error:
        logger.warning("The PDF of plan version %s was not published to partners: %r", version.pk, error)


# ---------------------------------------------------------------------------
# Notifications
# ---------------------------------------------------------------------------


def _name(user) -> str:
    return user.get_full_name() or user.username


def _tell(process: Process, role: str, subject: str, body: str, version: PlanVersion) -> None:
    recipients = list(
        Membership.objects.filter(process=process, role=role, is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    notify(recipients=recipients, subject=subject, body=f"{body}\n\n{version.get_absolute_url()}")
