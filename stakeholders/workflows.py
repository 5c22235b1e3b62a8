"""
The steps of the institutional set-up phase's records, one table per kind (mainstreaming.workflow):

* a focal-point request is answered by a designation or cancelled, by the NFP;
* a committee meeting is planned, then held or cancelled (and may be planned again), by the NFP;
* an action point is open, in progress, done or cancelled: the NFP or the owner institution's focal points set
  where it stands, from any status, with a progress note (the note is the step's reason in the history).

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
        ),
        due_field="due_on",
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
            sources=[MeetingStatus.PLANNED, MeetingStatus.CANCELLED],
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
        ),
        Transition(
            "plan",
            _("Plan again"),
            sources=[MeetingStatus.HELD, MeetingStatus.CANCELLED],
            target=MeetingStatus.PLANNED,
            rule=permissions.MEETING_MANAGE,
            audit_code="meeting.planned",
            style="secondary",
        ),
        due_field="held_on",
    )
)

# The meeting form sets a status; this is the step that leads to it.
MEETING_STEP_TO = {transition.target: transition.name for transition in MEETING.transitions}


# ---------------------------------------------------------------------------
# Action points
# ---------------------------------------------------------------------------


def keep_note(action_point: ActionPoint, actor, note: str) -> None:
    action_point.status_note = note


def _set_status(status: ActionStatus, label, style: str = "primary") -> Transition:
    """Setting an action point's status: from any status (the same one again updates the progress note)."""
    return Transition(
        str(status),
        label,
        sources=list(ActionStatus.values),
        target=status,
        rule=permissions.ACTION_POINT_UPDATE,
        audit_code=f"action_point.{str(status)}",
        effects=keep_note,
        style=style,
    )


ACTION_POINT = workflow.register(
    Workflow(
        ActionPoint,
        _set_status(ActionStatus.OPEN, _("Reopen"), "secondary"),
        _set_status(ActionStatus.IN_PROGRESS, _("Mark as in progress")),
        _set_status(ActionStatus.DONE, _("Mark as done")),
        _set_status(ActionStatus.CANCELLED, _("Cancel the action point"), "danger"),
        due_field="due_on",
    )
)
