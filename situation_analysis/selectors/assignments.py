"""
The read side of the assignments and their answers: the process's list, one assignment's answer page, its
history. Every function costs a fixed number of queries, however many questions, answers, comments and files
there are. Lists take the actor and hold only the assignments the actor may see (`restrict`); what a person may
read on one assignment's page (a ministry's drafts) is decided by the view with situation_analysis.permissions and
passed in: a selector never returns draft answers to someone who may not read them.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from mainstreaming import selectors as core_selectors
from mainstreaming.history import object_history_of_many, split_reason
from mainstreaming.models import Institution, Process
from situation_analysis import permissions
from situation_analysis.choices import AssignmentStatus, QuestionBlock
from situation_analysis.models import Answer, Assignment, Checklist, ChecklistQuestion
from situation_analysis.selectors.findings import findings_for_answers

# The badge class of each status (static/css/app.css has no class of its own for these).
STATUS_BADGES = {
    AssignmentStatus.ASSIGNED: "badge-planned",
    AssignmentStatus.DRAFT: "badge-in_progress",
    AssignmentStatus.SUBMITTED: "badge-queued",
    AssignmentStatus.APPROVED: "badge-done",
}

# What the last review step was, read from the history codes the services write.
DECISIONS = {
    "assignment.approved": _("Approved"),
    "assignment.changes_requested": _("Changes requested"),
    "assignment.reopened": _("Reopened"),
}


def question_order(block: str, position: int, code: str) -> tuple:
    """The checklist's order: the handbook's first block first (its value does not sort first), then position."""
    blocks = QuestionBlock.values
    return (blocks.index(block) if block in blocks else len(blocks), position, code)


def _decorate(assignment: Assignment) -> Assignment:
    assignment.status_badge = STATUS_BADGES.get(assignment.status, "")
    return assignment


# ---------------------------------------------------------------------------
# Lists
# ---------------------------------------------------------------------------


def assignment_list(
    *, actor, process: Process, status: str = "", institution_id: int | None = None
) -> list[Assignment]:
    """
    The process's assignments `actor` may see, with their checklist, lead, contributors and progress (questions
    answered out of those asked), optionally only one status or those an institution leads or contributes to. Two
    queries, plus those of the actor's rights.
    """
    assignments = (
        Assignment.objects.filter(process=process)
        .restrict(actor, permissions.VIEW)
        .select_related("checklist", "checklist__sector", "lead")
        .prefetch_related(Prefetch("contributors", queryset=Institution.objects.order_by("name")))
        .annotate(
            question_count=Count("checklist__questions", filter=Q(checklist__questions__is_dropped=False)),
            answered_count=Count(
                "checklist__questions",
                filter=Q(checklist__questions__is_dropped=False)
                & Q(checklist__questions__answer__isnull=False)
                & ~Q(checklist__questions__answer__assessment=""),
            ),
        )
        .order_by("due_on", "checklist__code")
    )
    if status in AssignmentStatus.values:
        assignments = assignments.filter(status=status)
    if institution_id:
        contributes = Assignment.contributors.through.objects.filter(
            assignment_id=OuterRef("pk"), institution_id=institution_id
        )
        assignments = assignments.filter(Q(lead_id=institution_id) | Exists(contributes))
    return [_decorate(assignment) for assignment in assignments]


def assignments_by_checklist(checklists, *, actor) -> dict[int, Assignment]:
    """The assignment of each of these checklists that `actor` may see, with its lead, by checklist id (one query)."""
    assignments = (
        Assignment.objects.filter(checklist__in=list(checklists))
        .restrict(actor, permissions.VIEW)
        .select_related("lead")
    )
    return {assignment.checklist_id: _decorate(assignment) for assignment in assignments}


def checklist_assignment(*, checklist: Checklist) -> Assignment | None:
    """The checklist's assignment, if it has one, for the checklist's own page (one query)."""
    assignment = Assignment.objects.filter(checklist=checklist).select_related("lead").first()
    return _decorate(assignment) if assignment else None


def assignment_get(*, process: Process, pk: int) -> Assignment:
    """One assignment of the process with what its page shows about it, or 404."""
    queryset = Assignment.objects.select_related(
        "process", "checklist", "checklist__sector", "lead", "submitted_by", "reviewed_by"
    ).prefetch_related(Prefetch("contributors", queryset=Institution.objects.order_by("name")))
    return _decorate(get_object_or_404(queryset, process=process, pk=pk))


def assignment_questions(*, assignment: Assignment) -> list[ChecklistQuestion]:
    """The questions the lead answers (not the dropped ones), in the checklist's order (one query)."""
    questions = ChecklistQuestion.objects.filter(checklist_id=assignment.checklist_id, is_dropped=False)
    return sorted(questions, key=lambda q: question_order(q.block, q.position, q.code))


