"""
Who may do what with goals, priorities and the implementation plan, in one place: the rules below, each declared
once and asked through mainstreaming.permissions (`require`, `allows`, `restrict`).

* `plan.manage`: the NFP edits the plan (goals, priorities, targets, the results chain, budget and funding, the
  narrative) and takes it through review: sends it, returns it to draft, records the committee's endorsement.
* `plan.publish`: the NFP publishes an endorsed version to development partners (manage and publish reports).
* `plan.read_drafts`: the plan as it is being written, for everyone who sees internal work (not partners).
* `activity.update`: the status and dates of an activity: the NFP, or the focal points of its responsible
  institution (the guardian permission `update_activity`, granted to the institution's group and moved with it).
* `activity.propose`: a ministry focal point proposes activities for its institution's sectors.
* `activity.decide`: the NFP accepts or declines a proposal.
* `priority.score`: committee members score candidate priorities: the NFP, and the focal points of institutions
  holding a seat on the national committee.

The facilitator reads everything and comments (review_process). Development partners read the published version
of the plan only. Each rule accepts a process or any record of one (`process_of`).
"""

from django.db.models import Q

from implementation_plans.models import Activity
from mainstreaming import permissions as core
from mainstreaming.choices import Role
from mainstreaming.models import Membership, Process
from mainstreaming.permissions import process_of, rule
from stakeholders.choices import CommitteeKind
from stakeholders.models import CommitteeMember

UPDATE_ACTIVITY = "update_activity"

MANAGE = "plan.manage"
PUBLISH = "plan.publish"
READ_DRAFTS = "plan.read_drafts"
UPDATE = "activity.update"
PROPOSE = "activity.propose"
DECIDE = "activity.decide"
SCORE = "priority.score"


def _manages(request_or_user, obj) -> bool:
    return core.has_perm(request_or_user, core.MANAGE_PROCESS, process_of(obj))


@rule(MANAGE, narrow=core.narrow_by(core.MANAGE_PROCESS))
def can_manage_plan(request_or_user, obj) -> bool:
    """The NFP writes the plan and takes it through review."""
    return _manages(request_or_user, obj)


@rule(PUBLISH, narrow=core.narrow_by(core.PUBLISH_REPORT))
def can_publish(request_or_user, obj) -> bool:
    """The NFP publishes the endorsed version: the right to manage the plan and to publish documents."""
    process = process_of(obj)
    return _manages(request_or_user, process) and core.has_perm(request_or_user, core.PUBLISH_REPORT, process)


@rule(READ_DRAFTS, narrow=core.narrow_by(core.VIEW_INTERNAL))
def can_read_drafts(request_or_user, obj) -> bool:
    """The plan as it is being written: everyone who sees internal work (not development partners)."""
    return core.has_perm(request_or_user, core.VIEW_INTERNAL, process_of(obj))


def _narrow_updatable(user, queryset):
    """Activities of the processes the person manages, and those their institution is responsible for."""
    if user.is_superuser:
        return queryset
    held = Activity.objects.holding(user, UPDATE_ACTIVITY).values("pk")
    return queryset.filter(Q(process__in=core.processes_holding(user, core.MANAGE_PROCESS)) | Q(pk__in=held))


@rule(UPDATE, narrow=_narrow_updatable)
def can_update_activity(request_or_user, activity) -> bool:
    """The NFP, or the focal points of the activity's responsible institution."""
    return _manages(request_or_user, activity) or core.has_perm(request_or_user, UPDATE_ACTIVITY, activity)


def proposing_institution(*, user, process):
    """The institution a ministry focal point speaks for in `process`, or None for anyone else."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(user=user, process=process, is_active=True, role=Role.MINISTRY)
        .select_related("institution")
        .first()
    )
    return membership.institution if membership and membership.institution_id else None


def _narrow_proposers(user, queryset):
    """Records of the processes in which the person is an active ministry focal point for an institution."""
    processes = Membership.objects.filter(
        user=user, role=Role.MINISTRY, is_active=True, institution__isnull=False
    ).values("process")
    field = "pk" if queryset.model is Process else "process"
    return queryset.filter(**{f"{field}__in": processes})


@rule(PROPOSE, narrow=_narrow_proposers)
def can_propose(request_or_user, obj) -> bool:
    """A ministry focal point speaking for an institution proposes activities (for its sectors)."""
    user = getattr(request_or_user, "user", request_or_user)
    return proposing_institution(user=user, process=process_of(obj)) is not None


@rule(DECIDE, narrow=core.narrow_by(core.MANAGE_PROCESS))
def can_decide(request_or_user, activity) -> bool:
    """The NFP accepts a ministry's proposal into the plan, or declines it."""
    return _manages(request_or_user, activity)


@rule(SCORE)
def can_score(request_or_user, obj) -> bool:
    """
    Whether the person scores candidate priorities. The handbook gives the agreement on priorities to the national
    migration-and-development committee (the inter-ministerial one), so the scorers are its members as the
    application knows them: the NFP, who convenes it, and the ministry focal points whose institution holds an
    active seat on the process's national committee. The facilitator advises and comments but does not score;
    the consultative committee (civil society, partners) is consulted on the result, it does not score; nor do
    development partners. One query for a ministry focal point, none for the NFP.
    """
    process = process_of(obj)
    if _manages(request_or_user, process):
        return True
    user = getattr(request_or_user, "user", request_or_user)
    seated = CommitteeMember.objects.filter(
        committee__process=process,
        committee__kind=CommitteeKind.NATIONAL,
        is_active=True,
        institution__memberships__user=user,
        institution__memberships__role=Role.MINISTRY,
        institution__memberships__process=process,
        institution__memberships__is_active=True,
    )
    return seated.exists()


def grant_responsible(activity) -> None:
    if activity.responsible_id:
        core.grant_to_institution(UPDATE_ACTIVITY, activity.responsible, activity)


def revoke_responsible(activity, institution) -> None:
    core.revoke_from_institution(UPDATE_ACTIVITY, institution, activity)
