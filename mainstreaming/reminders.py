"""
Due-date reminders: one schedule per kind of record, one rule for when a reminder is due, one loop that sends them.

A kind with a due date (a checklist assignment, a progress report, a management response...) declares its
`Schedule` beside its reminder service and hands its open records to `send_reminders`:

    ASSIGNMENT_REMINDERS = Schedule(days_before=(7, 1), every_days_after=7)

    def assignments_remind(*, today=None):
        return reminders.send_reminders(
            Assignment.objects.filter(status__in=OPEN), schedule=ASSIGNMENT_REMINDERS, due_field="due_on",
            audit_prefix="assignment", send=_send_assignment_reminder, today=today,
        )

`reminder_due` decides, from the dates alone, whether a record is reminded today and how: "before" (a set number
of days before the due date, or on it), "overdue" (the day after the due date, then every N days after the last
reminder, so a day the beat missed delays the next reminder by a day rather than a week) or "escalate" (once, when
the record is M days overdue; the kind tells someone more). A record carries `last_reminded_on` (and
`escalated_on` when its kind escalates), so it gets at most one reminder a day however often the task runs. The
README's "Reminders" table states each kind's schedule.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from mainstreaming.services import save_audited

BEFORE = "before"
OVERDUE = "overdue"
ESCALATE = "escalate"

# Records are reminded in batches, each in its own transaction: a long run holds its row locks briefly, and a
# failure (a mail server down) loses at most one batch's bookkeeping, not the whole morning's.
BATCH_SIZE = 200


@dataclass(frozen=True)
class Schedule:
    """
    When a kind's records are reminded of their due date.

    * `days_before`: the days before the due date on which a reminder goes (7 = a week before).
    * `on_due_date`: a reminder on the due date itself too.
    * `every_days_after`: once overdue, a reminder the day after the due date, then every N days after the last
      one; None sends no reminders once overdue.
    * `escalate_after_days`: when the record is this many days overdue, it is escalated once (the kind decides to
      whom); an int or a function returning one (read from the settings when it is called); None never escalates.
    """

    days_before: Sequence[int] = (7, 1)
    on_due_date: bool = False
    every_days_after: int | None = 7
    escalate_after_days: int | Callable[[], int] | None = None

    @property
    def escalation_days(self) -> int | None:
        days = self.escalate_after_days
        return days() if callable(days) else days

    @property
    def window_days(self) -> int:
        """How many days ahead of its due date a record may first be reminded."""
        return max((*self.days_before, 0))


def reminder_due(
    schedule: Schedule,
    due_on: date | None,
    today: date,
    last_reminded_on: date | None,
    *,
    escalated: bool = False,
) -> str:
    """
    The reminder a record due on `due_on` gets on `today` under `schedule`: BEFORE, OVERDUE, ESCALATE, or "" for
    none. Nothing when it was already reminded today (at most one reminder a day) or has no due date.
    """
    if due_on is None or (last_reminded_on is not None and last_reminded_on >= today):
        return ""
    days_left = (due_on - today).days
    if days_left > 0:
        return BEFORE if days_left in schedule.days_before else ""
    if days_left == 0:
        return BEFORE if schedule.on_due_date else ""
    escalation_days = schedule.escalation_days
    if escalation_days is not None and not escalated and -days_left >= escalation_days:
        return ESCALATE
    if schedule.every_days_after is None:
        return ""
    if last_reminded_on is None or last_reminded_on <= due_on:
        return OVERDUE
    return OVERDUE if (today - last_reminded_on).days >= schedule.every_days_after else ""


def _value_at(record, path: str):
    """A field path's value on a record ("period__due_on" reads record.period.due_on)."""
    return reduce(lambda obj, name: None if obj is None else getattr(obj, name), path.split("__"), record)


def _has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def send_reminders(
    queryset: QuerySet,
    *,
    schedule: Schedule,
    due_field: str,
    send: Callable[[object, str, date], bool | None],
    audit_prefix: str,
    today: date | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """
    Remind the records of `queryset` (a kind's open records, with the `select_related` its messages need) whose
    reminder is due `today`, soonest due first, in batches. `send(record, kind, today)` sends the kind's e-mail
    and returns False when it could not (nobody to tell): the record is then not marked as reminded. Each reminder
    sent is recorded on the record (`last_reminded_on`, and `escalated_on` on escalation) in one audited save
    without a person, code "<audit_prefix>.reminded_<kind>". Returns how many records were reminded.
    """
    if schedule.escalate_after_days is not None and not _has_field(queryset.model, "escalated_on"):
        raise ImproperlyConfigured(f"{queryset.model.__name__} escalates its reminders but has no `escalated_on`.")
    today = today or timezone.localdate()
    candidates = queryset.filter(**{f"{due_field}__lte": today + timedelta(days=schedule.window_days)}).exclude(
        last_reminded_on__gte=today
    )
    pks = list(candidates.order_by(due_field, "pk").values_list("pk", flat=True))
    sent = 0
    for batch in _batches(pks, batch_size):
        with transaction.atomic():
            # Locked and read again: a second worker running at the same moment waits, then finds them reminded.
            records = (
                queryset.select_for_update(of=("self",))
                .filter(pk__in=batch)
                .exclude(last_reminded_on__gte=today)
                .order_by(due_field, "pk")
            )
            for record in records:
                kind = reminder_due(
                    schedule,
                    _value_at(record, due_field),
                    today,
                    record.last_reminded_on,
                    escalated=getattr(record, "escalated_on", None) is not None,
                )
                if not kind or send(record, kind, today) is False:
                    continue
                record.last_reminded_on = today
                if kind == ESCALATE:
                    record.escalated_on = today
                save_audited(record, actor=None, code=f"{audit_prefix}.reminded_{kind}", validate=False)
                sent += 1
    return sent
