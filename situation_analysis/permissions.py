"""
Who may do what with the sector checklists' assignments and answers, in one place.

* The NFP assigns checklists and manages everything else of the analysis (the core's manage_process).
* The lead institution's focal points answer and submit: the guardian permission `answer_assignment`, granted to
  the lead's group and moved when the lead changes. The NFP does not answer for a ministry.
* Contributing institutions read the drafts and comment on them: `comment_assignment` on their groups.
* The facilitator and the NFP review (review_process): they read every draft, comment, approve or send back.
* Every other ministry reads a checklist's answers only once they are approved; development partners never read
  them, only the published report.
"""

from mainstreaming import permissions as core
from situation_analysis.choices import AssignmentStatus

ANSWER_ASSIGNMENT = "answer_assignment"
COMMENT_ASSIGNMENT = "comment_assignment"


def can_manage(request_or_user, process) -> bool:
    return core.has_perm(request_or_user, core.MANAGE_PROCESS, process)


def can_review(request_or_user, process) -> bool:
    return core.has_perm(request_or_user, core.REVIEW_PROCESS, process)


def can_answer(request_or_user, assignment) -> bool:
    """The lead institution's focal points (and site admins)."""
    return core.has_perm(request_or_user, ANSWER_ASSIGNMENT, assignment)


def can_contribute(request_or_user, assignment) -> bool:
    return core.has_perm(request_or_user, COMMENT_ASSIGNMENT, assignment)


def can_read_answers(request_or_user, assignment) -> bool:
    """Reviewers, the lead and contributors read the drafts; the rest of internal readers, approved answers only."""
    if not core.has_perm(request_or_user, core.VIEW_INTERNAL, assignment.process):
        return False
    return (
        assignment.status == AssignmentStatus.APPROVED
        or can_review(request_or_user, assignment.process)
        or can_answer(request_or_user, assignment)
        or can_contribute(request_or_user, assignment)
    )


def can_comment_on_answers(request_or_user, assignment) -> bool:
    """Reviewers, the lead's focal points and the contributing institutions (all of whom read the drafts)."""
    if not core.has_perm(request_or_user, core.VIEW_INTERNAL, assignment.process):
        return False
    return (
        can_review(request_or_user, assignment.process)
        or can_answer(request_or_user, assignment)
        or can_contribute(request_or_user, assignment)
    )


# ---------------------------------------------------------------------------
# Grants (called from services only)
# ---------------------------------------------------------------------------


def grant_lead(assignment, institution) -> None:
    core.grant_to_institution(ANSWER_ASSIGNMENT, institution, assignment)
    core.grant_to_institution(COMMENT_ASSIGNMENT, institution, assignment)


def revoke_lead(assignment, institution) -> None:
    core.revoke_from_institution(ANSWER_ASSIGNMENT, institution, assignment)
    core.revoke_from_institution(COMMENT_ASSIGNMENT, institution, assignment)


def grant_contributor(assignment, institution) -> None:
    core.grant_to_institution(COMMENT_ASSIGNMENT, institution, assignment)


def revoke_contributor(assignment, institution) -> None:
    core.revoke_from_institution(COMMENT_ASSIGNMENT, institution, assignment)


def register() -> None:
    """Teach the core's comments and document downloads the rules of assignments and answers."""
    from situation_analysis.models import Answer, Assignment

    core.register_rule("assignment.read", can_read_answers)
    core.register_rule("assignment.comment", can_comment_on_answers)
    core.register_rule("answer.read", lambda who, answer: can_read_answers(who, answer.assignment))
    core.register_rule("answer.comment", lambda who, answer: can_comment_on_answers(who, answer.assignment))
    core.register_object_rules(Assignment, view="assignment.read", comment="assignment.comment")
    core.register_object_rules(Answer, view="answer.read", comment="answer.comment")
