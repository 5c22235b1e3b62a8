"""
Evaluations (handbook phase 10, "M&E"): the plan's mid-term and final evaluations, their questions, findings and
recommendations, and the management's response to each recommendation, tracked to completion.

Only the NFP writes (the core's manage_process), except a management response's progress: the focal points of its
owner institution report it too (the guardian permission `update_managementresponse`, granted to that
institution's group when it is named owner and moved when the owner changes). Every write leaves one history row
per record with who acted and a dotted code ("evaluation.created", "management_response.owner_changed",
"management_response.completed" ...), plus the person's words where a change is explained; a removal needs a
reason.

A response is open while it is accepted (in full or in part) and its follow-up not completed; it is overdue when
open and past its due date (`is_overdue`).
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from mainstreaming import l10n, reminders
from mainstreaming import permissions as core_permissions
from mainstreaming import selectors as core_selectors
from mainstreaming.models import Institution, Process
from mainstreaming.services import delete_audited, notify, position_in, required_reason, save_audited
from monitoring import permissions
from monitoring.choices import EvaluationKind, EvaluationStatus, ResponseDecision, ResponseStatus
from monitoring.models import (
    Evaluation,
    EvaluationFinding,
    EvaluationQuestion,
    ManagementResponse,
    MEPlan,
    Recommendation,
)
from monitoring.models.evaluations import FOLLOWING_UP
from monitoring.services.indicators import _check_fields
from monitoring.workflows import RESPONSE, response_step

EVALUATION_FIELDS = (
    "kind",
    "title",
    "evaluator",
    "is_independent",
    "scope",
    "starts_on",
    "due_on",
    "completed_on",
    "status",
    "summary",
)
QUESTION_FIELDS = ("text", "criterion", "position")
FINDING_FIELDS = ("text", "question", "position")
RECOMMENDATION_FIELDS = ("text", "addressed_to", "position")
RESPONSE_FIELDS = ("decision", "rationale", "action", "owner", "due_on")


def is_overdue(response: ManagementResponse, today: date | None = None) -> bool:
    """Open and past its due date (ManagementResponse.is_overdue_on)."""
    return response.is_overdue_on(today)


def _apply(obj, data: Mapping) -> bool:
    """Set the fields in `data` on `obj`, strings stripped; whether anything changed."""
    changed = False
    for name, value in data.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


# ---------------------------------------------------------------------------
# Evaluations
# ---------------------------------------------------------------------------


def evaluation_defaults(*, process: Process, kind: str) -> dict:
    """
    What a new evaluation of `kind` starts from: its title and, from the M&E plan's evaluation schedule, the date
    its report is due (MEPlan.midterm_evaluation_on / final_evaluation_on). One query.
    """
    if kind not in EvaluationKind.values:
        return {}
    defaults = {"kind": kind, "title": str(EvaluationKind(kind).label)}
    plan = MEPlan.objects.filter(process=process).first()
    if plan is not None:
        scheduled = plan.midterm_evaluation_on if kind == EvaluationKind.MIDTERM else plan.final_evaluation_on
        if scheduled:
            defaults["due_on"] = scheduled
    return defaults


def _check_evaluation(evaluation: Evaluation) -> None:
    errors = {}
    if not evaluation.title:
        errors["title"] = _("Give the evaluation a title.")
    if not evaluation.evaluator:
        errors["evaluator"] = _("Name the person or firm evaluating the plan.")
    if evaluation.completed_on and evaluation.completed_on > timezone.localdate():
        errors["completed_on"] = _("An evaluation cannot be completed on a date still to come.")
    if evaluation.completed_on and evaluation.status != EvaluationStatus.COMPLETED:
        errors["completed_on"] = _("Only a completed evaluation has a completion date: mark it completed or clear it.")
    if evaluation.completed_on and evaluation.starts_on and evaluation.completed_on < evaluation.starts_on:
        errors["completed_on"] = _("An evaluation cannot be completed before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def evaluation_create(*, actor, process: Process, **fields) -> Evaluation:
    """Plan an evaluation (mid-term or final) of the process's plan."""
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, process)
    _check_fields("evaluation_create", fields, EVALUATION_FIELDS)
    evaluation = Evaluation(process=process)
    _apply(evaluation, fields)
    _check_evaluation(evaluation)
    save_audited(evaluation, actor=actor, code="evaluation.created")
    return evaluation


