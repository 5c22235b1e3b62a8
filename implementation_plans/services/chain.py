"""
The results chain, written by the NFP: outcomes under a goal, outputs under an outcome, activities under an
output, and the risks of outcomes and outputs. Items are reordered, moved within the chain and copied; a
programme experience of the catalogue is copied into the plan as a draft output with its activities.

Every change to the plan's content goes through open_for_editing first: a plan in review or endorsed cannot
change, and a change to a published plan starts a new draft.

Two kinds of writes come from the ministries and follow their own rules:

* A progress update (status and dates) of an activity, by the focal points of its responsible institution (the
  guardian permission `update_activity`, granted to the institution's group and moved when the responsible
  institution changes). It reports on implementation rather than rewriting the plan, so it does *not* go
  through open_for_editing: a published plan that is being implemented keeps accepting status updates and stays
  published (the version development partners read is a frozen snapshot, which no update touches). While the
  plan is in review or endorsed its dates are what the committee is deciding on, so dates are refused then;
  the status is always accepted.
* A proposal: a ministry focal point proposes an activity under an output for one of its institution's sectors.
  It waits, "proposed", outside the plan's totals, until the NFP accepts it (a change to the plan, so through
  open_for_editing) or declines it with a reason (no change to the plan). Proposing does not touch the plan.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from implementation_plans import permissions
from implementation_plans.choices import ActivityStatus, ProposalStatus
from implementation_plans.models import Activity, Goal, Outcome, Output, Plan, ProgrammeExample, Risk
from implementation_plans.permissions import proposing_institution
from implementation_plans.services.base import check_deletable, require_editing
from implementation_plans.workflows import PROPOSAL
from mainstreaming import permissions as core_permissions
from mainstreaming.models import Institution
from mainstreaming.services import change_reason, delete_audited, position_in, required_reason, save_audited

OUTCOME_FIELDS = ("title", "assumptions", "priority")
OUTPUT_FIELDS = ("title", "assumptions")
ACTIVITY_FIELDS = (
    "title",
    "description",
    "responsible",
    "partners",
    "starts_on",
    "ends_on",
    "is_national",
    "region",
    "target_group",
    "sector",
    "status",
)
PROPOSAL_FIELDS = (
    "title",
    "description",
    "partners",
    "starts_on",
    "ends_on",
    "is_national",
    "region",
    "target_group",
    "proposal_note",
)
RISK_FIELDS = ("description", "likelihood", "impact", "mitigation")

UP, DOWN = "up", "down"


# ---------------------------------------------------------------------------
# Outcomes
# ---------------------------------------------------------------------------


@transaction.atomic
def outcome_create(*, actor, goal: Goal, **data) -> Outcome:
    """Add an outcome under a goal, last among its outcomes, optionally delivering one of the goal's priorities."""
    require_editing(actor, goal.process)
    _check_fields("outcome_create", data, OUTCOME_FIELDS)
    outcome = Outcome(process_id=goal.process_id, goal=goal, position=position_in(goal.outcomes), **data)
    _check_outcome(outcome)
    save_audited(outcome, actor=actor, code="outcome.created")
    return outcome


@transaction.atomic
def outcome_update(*, actor, outcome: Outcome, data: Mapping, reason: str = "") -> Outcome:
    require_editing(actor, outcome.process)
    _check_fields("outcome_update", data, OUTCOME_FIELDS)
    if not _apply(outcome, data):
        return outcome
    _check_outcome(outcome)
    save_audited(outcome, actor=actor, code="outcome.updated", reason=reason)
    return outcome


@transaction.atomic
def outcome_delete(*, actor, outcome: Outcome, reason: str) -> None:
    """Remove an outcome with its outputs, their activities (with their budget lines and funding) and the risks."""
    require_editing(actor, outcome.process)
    reason = required_reason(reason)
    check_deletable(outcome, *outcome.outputs.all())
    for output in outcome.outputs.all():
        _delete_output_tree(output, actor=actor, reason=reason, code="output.deleted_with_outcome")
    for risk in outcome.risks.all():
        delete_audited(risk, actor=actor, code="risk.deleted_with_outcome", reason=reason)
    delete_audited(outcome, actor=actor, code="outcome.deleted", reason=reason)


