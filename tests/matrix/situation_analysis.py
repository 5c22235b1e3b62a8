"""
Permission-matrix rows of the situation analysis: the process's sector checklists and its data sources.

Everybody who sees internal work reads these pages (development partners get 403); only the NFP writes. POST rows
carry valid data, so that the NFP's row shows the success path (302).
"""

from mainstreaming.models import Sector
from situation_analysis.choices import QuestionBlock
from situation_analysis.models import ChecklistTemplate, TemplateQuestion
from situation_analysis.services import checklists as services
from situation_analysis.services import sources as source_services
from tests.matrix import RepeatableUpload, Row, internal, nfp_only


def _template(code: str, sector: Sector) -> ChecklistTemplate:
    template = ChecklistTemplate.objects.create(code=code, sector=sector, title=f"Matrix checklist {code}")
    for i, block in enumerate(QuestionBlock.values * 2):
        prefix = "A" if block == QuestionBlock.SECTOR_ON_MIGRATION else "B"
        TemplateQuestion.objects.create(template=template, block=block, code=f"{prefix}{i // 2 + 1}", text=f"Q{i}?")
    return template


def objects(cast) -> dict[str, dict]:
    sector, _ = Sector.objects.get_or_create(code="matrix-sector", defaults={"name": "Matrix sector", "position": 99})
    adopted = _template("MX1", sector)
    _template("MX2", sector)  # left for "Adopt all"
    checklist = services.checklist_adopt(actor=cast.nfp, process=cast.process, template=adopted)
    first, second = checklist.questions.order_by("block", "position")[:2]
    services.question_drop(actor=cast.nfp, question=second, reason="Not relevant here")
    source = source_services.data_source_create(
        actor=cast.nfp, process=cast.process, name="Matrix census", kind="census", owner=cast.health
    )
    process = {"process_pk": cast.process.pk}
    return {
        "sa_process": process,
        "sa_checklist": process | {"pk": checklist.pk},
        "sa_question": process | {"pk": checklist.pk, "question_pk": first.pk},
        "sa_dropped_question": process | {"pk": checklist.pk, "question_pk": second.pk},
        "sa_source": process | {"pk": source.pk},
    }


SOURCE = {"name": "Household Budget Survey", "kind": "household_survey", "disaggregations": ["sex", "region"]}

MATRIX: dict[str, list[Row]] = {
    "situation_analysis:checklist_list": [Row("sa_process", internal(), internal(405))],
    "situation_analysis:checklist_adopt": [Row("sa_process", nfp_only(405), nfp_only(302), {"all": "1"})],
    "situation_analysis:checklist_detail": [Row("sa_checklist", internal(), internal(405))],
    "situation_analysis:checklist_edit": [
        Row("sa_checklist", nfp_only(), nfp_only(302), {"title": "Adapted title", "reason": "Country wording"})
    ],
    "situation_analysis:checklist_history": [Row("sa_checklist", internal(), internal(405))],
    "situation_analysis:question_create": [
        Row("sa_checklist", nfp_only(), nfp_only(302), {"block": "sector_on_migration", "text": "A new question?"})
    ],
    "situation_analysis:question_edit": [
        Row("sa_question", nfp_only(), nfp_only(302), {"text": "Reworded?", "position": 1, "reason": "Clearer"})
    ],
    "situation_analysis:question_drop": [Row("sa_question", nfp_only(), nfp_only(302), {"reason": "Does not apply"})],
    "situation_analysis:question_restore": [Row("sa_dropped_question", nfp_only(405), nfp_only(302))],
    "situation_analysis:data_source_list": [Row("sa_process", internal(), internal(405))],
    "situation_analysis:data_source_create": [Row("sa_process", nfp_only(), nfp_only(302), dict(SOURCE))],
    "situation_analysis:data_source_detail": [Row("sa_source", internal(), internal(405))],
    "situation_analysis:data_source_edit": [Row("sa_source", nfp_only(), nfp_only(302), dict(SOURCE))],
    "situation_analysis:data_source_history": [Row("sa_source", internal(), internal(405))],
    "situation_analysis:data_source_document_upload": [
        Row("sa_source", nfp_only(), nfp_only(302), {"title": "Census report", "file": RepeatableUpload("census.txt")})
    ],
}
