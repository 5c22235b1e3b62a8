"""
Reference content of monitoring, loaded from fixtures/reference/ by `manage.py load_reference`: the indicator bank
(the migration-relevant SDG indicators and national migration-and-development indicators, handbook §9). Loading
again updates what changed, by code, and records each change in the rows' history. The bank's SDG targets and GCM
objectives come from implementation_plans' loader, which runs first (its app comes first in INSTALLED_APPS).
"""

import json

from django.conf import settings

from implementation_plans.models import GcmObjective, SdgTarget
from mainstreaming.loaders import apply_reference_row, register_reference_loader
from monitoring.models import IndicatorTemplate

FIELDS = (
    "name",
    "definition",
    "unit",
    "indicator_type",
    "direction",
    "aggregation",
    "numerator",
    "denominator",
    "scale",
    "disaggregations",
    "custodian",
    "position",
)


def _rows(file_name: str) -> list[dict]:
    return json.loads((settings.BASE_DIR / "fixtures" / "reference" / file_name).read_text(encoding="utf-8"))


def load_indicator_bank() -> int:
    """Create or update each bank entry by code, with its SDG target and GCM objective tags; returns how many
    entries changed."""
    sdgs = {target.code: target for target in SdgTarget.objects.all()}
    gcms = {objective.number: objective for objective in GcmObjective.objects.all()}
    changed = 0
    for row in _rows("indicator_bank.json"):
        obj = IndicatorTemplate.objects.filter(code=row["code"]).first() or IndicatorTemplate(code=row["code"])
        values = {field: row[field] for field in FIELDS}
        sdg_ids = {sdgs[code].pk for code in row["sdg_targets"] if code in sdgs}
        gcm_ids = {gcms[number].pk for number in row["gcm_objectives"] if number in gcms}
        fields_changed = apply_reference_row(obj, values, row.get("translations"))
        tags_same = obj.pk and (
            set(obj.sdg_targets.values_list("pk", flat=True)) == sdg_ids
            and set(obj.gcm_objectives.values_list("pk", flat=True)) == gcm_ids
        )
        if not fields_changed and tags_same:
            continue
        obj._change_reason = "reference.loaded"
        obj.full_clean()
        obj.save()
        obj.sdg_targets.set(sdg_ids)
        obj.gcm_objectives.set(gcm_ids)
        changed += 1
    return changed


def register() -> None:
    register_reference_loader(load_indicator_bank)
