"""
The plan area's workflows, one table per kind (see mainstreaming.workflow):

* The plan: draft -> in review -> endorsed -> published, or back to draft. Each step moves the plan's version too:
  sending for review freezes the whole plan as a new PlanVersion (in review), returning marks it returned,
  endorsing records the committee decision on it, publishing makes it the version development partners read (the
  one published before it is superseded) and queues its PDF. A change to a published plan starts a new draft.
* A ministry's activity proposal, on `proposal_status`: proposed -> accepted or declined, by the NFP.

Services call `PLAN.perform(...)` / `PROPOSAL.perform(...)`; views list `record.actions_for(user)`.
"""

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from implementation_plans import permissions
from implementation_plans.choices import PlanStatus, ProposalStatus, VersionStatus
from implementation_plans.extensions import freeze_sections
from implementation_plans.models import CURRENT_VERSION_STATUSES, Activity, Goal, Plan, PlanVersion
from implementation_plans.selectors import plan as selectors
from implementation_plans.services.base import open_for_editing
from mainstreaming import l10n
from mainstreaming.choices import Role
from mainstreaming.models import Membership
from mainstreaming.services import notify, report_request, save_audited
from mainstreaming.workflow import Transition, Workflow, register

IMPLEMENTATION_PLAN = "implementation_plan"
NARRATIVE_FIELDS = ("rationale", "roles", "fiduciary")


# ---------------------------------------------------------------------------
# The plan
# ---------------------------------------------------------------------------


def _version_under_review(plan: Plan) -> PlanVersion:
    version = (
        PlanVersion.objects.select_for_update()
        .filter(plan=plan, status__in=CURRENT_VERSION_STATUSES)
        .order_by("-number")
        .first()
    )
    if version is None:  # pragma: no cover - a plan in review always has its version
        raise ValidationError(_("The plan has no version in review."))
    return version


def _version_reason(plan: Plan, actor, reason: str) -> str:
    """The plan's history row names the version the step concerns ("version 2")."""
    return _("version %(number)s") % {"number": plan.moved_version.number}


def _name(user) -> str:
    return user.get_full_name() or user.username


