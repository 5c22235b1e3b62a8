"""
The audit trail as people read it: who changed which field from what to what, when, and why.

Built from django-simple-history records in a fixed number of queries (one for the records, one per kind of
related object named in them), so a History tab stays fast however long an object's life has been.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from mainstreaming import l10n, permissions

# The process is the same for every record of an object, and the group is machinery, not information.
HIDDEN_FIELDS = {"id", "created", "updated", "group", "process"}
KINDS = {
    "+": pgettext_lazy("history", "created"),
    "~": pgettext_lazy("history", "changed"),
    "-": pgettext_lazy("history", "deleted"),
}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    date: datetime
    user: str
    kind: str
    code: str
    reason: str
    object_label: str = ""
    object_url: str = ""
    changes: list[FieldChange] = field(default_factory=list)


def user_label(user) -> str:
    if user is None:
        return _("system")
    return user.get_full_name() or user.username


def split_reason(text: str | None) -> tuple[str, str]:
    """'membership.ended: left the ministry' -> ('membership.ended', 'left the ministry')."""
    code, _sep, reason = (text or "").partition(": ")
    return code, reason


def object_history(obj: models.Model, *, limit: int = 100) -> list[HistoryEntry]:
    """The newest `limit` changes of one object, each with its field-by-field differences."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    # One record more than shown, so that the oldest shown entry can still be compared with its predecessor.
    records.reverse()
    entries = _entries(type(obj), records)
    if len(records) > limit:
        entries = entries[1:]
    entries.reverse()
    return entries


# ---------------------------------------------------------------------------
# Sources of the process's audit trail, registered by the phase apps
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TrailSource:
    """
    A model whose changes appear in a process's audit trail. `process_lookup` finds the process from a
    historical record ("process_id", or "meeting__process_id" for a model that hangs on a meeting); `label`
    names a record from its own fields, without a query; the entry links to `url_name`, filled with the process
    and, unless `url_pk_field` is None, with that field of the record as the URL's `url_kwarg`.

    The link is shown only when it would open for the reader: the record it points to (the record itself, or the
    parent its `url_pk_field` names, as "committee_id") still exists and, when `link_rule` names a permission rule,
    the reader passes it (a ministry sees no link to another ministry's draft).
    """

    model: type
    label: callable
    url_name: str
    process_lookup: str = "process_id"
    url_pk_field: str | None = "id"
    url_kwarg: str = "pk"
    link_rule: str | None = None

    def openable(self, user, process, values: set) -> set:
        """
        Which of the `url_pk_field` values of some records would open for the reader: one query. The value is the
        record's own id (or another of its fields, as a plan version's number) or the id of the parent it names.
        """
        field = self.model._meta.get_field(self.url_pk_field.removesuffix("_id") if self.url_pk_field != "id" else "id")
        if field.is_relation:
            queryset, column = field.related_model._default_manager.filter(pk__in=values), "pk"
        else:
            queryset = self.model._default_manager.filter(**{self.process_lookup: process.pk})
            queryset, column = queryset.filter(**{f"{field.attname}__in": values}), field.attname
        if self.link_rule is not None:
            queryset = permissions.restrict(queryset, user, self.link_rule)
        return set(queryset.values_list(column, flat=True))


_TRAIL_SOURCES: list[TrailSource] = []


def register_trail_source(source: TrailSource) -> None:
    _TRAIL_SOURCES.append(source)


def trail_sources() -> list[TrailSource]:
    return list(_TRAIL_SOURCES)


def object_history_of_many(records, *, model, limit: int = 200) -> list[HistoryEntry]:
    """
    The changes of several objects of one model (the questions of a checklist), newest first, each labelled with
    its object and compared with that object's previous record.
    """
    rows = list(records.select_related("history_user").order_by("-history_date", "-history_id")[:limit])
    rows.reverse()
    entries = _entries(model, rows)
    for entry, record in zip(entries, rows, strict=True):
        entry.object_label = str(getattr(record, "code", "") or record.id)
    entries.reverse()
    return entries


