"""
Reference lists of the situation analysis: the handbook's sector checklists (Annex C), from
fixtures/reference/checklists.json, loaded as versioned checklist templates.

Loading is idempotent. A checklist whose code is new gets version 1; one whose current version already says what
the fixture says is left alone; one whose wording changed gets a new version, which becomes the current one, while
the old version (and its questions) stays for the processes whose copies came from it. Translations are not
wording: a new or corrected translation updates the current version in place (and its history), without a new
version.
"""

import json
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Max

from mainstreaming.loaders import register_reference_loader
from mainstreaming.models import Sector
from situation_analysis.models import ChecklistTemplate, TemplateQuestion

# The fixture read by load_checklist_templates(); tests may pass another path.
FIXTURE = settings.BASE_DIR / "fixtures" / "reference" / "checklists.json"

REASON_LOADED = "reference.loaded"
REASON_NEW_VERSION = "reference.new_version"
REASON_TRANSLATED = "reference.translated"


def _wanted(row: dict) -> tuple:
    """What a template says, in the fixture's terms, so that the stored and the fixture's versions compare."""
    questions = tuple((q["code"], q["block"], q["text"]) for q in row["questions"])
    return row["title"], row.get("introduction", ""), "\n".join(row.get("suggested_stakeholders", [])), questions


def _stored(template: ChecklistTemplate) -> tuple:
    questions = tuple(
        (q.code, q.block, q.text) for q in sorted(template.questions.all(), key=lambda q: (q.position, q.pk))
    )
    return template.title, template.introduction, template.suggested_stakeholders, questions


def _template_translations(row: dict) -> dict:
    """The row's translations of the checklist itself, its suggested stakeholders one per line as stored."""
    translations = {}
    for language, texts in (row.get("translations") or {}).items():
        texts = dict(texts)
        if isinstance(texts.get("suggested_stakeholders"), list):
            texts["suggested_stakeholders"] = "\n".join(texts["suggested_stakeholders"])
        translations[language] = texts
    return translations


def _save_translations(obj, translations: dict, reason: str) -> bool:
    before = obj.translations
    obj.set_translations(translations)
    if obj.translations == before:
        return False
    obj._change_reason = reason
    obj.save(update_fields=["translations", "updated"])
    return True


def _update_translations(template: ChecklistTemplate, row: dict) -> None:
    """Bring the current version's translations (and its questions') in line with the fixture."""
    _save_translations(template, _template_translations(row), REASON_TRANSLATED)
    by_code = {q["code"]: q for q in row["questions"]}
    for question in template.questions.all():
        _save_translations(question, by_code[question.code].get("translations") or {}, REASON_TRANSLATED)


def _create_version(row: dict, sector: Sector, version: int, reason: str) -> ChecklistTemplate:
    title, introduction, stakeholders, questions = _wanted(row)
    template = ChecklistTemplate(
        code=row["code"],
        version=version,
        is_current=True,
        sector=sector,
        title=title,
        introduction=introduction,
        suggested_stakeholders=stakeholders,
    )
    template.set_translations(_template_translations(row))
    template._change_reason = reason
    template.full_clean()
    template.save()
    for position, ((code, block, text), source) in enumerate(zip(questions, row["questions"], strict=True), start=1):
        question = TemplateQuestion(template=template, code=code, block=block, text=text, position=position)
        question.set_translations(source.get("translations") or {})
        question._change_reason = reason
        question.full_clean()
        question.save()
    return template


@transaction.atomic
def _load_one(row: dict, sectors: dict[str, Sector]) -> bool:
    """Bring one checklist in line with the fixture; True when a template version was created."""
    sector = sectors.get(row["sector"])
    if sector is None:
        raise ImproperlyConfigured(
            f"Checklist {row['code']} belongs to sector {row['sector']!r}, which is not loaded: "
            "add it to fixtures/reference/sectors.json and load the sectors first."
        )
    current = (
        ChecklistTemplate.objects.select_for_update()
        .filter(code=row["code"], is_current=True)
        .prefetch_related("questions")
        .first()
    )
    if current is None:
        latest = ChecklistTemplate.objects.filter(code=row["code"]).aggregate(latest=Max("version"))["latest"]
        reason = REASON_LOADED if latest is None else REASON_NEW_VERSION
        _create_version(row, sector, (latest or 0) + 1, reason)
        return True
    if current.sector_id == sector.pk and _stored(current) == _wanted(row):
        _update_translations(current, row)
        return False
    # Only one version may be current: retire the old one before the new one is saved.
    current.is_current = False
    current._change_reason = REASON_NEW_VERSION
    current.full_clean()
    current.save()
    latest = ChecklistTemplate.objects.filter(code=row["code"]).aggregate(latest=Max("version"))["latest"]
    _create_version(row, sector, latest + 1, REASON_NEW_VERSION)
    return True


def load_checklist_templates(path: Path | str | None = None) -> int:
    """Load the sector checklists from the fixture (FIXTURE unless `path` is given); returns the versions created."""
    rows = json.loads(Path(path or FIXTURE).read_text(encoding="utf-8"))
    sectors = {sector.code: sector for sector in Sector.objects.filter(code__in={row["sector"] for row in rows})}
    return sum(_load_one(row, sectors) for row in rows)


def register() -> None:
    register_reference_loader(load_checklist_templates)