def _check_outcome(outcome: Outcome) -> None:
    if outcome.priority is not None and outcome.priority.goal_id != outcome.goal_id:
        raise ValidationError({"priority": _("Choose a priority of this outcome's goal.")})


# ---------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------


@transaction.atomic
def output_create(*, actor, outcome: Outcome, **data) -> Output:
    require_editing(actor, outcome.process)
    _check_fields("output_create", data, OUTPUT_FIELDS)
    output = Output(process_id=outcome.process_id, outcome=outcome, position=position_in(outcome.outputs), **data)
    save_audited(output, actor=actor, code="output.created")
    return output


@transaction.atomic
def output_update(*, actor, output: Output, data: Mapping, reason: str = "") -> Output:
    require_editing(actor, output.process)
    _check_fields("output_update", data, OUTPUT_FIELDS)
    if _apply(output, data):
        save_audited(output, actor=actor, code="output.updated", reason=reason)
    return output


@transaction.atomic
def output_delete(*, actor, output: Output, reason: str) -> None:
    """Remove an output with its activities (with their budget lines and funding) and its risks."""
    require_editing(actor, output.process)
    reason = required_reason(reason)
    check_deletable(output)
    _delete_output_tree(output, actor=actor, reason=reason, code="output.deleted")


def _delete_output_tree(output: Output, *, actor, reason: str, code: str) -> None:
    for activity in output.activities.all():
        _delete_activity_tree(activity, actor=actor, reason=reason, code="activity.deleted_with_output")
    for risk in output.risks.all():
        delete_audited(risk, actor=actor, code="risk.deleted_with_output", reason=reason)
    delete_audited(output, actor=actor, code=code, reason=reason)


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


@transaction.atomic
def activity_create(*, actor, output: Output, partners: Iterable[Institution] = (), **data) -> Activity:
    """
    Add an activity to an output, last among its activities. The responsible institution's focal points get the
    right to update its status and dates.
    """
    require_editing(actor, output.process)
    _check_fields("activity_create", data, ACTIVITY_FIELDS)
    activity = Activity(process_id=output.process_id, output=output, position=position_in(output.activities), **data)
    _check_activity(activity, partners)
    save_audited(activity, actor=actor, code="activity.created")
    _set_partners(activity, partners, actor=actor)
    permissions.grant_responsible(activity)
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, data: Mapping, reason: str = "") -> Activity:
    """
    Change any field of an activity (the NFP). A new responsible institution takes over the right to update its
    status and dates: the permission is revoked from the old institution's group and granted to the new one's.
    """
    require_editing(actor, activity.process)
    _check_fields("activity_update", data, ACTIVITY_FIELDS)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    data = dict(data)
    partners = data.pop("partners", None)
    old_responsible = activity.responsible
    changed = _apply(activity, data)
    partners_changed = partners is not None and {p.pk for p in partners} != set(
        activity.partners.values_list("pk", flat=True)
    )
    if not changed and not partners_changed:
        return activity
    _check_activity(activity, partners if partners is not None else activity.partners.all())
    responsible_changed = activity.responsible_id != (old_responsible.pk if old_responsible else None)
    code = "activity.responsible_changed" if responsible_changed else "activity.updated"
    if changed:
        save_audited(activity, actor=actor, code=code, reason=reason)
    if partners_changed:
        _set_partners(activity, partners, actor=actor, reason=reason)
    if responsible_changed and activity.is_accepted:
        _move_grant(activity, old_responsible)
    return activity


