"""
Every write of the situation analysis's first slice: a process adopts the current version of a sector checklist
(its own copy), the NFP adapts that copy (add, reword, drop and restore questions), and records the data sources
the analysis draws on (handbook Annex D1).

The NFP does all of it (the core's manage_process). Each service checks that, validates with full_clean() and
leaves history rows carrying the actor and a dotted reason, followed by the person's own words when given. A
process's copy is independent: nothing here ever writes to a template or to another process's copy.
"""

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming.loaders import DemoCountry
from mainstreaming.models import Process
from mainstreaming.services import _require, save_audited
from situation_analysis.choices import DataSourceKind, Disaggregation, Periodicity, QuestionBlock
from situation_analysis.models import Checklist, ChecklistQuestion, ChecklistTemplate, DataSource

CHECKLIST_FIELDS = ("title", "introduction", "suggested_stakeholders")
QUESTION_FIELDS = ("text", "guidance", "position")
DATA_SOURCE_FIELDS = (
    "name",
    "kind",
    "owner",
    "periodicity",
    "latest_year",
    "disaggregations",
    "access_notes",
    "quality_notes",
)
# The letter of each block's question codes: A1, A2 ... and B1, B2 ...
BLOCK_PREFIX = {QuestionBlock.SECTOR_ON_MIGRATION: "A", QuestionBlock.MIGRATION_ON_SECTOR: "B"}


def _require_manage(actor, process: Process) -> None:
    _require(actor, permissions.MANAGE_PROCESS, process)


def _check_fields(name: str, data: Mapping, allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{name}() got unexpected fields: {sorted(unknown)}")


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
        )
        save_audited(question, actor=actor, code="question.copied")
    return checklist


@transaction.atomic
def checklist_adopt(*, actor, process: Process, template: ChecklistTemplate) -> Checklist:
    """Copy the current version of a sector checklist into the process: its own checklist and questions."""
    _require_manage(actor, process)
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
    _require_manage(actor, process)
    taken = set(Checklist.objects.filter(process=process).values_list("code", flat=True))
    templates = ChecklistTemplate.objects.filter(is_current=True).exclude(code__in=taken).select_related("sector")
    return [_copy(actor=actor, process=process, template=template) for template in templates]


@transaction.atomic
def checklist_update(*, actor, checklist: Checklist, data: Mapping, reason: str = "") -> Checklist:
    """Change the process's copy: its title, introduction and suggested stakeholders (never the template)."""
    _require_manage(actor, checklist.process)
    _check_fields("checklist_update", data, CHECKLIST_FIELDS)
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
    _require_manage(actor, checklist.process)
    if block not in BLOCK_PREFIX:
        raise ValidationError({"block": _("Choose one of the two blocks.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write the question.")})
    Checklist.objects.select_for_update().filter(pk=checklist.pk).first()  # one code at a time per checklist
    positions = checklist.questions.filter(block=block).values_list("position", flat=True)
    question = ChecklistQuestion(
        checklist=checklist,
        block=block,
        code=next_question_code(checklist, block),
        text=text.strip(),
        guidance=guidance,
        position=max(positions, default=0) + 1,
    )
    save_audited(question, actor=actor, code="question.added")
    return question


@transaction.atomic
def question_update(*, actor, question: ChecklistQuestion, data: Mapping, reason: str = "") -> ChecklistQuestion:
    """Reword a question, change its guidance or its place in the block (the process's copy only)."""
    _require_manage(actor, question.checklist.process)
    _check_fields("question_update", data, QUESTION_FIELDS)
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
    _require_manage(actor, question.checklist.process)
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
    _require_manage(actor, question.checklist.process)
    if not question.is_dropped:
        raise ValidationError(_("This question is part of the checklist already."))
    question.is_dropped = False
    save_audited(question, actor=actor, code="question.restored", reason=reason)
    return question


# ---------------------------------------------------------------------------
# Data sources
# ---------------------------------------------------------------------------


def _ordered_breakdowns(values) -> list[str]:
    """Breakdowns in the order of Disaggregation, once each (unknown values are left for clean() to refuse)."""
    values = list(values or [])
    known = [value for value in Disaggregation.values if value in values]
    return known + [value for value in dict.fromkeys(values) if value not in Disaggregation.values]


def _check_name(source: DataSource) -> None:
    duplicates = DataSource.objects.filter(process_id=source.process_id, name__iexact=source.name)
    if duplicates.exclude(pk=source.pk).exists():
        raise ValidationError({"name": _("This process already records a data source of this name.")})


@transaction.atomic
def data_source_create(*, actor, process: Process, **data) -> DataSource:
    """Record a data source: its kind, owner, periodicity, latest year, breakdowns, access and quality notes."""
    _require_manage(actor, process)
    _check_fields("data_source_create", data, DATA_SOURCE_FIELDS)
    source = DataSource(process=process, **data)
    source.disaggregations = _ordered_breakdowns(source.disaggregations)
    _check_name(source)
    save_audited(source, actor=actor, code="data_source.created")
    return source