def unanswered_codes(assignment: Assignment) -> list[str]:
    """The codes of the checklist's questions that have no assessment yet, in the checklist's order (one query)."""
    answered = Answer.objects.filter(assignment=assignment).exclude(assessment="").values("question_id")
    rows = (
        ChecklistQuestion.objects.filter(checklist_id=assignment.checklist_id, is_dropped=False)
        .exclude(pk__in=answered)
        .values_list("block", "position", "code")
    )
    return [code for _block, _position, code in sorted(rows, key=lambda row: question_order(*row))]


def question_get(*, assignment: Assignment, pk: int) -> ChecklistQuestion:
    """A question of the assignment's checklist that is still asked, or 404."""
    return get_object_or_404(ChecklistQuestion, checklist_id=assignment.checklist_id, is_dropped=False, pk=pk)


# ---------------------------------------------------------------------------
# The answer page
# ---------------------------------------------------------------------------


@dataclass
class AnswerBlock:
    value: str
    label: str
    questions: list = field(default_factory=list)


@dataclass
class AnswerPage:
    blocks: list[AnswerBlock]
    questions: list[ChecklistQuestion]
    answered_count: int = 0
    last_decision: str = ""


def answer_page(*, assignment: Assignment, can_read_answers: bool) -> AnswerPage:
    """
    The questions by block. For those who may read the answers, each question carries its `current_answer` (or None),
    with the answer's data sources, and `comments`, `documents` and `findings`, each loaded once for the whole
    page. For others the questions come bare: no answer, no comment, no file, no finding.
    """
    questions = assignment_questions(assignment=assignment)
    answers: dict[int, Answer] = {}
    if can_read_answers:
        queryset = (
            Answer.objects.filter(assignment=assignment)
            .select_related("saved_by")
            .prefetch_related(Prefetch("data_sources", to_attr="source_list"))
        )
        answers = {answer.question_id: answer for answer in queryset}
    ids = [answer.pk for answer in answers.values()]
    comments = core_selectors.comments_on_many(Answer, ids) if ids else {}
    documents = core_selectors.documents_of_many(Answer, ids) if ids else {}
    findings = findings_for_answers(ids) if ids else {}
    blocks = {value: AnswerBlock(value, str(label)) for value, label in QuestionBlock.choices}
    answered = 0
    for question in questions:
        answer = answers.get(question.pk)
        question.current_answer = answer
        question.comments = comments.get(str(answer.pk), []) if answer else []
        question.documents = documents.get(str(answer.pk), []) if answer else []
        question.findings = findings.get(answer.pk, []) if answer else []
        if answer is not None and answer.assessment:
            answered += 1
        blocks.setdefault(question.block, AnswerBlock(question.block, question.get_block_display()))
        blocks[question.block].questions.append(question)
    return AnswerPage(
        blocks=[block for block in blocks.values() if block.questions],
        questions=questions,
        answered_count=answered,
        last_decision=last_decision(assignment),
    )


def last_decision(assignment: Assignment) -> str:
    """What the last review step was (approved, changes requested, reopened), or "" if none yet (one query)."""
    if assignment.reviewed_at is None:
        return ""
    decided = Q()
    for code in DECISIONS:
        decided |= Q(history_change_reason=code) | Q(history_change_reason__startswith=f"{code}: ")
    record = assignment.history.filter(decided).order_by("-history_date", "-history_id").first()
    if record is None:
        return ""
    code, _reason = split_reason(record.history_change_reason)
    return str(DECISIONS.get(code, ""))


# ---------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------


def answer_history(*, assignment: Assignment) -> list:
    """Every recorded change to the assignment's answers, newest first, each labelled with its question's code."""
    entries = object_history_of_many(Answer.history.filter(assignment_id=assignment.pk), model=Answer)
    codes = dict(ChecklistQuestion.objects.filter(checklist_id=assignment.checklist_id).values_list("pk", "code"))
    ids = dict(Answer.objects.filter(assignment=assignment).values_list("pk", "question_id"))
    for entry in entries:
        if entry.object_label.isdigit():
            question_id = ids.get(int(entry.object_label))
            entry.object_label = codes.get(question_id, entry.object_label)
    return entries
