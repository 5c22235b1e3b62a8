"""
The one review workflow: a record moves between statuses by named transitions, each declared once in a table.

A kind of record with a review step (a checklist assignment, a progress report, a plan version, a management
response...) mixes `Reviewable` into its model and declares its `Workflow` in its app's `workflows.py`:

    ASSIGNMENT = workflow.register(Workflow(
        Assignment,
        Transition("submit", _("Submit for review"), sources=[DRAFT], target=SUBMITTED,
                   rule="assignment.answer", audit_code="assignment.submitted",
                   guard=every_question_assessed, effects=stamp_submitted,
                   notice=Notice(to=reviewers, subject=..., body=...)),
        ...,
        due_field="due_on",
    ))

Then one call does a step with every check, in one order: the person's right (a permission rule, 403), the
record's status (a message), the reason when the step requires one (a message beside the field), the kind's own
guard; then the new status, the kind's effects, one audited save with who and why, and the e-mail after commit:

    ASSIGNMENT.perform(actor, assignment, "submit", reason=reason)

Views and templates never restate a transition: `record.actions_for(user)` lists the steps the person may take
now, and the to-do list (mainstreaming.todo) reads the same tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming.services import notify, save_audited


@dataclass(frozen=True)
class Notice:
    """
    The e-mail a step sends: to the addresses `to(record)` returns, with a subject and body formatted with
    `context(record)` (the record's own words) plus `reason` (what the person typed) and `actor`.
    """

    to: Callable[[Any], Iterable[str]]
    subject: str | Promise
    body: str | Promise
    context: Callable[[Any], dict] = lambda record: {"record": record}

    def send(self, record, *, actor, reason: str) -> None:
        values = {**self.context(record), "reason": reason, "actor": actor}
        notify(recipients=list(self.to(record)), subject=str(self.subject) % values, body=str(self.body) % values)


@dataclass(frozen=True)
class Transition:
    """
    One step of a kind's workflow.

    * `sources`: the statuses it starts from; `target`: the status it leaves the record in.
    * `rule`: the permission rule (mainstreaming.permissions) the person must pass on the record.
    * `audit_code`: the code of the history row ("assignment.submitted"); the reason follows it.
    * `reason_required`: the step is refused without a reason, shown beside the reason field.
    * `guard(record)`: the kind's own precondition; raises ValidationError with what is missing.
    * `effects(record, actor, reason)`: the kind's own fields to stamp before the save (who and when).
    * `after(record, actor, reason)`: work after the save in the same transaction (grants, snapshots, a PDF).
    * `notice`: the e-mail, sent once the transaction commits.
    * `audit_reason(record, actor, reason)`: what the history row says after the code, when not the person's reason.
    * `style`: how the button looks ("primary", "secondary" or "danger").
    * `waiting_for`: the rule of the people the step waits for, when narrower than who may take it (an action point
      waits for its institution, though the NFP may update it too); the to-do list reads it, `rule` by default.
    * `todo`: the step is something a person is waited for (it shows in their to-do list, mainstreaming.todo);
      False for corrections such as reopen, unpublish or reset.
    """

    name: str
    label: str | Promise
    sources: Sequence[str]
    target: str
    rule: str
    audit_code: str
    reason_required: bool = False
    reason_message: str | Promise = ""
    status_message: str | Promise = ""
    guard: Callable[[Any], None] | None = None
    effects: Callable[[Any, Any, str], None] | None = None
    after: Callable[[Any, Any, str], None] | None = None
    notice: Notice | None = None
    style: str = "primary"
    audit_reason: Callable[[Any, Any, str], str] | None = None
    todo: bool = True
    waiting_for: str | None = None

    def starts_from(self, status: str) -> bool:
        return status in self.sources


class Workflow:
    """
    A kind's table of transitions, on the model's `status_field`. `due_field` names the date the record is due by
    (a field path, "period__due_on" allowed) for reminders and the to-do list. `waiting` is a Q that the records
    must also match to be waited for (a management response only when its recommendation was accepted): the to-do
    list reads statuses and rules, not the steps' guards. `select_related` names what a record's `str()` and
    `get_absolute_url()` read, so that a list of them costs one query.
    """

    def __init__(
        self,
        model,
        *transitions: Transition,
        status_field: str = "status",
        due_field: str | None = None,
        waiting: models.Q | None = None,
        select_related: Sequence[str] = (),
    ):
        self.model = model
        self.transitions = transitions
        self.status_field = status_field
        self.due_field = due_field
        self.waiting = waiting
        self.select_related = tuple(select_related)
        self._by_name = {}
        for transition in transitions:
            if transition.name in self._by_name:
                raise ImproperlyConfigured(f"{model.__name__}: the transition {transition.name!r} is declared twice.")
            self._by_name[transition.name] = transition

    def with_related(self, queryset):
        """`queryset` reading at once what a listed record shows: its `select_related` and its due date's record."""
        related = set(self.select_related)
        if self.due_field and "__" in self.due_field:
            related.add(self.due_field.rsplit("__", 1)[0])
        return queryset.select_related(*sorted(related)) if related else queryset

    def __getitem__(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise ImproperlyConfigured(f"{self.model.__name__} has no transition named {name!r}.") from None

    def status_of(self, record) -> str:
        return getattr(record, self.status_field)

    def actions_for(self, request_or_user, record) -> list[Transition]:
        """The steps the person may take on the record now: its status allows them and the person passes the rule."""
        status = self.status_of(record)
        return [
            transition
            for transition in self.transitions
            if transition.starts_from(status) and permissions.allows(request_or_user, transition.rule, record)
        ]

    def can(self, request_or_user, record, name: str) -> bool:
        transition = self[name]
        return transition.starts_from(self.status_of(record)) and permissions.allows(
            request_or_user, transition.rule, record
        )

    @transaction.atomic
    def perform(self, actor, record, name: str, *, reason: str = ""):
        """
        Take the step `name` on `record` for `actor`, or refuse: PermissionDenied without the right, a
        ValidationError when the status, the reason or the kind's guard does not allow it. The record is locked
        for the time of the step, so two people acting at once cannot both take it.
        """
        transition = self[name]
        permissions.require(actor, transition.rule, record)
        self._lock(record)
        if not transition.starts_from(self.status_of(record)):
            raise ValidationError(
                transition.status_message
                or _("This cannot be done now: it is %(status)s.")
                % {"status": getattr(record, f"get_{self.status_field}_display")().lower()}
            )
        reason = (reason or "").strip()
        if transition.reason_required and not reason:
            raise ValidationError(
                {"reason": transition.reason_message or _("Give a reason; it is kept in the history.")}
            )
        if transition.guard is not None:
            transition.guard(record)
        setattr(record, self.status_field, transition.target)
        if transition.effects is not None:
            transition.effects(record, actor, reason)
        audited = transition.audit_reason(record, actor, reason) if transition.audit_reason else reason
        save_audited(record, actor=actor, code=transition.audit_code, reason=audited)
        if transition.after is not None:
            transition.after(record, actor, reason)
        if transition.notice is not None:
            transition.notice.send(record, actor=actor, reason=reason)
        return record

    def _lock(self, record) -> None:
        """Lock the row and read its status afresh (another person may have just moved it)."""
        locked = type(record)._default_manager.select_for_update().only(self.status_field).get(pk=record.pk)
        setattr(record, self.status_field, self.status_of(locked))


# ---------------------------------------------------------------------------
# Registry and the model side
# ---------------------------------------------------------------------------

_WORKFLOWS: dict[type[models.Model], Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    if workflow.model in _WORKFLOWS and _WORKFLOWS[workflow.model] is not workflow:
        raise ImproperlyConfigured(f"{workflow.model.__name__} has two workflows.")
    _WORKFLOWS[workflow.model] = workflow
    return workflow


def workflow_of(model_or_record) -> Workflow:
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    try:
        return _WORKFLOWS[model]
    except KeyError:
        raise ImproperlyConfigured(f"{model.__name__} has no registered workflow.") from None


def workflows() -> list[Workflow]:
    return list(_WORKFLOWS.values())


class Reviewable:
    """
    Mixed into a model whose records go through a review: the workflow table is registered for the model by its
    app (`workflows.py`, loaded in the app's ready()), so the model and the views ask the record itself.
    """

    @property
    def workflow(self) -> Workflow:
        return workflow_of(self)

    def actions_for(self, request_or_user) -> list[Transition]:
        return self.workflow.actions_for(request_or_user, self)

    def can(self, request_or_user, transition_name: str) -> bool:
        return self.workflow.can(request_or_user, self, transition_name)
