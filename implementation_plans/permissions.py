"""
Who may do what with goals, priorities and the implementation plan, in one place.

* The NFP edits the plan: goals, priorities, targets, the results chain, budget and funding, the narrative, and
  takes it through review, endorsement and publication (the core's manage_process).
* A ministry focal point updates the status and dates of the activities its institution is responsible for (the
  guardian permission `update_activity`, granted to the responsible institution's group and moved with it), and
  proposes activities for its sectors, which the NFP accepts or declines.
* Committee members score candidate priorities while the plan is a draft: the NFP, and the focal points of
  institutions holding a seat on the national committee (see services.goals.can_score).
* The facilitator reads everything and comments (review_process). Development partners read the published
  version of the plan only.
"""

from mainstreaming import permissions as core

UPDATE_ACTIVITY = "update_activity"


def can_manage(request_or_user, process) -> bool:
    return core.has_perm(request_or_user, core.MANAGE_PROCESS, process)


def can_read_drafts(request_or_user, process) -> bool:
    """The plan as it is being written: everyone who sees internal work (not development partners)."""
    return core.has_perm(request_or_user, core.VIEW_INTERNAL, process)


def can_update_activity(request_or_user, activity) -> bool:
    """The NFP, or the focal points of the activity's responsible institution."""
    return can_manage(request_or_user, activity.process) or core.has_perm(request_or_user, UPDATE_ACTIVITY, activity)


def grant_responsible(activity) -> None:
    if activity.responsible_id:
        core.grant_to_institution(UPDATE_ACTIVITY, activity.responsible, activity)


def revoke_responsible(activity, institution) -> None:
    core.revoke_from_institution(UPDATE_ACTIVITY, institution, activity)