@transaction.atomic
def evaluation_update(*, actor, evaluation: Evaluation, data: Mapping, reason: str = "") -> Evaluation:
    """Change an evaluation's fields; its status change is named in the history's code."""
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, evaluation.process)
    _check_fields("evaluation_update", data, EVALUATION_FIELDS)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    old_status = evaluation.status
    if not _apply(evaluation, data):
        return evaluation
    _check_evaluation(evaluation)
    code = f"evaluation.{evaluation.status}" if evaluation.status != old_status else "evaluation.updated"
    save_audited(evaluation, actor=actor, code=code, reason=reason)
    return evaluation


@transaction.atomic
def evaluation_delete(*, actor, evaluation: Evaluation, reason: str) -> None:
    """
    Remove an evaluation with its questions, findings, recommendations and responses, saying why. Each record
    leaves its own deletion in the history, and the owners lose their right to report on the responses.
    """
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, evaluation.process)
    reason = required_reason(reason)
    for recommendation in evaluation.recommendations.select_related("response__owner"):
        _delete_recommendation(actor, recommendation, reason)
    for finding in evaluation.findings.all():
        delete_audited(finding, actor=actor, code="evaluation_finding.deleted", reason=reason)
    for question in evaluation.questions.all():
        delete_audited(question, actor=actor, code="evaluation_question.deleted", reason=reason)
    delete_audited(evaluation, actor=actor, code="evaluation.deleted", reason=reason)


# ---------------------------------------------------------------------------
# Questions, findings and recommendations: one shape
# ---------------------------------------------------------------------------


def _check_text(obj, message: str) -> None:
    obj.text = (obj.text or "").strip()
    if not obj.text:
        raise ValidationError({"text": message})


@dataclass(frozen=True)
class _Part:
    """What tells a question, finding or recommendation apart in its create and update services."""

    name: str  # "question": the update service is question_update
    fields: tuple[str, ...]  # what the update may change
    code: str  # the audit codes' prefix: <code>.created, <code>.updated
    no_text: str  # the message when the text is blank (marked with gettext_noop, translated when raised)
    check: Callable | None = None  # any further check, raising ValidationError

    def clean(self, part) -> None:
        _check_text(part, _(self.no_text))
        if self.check is not None:
            self.check(part)


def _check_finding_question(finding: EvaluationFinding) -> None:
    if finding.question is not None and finding.question.evaluation_id != finding.evaluation_id:
        raise ValidationError({"question": _("Choose a question of this evaluation.")})


_QUESTION = _Part("question", QUESTION_FIELDS, "evaluation_question", gettext_noop("Write the question."))
_FINDING = _Part(
    "finding", FINDING_FIELDS, "evaluation_finding", gettext_noop("Write the finding."), _check_finding_question
)
_RECOMMENDATION = _Part(
    "recommendation", RECOMMENDATION_FIELDS, "recommendation", gettext_noop("Write the recommendation.")
)


def _part_create(actor, kind: _Part, evaluation: Evaluation, part, siblings, position: int | None):
    """Save `part` (unsaved) in `evaluation`, at `position` or after its `siblings`, once it passes its check."""
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, evaluation.process)
    part.process_id = evaluation.process_id
    part.evaluation = evaluation
    part.position = position_in(siblings, position or None, first=1)
    kind.clean(part)
    save_audited(part, actor=actor, code=f"{kind.code}.created")
    return part


def _part_update(actor, kind: _Part, part, data: Mapping, reason: str):
    """Apply `data` to `part`; when something changed, check it and save it with `reason`."""
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, part.process)
    _check_fields(f"{kind.name}_update", data, kind.fields)
    if not _apply(part, data):
        return part
    kind.clean(part)
    save_audited(part, actor=actor, code=f"{kind.code}.updated", reason=reason)
    return part


# ---------------------------------------------------------------------------
# Questions
# ---------------------------------------------------------------------------


@transaction.atomic
def question_create(
    *, actor, evaluation: Evaluation, text: str, criterion: str = "", position: int | None = None
) -> EvaluationQuestion:
    """Add a question the evaluation answers (relevance, effectiveness, efficiency, impact, sustainability ...)."""
    part = EvaluationQuestion(text=text, criterion=(criterion or "").strip())
    return _part_create(actor, _QUESTION, evaluation, part, evaluation.questions.all(), position)


@transaction.atomic
def question_update(*, actor, question: EvaluationQuestion, data: Mapping, reason: str = "") -> EvaluationQuestion:
    return _part_update(actor, _QUESTION, question, data, reason)


@transaction.atomic
def question_delete(*, actor, question: EvaluationQuestion, reason: str) -> None:
    """Remove a question, saying why; the findings that answered it stay, answering no question."""
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, question.process)
    reason = required_reason(reason)
    for finding in question.findings.all():
        finding.question = None
        save_audited(finding, actor=actor, code="evaluation_finding.question_removed", reason=reason)
    delete_audited(question, actor=actor, code="evaluation_question.deleted", reason=reason)


