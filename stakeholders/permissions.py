"""
Who may do what in the institutional set-up and consultation phases, in one place.

* The NFP manages everything (the core's manage_process on the process).
* Ministry focal points read it all (view_internal); the focal points of an action point's owner institution may
  update its status: a guardian permission granted to that institution's group, moved when the owner changes.
* The facilitator reads everything and comments (review_process); development partners see none of it, only the
  published PDF report.
"""

from mainstreaming import permissions as core

UPDATE_ACTION_POINT = "update_status_actionpoint"


def can_manage(request_or_user, process) -> bool:
    return core.has_perm(request_or_user, core.MANAGE_PROCESS, process)


def can_update_action_point(request_or_user, action_point) -> bool:
    """The NFP, or the focal points of the institution that owns the action point."""
    return can_manage(request_or_user, action_point.process) or core.has_perm(
        request_or_user, UPDATE_ACTION_POINT, action_point
    )


def grant_action_point_owner(action_point) -> None:
    core.grant_to_institution(UPDATE_ACTION_POINT, action_point.owner, action_point)


def revoke_action_point_owner(action_point, institution) -> None:
    core.revoke_from_institution(UPDATE_ACTION_POINT, institution, action_point)
