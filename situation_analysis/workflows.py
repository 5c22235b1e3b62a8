"""
The review of a checklist assignment, as one table (mainstreaming.workflow):

    submit           assigned, draft -> submitted   the lead (assignment.answer)    every question assessed
    approve          submitted -> approved          reviewers (assignment.review)   a note, optional
    request_changes  submitted -> draft             reviewers (assignment.review)   a reason, required
    reopen           approved -> draft              the NFP (assignment.manage)     a reason, required

Submitting tells the reviewers; the three decisions tell the lead institution. The first save of the answers moves
an assignment from assigned to draft (services.assignments.answers_save): that is not a step anyone takes.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mainstreaming import l10n, workflow
from mainstreaming import selectors as core_selectors
from mainstreaming.choices import Role
from mainstreaming.workflow import Notice, Transition, Workflow
from situation_analysis import permissions
from situation_analysis.choices import AssignmentStatus as S
from situation_analysis.models import Assignment
from situation_analysis.selectors.assignments import unanswered_codes


def reviewers(assignment: Assignment) -> list[str]:
    """The facilitator's and the NFP's addresses."""
    return core_selectors.member_emails(process=assignment.process, roles=[Role.NFP, Role.FACILITATOR])


def lead(assignment: Assignment) -> list[str]:
    """The lead institution's focal points."""
    return core_selectors.member_emails(process=assignment.process, institution=assignment.lead)


def _words(assignment: Assignment) -> dict:
    return {"checklist": assignment.checklist, "lead": assignment.lead, "due": l10n.date(assignment.due_on)}


def every_question_assessed(assignment: Assignment) -> None:
    """Submitting needs an assessment for every question still asked."""
    missing = unanswered_codes(assignment)
    if missing:
        raise ValidationError(
            _("Give an assessment for every question before submitting; still missing: %(codes)s.")
            % {"codes": ", ".join(missing)}
        )


def stamp_submitted(assignment: Assignment, actor, reason: str) -> None:
    assignment.submitted_at, assignment.submitted_by = timezone.now(), actor


def stamp_decision(assignment: Assignment, actor, reason: str) -> None:
    """Who decided, when, and what they wrote (the reviewer's note, or the reason to reopen)."""
    assignment.reviewed_at, assignment.reviewed_by, assignment.review_note = timezone.now(), actor, reason


NOT_REVIEWABLE = _("Only submitted answers can be reviewed.")

ASSIGNMENT = Workflow(
    Assignment,
    Transition(
        "submit",
        _("Submit for review"),
        sources=[S.ASSIGNED, S.DRAFT],
        target=S.SUBMITTED,
        rule=permissions.ANSWER,
        audit_code="assignment.submitted",
        guard=every_question_assessed,
        effects=stamp_submitted,
        notice=Notice(
            to=reviewers,
            subject=_("Checklist submitted for review: %(checklist)s"),
            body=_(
                "%(lead)s has submitted its answers to %(checklist)s. Review them, then approve or request changes."
            ),
            context=_words,
        ),
    ),
    Transition(
        "approve",
        _("Approve"),
        sources=[S.SUBMITTED],
        target=S.APPROVED,
        rule=permissions.REVIEW,
        audit_code="assignment.approved",
        status_message=NOT_REVIEWABLE,
        effects=stamp_decision,
        notice=Notice(
            to=lead,
            subject=_("Checklist approved: %(checklist)s"),
            body=_("Your answers to %(checklist)s have been approved."),
            context=_words,
        ),
    ),
    Transition(
        "request_changes",
        _("Request changes"),
        sources=[S.SUBMITTED],
        target=S.DRAFT,
        rule=permissions.REVIEW,
        audit_code="assignment.changes_requested",
        reason_required=True,
        reason_message=_("Say what needs to change."),
        status_message=NOT_REVIEWABLE,
        effects=stamp_decision,
        notice=Notice(
            to=lead,
            subject=_("Changes requested: %(checklist)s"),
            body=_("The reviewer asks for changes to your answers to %(checklist)s:\n\n%(reason)s"),
            context=_words,
        ),
        style="secondary",
    ),
    Transition(
        "reopen",
        _("Reopen"),
        sources=[S.APPROVED],
        target=S.DRAFT,
        rule=permissions.MANAGE,
        audit_code="assignment.reopened",
        reason_required=True,
        reason_message=_("Say why the approved answers are reopened."),
        status_message=_("Only approved answers can be reopened."),
        effects=stamp_decision,
        notice=Notice(
            to=lead,
            subject=_("Checklist reopened: %(checklist)s"),
            body=_("The National Focal Point has reopened your approved answers to %(checklist)s:\n\n%(reason)s"),
            context=_words,
        ),
        style="danger",
        todo=False,
    ),
    due_field="due_on",
    select_related=("checklist", "lead"),
)


def register() -> None:
    workflow.register(ASSIGNMENT)
