"""
The plan's indicators (handbook §9): created by hand or copied from the indicator bank, attached to exactly one
goal, outcome or output of the process, with a baseline and targets by year.

Only the NFP writes (the core's manage_process). Every write leaves one history row with who acted and a dotted
reason code ("indicator.created", "indicator.copied", "indicator_target.set" ...), plus the person's words where
a change is explained.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from implementation_plans.models import GcmObjective, Goal, Outcome, Output, SdgTarget
from mainstreaming import permissions
from mainstreaming.models import Process
from mainstreaming.services import change_reason, delete_audited, position_in, required_reason, save_audited
from monitoring.models import Indicator, IndicatorTarget, IndicatorTemplate

INDICATOR_FIELDS = (
    "code",
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
    "baseline_value",
    "baseline_text",
    "baseline_date",
    "baseline_source",
    "data_source",
    "frequency",
    "responsible",
    "means_of_verification",
    "position",
)
TAGS = ("sdg_targets", "gcm_objectives")
COPIED_FIELDS = (
    "code",
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
)

Result = Goal | Outcome | Output


def _attach(indicator: Indicator, result: Result | None) -> None:
    """Point the indicator at `result` (a goal, outcome or output of its process) and at nothing else."""
    if result is None or result.process_id != indicator.process_id:
        raise ValidationError({"result": _("Attach the indicator to a goal, outcome or output of this process.")})
    indicator.goal = result if isinstance(result, Goal) else None
    indicator.outcome = result if isinstance(result, Outcome) else None
    indicator.output = result if isinstance(result, Output) else None


def _check_links(indicator: Indicator) -> None:
    errors = {}
    if indicator.data_source_id and indicator.data_source.process_id != indicator.process_id:
        errors["data_source"] = _("Choose a data source of this process's situation analysis.")
    if indicator.responsible_id and indicator.responsible.process_id != indicator.process_id:
        errors["responsible"] = _("Choose an institution of this process.")
    if indicator.baseline_date and indicator.baseline_date > timezone.localdate():
        errors["baseline_date"] = _("The baseline describes the situation before the plan: its date cannot be ahead.")
    if errors:
        raise ValidationError(errors)


def _clean_text(indicator: Indicator) -> None:
    for name in ("code", "name", "unit", "numerator", "denominator", "baseline_text", "baseline_source"):
        setattr(indicator, name, (getattr(indicator, name) or "").strip())
    if not indicator.name:
        raise ValidationError({"name": _("Name what the indicator measures.")})


def _set_tags(indicator: Indicator, sdg_targets, gcm_objectives) -> None:
    if sdg_targets is not None:
        indicator.sdg_targets.set(sdg_targets)
    if gcm_objectives is not None:
        indicator.gcm_objectives.set(gcm_objectives)


@transaction.atomic
def indicator_create(
    *,
    actor,
    process: Process,
    result: Result | None,
    sdg_targets: Iterable[SdgTarget] | None = None,
    gcm_objectives: Iterable[GcmObjective] | None = None,
    **fields,
) -> Indicator:
    """Add an indicator measuring `result` (a goal, outcome or output of the process)."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    _check_fields("indicator_create", fields, INDICATOR_FIELDS)
    indicator = Indicator(process=process, **fields)
    indicator.position = position_in(Indicator.objects.filter(process=process), indicator.position or None, first=1)
    _attach(indicator, result)
    _clean_text(indicator)
    _check_links(indicator)
    save_audited(indicator, actor=actor, code="indicator.created")
    _set_tags(indicator, sdg_targets, gcm_objectives)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor,
    indicator: Indicator,
    data: Mapping,
    result: Result | None = None,
    sdg_targets: Iterable[SdgTarget] | None = None,
    gcm_objectives: Iterable[GcmObjective] | None = None,
    reason: str = "",
) -> Indicator:
    """Change an indicator's fields (and, when `result` is given, what it measures), with an optional reason."""
    permissions.require(actor, permissions.MANAGE_PROCESS, indicator.process)
    _check_fields("indicator_update", data, INDICATOR_FIELDS)
    for name, value in data.items():
        setattr(indicator, name, value)
    if result is not None:
        _attach(indicator, result)
    _clean_text(indicator)
    _check_links(indicator)
    _check_targets_still_fit(indicator)
    save_audited(indicator, actor=actor, code="indicator.updated", reason=reason)
    _set_tags(indicator, sdg_targets, gcm_objectives)
    return indicator


