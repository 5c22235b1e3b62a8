"""
Who may do what with the sector checklists' assignments and answers: the rules, each declared once.

* The NFP assigns checklists, changes assignments and reopens approved answers (`assignment.manage`, the core's
  manage_process on the assignment's process), and manages everything else of the analysis (manage_process).
* The lead institution's focal points answer and submit (`assignment.answer`): the guardian permission
  `answer_assignment`, granted to the lead's group and moved when the lead changes. The NFP does not answer for a
  ministry.
* Contributing institutions read the drafts and comment on them (`assignment.contribute`): `comment_assignment` on
  their groups (the lead's group holds it too).
* The facilitator and the NFP review (`assignment.review`, the core's review_process): they read every draft,
  comment, approve or send back.
* Every internal reader sees the assignments and where they stand (`assignment.view`); other ministries read a
  checklist's answers only once they are approved (`assignment.read`); development partners never read them, only
  the published report.

Every rule that a list can be filtered by has a `narrow`: `Assignment.objects.restrict(actor, "assignment.read")`.
"""

from django.db.models import Q

from mainstreaming import permissions as core
from situation_analysis.choices import AssignmentStatus

ANSWER_ASSIGNMENT = "answer_assignment"
COMMENT_ASSIGNMENT = "comment_assignment"

VIEW = "assignment.view"
READ = "assignment.read"
ANSWER = "assignment.answer"
CONTRIBUTE = "assignment.contribute"
COMMENT = "assignment.comment"
REVIEW = "assignment.review"
MANAGE = "assignment.manage"


def _holding(user, queryset, codename: str):
    """The assignments of `queryset` on which the person's groups hold the guardian permission `codename`."""
    held = queryset.model.objects.holding(user, codename).values("pk")
    return Q(pk__in=held)


# ---------------------------------------------------------------------------
# Rules on an assignment
# ---------------------------------------------------------------------------


_narrow_view = core.narrow_by(core.VIEW_INTERNAL)


@core.rule(VIEW, narrow=_narrow_view)
def can_view_assignment(request_or_user, assignment) -> bool:
    """Every internal reader sees an assignment and where it stands (not necessarily its draft answers)."""
    return core.has_perm(request_or_user, core.VIEW_INTERNAL, assignment.process)


def _narrow_answer(user, queryset):
    if user.is_superuser:
        return queryset
    return queryset.filter(_holding(user, queryset, ANSWER_ASSIGNMENT))


@core.rule(ANSWER, narrow=_narrow_answer)
def can_answer(request_or_user, assignment) -> bool:
    """The lead institution's focal points (and site admins)."""
    return core.has_perm(request_or_user, ANSWER_ASSIGNMENT, assignment)


def _narrow_contribute(user, queryset):
    if user.is_superuser:
        return queryset
    return queryset.filter(_holding(user, queryset, COMMENT_ASSIGNMENT))


@core.rule(CONTRIBUTE, narrow=_narrow_contribute)
def can_contribute(request_or_user, assignment) -> bool:
    """The contributing institutions' focal points (the lead's too: they hold the same right)."""
    return core.has_perm(request_or_user, COMMENT_ASSIGNMENT, assignment)


_narrow_review = core.narrow_by(core.REVIEW_PROCESS)


@core.rule(REVIEW, narrow=_narrow_review)
def can_review(request_or_user, assignment) -> bool:
    """The facilitator and the NFP."""
    return core.has_perm(request_or_user, core.REVIEW_PROCESS, assignment.process)


_narrow_manage = core.narrow_by(core.MANAGE_PROCESS)


@core.rule(MANAGE, narrow=_narrow_manage)
def can_manage_assignment(request_or_user, assignment) -> bool:
    """The NFP: changes the lead, the contributors and the due date, and reopens approved answers."""
    return core.has_perm(request_or_user, core.MANAGE_PROCESS, assignment.process)


def _involved(user, queryset) -> Q:
    """The assignments the person reviews (by their process), leads or contributes to."""
    from mainstreaming.models import Process

    reviewing = Process.objects.holding(user, core.REVIEW_PROCESS).values("pk")
    return (
        Q(process__in=reviewing)
        | _holding(user, queryset, ANSWER_ASSIGNMENT)
        | _holding(user, queryset, COMMENT_ASSIGNMENT)
    )


def _narrow_read(user, queryset):
    internal = _narrow_view(user, queryset)
    if user.is_superuser:
        return internal
    return internal.filter(Q(status=AssignmentStatus.APPROVED) | _involved(user, queryset))


@core.rule(READ, narrow=_narrow_read)
def can_read_answers(request_or_user, assignment) -> bool:
    """Reviewers, the lead and contributors read the drafts; the rest of internal readers, approved answers only."""
    if not core.has_perm(request_or_user, core.VIEW_INTERNAL, assignment.process):
        return False
    return (
        assignment.is_approved
        or can_review(request_or_user, assignment)
        or can_answer(request_or_user, assignment)
        or can_contribute(request_or_user, assignment)
    )


def _narrow_comment(user, queryset):
    internal = _narrow_view(user, queryset)
    if user.is_superuser:
        return internal
    return internal.filter(_involved(user, queryset))


@core.rule(COMMENT, narrow=_narrow_comment)
def can_comment_on_answers(request_or_user, assignment) -> bool:
    """Reviewers, the lead's focal points and the contributing institutions (all of whom read the drafts)."""
    if not core.has_perm(request_or_user, core.VIEW_INTERNAL, assignment.process):
        return False
    return (
        can_review(request_or_user, assignment)
        or can_answer(request_or_user, assignment)
        or can_contribute(request_or_user, assignment)
    )


# The answers follow their assignment.
core.register_rule("answer.read", lambda who, answer: core.allows(who, READ, answer.assignment))
core.register_rule("answer.comment", lambda who, answer: core.allows(who, COMMENT, answer.assignment))


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

    core.register_object_rules(Assignment, view=READ, comment=COMMENT)
    core.register_object_rules(Answer, view="answer.read", comment="answer.comment")