@transaction.atomic
def activity_progress_update(
    *, actor, activity: Activity, status: str, starts_on=None, ends_on=None, note: str = ""
) -> Activity:
    """
    Record where an activity stands and its current dates: the NFP, or the focal points of its responsible
    institution. No other field changes. Accepted in every state of the plan, never starting a new draft (see the
    module's docstring); the dates only while the plan is not in review or endorsed.
    """
    core_permissions.require(actor, permissions.UPDATE, activity)
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if not activity.is_accepted:
        raise ValidationError(_("Only an activity accepted into the plan has a status to update."))
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    dates_changed = (activity.starts_on, activity.ends_on) != (starts_on, ends_on)
    if dates_changed and Plan.objects.filter(process=activity.process_id).frozen().exists():
        raise ValidationError(
            {
                "starts_on": _(
                    "The plan is in review or endorsed: its dates cannot change until it is returned to draft. "
                    "You can still update the status."
                )
            }
        )
    if activity.status == status and not dates_changed:
        return activity
    code = f"activity.{status}" if activity.status != status else "activity.rescheduled"
    activity.status, activity.starts_on, activity.ends_on = status, starts_on, ends_on
    save_audited(activity, actor=actor, code=code, reason=note)
    return activity


@transaction.atomic
def activity_delete(*, actor, activity: Activity, reason: str) -> None:
    """Remove an activity with its budget lines and funding, saying why; the history keeps them all."""
    require_editing(actor, activity.process)
    _delete_activity_tree(activity, actor=actor, reason=required_reason(reason), code="activity.deleted")


def _delete_activity_tree(activity: Activity, *, actor, reason: str, code: str) -> None:
    for line in activity.budget_lines.all():
        delete_audited(line, actor=actor, code="budget_line.deleted_with_activity", reason=reason)
    for funding in activity.funding.all():
        delete_audited(funding, actor=actor, code="funding.deleted_with_activity", reason=reason)
    if activity.responsible_id:
        permissions.revoke_responsible(activity, activity.responsible)
    delete_audited(activity, actor=actor, code=code, reason=reason)


def _check_activity(activity: Activity, partners) -> None:
    errors = {}
    process_id = activity.process_id
    if activity.responsible is not None and activity.responsible.process_id != process_id:
        errors["responsible"] = _("Choose an institution of this process.")
    if any(partner.process_id != process_id for partner in partners):
        errors["partners"] = _("Choose institutions of this process.")
    if not activity.is_national:
        activity.region = (activity.region or "").strip()
    else:
        activity.region = ""
    if errors:
        raise ValidationError(errors)


def _set_partners(activity: Activity, partners, *, actor, reason: str = "") -> None:
    partners = list(partners or ())
    if not partners and not activity.partners.exists():
        return
    activity._history_user = actor
    activity._change_reason = change_reason("activity.partners_changed", reason)
    activity.partners.set(partners)


def _move_grant(activity: Activity, old_responsible: Institution | None) -> None:
    """The one permission helper, as stakeholders moves an action point's: revoke from the old, grant the new."""
    if old_responsible is not None:
        permissions.revoke_responsible(activity, old_responsible)
    permissions.grant_responsible(activity)


# ---------------------------------------------------------------------------
# Ministries' proposals
# ---------------------------------------------------------------------------


@transaction.atomic
def activity_propose(*, actor, output: Output, sector, partners: Iterable[Institution] = (), **data) -> Activity:
    """
    A ministry focal point proposes an activity under an output, for one of its institution's sectors. Their
    institution is responsible for it. It waits, "proposed", for the NFP to accept or decline it, outside the
    plan's totals; proposing does not change the plan (and so is open whatever the plan's state).
    """
    core_permissions.require(actor, permissions.PROPOSE, output)
    institution = proposing_institution(user=actor, process=output.process)
    _check_fields("activity_propose", data, PROPOSAL_FIELDS)
    if sector is None or not institution.sectors.filter(pk=sector.pk).exists():
        raise ValidationError({"sector": _("Choose one of your institution's sectors.")})
    activity = Activity(
        process_id=output.process_id,
        output=output,
        responsible=institution,
        proposed_by=institution,
        sector=sector,
        proposal_status=ProposalStatus.PROPOSED,
        position=position_in(output.activities),
        **data,
    )
    if not (activity.proposal_note or "").strip():
        raise ValidationError({"proposal_note": _("Say why the plan needs this activity.")})
    _check_activity(activity, partners)
    save_audited(activity, actor=actor, code="activity.proposed")
    _set_partners(activity, partners, actor=actor)
    return activity