def _check_targets_still_fit(indicator: Indicator) -> None:
    """A change of type must not leave targets the indicator can no longer take (a text target on a number)."""
    for target in indicator.targets.all():
        target.indicator = indicator
        try:
            target.clean()
        except ValidationError:
            raise ValidationError(
                {
                    "indicator_type": _(
                        "The target for %(year)s does not fit this type or scale: change or remove it first."
                    )
                    % {"year": target.year}
                }
            ) from None


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator, reason: str) -> None:
    """Remove an indicator and its targets, saying why; the history keeps them."""
    permissions.require(actor, permissions.MANAGE_PROCESS, indicator.process)
    reason = required_reason(reason)
    for target in indicator.targets.all():
        delete_audited(target, actor=actor, code="indicator_target.deleted", reason=reason)
    delete_audited(indicator, actor=actor, code="indicator.deleted", reason=reason)


@transaction.atomic
def indicator_copy_from_bank(
    *, actor, process: Process, template: IndicatorTemplate, result: Result | None, **fields
) -> Indicator:
    """
    Copy an indicator bank entry into the plan under `result`: its code, name, definition, unit, type,
    direction, aggregation, standard disaggregations and SDG and GCM tags. `fields` (a baseline, a data source,
    a responsible institution ...) are set on the copy, which the NFP then adapts to the country.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    _check_fields("indicator_copy_from_bank", fields, INDICATOR_FIELDS)
    values = {name: getattr(template, name) for name in COPIED_FIELDS}
    values["scale"] = list(template.scale)
    values["disaggregations"] = list(template.disaggregations)
    if template.custodian and "means_of_verification" not in fields:
        values["means_of_verification"] = _("Published by %(custodian)s.") % {"custodian": template.custodian}
    indicator = Indicator(process=process, copied_from=template, **(values | fields))
    # The copy shows the bank's translations until the NFP rewords it (TranslatableMixin.localized).
    indicator.translations = template.translations_for({field: field for field in Indicator.translated_fields})
    indicator.position = position_in(Indicator.objects.filter(process=process), indicator.position or None, first=1)
    _attach(indicator, result)
    _clean_text(indicator)
    _check_links(indicator)
    save_audited(indicator, actor=actor, code="indicator.copied", reason=template.code)
    indicator.sdg_targets.set(template.sdg_targets.all())
    indicator.gcm_objectives.set(template.gcm_objectives.all())
    return indicator


# ---------------------------------------------------------------------------
# Targets by year
# ---------------------------------------------------------------------------


@transaction.atomic
def indicator_targets_set(
    *,
    actor,
    indicator: Indicator,
    targets: Mapping[int, Decimal | str | None],
    reason: str = "",
    replace: bool = False,
) -> list[IndicatorTarget]:
    """
    Set the indicator's targets from {year: value}: a number for a number or percentage indicator, text for a
    yes/no, text or qualitative one. A year given None or "" loses its target; years not named are kept.
    With `replace`, years not named lose their target too (the targets table sends them all). One history row per
    target created, changed or removed.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, indicator.process)
    existing = {target.year: target for target in indicator.targets.all()}
    if replace:
        targets = {year: None for year in existing} | dict(targets)
    errors: dict[str, list[str]] = {}
    for year, raw in sorted(targets.items()):
        target = existing.get(year)
        if raw is None or raw == "":
            if target is not None:
                target._history_user = actor
                target._change_reason = change_reason("indicator_target.deleted", reason)
                target.delete()
                del existing[year]
            continue
        if target is None:
            target = IndicatorTarget(process_id=indicator.process_id, indicator=indicator, year=year)
        before = (target.value, target.text_value)
        if indicator.takes_number:
            target.value, target.text_value = Decimal(raw) if not isinstance(raw, Decimal) else raw, ""
        else:
            target.value, target.text_value = None, str(raw).strip()
        if target.pk and before == (target.value, target.text_value):
            continue
        try:
            save_audited(target, actor=actor, code="indicator_target.set", reason=reason)
        except ValidationError as error:
            for message in error.messages:
                errors.setdefault(f"target_{year}", []).append(message)
            continue
        existing[year] = target
    if errors:
        raise ValidationError(errors)
    return [existing[year] for year in sorted(existing)]


def _check_fields(name: str, data: Mapping, allowed) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{name}() got unexpected fields: {sorted(unknown)}")


def result_delete_check(record) -> str:
    """
    A goal, outcome or output that indicators measure is not deleted with them: their baselines, targets and the
    values reported against them are the plan's record. The NFP deletes the indicators or attaches them elsewhere
    first (the plan's delete services ask through implementation_plans.services.base.register_delete_check).
    """
    field = {"Goal": "goal", "Outcome": "outcome", "Output": "output"}.get(type(record).__name__)
    if field is None:
        return ""
    count = Indicator.objects.filter(**{field: record}).count()
    if not count:
        return ""
    return ngettext(
        "An indicator measures “%(title)s”: delete it or attach it elsewhere first.",
        "%(count)d indicators measure “%(title)s”: delete them or attach them elsewhere first.",
        count,
    ) % {"count": count, "title": record}