# ---------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------


@transaction.atomic
def finding_create(
    *,
    actor,
    evaluation: Evaluation,
    text: str,
    question: EvaluationQuestion | None = None,
    position: int | None = None,
) -> EvaluationFinding:
    """Record what the evaluation found, answering one of its questions where it does."""
    part = EvaluationFinding(question=question, text=text)
    return _part_create(actor, _FINDING, evaluation, part, evaluation.findings.all(), position)


@transaction.atomic
def finding_update(*, actor, finding: EvaluationFinding, data: Mapping, reason: str = "") -> EvaluationFinding:
    return _part_update(actor, _FINDING, finding, data, reason)


@transaction.atomic
def finding_delete(*, actor, finding: EvaluationFinding, reason: str) -> None:
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, finding.process)
    delete_audited(finding, actor=actor, code="evaluation_finding.deleted", reason=required_reason(reason))


# ---------------------------------------------------------------------------
# Recommendations
# ---------------------------------------------------------------------------


@transaction.atomic
def recommendation_create(
    *, actor, evaluation: Evaluation, text: str, addressed_to: str = "", position: int | None = None
) -> Recommendation:
    """Record a recommendation of the evaluation; the management then responds to it."""
    part = Recommendation(text=text, addressed_to=(addressed_to or "").strip())
    return _part_create(actor, _RECOMMENDATION, evaluation, part, evaluation.recommendations.all(), position)


@transaction.atomic
def recommendation_update(*, actor, recommendation: Recommendation, data: Mapping, reason: str = "") -> Recommendation:
    return _part_update(actor, _RECOMMENDATION, recommendation, data, reason)


def _delete_recommendation(actor, recommendation: Recommendation, reason: str) -> None:
    response = ManagementResponse.objects.filter(recommendation=recommendation).select_related("owner").first()
    if response is not None:
        if response.owner is not None:
            permissions.revoke_response_owner(response, response.owner)
        delete_audited(response, actor=actor, code="management_response.deleted", reason=reason)
    delete_audited(recommendation, actor=actor, code="recommendation.deleted", reason=reason)


@transaction.atomic
def recommendation_delete(*, actor, recommendation: Recommendation, reason: str) -> None:
    """Remove a recommendation and its management response, saying why; the owner loses its right to report."""
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, recommendation.process)
    _delete_recommendation(actor, recommendation, required_reason(reason))


# ---------------------------------------------------------------------------
# Management responses
# ---------------------------------------------------------------------------


def _check_response(response: ManagementResponse) -> None:
    if response.owner is not None and response.owner.process_id != response.process_id:
        raise ValidationError({"owner": _("Choose an institution of this process.")})
    if response.decision not in ResponseDecision.values:
        raise ValidationError({"decision": _("Say whether the recommendation is accepted.")})


def _tell_owner(response: ManagementResponse) -> None:
    """E-mail the owner institution's focal points that the follow-up is theirs."""
    recommendation = response.recommendation
    notify(
        recipients=core_selectors.member_emails(process=response.process, institution=response.owner),
        subject=_("Follow-up of an evaluation to report on: %(evaluation)s")
        % {"evaluation": recommendation.evaluation},
        body=_(
            "Your institution owns the follow-up of a recommendation of the evaluation “%(evaluation)s”:\n\n"
            "%(recommendation)s\n\nAgreed action: %(action)s\nDue by: %(due)s\n\n"
            "Open the evaluation from the process's monitoring and evaluation phase to report how far the "
            "follow-up has come."
        )
        % {
            "evaluation": recommendation.evaluation,
            "recommendation": recommendation.text,
            "action": response.action,
            "due": l10n.date(response.due_on) if response.due_on else "—",
        },
    )


