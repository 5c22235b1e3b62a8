"""
Assignments and answers: the NFP gives a checklist to a lead institution (and contributing ones) with a due date;
the lead's focal points answer each question, save drafts as they go and submit; the facilitator or the NFP
approves or requests changes, which sends the checklist back to draft with the reason.

No lost updates: every save of the answers names the assignment version it started from. The assignment row is
locked, and a save that started from an older version is refused with AnswerConflict, which carries what the other
person changed meanwhile. Nothing is overwritten silently, and the refused input is not saved.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mainstreaming import l10n, reminders
from mainstreaming import permissions as core_permissions
from mainstreaming import selectors as core_selectors
from mainstreaming import services as core_services
from mainstreaming.choices import ProcessStatus, Role
from mainstreaming.models import Comment, Document, Institution
from mainstreaming.services import save_audited
from situation_analysis import permissions
from situation_analysis.choices import Assessment, AssignmentStatus
from situation_analysis.models import Answer, Assignment, Checklist
from situation_analysis.selectors.assignments import question_order
from situation_analysis.workflows import ASSIGNMENT

# What a save may change on one answer.
ANSWER_FIELDS = ("assessment", "narrative", "evidence", "data_sources")


# ---------------------------------------------------------------------------
# Assigning
# ---------------------------------------------------------------------------


def _check_institutions(process, lead: Institution, contributors: Iterable[Institution]) -> list[Institution]:
    contributors = list(dict.fromkeys(contributors or []))
    if lead is None:
        raise ValidationError({"lead": _("Choose the institution that leads the work on this checklist.")})
    if lead.process_id != process.pk:
        raise ValidationError({"lead": _("The lead must be an institution of this process.")})
    if any(institution.process_id != process.pk for institution in contributors):
        raise ValidationError({"contributors": _("Contributing institutions must be institutions of this process.")})
    if lead in contributors:
        raise ValidationError({"contributors": _("The lead institution cannot also be a contributing one.")})
    return contributors


def _check_due_on(due_on: date | None) -> None:
    if due_on is None:
        raise ValidationError({"due_on": _("Give the date the answers are due.")})


@transaction.atomic
def assignment_create(
    *, actor, checklist: Checklist, lead: Institution, due_on: date, contributors: Iterable[Institution] = ()
) -> Assignment:
    """Give a checklist to a lead institution; its focal points may then answer, the contributors comment."""
    process = checklist.process
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, process)
    contributors = _check_institutions(process, lead, contributors)
    _check_due_on(due_on)
    if Assignment.objects.filter(checklist=checklist).exists():
        raise ValidationError(_("This checklist has been assigned already: change its assignment instead."))
    assignment = Assignment(process=process, checklist=checklist, lead=lead, due_on=due_on)
    save_audited(assignment, actor=actor, code="assignment.created", reason=str(lead))
    assignment._history_user, assignment._change_reason = actor, "assignment.created"
    assignment.contributors.set(contributors)
    permissions.grant_lead(assignment, lead)
    for institution in contributors:
        permissions.grant_contributor(assignment, institution)
    _tell_new_lead(assignment)
    return assignment


@transaction.atomic
def assignment_update(
    *,
    actor,
    assignment: Assignment,
    lead: Institution,
    due_on: date,
    contributors: Iterable[Institution] = (),
    reason: str = "",
) -> Assignment:
    """
    Change the lead, the contributors or the due date; the rights move with the institutions. Rights are taken
    away first and given afterwards, so that an institution that changes part (a contributor that becomes the
    lead, or the reverse) ends with exactly the rights of its new part.
    """
    process = assignment.process
    core_permissions.require(actor, permissions.MANAGE, assignment)
    contributors = _check_institutions(process, lead, contributors)
    _check_due_on(due_on)
    previous_lead = Institution.objects.get(pk=assignment.lead_id)
    previous_contributors = set(assignment.contributors.all())
    new_contributors = set(contributors)
    lead_changed = previous_lead != lead
    if not lead_changed and due_on == assignment.due_on and previous_contributors == new_contributors:
        return assignment
    if due_on != assignment.due_on:
        assignment.last_reminded_on = None  # a new date starts the reminders again
    assignment.lead, assignment.due_on = lead, due_on
    save_audited(assignment, actor=actor, code="assignment.updated", reason=reason)
    if previous_contributors != new_contributors:
        assignment._history_user, assignment._change_reason = (
            actor,
            core_services.change_reason("assignment.updated", reason),
        )
        assignment.contributors.set(contributors)
    if lead_changed:
        permissions.revoke_lead(assignment, previous_lead)
    for institution in previous_contributors - new_contributors:
        permissions.revoke_contributor(assignment, institution)
    if lead_changed:
        permissions.grant_lead(assignment, lead)
    for institution in new_contributors - previous_contributors:
        permissions.grant_contributor(assignment, institution)
    if lead_changed:
        _tell_new_lead(assignment)
    return assignment


def _tell_new_lead(assignment: Assignment) -> None:
    core_services.notify(
        recipients=core_selectors.member_emails(process=assignment.process, institution=assignment.lead),
        subject=_("Checklist to answer: %(checklist)s") % {"checklist": assignment.checklist},
        body=_(
            "Your institution leads the answers to the checklist %(checklist)s, due on %(due)s.\n\n"
            "Open it from the process's situation analysis to answer each question; save drafts as you go and "
            "submit when done."
        )
        % {"checklist": assignment.checklist, "due": l10n.date(assignment.due_on)},
    )


# ---------------------------------------------------------------------------
# Answering
# ---------------------------------------------------------------------------


@dataclass
class OtherChange:
    """An answer someone else saved after the version the refused save started from."""

    question_code: str
    question_text: str
    saved_by: str
    saved_at: datetime
    assessment: str
    narrative: str
    evidence: str
    data_sources: list[str] = field(default_factory=list)


class AnswerConflict(ValidationError):
    """The answers changed since the form (or workbook) was opened; `changes` says what the other person did."""

    def __init__(self, changes: list[OtherChange], current_version: int):
        super().__init__(
            _(
                "Someone else saved answers to this checklist while you were editing. Nothing of yours has been "
                "saved: check what they changed below, then save again."
            ),
            code="conflict",
        )
        self.changes = changes
        self.current_version = current_version


def changes_since(assignment: Assignment, version: int) -> list[OtherChange]:
    """The answers saved after `version`, with who saved them and what they say now (two queries)."""
    from mainstreaming.history import user_label

    answers = (
        Answer.objects.filter(assignment=assignment, saved_version__gt=version)
        .select_related("question", "saved_by")
        .prefetch_related("data_sources")
    )
    answers = sorted(answers, key=lambda a: question_order(a.question.block, a.question.position, a.question.code))
    return [
        OtherChange(
            question_code=answer.question.code,
            question_text=answer.question.localized("text"),
            saved_by=user_label(answer.saved_by),
            saved_at=answer.updated,
            assessment=answer.get_assessment_display(),
            narrative=answer.narrative,
            evidence=answer.evidence,
            data_sources=sorted(source.name for source in answer.data_sources.all()),
        )
        for answer in answers
    ]


def _require_open(assignment: Assignment) -> None:
    if not assignment.is_open:
        raise ValidationError(
            _("The answers are %(status)s and cannot be changed now.")
            % {"status": assignment.get_status_display().lower()}
        )


def _lock(assignment: Assignment) -> Assignment:
    locked = Assignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
    assignment.version, assignment.status = locked.version, locked.status
    return assignment


@transaction.atomic
def answers_save(
    *,
    actor,
    assignment: Assignment,
    changes: Mapping[int, Mapping],
    expected_version: int,
    reason: str = "",
    code: str = "",
) -> Assignment:
    """
    Save the lead institution's answers as a draft. `changes` maps a question's id to the fields to set on its
    answer: assessment, narrative, evidence, data_sources (a list of the process's DataSource). Fields left out
    stay as they are. Refused with AnswerConflict when the answers have changed since `expected_version`.
    `code`, when given, is the history code of the answers' and the assignment's rows instead of answer.saved and
    assignment.answers_saved (an import from the offline workbook says so).
    """
    core_permissions.require(actor, permissions.ANSWER, assignment)
    _lock(assignment)
    _require_open(assignment)
    if assignment.version != expected_version:
        raise AnswerConflict(changes_since(assignment, expected_version), assignment.version)
    questions = {q.pk: q for q in assignment.checklist.questions.filter(is_dropped=False)}
    answers = {a.question_id: a for a in Answer.objects.filter(assignment=assignment).prefetch_related("data_sources")}
    errors = {}
    for question_pk, fields in changes.items():
        unknown = set(fields) - set(ANSWER_FIELDS)
        if unknown:
            raise TypeError(f"answers_save() got unexpected fields: {sorted(unknown)}")
        question = questions.get(question_pk)
        if question is None:
            errors.setdefault("__all__", []).append(_("A question of another checklist, or a dropped one, was sent."))
            continue
        if fields.get("assessment", "") not in ("", *Assessment.values):
            errors.setdefault("__all__", []).append(
                _("%(code)s: choose yes, partly, no, don't know or not applicable.") % {"code": question.code}
            )
        sources = fields.get("data_sources")
        if sources is not None and any(s.process_id != assignment.process_id for s in sources):
            errors.setdefault("__all__", []).append(
                _("%(code)s: the data sources must be of this process.") % {"code": question.code}
            )
    if errors:
        raise ValidationError(errors)

    new_version = assignment.version + 1
    changed = 0
    for question_pk, fields in changes.items():
        answer = answers.get(question_pk) or Answer(
            process=assignment.process, assignment=assignment, question=questions[question_pk]
        )
        before = _answer_values(answer) if answer.pk else None
        if "assessment" in fields:
            answer.assessment = fields["assessment"] or ""
        for name in ("narrative", "evidence"):
            if name in fields:
                setattr(answer, name, (fields[name] or "").strip())
        new_sources = fields.get("data_sources")
        after = _answer_values(answer, sources=new_sources)
        if before == after or (before is None and not any(after.values())):
            continue
        answer.saved_version, answer.saved_by = new_version, actor
        _save_answer(answer, sources=new_sources, actor=actor, reason=reason, code=code or "answer.saved")
        changed += 1
    if changed:
        assignment.version = new_version
        if assignment.status == AssignmentStatus.ASSIGNED:
            assignment.status = AssignmentStatus.DRAFT
        save_audited(
            assignment,
            actor=actor,
            code=code or "assignment.answers_saved",
            reason=reason or ngettext("%(count)d answer", "%(count)d answers", changed) % {"count": changed},
        )
    return assignment


def _save_answer(answer: Answer, *, sources, actor, reason: str, code: str = "answer.saved") -> None:
    """
    Save one answer so that its history reads as one change: the data sources of an existing answer are set
    first, without a history row of their own, so that the row the save writes carries them. A new answer needs
    its row before it can have sources, so it gets a second row when it has any.
    """
    is_new = answer.pk is None
    if not is_new and sources is not None:
        answer.skip_history_when_saving = True
        try:
            answer.data_sources.set(sources)
        finally:
            del answer.skip_history_when_saving
    save_audited(answer, actor=actor, code=code, reason=reason)
    if is_new and sources:
        answer._history_user = actor
        answer._change_reason = core_services.change_reason(code, reason)
        answer.data_sources.set(sources)


def _answer_values(answer: Answer, sources=None) -> dict:
    if sources is None:
        sources = list(answer.data_sources.all()) if answer.pk else []
    return {
        "assessment": answer.assessment,
        "narrative": answer.narrative,
        "evidence": answer.evidence,
        "data_sources": sorted(source.pk for source in sources),
    }


@transaction.atomic
def answer_document_attach(*, actor, answer: Answer, uploaded, title: str = "") -> Document:
    """Evidence as a file: the lead's focal points attach it to an answer while the checklist is open."""
    core_permissions.require(actor, permissions.ANSWER, answer.assignment)
    _require_open(answer.assignment)
    return core_services.document_attach(
        actor=actor, process=answer.process, owner=answer, uploaded=uploaded, title=title, check_actor=False
    )


def answer_for_question(*, actor, assignment: Assignment, question) -> Answer:
    """
    The answer to `question`, created empty the first time someone attaches evidence or a comment to it (the
    lead, a contributor or a reviewer). Creating it changes no answer, so it does not move the version.
    """
    answer = Answer.objects.filter(assignment=assignment, question=question).first()
    if answer is not None:
        return answer
    core_permissions.require(actor, permissions.COMMENT, assignment)
    if question.checklist_id != assignment.checklist_id or question.is_dropped:
        raise ValidationError(_("This question is not part of the checklist."))
    answer = Answer(process=assignment.process, assignment=assignment, question=question)
    try:
        with transaction.atomic():
            save_audited(answer, actor=actor, code="answer.opened", validate=False)
    except IntegrityError:
        # Someone opened the same answer a moment earlier: use theirs.
        return Answer.objects.get(assignment=assignment, question=question)
    return answer


def answer_comment(*, actor, answer: Answer, text: str) -> Comment:
    """A remark on one answer: the reviewers, the lead's focal points and the contributing institutions."""
    return core_services.comment_add(actor=actor, target=answer, text=text)


# ---------------------------------------------------------------------------
# Submitting and reviewing
# ---------------------------------------------------------------------------


def assignment_submit(*, actor, assignment: Assignment, reason: str = "") -> Assignment:
    """The lead hands its answers in for review: every question needs an assessment first."""
    return ASSIGNMENT.perform(actor, assignment, "submit", reason=reason)


def assignment_approve(*, actor, assignment: Assignment, note: str = "") -> Assignment:
    """The facilitator or the NFP accepts the answers; other ministries can read them from now on."""
    return ASSIGNMENT.perform(actor, assignment, "approve", reason=note)


def assignment_request_changes(*, actor, assignment: Assignment, reason: str) -> Assignment:
    """Send the answers back to draft with what to change; the comments on the questions stay visible."""
    return ASSIGNMENT.perform(actor, assignment, "request_changes", reason=reason)


def assignment_reopen(*, actor, assignment: Assignment, reason: str) -> Assignment:
    """The NFP reopens approved answers (new facts, a changed question): back to draft, with the reason."""
    return ASSIGNMENT.perform(actor, assignment, "reopen", reason=reason)


# ---------------------------------------------------------------------------
# Reminders (Celery beat, once a day)
# ---------------------------------------------------------------------------

# The lead is reminded a week and a day before the due date; once overdue, the day after it and then every week,
# with the NFP in copy (the README's "Reminders" table).
ASSIGNMENT_REMINDERS = reminders.Schedule(days_before=(7, 1), every_days_after=7)


def assignments_remind(*, today: date | None = None) -> int:
    """E-mail the lead institutions whose answers are due soon or overdue; each at most once a day."""
    open_statuses = (AssignmentStatus.ASSIGNED, AssignmentStatus.DRAFT)
    return reminders.send_reminders(
        Assignment.objects.filter(status__in=open_statuses, process__status=ProcessStatus.ACTIVE).select_related(
            "checklist", "lead", "process"
        ),
        schedule=ASSIGNMENT_REMINDERS,
        due_field="due_on",
        send=_send_assignment_reminder,
        audit_prefix="assignment",
        today=today,
    )


def _send_assignment_reminder(assignment: Assignment, kind: str, today: date) -> None:
    if kind == reminders.BEFORE:
        subject = _("Reminder: %(checklist)s is due on %(due)s")
        body = _("The answers of %(lead)s to %(checklist)s are due on %(due)s. Submit them when they are done.")
    else:
        subject = _("Overdue: %(checklist)s was due on %(due)s")
        body = _(
            "The answers of %(lead)s to %(checklist)s were due on %(due)s and have not been submitted yet. "
            "Submit them, or tell the National Focal Point when they will be ready."
        )
    values = {"checklist": assignment.checklist, "lead": assignment.lead, "due": l10n.date(assignment.due_on)}
    recipients = core_selectors.member_emails(process=assignment.process, institution=assignment.lead)
    if kind != reminders.BEFORE:
        recipients = sorted(
            set(recipients) | set(core_selectors.member_emails(process=assignment.process, roles=[Role.NFP]))
        )
    core_services.notify(recipients=recipients, subject=subject % values, body=body % values)


# ---------------------------------------------------------------------------
# Demo records
# ---------------------------------------------------------------------------

A = Assessment
DEMO_HEALTH_ANSWERS = {
    "A1": (
        A.YES,
        "Nurses and junior doctors cite pay and the lack of specialist posts; the 2024 staff survey "
        "found a third of nursing students planning to work abroad.",
    ),
    "A2": (A.NO, "Meridia is not on the 2023 list; two regions have densities below the threshold."),
    "A3": (A.PARTLY, "The ministry reported in the last round but not on bilateral agreements."),
    "A4": (A.PARTLY, "A code of conduct exists for licensed agencies; unlicensed recruiters are not covered."),
    "A5": (A.NO, "The rural retention allowance was discontinued in 2022; returnees get no specific support."),
    "A6": (A.YES, "Emergency and primary care are open to everyone, whatever their status."),
    "A7": (A.DONT_KNOW, "A working group was announced in 2025; it has not met yet."),
    "B1": (A.YES, "Eleven district hospitals report vacant midwife posts for more than a year."),
    "B2": (A.PARTLY, "Recognition takes nine months on average; many foreign nurses work as assistants."),
    "B3": (A.PARTLY, "Some return after five to ten years, mostly to private clinics in the capital."),
    "B4": (A.YES, "The diaspora medical association has offered volunteer teaching missions."),
    "B5": (A.NOT_APPLICABLE, "Covered by the employment checklist in this country."),
}
DEMO_EMPLOYMENT_ANSWERS = {
    "A1": (A.YES, "Youth unemployment is highest in the northern provinces, where most emigrants come from."),
    "A2": (A.NO, "The labour-market information system covers home vacancies only."),
    "A3": (A.PARTLY, "Two bilateral labour agreements; women are under a fifth of the seasonal workers."),
    "A4": (A.PARTLY, "Orientation exists for the seasonal schemes only, and reaches about one worker in eight."),
    "A5": (A.NO, "Recruitment costs are not measured; a small survey in 2023 found about three months' pay."),
    "B1": (A.PARTLY, "Construction and nursing report shortages in the northern provinces."),
    "B2": (A.NO, "Skills gained abroad are not recognised; returnees start again at the bottom."),
    "B3": (A.PARTLY, "A small start-up grant exists; no job-matching service for returnees."),
    "B4": (A.NO, "Vacancies are not advertised to citizens abroad."),
    "B5": (A.YES, "The labour inspectorate covers all workplaces, whoever they employ."),
}


def _demo_answer(assignment: Assignment, actor, answers: Mapping, sources=()) -> None:
    questions = {q.code: q for q in assignment.checklist.questions.filter(is_dropped=False)}
    changes = {
        questions[code].pk: {"assessment": assessment, "narrative": narrative, "data_sources": list(sources)}
        for code, (assessment, narrative) in answers.items()
        if code in questions
    }
    answers_save(actor=actor, assignment=assignment, changes=changes, expected_version=assignment.version)


def load_demo_assignments(demo) -> None:
    """
    The demo country's assignments: during the preparation (the year before the plan, when the findings were
    drawn), the health checklist answered by the Ministry of Health and the employment checklist answered by the
    Ministry of Labour, each submitted and approved by the facilitator (with a comment on one health question);
    and, added for the mid-term review, the diaspora checklist, overdue at the Ministry of Foreign Affairs
    (dated from today, so that it is overdue whenever the demo is loaded). Loading again changes nothing.
    """

    process, users, institutions = demo.process, demo.users, demo.institutions
    nfp, today = users["nfp"], timezone.localdate()
    checklists = {c.sector.code: c for c in process.checklists.select_related("sector")}
    assigned = set(Assignment.objects.filter(process=process).values_list("checklist_id", flat=True))
    sources = list(process.data_sources.filter(name__in=["Labour Force Survey", "National migration profile"]))

    health = checklists.get("health")
    if health is not None and health.pk not in assigned and "MoH" in institutions and "health" in users:
        contributors = [institutions[a] for a in ("NSO",) if a in institutions]
        assignment = assignment_create(
            actor=nfp,
            checklist=health,
            lead=institutions["MoH"],
            contributors=contributors,
            due_on=demo.preparation(8, 29),
        )
        _demo_answer(assignment, users["health"], DEMO_HEALTH_ANSWERS, sources)
        assignment_submit(actor=users["health"], assignment=assignment)
        first = min(
            health.questions.filter(is_dropped=False),
            key=lambda q: question_order(q.block, q.position, q.code),
            default=None,
        )
        if first is not None and "facilitator" in users:
            answer = answer_for_question(actor=users["facilitator"], assignment=assignment, question=first)
            answer_comment(
                actor=users["facilitator"],
                answer=answer,
                text="Well documented. For the analysis, could the staff survey be broken down by sex and region?",
            )
            assignment_approve(
                actor=users["facilitator"], assignment=assignment, note="Clear and well sourced; thank you."
            )

    employment = checklists.get("employment")
    if employment is not None and employment.pk not in assigned and "MoLSP" in institutions and "labour" in users:
        contributors = [institutions[a] for a in ("NEA", "CMTU") if a in institutions]
        assignment = assignment_create(
            actor=nfp,
            checklist=employment,
            lead=institutions["MoLSP"],
            contributors=contributors,
            due_on=demo.preparation(9, 15),
        )
        _demo_answer(assignment, users["labour"], DEMO_EMPLOYMENT_ANSWERS, sources[:1])
        assignment_submit(actor=users["labour"], assignment=assignment)
        if "facilitator" in users:
            assignment_approve(
                actor=users["facilitator"], assignment=assignment, note="The findings on youth unemployment hold."
            )

    overdue = checklists.get("diaspora") or checklists.get("financial-sector")
    lead = institutions.get("MoFAD") if overdue and overdue.sector.code == "diaspora" else institutions.get("CBM")
    if overdue is not None and overdue.pk not in assigned and lead is not None:
        assignment_create(actor=nfp, checklist=overdue, lead=lead, due_on=today - timedelta(days=10))