@transaction.atomic
def activity_accept(*, actor, activity: Activity, note: str = "") -> Activity:
    """The NFP accepts a proposal into the plan: its responsible institution may then update its status and dates."""
    return PROPOSAL.perform(actor, activity, "accept", reason=note)


@transaction.atomic
def activity_decline(*, actor, activity: Activity, reason: str) -> Activity:
    """The NFP declines a proposal, saying why: the proposing ministry reads the reason on the activity's page."""
    return PROPOSAL.perform(actor, activity, "decline", reason=reason)


# ---------------------------------------------------------------------------
# Risks
# ---------------------------------------------------------------------------


@transaction.atomic
def risk_create(*, actor, outcome: Outcome | None = None, output: Output | None = None, **data) -> Risk:
    """Record a risk to an outcome or to an output (one of them), with its likelihood, impact and mitigation."""
    parent = outcome or output
    if parent is None or (outcome is not None and output is not None):
        raise TypeError("risk_create() needs exactly one of outcome and output")
    require_editing(actor, parent.process)
    _check_fields("risk_create", data, RISK_FIELDS)
    risk = Risk(process_id=parent.process_id, outcome=outcome, output=output, **data)
    save_audited(risk, actor=actor, code="risk.created")
    return risk


@transaction.atomic
def risk_update(*, actor, risk: Risk, data: Mapping, reason: str = "") -> Risk:
    require_editing(actor, risk.process)
    _check_fields("risk_update", data, RISK_FIELDS)
    if _apply(risk, data):
        save_audited(risk, actor=actor, code="risk.updated", reason=reason)
    return risk


@transaction.atomic
def risk_delete(*, actor, risk: Risk, reason: str) -> None:
    require_editing(actor, risk.process)
    delete_audited(risk, actor=actor, code="risk.deleted", reason=required_reason(reason))


# ---------------------------------------------------------------------------
# Reorder, move, copy
# ---------------------------------------------------------------------------


def _siblings(item):
    """The items `item` is ordered among: a goal's outcomes, an outcome's outputs, an output's activities."""
    if isinstance(item, Outcome):
        return Outcome.objects.filter(goal_id=item.goal_id).order_by("position", "created", "pk")
    if isinstance(item, Output):
        return Output.objects.filter(outcome_id=item.outcome_id).order_by("position", "created", "pk")
    if isinstance(item, Activity):
        return Activity.objects.filter(output_id=item.output_id).order_by("position", "created", "pk")
    raise TypeError(f"cannot reorder {type(item).__name__}")


@transaction.atomic
def chain_item_reorder(*, actor, item, direction: str = "", position: int | None = None):
    """
    Move an outcome, output or activity one place up or down among its siblings, or to a position (1 is first).
    The siblings are renumbered 0, 1, 2 ... so that the order is explicit afterwards; only the rows whose position
    changes are saved, each with the reason "<kind>.reordered".
    """
    require_editing(actor, item.process)
    siblings = list(_siblings(item).select_for_update())
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    if position is not None:
        target = min(max(int(position), 1), len(siblings)) - 1
    elif direction == UP:
        target = max(index - 1, 0)
    elif direction == DOWN:
        target = min(index + 1, len(siblings) - 1)
    else:
        raise ValidationError({"direction": _("Say whether to move it up or down, or give its new position.")})
    moved = siblings.pop(index)
    siblings.insert(target, moved)
    kind = type(item).__name__.lower()
    for number, sibling in enumerate(siblings):
        if sibling.position != number:
            sibling.position = number
            save_audited(sibling, actor=actor, code=f"{kind}.reordered", validate=False, update_fields=["position"])
    return moved


