"""
Reference content of the plan, loaded from fixtures/reference/ by `manage.py load_reference`: the SDG targets and
GCM objectives goals and indicators are tagged with, and the catalogue of programme experiences (handbook Part 3).
Loading again updates what changed, by code, and records each change in the rows' history.
"""

import json

from django.conf import settings

from implementation_plans.models import GcmObjective, ProgrammeExample, SdgTarget
from mainstreaming.loaders import apply_reference_row, register_reference_loader
from mainstreaming.models import Sector

EXAMPLE_FIELDS = (
    "title",
    "activity",
    "actors",
    "countries",
    "target_group",
    "time_span",
    "outcomes",
    "template_activities",
)


def _rows(file_name: str) -> list[dict]:
    return json.loads((settings.BASE_DIR / "fixtures" / "reference" / file_name).read_text(encoding="utf-8"))


def _save_if_changed(obj, values: dict, translations: dict | None) -> int:
    if not apply_reference_row(obj, values, translations):
        return 0
    obj._change_reason = "reference.loaded"
    obj.full_clean()
    obj.save()
    return 1


def load_frameworks() -> int:
    changed = 0
    for row in _rows("sdg_targets.json"):
        obj = SdgTarget.objects.filter(code=row["code"]).first() or SdgTarget(code=row["code"])
        changed += _save_if_changed(obj, {"title": row["title"], "position": row["position"]}, row.get("translations"))
    for row in _rows("gcm_objectives.json"):
        obj = GcmObjective.objects.filter(number=row["number"]).first() or GcmObjective(number=row["number"])
        changed += _save_if_changed(obj, {"title": row["title"]}, row.get("translations"))
    return changed


def load_programme_examples() -> int:
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    changed = 0
    for row in _rows("programme_experiences.json"):
        obj = ProgrammeExample.objects.filter(code=row["code"]).first() or ProgrammeExample(code=row["code"])
        values = {field: row[field] for field in EXAMPLE_FIELDS} | {"sector": sectors[row["sector"]]}
        changed += _save_if_changed(obj, values, row.get("translations"))
    return changed


def register() -> None:
    register_reference_loader(load_frameworks)
    register_reference_loader(load_programme_examples)
