"""
Sector checklists: a process adopts the current version of a sector checklist (its own copy), and the NFP adapts
that copy (add, reword, drop and restore questions).

The NFP does all of it (the core's manage_process). Each service checks that, validates with full_clean() and
leaves history rows carrying the actor and a dotted reason, followed by the person's own words when given. A
process's copy is independent: nothing here ever writes to a template or to another process's copy.
"""

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming.models import Process
from mainstreaming.services import position_in, save_audited
from situation_analysis.choices import QuestionBlock
from situation_analysis.models import Checklist, ChecklistQuestion, ChecklistTemplate
from situation_analysis.services.base import check_fields

CHECKLIST_FIELDS = ("title", "introduction", "suggested_stakeholders")
QUESTION_FIELDS = ("text", "guidance", "position")
# The letter of each block's question codes: A1, A2 ... and B1, B2 ...
BLOCK_PREFIX = {QuestionBlock.SECTOR_ON_MIGRATION: "A", QuestionBlock.MIGRATION_ON_SECTOR: "B"}


# ---------------------------------------------------------------------------
# Adopting checklists
# ---------------------------------------------------------------------------


def _copy(*, actor, process: Process, template: ChecklistTemplate) -> Checklist:
    checklist = Checklist(
        process=process,
        template=template,
        sector=template.sector,
        code=template.code,
        title=template.title,
        introduction=template.introduction,
        suggested_stakeholders=template.suggested_stakeholders,
        # The copy shows the template's translations until the NFP rewords it (TranslatableMixin.localized).
        translations=template.translations_for({field: field for field in CHECKLIST_FIELDS}),
    )
    save_audited(checklist, actor=actor, code="checklist.adopted", reason=f"{template.code} v{template.version}")
    for source in template.questions.order_by("block", "position", "code"):
        question = ChecklistQuestion(
            checklist=checklist,
            source=source,
            block=source.block,
            code=source.code,
            text=source.text,
            position=source.position,
            translations=source.translations_for({"text": "text"}),
        )
        save_audited(question, actor=actor, code="question.copied")
    return checklist


@transaction.atomic
def checklist_adopt(*, actor, process: Process, template: ChecklistTemplate) -> Checklist:
    """Copy the current version of a sector checklist into the process: its own checklist and questions."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    template = ChecklistTemplate.objects.select_related("sector").get(pk=template.pk)
    if not template.is_current:
        raise ValidationError({"template": _("Only the current version of a checklist can be adopted.")})
    if Checklist.objects.filter(process=process, code=template.code).exists():
        raise ValidationError(
            {
                "template": _("This process already has checklist %(code)s; adapt its own copy.")
                % {"code": template.code}
            }
        )
    return _copy(actor=actor, process=process, template=template)


@transaction.atomic
def checklist_adopt_all(*, actor, process: Process) -> list[Checklist]:
    """Adopt every current checklist the process does not have yet; running it again adopts nothing more."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    taken = set(Checklist.objects.filter(process=process).values_list("code", flat=True))
    templates = ChecklistTemplate.objects.filter(is_current=True).exclude(code__in=taken).select_related("sector")
    return [_copy(actor=actor, process=process, template=template) for template in templates]


@transaction.atomic
def checklist_update(*, actor, checklist: Checklist, data: Mapping, reason: str = "") -> Checklist:
    """Change the process's copy: its title, introduction and suggested stakeholders (never the template)."""
    permissions.require(actor, permissions.MANAGE_PROCESS, checklist.process)
    check_fields("checklist_update", data, CHECKLIST_FIELDS)
    for field, value in data.items():
        setattr(checklist, field, value)
    save_audited(checklist, actor=actor, code="checklist.updated", reason=reason)
    return checklist


# ---------------------------------------------------------------------------
# Adapting questions
# ---------------------------------------------------------------------------


def next_question_code(checklist: Checklist, block: str) -> str:
    """The next free code of a block: after A6 comes A7, counting dropped questions too (codes are never reused)."""
    prefix = BLOCK_PREFIX[block]
    pattern = re.compile(rf"^{prefix}(\d+)$")
    numbers = [
        int(match.group(1))
        for code in checklist.questions.values_list("code", flat=True)
        if (match := pattern.match(code))
    ]
    return f"{prefix}{max(numbers, default=0) + 1}"


@transaction.atomic
def question_add(*, actor, checklist: Checklist, block: str, text: str, guidance: str = "") -> ChecklistQuestion:
    """Add a question of the process's own to a block, at its end, with the block's next free code."""
    permissions.require(actor, permissions.MANAGE_PROCESS, checklist.process)
    if block not in BLOCK_PREFIX:
        raise ValidationError({"block": _("Choose one of the two blocks.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the question.")})
    Checklist.objects.select_for_update().filter(pk=checklist.pk).first()  # one code at a time per checklist
    question = ChecklistQuestion(
        checklist=checklist,
        block=block,
        code=next_question_code(checklist, block),
        text=text.strip(),
        guidance=guidance,
        position=position_in(checklist.questions.filter(block=block), first=1),
    )
    save_audited(question, actor=actor, code="question.added")
    return question


@transaction.atomic
def question_update(*, actor, question: ChecklistQuestion, data: Mapping, reason: str = "") -> ChecklistQuestion:
    """Reword a question, change its guidance or its place in the block (the process's copy only)."""
    permissions.require(actor, permissions.MANAGE_PROCESS, question.checklist.process)
    check_fields("question_update", data, QUESTION_FIELDS)
    old_text = question.text
    for field, value in data.items():
        setattr(question, field, value)
    if "text" in data and not (question.text or "").strip():
        raise ValidationError({"text": _("Write the question.")})
    code = "question.reworded" if question.text != old_text else "question.updated"
    save_audited(question, actor=actor, code=code, reason=reason)
    return question


@transaction.atomic
def question_drop(*, actor, question: ChecklistQuestion, reason: str) -> ChecklistQuestion:
    """Leave a question out of this process's checklist; it stays, with its history, and can be restored."""
    permissions.require(actor, permissions.MANAGE_PROCESS, question.checklist.process)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the question is dropped.")})
    if question.is_dropped:
        raise ValidationError({"reason": _("This question has already been dropped.")})
    question.is_dropped = True
    save_audited(question, actor=actor, code="question.dropped", reason=reason)
    return question


@transaction.atomic
def question_restore(*, actor, question: ChecklistQuestion, reason: str = "") -> ChecklistQuestion:
    """Bring a dropped question back into the checklist."""
    permissions.require(actor, permissions.MANAGE_PROCESS, question.checklist.process)
    if not question.is_dropped:
        raise ValidationError(_("This question is part of the checklist already."))
    question.is_dropped = False
    save_audited(question, actor=actor, code="question.restored", reason=reason)
    return question
