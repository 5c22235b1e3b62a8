"""
The read side of the checklists: a process's checklists and the templates it has not adopted, and one
checklist's questions by block. Every function costs a fixed number of queries, however many records the process
holds.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from mainstreaming.models import Process
from situation_analysis.choices import QuestionBlock
from situation_analysis.models import Checklist, ChecklistQuestion, ChecklistTemplate

# ---------------------------------------------------------------------------
# Checklists
# ---------------------------------------------------------------------------


def checklist_list(*, process: Process) -> list[Checklist]:
    """The process's checklists with their counts, whether adapted, and whether a newer template version exists."""
    newer = ChecklistTemplate.objects.filter(
        code=OuterRef("code"), is_current=True, version__gt=OuterRef("template__version")
    )
    checklists = (
        Checklist.objects.filter(process=process)
        .select_related("sector", "template")
        .annotate(
            active_count=Count("questions", filter=Q(questions__is_dropped=False)),
            dropped_count=Count("questions", filter=Q(questions__is_dropped=True)),
            added_count=Count("questions", filter=Q(questions__source__isnull=True)),
            reworded_count=Count(
                "questions",
                filter=Q(questions__source__isnull=False) & ~Q(questions__text=F("questions__source__text")),
            ),
            has_newer_version=Exists(newer),
        )
        .order_by("sector__position", "code")
    )
    result = list(checklists)
    for checklist in result:
        checklist.is_adapted = bool(checklist.dropped_count or checklist.added_count or checklist.reworded_count)
    return result


def templates_not_adopted(*, process: Process) -> QuerySet[ChecklistTemplate]:
    """The current templates whose code the process has no copy of yet."""
    return (
        ChecklistTemplate.objects.filter(is_current=True)
        .exclude(code__in=Checklist.objects.filter(process=process).values("code"))
        .select_related("sector")
        .annotate(question_count=Count("questions"))
        .order_by("sector__position", "code")
    )


def current_template_get(*, pk) -> ChecklistTemplate | None:
    return ChecklistTemplate.objects.filter(pk=pk, is_current=True).select_related("sector").first()


def checklist_get(*, process: Process, pk: int) -> Checklist:
    return get_object_or_404(Checklist.objects.select_related("process", "sector", "template"), process=process, pk=pk)


def question_get(*, checklist: Checklist, pk: int) -> ChecklistQuestion:
    question = get_object_or_404(ChecklistQuestion.objects.select_related("source"), checklist=checklist, pk=pk)
    question.checklist = checklist
    return question


@dataclass
class Block:
    value: str
    label: str
    questions: list = field(default_factory=list)


@dataclass
class ChecklistQuestions:
    blocks: list[Block]
    dropped: list[ChecklistQuestion]
    newer_template: ChecklistTemplate | None = None


def checklist_questions(*, checklist: Checklist) -> ChecklistQuestions:
    """The questions in the two blocks, in order, and those dropped apart: one query for all of them."""
    blocks = {value: Block(value, str(label)) for value, label in QuestionBlock.choices}
    dropped = []
    questions = ChecklistQuestion.objects.filter(checklist=checklist).select_related("source")
    for question in questions.order_by("block", "position", "code"):
        question.checklist = checklist
        if question.is_dropped:
            dropped.append(question)
        elif question.block in blocks:
            blocks[question.block].questions.append(question)
    order = {value: index for index, value in enumerate(QuestionBlock.values)}
    dropped.sort(key=lambda q: (order.get(q.block, 9), q.position, q.code))
    newer = (
        ChecklistTemplate.objects.filter(code=checklist.code, is_current=True, version__gt=checklist.template.version)
        .only("pk", "version")
        .first()
    )
    return ChecklistQuestions(blocks=list(blocks.values()), dropped=dropped, newer_template=newer)


def stakeholder_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def checklist_question_history(checklist: Checklist) -> list:
    """Every recorded change to the questions of a checklist, newest first, each with its field differences."""
    from mainstreaming.history import object_history_of_many

    return object_history_of_many(ChecklistQuestion.history.filter(checklist_id=checklist.pk), model=ChecklistQuestion)