@transaction.atomic
def outcome_move(*, actor, outcome: Outcome, goal: Goal, reason: str = "") -> Outcome:
    """Move an outcome under another goal of the process, last among its outcomes; a priority of the old goal goes."""
    require_editing(actor, outcome.process)
    if goal.process_id != outcome.process_id:
        raise ValidationError({"target": _("Choose a goal of this process.")})
    if goal.pk == outcome.goal_id:
        return outcome
    outcome.goal = goal
    outcome.position = position_in(goal.outcomes)
    if outcome.priority_id and outcome.priority.goal_id != goal.pk:
        outcome.priority = None
    save_audited(outcome, actor=actor, code="outcome.moved", reason=reason)
    return outcome


@transaction.atomic
def output_move(*, actor, output: Output, outcome: Outcome, reason: str = "") -> Output:
    """Move an output, with its activities and risks, under another outcome of the process, last among its outputs."""
    require_editing(actor, output.process)
    if outcome.process_id != output.process_id:
        raise ValidationError({"target": _("Choose an outcome of this process.")})
    if outcome.pk == output.outcome_id:
        return output
    output.outcome = outcome
    output.position = position_in(outcome.outputs)
    save_audited(output, actor=actor, code="output.moved", reason=reason)
    return output


@transaction.atomic
def activity_move(*, actor, activity: Activity, output: Output, reason: str = "") -> Activity:
    """Move an activity, with its budget lines and funding, under another output of the process."""
    require_editing(actor, activity.process)
    if output.process_id != activity.process_id:
        raise ValidationError({"target": _("Choose an output of this process.")})
    if output.pk == activity.output_id:
        return activity
    activity.output = output
    activity.position = position_in(output.activities)
    save_audited(activity, actor=actor, code="activity.moved", reason=reason)
    return activity


def _copy_title(title: str, limit: int | None = None) -> str:
    suffix = " " + _("(copy)")
    if limit is not None and len(title) + len(suffix) > limit:
        title = title[: limit - len(suffix)].rstrip()
    return title + suffix


@transaction.atomic
def outcome_copy(*, actor, outcome: Outcome) -> Outcome:
    """
    Copy an outcome, with its risks, its outputs and their risks and accepted activities, as a draft to rework:
    titled "(copy)", last among the goal's outcomes, activities set back to planned. Budget lines and funding
    are not copied, so that no cost is counted twice.
    """
    require_editing(actor, outcome.process)
    copy = Outcome(
        process_id=outcome.process_id,
        goal_id=outcome.goal_id,
        priority_id=outcome.priority_id,
        title=_copy_title(outcome.title),
        assumptions=outcome.assumptions,
        position=position_in(Outcome.objects.filter(goal_id=outcome.goal_id)),
    )
    save_audited(copy, actor=actor, code="outcome.copied", reason=_from(outcome))
    _copy_risks(outcome.risks.all(), actor=actor, outcome=copy)
    for output in outcome.outputs.all():
        _copy_output(output, actor=actor, outcome=copy, title=output.title)
    return copy


@transaction.atomic
def output_copy(*, actor, output: Output) -> Output:
    """Copy an output, with its risks and accepted activities, as a draft "(copy)" under the same outcome."""
    require_editing(actor, output.process)
    return _copy_output(output, actor=actor, outcome=output.outcome, title=_copy_title(output.title))


@transaction.atomic
def activity_copy(*, actor, activity: Activity) -> Activity:
    """Copy an accepted activity as a draft "(copy)" under the same output: planned again, without money."""
    require_editing(actor, activity.process)
    if not activity.is_accepted:
        raise ValidationError(_("Only an activity accepted into the plan can be copied."))
    return _copy_activity(activity, actor=actor, output=activity.output, title=_copy_title(activity.title, 300))


