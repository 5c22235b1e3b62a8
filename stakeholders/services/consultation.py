"""
Every write of the consultation area: awareness-raising and consultation events and who took part in them,
capacity needs and the activities that answer them, and where each stakeholder stands on the map.

The NFP manages all of it (the core's manage_process). Each service checks that, validates with full_clean() and
leaves history rows carrying the actor and a dotted reason, followed by the person's own words when given.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming.models import Institution, Process
from mainstreaming.services import change_reason, save_audited
from stakeholders.choices import StakeholderCategory
from stakeholders.models import (
    CapacityActivity,
    CapacityNeed,
    Event,
    EventParticipation,
    StakeholderProfile,
)

EVENT_FIELDS = ("kind", "title", "held_on", "place", "organiser", "target_categories", "key_messages", "outcomes")
EVENT_FIELDS += ("follow_ups",)
NEED_FIELDS = ("institution", "area", "description", "priority")
ACTIVITY_FIELDS = ("kind", "title", "held_on", "provider", "description", "participants_female", "participants_male")
PROFILE_FIELDS = ("interest", "influence", "engagement", "notes")


def _check_institutions(process: Process, field: str, institutions: Iterable) -> None:
    """Institutions named on a record must take part in the same process."""
    if any(institution is not None and institution.process_id != process.pk for institution in institutions):
        raise ValidationError({field: _("Choose institutions that take part in this process.")})


def _set_many(obj, field: str, values, *, actor, code: str) -> None:
    """Replace a many-to-many field when it changed; the m2m history row carries the actor and the reason."""
    values = list(values)
    if obj.pk and {v.pk for v in values} == set(getattr(obj, field).values_list("pk", flat=True)):
        return
    obj._history_user = actor
    obj._change_reason = code
    getattr(obj, field).set(values)


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


@transaction.atomic
def event_create(*, actor, process: Process, target_institutions: Iterable[Institution] = (), **data) -> Event:
    """Record an awareness-raising or consultation event (kind, date, place, organiser, whom it targeted, ...)."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    unknown = set(data) - set(EVENT_FIELDS)
    if unknown:
        raise TypeError(f"event_create() got unexpected fields: {sorted(unknown)}")
    target_institutions = list(target_institutions)
    event = Event(process=process, **data)
    _check_institutions(process, "organiser", [event.organiser])
    _check_institutions(process, "target_institutions", target_institutions)
    event.target_categories = _ordered_categories(event.target_categories)
    save_audited(event, actor=actor, code="event.created")
    if target_institutions:
        _set_many(event, "target_institutions", target_institutions, actor=actor, code="event.targets_changed")
    return event


@transaction.atomic
def event_update(
    *, actor, event: Event, data: Mapping, target_institutions: Iterable[Institution] | None = None, reason: str = ""
) -> Event:
    """Change an event's record; a change of the institutions targeted is kept in the history as well."""
    permissions.require(actor, permissions.MANAGE_PROCESS, event.process)
    for field, value in data.items():
        if field not in EVENT_FIELDS:
            raise TypeError(f"event_update() cannot change {field!r}")
        setattr(event, field, value)
    event.target_categories = _ordered_categories(event.target_categories)
    _check_institutions(event.process, "organiser", [event.organiser])
    save_audited(event, actor=actor, code="event.updated", reason=reason)
    if target_institutions is not None:
        target_institutions = list(target_institutions)
        _check_institutions(event.process, "target_institutions", target_institutions)
        _set_many(
            event,
            "target_institutions",
            target_institutions,
            actor=actor,
            code=change_reason("event.targets_changed", reason),
        )
    return event


def _ordered_categories(values) -> list[str]:
    """Categories in the order of StakeholderCategory, once each (unknown values are left for clean() to refuse)."""
    values = list(values or [])
    known = [value for value in StakeholderCategory.values if value in values]
    return known + [value for value in dict.fromkeys(values) if value not in StakeholderCategory.values]