@transaction.atomic
def response_save(
    *,
    actor,
    recommendation: Recommendation,
    decision: str,
    rationale: str = "",
    action: str = "",
    owner: Institution | None = None,
    due_on: date | None = None,
    reason: str = "",
) -> ManagementResponse:
    """
    Record (or change) the management's response to a recommendation. Accepting it, in full or in part, needs the
    follow-up action, the institution that owns it and its due date; not accepting it needs the reason why, and
    leaves no follow-up (no owner, no due date). The owner institution's group is granted the right to report
    progress; a new owner takes it over from the old one and is told by e-mail.
    """
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, recommendation.process)
    response = (
        ManagementResponse.objects.select_for_update(of=("self",))
        .select_related("owner")
        .filter(recommendation=recommendation)
        .first()
    )
    created = response is None
    if created:
        response = ManagementResponse(process_id=recommendation.process_id, recommendation=recommendation)
    old_owner, old_decision, old_due_on = response.owner, response.decision, response.due_on
    if decision == ResponseDecision.REJECTED:
        owner, due_on = None, None
    changed = _apply(
        response,
        {"decision": decision, "rationale": rationale or "", "action": action or "", "owner": owner, "due_on": due_on},
    )
    if not created and not changed:
        return response
    _check_response(response)
    if response.due_on != old_due_on:
        response.last_reminded_on = None  # a new due date starts the reminders again
    owner_changed = response.owner_id != (old_owner.pk if old_owner else None)
    if created:
        code = "management_response.created"
    elif response.decision != old_decision:
        code = f"management_response.{response.decision}"
    else:
        code = "management_response.owner_changed" if owner_changed else "management_response.updated"
    save_audited(response, actor=actor, code=code, reason=reason)
    if owner_changed:
        if old_owner is not None:
            permissions.revoke_response_owner(response, old_owner)
        if response.owner is not None:
            permissions.grant_response_owner(response, response.owner)
            _tell_owner(response)
    return response


@transaction.atomic
def response_progress(
    *,
    actor,
    response: ManagementResponse,
    status: str,
    progress_note: str = "",
    completed_on: date | None = None,
) -> ManagementResponse:
    """
    Report how far a response's follow-up has come: the owner institution's focal points or the NFP. Completing
    it needs the date it was completed (not a date to come); only a completed follow-up has one.
    """
    core_permissions.require(actor, permissions.UPDATE, response)
    response = ManagementResponse.objects.select_for_update().get(pk=response.pk)
    if not response.is_following_up:
        raise ValidationError(_("The recommendation was not accepted: there is no follow-up to report on."))
    if status not in ResponseStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    if status != ResponseStatus.COMPLETED and completed_on:
        raise ValidationError(
            {"completed_on": _("Only a completed follow-up has a completion date: mark it completed or clear it.")}
        )
    if completed_on and completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("A follow-up cannot be completed on a date still to come.")})
    progress_note = (progress_note or "").strip()
    if (response.status, response.progress_note, response.completed_on) == (status, progress_note, completed_on):
        return response
    response.progress_note = progress_note
    response.completed_on = completed_on
    if status == response.status:
        # Only the note or the date changed: no step, the same code as the status's.
        save_audited(response, actor=actor, code=f"management_response.{status}", reason=progress_note)
        return response
    return RESPONSE.perform(actor, response, response_step(response.status, status), reason=progress_note)


# ---------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------

# The owner institution is reminded a week and a day before the due date of a follow-up; once overdue, the day
# after it and then every week (the README's "Reminders" table).
RESPONSE_REMINDERS = reminders.Schedule(days_before=(7, 1), every_days_after=7)


def responses_remind(*, today: date | None = None) -> int:
    """
    Remind the owner institutions of their open follow-ups on RESPONSE_REMINDERS' days; each response at most once
    a day. Returns how many responses were reminded. (Meant for a daily Celery beat entry.)
    """
    return reminders.send_reminders(
        ManagementResponse.objects.filter(decision__in=FOLLOWING_UP, owner__isnull=False, due_on__isnull=False)
        .exclude(status=ResponseStatus.COMPLETED)
        .select_related("owner", "process", "recommendation__evaluation"),
        schedule=RESPONSE_REMINDERS,
        due_field="due_on",
        send=_send_response_reminder,
        audit_prefix="management_response",
        today=today,
    )


def _send_response_reminder(response: ManagementResponse, kind: str, today: date) -> bool:
    recipients = core_selectors.member_emails(process=response.process, institution=response.owner)
    if not recipients:
        return False
    evaluation = response.recommendation.evaluation
    if kind == reminders.BEFORE:
        subject = _("Follow-up of an evaluation due soon: %(evaluation)s") % {"evaluation": evaluation}
        when = _("It is due on %(due)s.") % {"due": l10n.date(response.due_on)}
    else:
        subject = _("Overdue follow-up of an evaluation: %(evaluation)s") % {"evaluation": evaluation}
        when = _("It was due on %(due)s, %(days)d days ago.") % {
            "due": l10n.date(response.due_on),
            "days": (today - response.due_on).days,
        }
    notify(
        recipients=recipients,
        subject=subject,
        body=_(
            "Your institution owns the follow-up of a recommendation of the evaluation “%(evaluation)s”:\n\n"
            "%(recommendation)s\n\nAgreed action: %(action)s\n%(when)s\n\n"
            "Report how far it has come from the evaluation's page in the monitoring and evaluation phase."
        )
        % {
            "evaluation": evaluation,
            "recommendation": response.recommendation.text,
            "action": response.action,
            "when": when,
        },
    )
    return True
