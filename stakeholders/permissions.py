"""
Who may do what in the institutional set-up and consultation phases, in one place.

* The NFP manages everything: services require the core's `manage_process` rule on the process or the record.
* Ministry focal points read it all (view_internal); the focal points of an action point's owner institution may
  update its status (`actionpoint.update`): a guardian permission granted to that institution's group, moved
  when the owner changes.
* The facilitator reads everything and comments (review_process); development partners see none of it, only the
  published PDF report.

The named rules below are declared once here and used by the services (`permissions.require`), the views (their
`rule`), the workflow tables (stakeholders.workflows) and the selectors that list (`.restrict(actor, rule)`).
"""

from django.db.models import Q

from mainstreaming import permissions as core
from mainstreaming.permissions import rule

UPDATE_ACTION_POINT = "update_status_actionpoint"

# Rule names.
ACTION_POINT_UPDATE = "actionpoint.update"
ACTION_POINT_OWNED = "actionpoint.owned"
FOCAL_POINT_REQUEST_MANAGE = "focalpointrequest.manage"
MEETING_MANAGE = "meeting.manage"


def _manages(request_or_user, record) -> bool:
    return core.has_perm(request_or_user, core.MANAGE_PROCESS, core.process_of(record))


# The records of the processes the person manages (the NFP's).
_narrow_to_managed = core.narrow_by(core.MANAGE_PROCESS)


def _narrow_action_points(user, queryset):
    """The action points of the processes the person manages, and those their institution's group was granted."""
    if user.is_superuser:
        return queryset
    managed = core.processes_holding(user, core.MANAGE_PROCESS)
    owned = queryset.model.objects.holding(user, UPDATE_ACTION_POINT).values("pk")
    return queryset.filter(Q(process__in=managed) | Q(pk__in=owned))


@rule(ACTION_POINT_UPDATE, narrow=_narrow_action_points)
def can_update_action_point(request_or_user, action_point) -> bool:
    """The NFP, or the focal points of the institution that owns the action point."""
    return _manages(request_or_user, action_point) or core.has_perm(request_or_user, UPDATE_ACTION_POINT, action_point)


@rule(
    ACTION_POINT_OWNED,
    narrow=lambda user, queryset: queryset.filter(pk__in=queryset.model.objects.holding(user, UPDATE_ACTION_POINT)),
)
def owns_action_point(request_or_user, action_point) -> bool:
    """The focal points of the institution that owns the action point: the people it waits for."""
    return core.has_perm(request_or_user, UPDATE_ACTION_POINT, action_point)


@rule(FOCAL_POINT_REQUEST_MANAGE, narrow=_narrow_to_managed)
def can_manage_focal_point_request(request_or_user, focal_point_request) -> bool:
    """The NFP answers (records the designation) and cancels the requests it sent."""
    return _manages(request_or_user, focal_point_request)


@rule(MEETING_MANAGE, narrow=_narrow_to_managed)
def can_manage_meeting(request_or_user, meeting) -> bool:
    """The NFP plans meetings, records them as held or cancels them."""
    return _manages(request_or_user, meeting)


# ---------------------------------------------------------------------------
# Grants (called from services only)
# ---------------------------------------------------------------------------


def grant_action_point_owner(action_point) -> None:
    core.grant_to_institution(UPDATE_ACTION_POINT, action_point.owner, action_point)


def revoke_action_point_owner(action_point, institution) -> None:
    core.revoke_from_institution(UPDATE_ACTION_POINT, institution, action_point)