def _tell(plan: Plan, role: str, subject: str, body: str) -> None:
    """E-mail the active members of `role` in the plan's process about the version the step concerns."""
    recipients = list(
        Membership.objects.filter(process=plan.process_id, role=role, is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    notify(recipients=recipients, subject=subject, body=f"{body}\n\n{plan.moved_version.get_absolute_url()}")


def _ready_for_review(plan: Plan) -> None:
    """The plan needs its three narrative sections and at least one goal."""
    missing = {
        name: _("Write this section of the narrative before sending the plan for review.")
        for name in NARRATIVE_FIELDS
        if not getattr(plan, name).strip()
    }
    if not Goal.objects.filter(process=plan.process_id).exists():
        missing["__all__"] = _(
            "The plan has no goal yet: set its goals and results chain before sending it for review."
        )
    if missing:
        raise ValidationError(missing)


def _freeze_version(plan: Plan, actor, reason: str) -> None:
    """Freeze the plan as it stands, with the sections later phases add (monitoring's M&E section), as a version."""
    process = plan.process
    number = (PlanVersion.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0) + 1
    version = PlanVersion(
        process=process,
        plan=plan,
        number=number,
        status=VersionStatus.IN_REVIEW,
        snapshot=selectors.plan_snapshot(process=process, plan=plan) | {"sections": freeze_sections(process)},
        submitted_at=timezone.now(),
        submitted_by=actor,
    )
    save_audited(version, actor=actor, code="plan_version.submitted", reason=reason)
    plan.moved_version = version


def _tell_reviewers(plan: Plan, actor, reason: str) -> None:
    _tell(
        plan,
        Role.FACILITATOR,
        _("The implementation plan is ready for your review: %(process)s") % {"process": plan.process},
        _("%(actor)s has sent version %(number)s of the implementation plan for review.")
        % {"actor": _name(actor), "number": plan.moved_version.number},
    )


def _return_version(plan: Plan, actor, reason: str) -> None:
    version = _version_under_review(plan)
    version.status = VersionStatus.RETURNED
    save_audited(version, actor=actor, code="plan_version.returned", reason=reason)
    plan.moved_version = version


def _endorsement_decision_held(plan: Plan) -> None:
    """
    The decision the service put on the plan (`endorsement_decision`) must be one of a meeting of this process's
    committees, held on or after the day the version was sent for review.
    """
    decision = getattr(plan, "endorsement_decision", None)
    if decision is None or not selectors.endorsement_decisions(plan.process).filter(pk=decision.pk).exists():
        raise ValidationError({"decision": _("Choose a decision of a meeting this process's committee has held.")})
    version = _version_under_review(plan)
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


def _endorse_version(plan: Plan, actor, reason: str) -> None:
    version = _version_under_review(plan)
    version.status = VersionStatus.ENDORSED
    version.endorsed_at = timezone.now()
    version.endorsement_decision = plan.endorsement_decision
    save_audited(version, actor=actor, code="plan_version.endorsed", reason=reason)
    plan.moved_version = version


def _endorsement_reason(plan: Plan, actor, reason: str) -> str:
    return reason or str(plan.endorsement_decision.meeting)


def _publish_version(plan: Plan, actor, reason: str) -> None:
    """The endorsed version becomes the one partners read; the one published before it is superseded."""
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
        actor=actor, process=plan.process, kind=IMPLEMENTATION_PLAN, parameters={"version": version.number}
    )
    save_audited(version, actor=actor, code="plan_version.published", reason=reason)
    plan.moved_version = version


def _tell_partners(plan: Plan, actor, reason: str) -> None:
    _tell(
        plan,
        Role.DONOR,
        _("The implementation plan is published: %(process)s") % {"process": plan.process},
        _("Version %(number)s of the implementation plan has been published. Its PDF follows shortly.")
        % {"number": plan.moved_version.number},
    )


PLAN = register(
    Workflow(
        Plan,
        Transition(
            "submit",
            gettext_lazy("Send for review"),
            sources=[PlanStatus.DRAFT],
            target=PlanStatus.IN_REVIEW,
            rule=permissions.MANAGE,
            audit_code="plan.submitted",
            status_message=gettext_lazy("This cannot be done now: only a draft can be sent for review."),
            guard=_ready_for_review,
            effects=_freeze_version,
            audit_reason=_version_reason,
            after=_tell_reviewers,
            style="secondary",
            todo=False,
        ),
        Transition(
            "endorse",
            gettext_lazy("Record the endorsement"),
            sources=[PlanStatus.IN_REVIEW],
            target=PlanStatus.ENDORSED,
            rule=permissions.MANAGE,
            audit_code="plan.endorsed",
            status_message=gettext_lazy("This cannot be done now: only a plan in review can be endorsed."),
            guard=_endorsement_decision_held,
            effects=_endorse_version,
            audit_reason=_endorsement_reason,
        ),
        Transition(
            "publish",
            gettext_lazy("Publish"),
            sources=[PlanStatus.ENDORSED],
            target=PlanStatus.PUBLISHED,
            rule=permissions.PUBLISH,
            audit_code="plan.published",
            status_message=gettext_lazy("This cannot be done now: only an endorsed plan can be published."),
            effects=_publish_version,
            audit_reason=_version_reason,
            after=_tell_partners,
        ),
        Transition(
            "return",
            gettext_lazy("Return to draft"),
            sources=[PlanStatus.IN_REVIEW, PlanStatus.ENDORSED],
            target=PlanStatus.DRAFT,
            rule=permissions.MANAGE,
            audit_code="plan.returned",
            reason_required=True,
            reason_message=gettext_lazy("Say why the plan goes back to draft; the reason is kept in the history."),
            status_message=gettext_lazy(
                "This cannot be done now: only a plan in review or endorsed can be returned to draft."
            ),
            effects=_return_version,
            style="secondary",
            todo=False,
        ),
        # Not a button: saving a change to a published plan takes this step first (services.base.open_for_editing).
        Transition(
            "new_draft",
            gettext_lazy("Start a new draft"),
            sources=[PlanStatus.PUBLISHED],
            target=PlanStatus.DRAFT,
            rule=permissions.MANAGE,
            audit_code="plan.new_draft",
            style="secondary",
            todo=False,
        ),
    )
)

# The steps the plan's page offers as buttons, each with the page that asks for its reason (or decision) first.
PLAN_STEP_PAGES = {
    "submit": "implementation_plans:plan_submit",
    "endorse": "implementation_plans:plan_endorse",
    "publish": "implementation_plans:plan_publish",
    "return": "implementation_plans:plan_return",
}


# ---------------------------------------------------------------------------
# A ministry's activity proposal
# ---------------------------------------------------------------------------


def _note_decision(activity: Activity, actor, reason: str) -> None:
    activity.decision_note = reason


def _accept_into_plan(activity: Activity, actor, reason: str) -> None:
    """Accepting changes the plan: refused while it is frozen, a new draft when it was published."""
    open_for_editing(actor=actor, process=activity.process)
    activity.decision_note = reason


def _grant_responsible(activity: Activity, actor, reason: str) -> None:
    """Its responsible institution may now update its status and dates."""
    permissions.grant_responsible(activity)


PROPOSAL = register(
    Workflow(
        Activity,
        Transition(
            "accept",
            gettext_lazy("Accept"),
            sources=[ProposalStatus.PROPOSED],
            target=ProposalStatus.ACCEPTED,
            rule=permissions.DECIDE,
            audit_code="activity.accepted",
            status_message=gettext_lazy("Only a pending proposal can be accepted."),
            effects=_accept_into_plan,
            after=_grant_responsible,
        ),
        Transition(
            "decline",
            gettext_lazy("Decline"),
            sources=[ProposalStatus.PROPOSED],
            target=ProposalStatus.DECLINED,
            rule=permissions.DECIDE,
            audit_code="activity.declined",
            reason_required=True,
            reason_message=gettext_lazy("Say why the proposal is declined; the reason is kept in the history."),
            status_message=gettext_lazy("Only a pending proposal can be declined."),
            effects=_note_decision,
            style="secondary",
            todo=False,
        ),
        status_field="proposal_status",
    )
)

PROPOSAL_STEP_PAGES = {
    "accept": "implementation_plans:activity_accept",
    "decline": "implementation_plans:activity_decline",
}