@transaction.atomic
def event_participation_set(
    *, actor, event: Event, counts: Mapping[str, Mapping[str, int]], reason: str = ""
) -> list[EventParticipation]:
    """
    Record how many women, men and people of unstated sex of each stakeholder category took part. `counts` maps a
    category to {"female": n, "male": n, "not_stated": n}; a category left out keeps its row, a category given with
    all zeros loses it. Each row that changes gets its own history entry.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, event.process)
    errors = {}
    for category, numbers in counts.items():
        if category not in StakeholderCategory.values:
            errors.setdefault("__all__", []).append(_("Unknown stakeholder category."))
            continue
        for sex in ("female", "male", "not_stated"):
            value = numbers.get(sex, 0)
            if not isinstance(value, int) or value < 0:
                errors[f"{category}-{sex}"] = [_("Enter a whole number, 0 or more.")]
    if errors:
        raise ValidationError(errors)

    existing = {row.category: row for row in EventParticipation.objects.select_for_update().filter(event=event)}
    for category, numbers in counts.items():
        female, male, not_stated = (int(numbers.get(sex, 0)) for sex in ("female", "male", "not_stated"))
        row = existing.get(category)
        if female == male == not_stated == 0:
            if row is not None:
                row._history_user = actor
                row._change_reason = change_reason("participation.removed", reason)
                row.delete()
            continue
        if row is None:
            row = EventParticipation(event=event, category=category)
            code = "participation.recorded"
        elif (row.female, row.male, row.not_stated) == (female, male, not_stated):
            continue
        else:
            code = "participation.changed"
        row.female, row.male, row.not_stated = female, male, not_stated
        save_audited(row, actor=actor, code=code, reason=reason)
    return list(EventParticipation.objects.filter(event=event))


@transaction.atomic
# ---------------------------------------------------------------------------
# Capacity development
# ---------------------------------------------------------------------------


@transaction.atomic
def capacity_need_create(*, actor, process: Process, **data) -> CapacityNeed:
    """Record a capacity an institution lacks, in one area, with its priority."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    unknown = set(data) - set(NEED_FIELDS)
    if unknown:
        raise TypeError(f"capacity_need_create() got unexpected fields: {sorted(unknown)}")
    need = CapacityNeed(process=process, **data)
    _check_institutions(process, "institution", [need.institution])
    save_audited(need, actor=actor, code="capacity_need.created")
    return need


@transaction.atomic
def capacity_need_update(*, actor, need: CapacityNeed, data: Mapping, reason: str = "") -> CapacityNeed:
    permissions.require(actor, permissions.MANAGE_PROCESS, need.process)
    for field, value in data.items():
        if field not in NEED_FIELDS:
            raise TypeError(f"capacity_need_update() cannot change {field!r}")
        setattr(need, field, value)
    _check_institutions(need.process, "institution", [need.institution])
    save_audited(need, actor=actor, code="capacity_need.updated", reason=reason)
    return need


def _check_needs(process: Process, needs: list[CapacityNeed]) -> None:
    if any(need.process_id != process.pk for need in needs):
        raise ValidationError({"needs": _("Choose needs recorded in this process.")})


@transaction.atomic
def capacity_activity_create(
    *, actor, process: Process, needs: Iterable[CapacityNeed] = (), **data
) -> CapacityActivity:
    """Record a training, coaching or peer exchange, who took part by sex, and the needs it answers."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    unknown = set(data) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"capacity_activity_create() got unexpected fields: {sorted(unknown)}")
    needs = list(needs)
    _check_needs(process, needs)
    activity = CapacityActivity(process=process, **data)
    save_audited(activity, actor=actor, code="capacity_activity.created")
    if needs:
        _set_many(activity, "needs", needs, actor=actor, code="capacity_activity.needs_changed")
    return activity


@transaction.atomic
def capacity_activity_update(
    *, actor, activity: CapacityActivity, data: Mapping, needs: Iterable[CapacityNeed] | None = None, reason: str = ""
) -> CapacityActivity:
    permissions.require(actor, permissions.MANAGE_PROCESS, activity.process)
    for field, value in data.items():
        if field not in ACTIVITY_FIELDS:
            raise TypeError(f"capacity_activity_update() cannot change {field!r}")
        setattr(activity, field, value)
    save_audited(activity, actor=actor, code="capacity_activity.updated", reason=reason)
    if needs is not None:
        needs = list(needs)
        _check_needs(activity.process, needs)
        _set_many(activity, "needs", needs, actor=actor, code=change_reason("capacity_activity.needs_changed", reason))
    return activity


# ---------------------------------------------------------------------------
# Stakeholder map
# ---------------------------------------------------------------------------


@transaction.atomic
def stakeholder_profile_save(*, actor, institution: Institution, reason: str = "", **data) -> StakeholderProfile:
    """Place an institution on the stakeholder map, or move it: interest and influence (1–5) and engagement."""
    permissions.require(actor, permissions.MANAGE_PROCESS, institution.process)
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"stakeholder_profile_save() got unexpected fields: {sorted(unknown)}")
    profile = StakeholderProfile.objects.select_for_update().filter(institution=institution).first()
    if profile is None:
        profile = StakeholderProfile(process=institution.process, institution=institution)
        code = "stakeholder_profile.created"
    else:
        if all(getattr(profile, field) == value for field, value in data.items()):
            return profile
        code = "stakeholder_profile.updated"
    for field, value in data.items():
        setattr(profile, field, value)
    save_audited(profile, actor=actor, code=code, reason=reason)
    return profile
