"""
The steps of the institutional set-up phase's records, one table per kind (mainstreaming.workflow):

* a focal-point request is answered by a designation or cancelled, by the NFP;
* a committee meeting is planned, then held or cancelled (and may be planned again), by the NFP;
* an action point is open, in progress, done or cancelled: the NFP or the owner institution's focal points set
  where it stands, with a progress note (the note is the step's reason in the history). Every status can be
  reached from every other, as the status form has always allowed; the steps out of an open action point
  ("start", "complete") are the ones that wait for someone, the others correct a closed one.

A form that sets a status rather than naming a step finds the step with `step_between(table, source, target)`.

Services take every step through `WORKFLOW.perform(actor, record, name, reason=...)`; views ask the record
(`record.actions_for(user)`, `record.can(user, name)`).
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mainstreaming import workflow
from mainstreaming.workflow import Transition, Workflow
from stakeholders import permissions
from stakeholders.choices import ActionStatus, MeetingStatus, RequestStatus
from stakeholders.models import ActionPoint, FocalPointRequest, Meeting

# ---------------------------------------------------------------------------
# Focal-point requests
# ---------------------------------------------------------------------------

FOCAL_POINT_REQUEST = workflow.register(
    Workflow(
        FocalPointRequest,
        Transition(
            "designate",
            _("Record the designation"),
            sources=[RequestStatus.OPEN],
            target=RequestStatus.DESIGNATED,
            rule=permissions.FOCAL_POINT_REQUEST_MANAGE,
            audit_code="focal_point_request.designated",
            status_message=_("This request has already been answered or cancelled."),
        ),
        Transition(
            "cancel",
            _("Cancel the request"),
            sources=[RequestStatus.OPEN],
            target=RequestStatus.CANCELLED,
            rule=permissions.FOCAL_POINT_REQUEST_MANAGE,
            audit_code="focal_point_request.cancelled",
            reason_required=True,
            reason_message=_("Say why the request is cancelled; the reason is kept in the history."),
            status_message=_("Only a request awaiting an answer can be cancelled."),
            style="danger",
            todo=False,
        ),
        due_field="due_on",
        select_related=("institution",),
    )
)


# ---------------------------------------------------------------------------
# Committee meetings
# ---------------------------------------------------------------------------


def not_held_after_today(meeting: Meeting) -> None:
    if meeting.held_on and meeting.held_on > timezone.localdate():
        raise ValidationError({"status": _("A meeting cannot have been held after today; keep it planned.")})


MEETING = workflow.register(
    Workflow(
        Meeting,
        Transition(
            "hold",
            _("Record as held"),
            sources=[MeetingStatus.PLANNED],
            target=MeetingStatus.HELD,
            rule=permissions.MEETING_MANAGE,
            audit_code="meeting.held",
            guard=not_held_after_today,
        ),
        Transition(
            "cancel",
            _("Cancel the meeting"),
            sources=[MeetingStatus.PLANNED, MeetingStatus.HELD],
            target=MeetingStatus.CANCELLED,
            rule=permissions.MEETING_MANAGE,
            audit_code="meeting.cancelled",
            style="danger",
            todo=False,
        ),
        Transition(
            "plan",
            _("Plan again"),
            sources=[MeetingStatus.HELD, MeetingStatus.CANCELLED],
            target=MeetingStatus.PLANNED,
            rule=permissions.MEETING_MANAGE,
            audit_code="meeting.planned",
            style="secondary",
            todo=False,
        ),
        # A meeting recorded as cancelled that took place after all.
        Transition(
            "hold_after_all",
            _("Record as held"),
            sources=[MeetingStatus.CANCELLED],
            target=MeetingStatus.HELD,
            rule=permissions.MEETING_MANAGE,
            audit_code="meeting.held",
            guard=not_held_after_today,
            style="secondary",
            todo=False,
        ),
        due_field="held_on",
        select_related=("committee",),
    )
)


# ---------------------------------------------------------------------------
# Action points
# ---------------------------------------------------------------------------


def keep_note(action_point: ActionPoint, actor, note: str) -> None:
    action_point.status_note = note


OPEN, IN_PROGRESS, DONE, CANCELLED = (
    ActionStatus.OPEN,
    ActionStatus.IN_PROGRESS,
    ActionStatus.DONE,
    ActionStatus.CANCELLED,
)


def _action_point_step(
    name: str, label, sources, target: str, style: str = "primary", todo: bool = False
) -> Transition:
    return Transition(
        name,
        label,
        sources=sources,
        target=target,
        rule=permissions.ACTION_POINT_UPDATE,
        audit_code=f"action_point.{str(target)}",
        effects=keep_note,
        style=style,
        todo=todo,
        waiting_for=permissions.ACTION_POINT_OWNED,
    )


# The focal points may set any status from any other (the form offers them all), with a progress note: the steps
# out of an open or in-progress action point come first; the others correct a closed one.
ACTION_POINT = workflow.register(
    Workflow(
        ActionPoint,
        _action_point_step("start", _("Mark as in progress"), [OPEN], IN_PROGRESS, todo=True),
        _action_point_step("complete", _("Mark as done"), [OPEN, IN_PROGRESS], DONE, todo=True),
        _action_point_step("cancel", _("Cancel the action point"), [OPEN, IN_PROGRESS], CANCELLED, "danger"),
        _action_point_step("reopen", _("Reopen"), [IN_PROGRESS, DONE, CANCELLED], OPEN, "secondary"),
        _action_point_step("resume", _("Mark as in progress"), [DONE, CANCELLED], IN_PROGRESS, "secondary"),
        _action_point_step("withdraw", _("Cancel the action point"), [DONE], CANCELLED, "danger"),
        _action_point_step("complete_after_all", _("Mark as done"), [CANCELLED], DONE, "secondary"),
        due_field="due_on",
    )
)


def step_between(workflow_table: Workflow, source: str, target: str) -> str:
    """The name of the step that takes a record from `source` to `target` (the forms that set a status name it)."""
    for transition in workflow_table.transitions:
        if transition.target == target and transition.starts_from(source):
            return transition.name
    raise ValueError(f"{workflow_table.model.__name__}: no step from {source!r} to {target!r}.")