def _copy_output(output: Output, *, actor, outcome: Outcome, title: str) -> Output:
    copy = Output(
        process_id=output.process_id,
        outcome=outcome,
        title=title,
        assumptions=output.assumptions,
        copied_from_id=output.copied_from_id,
        position=position_in(Output.objects.filter(outcome=outcome)),
    )
    save_audited(copy, actor=actor, code="output.copied", reason=_from(output))
    _copy_risks(output.risks.all(), actor=actor, output=copy)
    for activity in output.activities.filter(proposal_status=ProposalStatus.ACCEPTED).prefetch_related("partners"):
        _copy_activity(activity, actor=actor, output=copy, title=activity.title)
    return copy


def _copy_activity(activity: Activity, *, actor, output: Output, title: str) -> Activity:
    copy = Activity(
        process_id=activity.process_id,
        output=output,
        title=title,
        description=activity.description,
        responsible_id=activity.responsible_id,
        starts_on=activity.starts_on,
        ends_on=activity.ends_on,
        is_national=activity.is_national,
        region=activity.region,
        target_group=activity.target_group,
        sector_id=activity.sector_id,
        status=ActivityStatus.PLANNED,
        position=position_in(Activity.objects.filter(output=output)),
    )
    save_audited(copy, actor=actor, code="activity.copied", reason=_from(activity))
    _set_partners(copy, list(activity.partners.all()), actor=actor)
    permissions.grant_responsible(copy)
    return copy


def _copy_risks(risks, *, actor, outcome=None, output=None) -> None:
    for risk in risks:
        copy = Risk(
            process_id=risk.process_id,
            outcome=outcome,
            output=output,
            description=risk.description,
            likelihood=risk.likelihood,
            impact=risk.impact,
            mitigation=risk.mitigation,
        )
        save_audited(copy, actor=actor, code="risk.copied")


def _from(item) -> str:
    return _("copied from #%(pk)s") % {"pk": item.pk}


# ---------------------------------------------------------------------------
# The catalogue of programme experiences
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateUse:
    output: Output
    activities: list[Activity]


@transaction.atomic
def programme_example_use(*, actor, example: ProgrammeExample, outcome: Outcome) -> TemplateUse:
    """
    Use a programme experience as a template: a draft output under the outcome the NFP chose, titled after the
    experience and remembering where it came from, with one planned activity per template activity (with its
    target group and the experience's sector). The NFP then adapts it to the country. The draft is written in the
    language the NFP works in: the experience's translation when it has one, as the assumptions' sentence is.
    """
    require_editing(actor, outcome.process)
    title = example.localized("title")
    assumptions = _("Adapted from the programme experience “%(title)s” (%(countries)s, %(span)s).") % {
        "title": title,
        "countries": example.localized("countries"),
        "span": example.localized("time_span"),
    }
    output = Output(
        process_id=outcome.process_id,
        outcome=outcome,
        title=title,
        assumptions=assumptions,
        copied_from=example,
        position=position_in(outcome.outputs),
    )
    save_audited(output, actor=actor, code="output.from_template", reason=example.code)
    activities = []
    rows = example.localized("template_activities") or [
        {"title": example.localized("activity")[:300], "target_group": example.localized("target_group")}
    ]
    for position, row in enumerate(rows):
        activity = Activity(
            process_id=outcome.process_id,
            output=output,
            title=str(row.get("title", ""))[:300] or title,
            description=str(row.get("description", "")),
            target_group=str(row.get("target_group", ""))[:300],
            sector_id=example.sector_id,
            position=position,
        )
        save_audited(activity, actor=actor, code="activity.from_template", reason=example.code)
        activities.append(activity)
    return TemplateUse(output=output, activities=activities)


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _check_fields(name: str, data: Mapping, allowed) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{name}() got unexpected fields: {sorted(unknown)}")


def _apply(obj, data: Mapping) -> bool:
    """Set the fields that change; whether any did."""
    changed = False
    for name, value in data.items():
        field = obj._meta.get_field(name)
        current = getattr(obj, field.attname)
        new = value.pk if field.is_relation and value is not None and hasattr(value, "pk") else value
        if current != new:
            setattr(obj, name, value)
            changed = True
    return changed