def trail(querysets: list[tuple[models.QuerySet, callable]], *, limit: int = 200) -> list[HistoryEntry]:
    """
    Merge the history of several kinds of object (a process and everything in it) into one trail, newest first,
    without field-level detail: each entry links to its object's own History tab.
    """
    entries: list[HistoryEntry] = []
    for queryset, describe in querysets:
        records = list(queryset.select_related("history_user").order_by("-history_date")[:limit])
        labels = describe(records)
        for record in records:
            label, url = labels.get(record.history_id, ("", ""))
            entries.append(_entry(record, object_label=label, object_url=url))
    entries.sort(key=lambda entry: entry.date, reverse=True)
    return entries[:limit]


def _entry(record, **details) -> HistoryEntry:
    code, reason = split_reason(record.history_change_reason)
    return HistoryEntry(
        date=record.history_date,
        user=user_label(record.history_user),
        kind=KINDS.get(record.history_type, record.history_type),
        code=code,
        reason=reason,
        **details,
    )


# ---------------------------------------------------------------------------
# Field-level differences
# ---------------------------------------------------------------------------


def _entries(model: type[models.Model], records: list) -> list[HistoryEntry]:
    if not records:
        return []
    history_model = type(records[0])
    fields = [f for f in model._meta.concrete_fields if f.name not in HIDDEN_FIELDS and _tracked(history_model, f)]
    m2m_fields = list(getattr(history_model, "_history_m2m_fields", []))
    m2m_values = _m2m_values(records, m2m_fields)
    labels = _labels(records, fields, m2m_fields, m2m_values)

    # Records may belong to several objects (oldest first): each is compared with its own object's previous one.
    entries, previous_of = [], {}
    for record in records:
        previous = previous_of.get(record.id)
        changes = []
        for f in fields:
            new = getattr(record, f.attname)
            old = getattr(previous, f.attname) if previous is not None else None
            if previous is not None and old == new:
                continue
            if previous is None and new in (None, "", [], {}):
                continue
            changes.append(FieldChange(str(f.verbose_name), _show(f, old, labels), _show(f, new, labels)))
        for f in m2m_fields:
            new = m2m_values[f.name].get(record.history_id, set())
            old = m2m_values[f.name].get(previous.history_id, set()) if previous is not None else set()
            if old != new:
                changes.append(FieldChange(str(f.verbose_name), _show_many(f, old, labels), _show_many(f, new, labels)))
        entries.append(_entry(record, changes=changes))
        previous_of[record.id] = record
    return entries


def _tracked(history_model, model_field) -> bool:
    try:
        history_model._meta.get_field(model_field.name)
    except Exception:
        return False
    return True


def _m2m_values(records, m2m_fields) -> dict[str, dict[int, set]]:
    values: dict[str, dict[int, set]] = {}
    for f in m2m_fields:
        through = getattr(records[0], f.name).model
        target = f.m2m_reverse_field_name()
        rows = through.objects.filter(history_id__in=[r.history_id for r in records]).values_list(
            "history_id", f"{target}_id"
        )
        grouped: dict[int, set] = defaultdict(set)
        for history_id, target_id in rows:
            grouped[history_id].add(target_id)
        values[f.name] = grouped
    return values


def _labels(records, fields, m2m_fields, m2m_values) -> dict[tuple[type, object], str]:
    """One query per related model, to show names instead of numbers."""
    wanted: dict[type, set] = defaultdict(set)
    for f in fields:
        if f.is_relation and f.related_model is not None:
            wanted[f.related_model].update(getattr(r, f.attname) for r in records if getattr(r, f.attname))
    for f in m2m_fields:
        for ids in m2m_values[f.name].values():
            wanted[f.related_model].update(ids)
    labels = {}
    for related_model, ids in wanted.items():
        queryset = related_model._base_manager.filter(pk__in=ids)
        for obj in queryset:
            label = user_label(obj) if related_model is get_user_model() else str(obj)
            labels[(related_model, obj.pk)] = label
    return labels


def _show(model_field, value, labels) -> str:
    if value is None or value == "":
        return "—"
    if model_field.is_relation and model_field.related_model is not None:
        return labels.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return l10n.date_time(value)
    if isinstance(value, date):
        return l10n.date(value)
    if isinstance(value, Decimal | float):
        return l10n.number(value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {item}" for key, item in value.items()) or "—"
    return str(value)


def _show_many(model_field, ids, labels) -> str:
    if not ids:
        return "—"
    return ", ".join(sorted(labels.get((model_field.related_model, pk), f"#{pk}") for pk in ids))