@transaction.atomic
def data_source_update(*, actor, source: DataSource, data: Mapping, reason: str = "") -> DataSource:
    _require_manage(actor, source.process)
    _check_fields("data_source_update", data, DATA_SOURCE_FIELDS)
    for field, value in data.items():
        setattr(source, field, value)
    source.disaggregations = _ordered_breakdowns(source.disaggregations)
    _check_name(source)
    save_audited(source, actor=actor, code="data_source.updated", reason=reason)
    return source


# ---------------------------------------------------------------------------
# Demo country
# ---------------------------------------------------------------------------

DEMO_SECTORS = ("health", "employment", "financial-sector", "diaspora", "governance")

D = Disaggregation
DEMO_SOURCES = [
    {
        "name": "Population and Housing Census",
        "kind": DataSourceKind.CENSUS,
        "owner": "NSO",
        "periodicity": Periodicity.DECENNIAL,
        "latest_year": 2021,
        "disaggregations": [D.SEX, D.AGE, D.REGION, D.MIGRATORY_STATUS, D.COUNTRY],
        "access_notes": "Tables published online; microdata on request to the statistics office.",
        "quality_notes": "Counts household members abroad only when the household reports them.",
    },
    {
        "name": "Labour Force Survey",
        "kind": DataSourceKind.LABOUR_FORCE_SURVEY,
        "owner": "NSO",
        "periodicity": Periodicity.QUARTERLY,
        "latest_year": 2025,
        "disaggregations": [D.SEX, D.AGE, D.REGION, D.SKILL_LEVEL],
        "access_notes": "Quarterly bulletins; anonymised microdata under a data-sharing agreement.",
        "quality_notes": "A migration module was added in 2023; earlier rounds cannot identify returnees.",
    },
    {
        "name": "Balance-of-payments remittance statistics",
        "kind": DataSourceKind.CENTRAL_BANK,
        "owner": "CBM",
        "periodicity": Periodicity.QUARTERLY,
        "latest_year": 2025,
        "disaggregations": [D.COUNTRY],
        "access_notes": "Published in the central bank's quarterly statistical review.",
        "quality_notes": "Formal channels only; informal transfers are not covered. No breakdown by sex.",
    },
    {
        "name": "Consular register of citizens abroad",
        "kind": DataSourceKind.CONSULAR,
        "owner": "MoFAD",
        "periodicity": Periodicity.CONTINUOUS,
        "latest_year": 2025,
        "disaggregations": [D.SEX, D.AGE, D.COUNTRY],
        "access_notes": "Aggregates on request to the ministry's consular department.",
        "quality_notes": "Registration is voluntary: undercounts recent and irregular migrants.",
    },
    {
        "name": "International migrant stock (UN DESA)",
        "kind": DataSourceKind.INTERNATIONAL,
        "owner": None,
        "periodicity": Periodicity.MULTI_YEAR,
        "latest_year": 2024,
        "disaggregations": [D.SEX, D.AGE, D.COUNTRY],
        "access_notes": "Open data.",
        "quality_notes": "Estimates built from destination countries' censuses; comparable across countries.",
    },
    {
        "name": "National migration profile",
        "kind": DataSourceKind.MIGRATION_PROFILE,
        "owner": "NSO",
        "periodicity": Periodicity.MULTI_YEAR,
        "latest_year": 2023,
        "disaggregations": [D.SEX, D.AGE, D.MIGRATORY_STATUS],
        "access_notes": "Published report; the tables behind it are shared with the working group.",
        "quality_notes": "Brings together the other sources; to be updated with this process.",
    },
]


def load_demo_records(demo: DemoCountry) -> None:
    """Five adopted checklists (one question reworded, one dropped) and six data sources for the demo country."""
    nfp = demo.users["nfp"]
    process = demo.process
    templates = ChecklistTemplate.objects.filter(is_current=True, sector__code__in=DEMO_SECTORS)
    taken = set(process.checklists.values_list("code", flat=True))
    checklists = [
        checklist_adopt(actor=nfp, process=process, template=template)
        for template in templates
        if template.code not in taken
    ]
    health = next((c for c in checklists if c.sector.code == "health"), None)
    if health is not None:
        questions = list(health.questions.order_by("block", "position"))
        if questions:
            question_update(
                actor=nfp,
                question=questions[0],
                data={"text": questions[0].text.rstrip("?") + ", including in the regions near the borders?"},
                reason="The working group asked to look at the border regions.",
            )
        if len(questions) > 1:
            question_drop(
                actor=nfp,
                question=questions[-1],
                reason="Covered by the employment checklist in this country.",
            )
    existing = set(process.data_sources.values_list("name", flat=True))
    for row in DEMO_SOURCES:
        if row["name"] in existing:
            continue
        owner = demo.institutions.get(row["owner"]) if row["owner"] else None
        data_source_create(actor=nfp, process=process, **(row | {"owner": owner}))
