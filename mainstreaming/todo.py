"""
What waits for a person in a process: one to-do list for every role, read from the workflow tables.

Every registered workflow (mainstreaming.workflow) gives the records in the source statuses of its to-do
transitions (`Transition.todo`) that the person passes the transition's rule on, narrowed by the rule itself
(`permissions.restrict`): the facilitator sees every submission awaiting review, a ministry its drafts and
returned items, with no per-kind code. Work that is not a workflow step (an institution without a focal point, a
built report to publish, a document just published for the partners) comes from small providers registered here
or by the apps (`register_provider`).

Each kind costs one query (its transitions' rules are EXISTS subqueries of one SELECT), each provider one query at
most, whatever the data: `query_budget()` says how many. Items come soonest due first, undated ones last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import reduce
from typing import Any

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from mainstreaming import permissions, workflow
from mainstreaming.choices import BuildStatus, Visibility

# At most this many items of one kind (or one provider): a list longer than that is worked from the kind's own page.
ITEMS_PER_KIND = 50
# Queries the list costs: one per registered workflow, one per provider (at most; a provider the role does not
# concern costs none).
QUERIES_PER_KIND = 1
QUERIES_PER_PROVIDER = 1
# How long the header's count is kept; the dashboard refreshes it whenever it is shown.
COUNT_CACHE_SECONDS = 120
# How long a newly published report stays on a development partner's list.
NEWLY_PUBLISHED_DAYS = 30


@dataclass(frozen=True)
class TodoItem:
    """One thing a person is waited for: the action it needs, on which record, by when, and where to do it."""

    action: str | Promise
    record: Any
    url: str
    due_on: date | None = None
    kind: str | Promise = ""
    note: str | Promise = ""

    @property
    def title(self) -> str:
        return str(self.record)

    @property
    def is_overdue(self) -> bool:
        return self.due_on is not None and self.due_on < timezone.localdate()


# ---------------------------------------------------------------------------
# Workflow steps
# ---------------------------------------------------------------------------


def _value_at(record, path: str | None):
    if not path:
        return None
    return reduce(lambda obj, name: None if obj is None else getattr(obj, name), path.split("__"), record)


def _has_process(model) -> bool:
    return any(field.name == "process" for field in model._meta.get_fields())


def workflow_items(user, process, flow: workflow.Workflow) -> list[TodoItem]:
    """
    The records of one kind waiting for `user` in `process` (None: every process), each with the first to-do step
    the person may take on it, in one query.
    """
    steps = [transition for transition in flow.transitions if transition.todo]
    if not steps:
        return []
    base = flow.model._default_manager.all()
    if flow.waiting is not None:
        base = base.filter(flow.waiting)
    if process is not None and _has_process(flow.model):
        base = base.filter(process=process)
    annotations, waiting = {}, Q()
    for index, transition in enumerate(steps):
        allowed = permissions.restrict(
            base.filter(**{f"{flow.status_field}__in": transition.sources}),
            user,
            transition.waiting_for or transition.rule,
        )
        annotations[f"_todo_{index}"] = Exists(allowed.filter(pk=OuterRef("pk")))
        waiting |= Q(**{f"_todo_{index}": True})
    records = base.annotate(**annotations).filter(waiting)
    if flow.due_field:
        records = records.order_by(f"{flow.due_field}", "pk")
    records = flow.with_related(records)
    items = []
    for record in records[:ITEMS_PER_KIND]:
        transition = next(step for index, step in enumerate(steps) if getattr(record, f"_todo_{index}"))
        items.append(
            TodoItem(
                action=transition.label,
                record=record,
                url=record.get_absolute_url(),
                due_on=_value_at(record, flow.due_field),
                kind=flow.model._meta.verbose_name,
            )
        )
    return items


def _dated_workflows() -> list[workflow.Workflow]:
    return [
        flow
        for flow in workflow.workflows()
        if flow.due_field and _has_process(flow.model) and any(step.todo for step in flow.transitions)
    ]


def overdue_items(process, flow: workflow.Workflow) -> list[TodoItem]:
    """
    For the NFP, who runs the process: the records of one kind overdue with someone else (waiting in a to-do step's
    status past their due date), in one query, so that work late anywhere reaches the person who can chase it.
    """
    sources = {status for step in flow.transitions if step.todo for status in step.sources}
    records = flow.model._default_manager.filter(
        process=process,
        **{f"{flow.status_field}__in": sources, f"{flow.due_field}__lt": timezone.localdate()},
    )
    if flow.waiting is not None:
        records = records.filter(flow.waiting)
    records = flow.with_related(records).order_by(flow.due_field, "pk")
    return [
        TodoItem(
            action=_("Overdue: follow up"),
            record=record,
            url=record.get_absolute_url(),
            due_on=_value_at(record, flow.due_field),
            kind=flow.model._meta.verbose_name,
        )
        for record in records[:ITEMS_PER_KIND]
    ]


# ---------------------------------------------------------------------------
# Providers: work that is not a workflow step
# ---------------------------------------------------------------------------

Provider = Callable[[Any, Any], Iterable[TodoItem]]


@dataclass(frozen=True)
class TodoProvider:
    """Items for the people who pass `rule` on the process (one query at most), from `items(user, process)`."""

    name: str
    rule: str
    items: Provider


_PROVIDERS: dict[str, TodoProvider] = {}


def register_provider(name: str, *, rule: str, items: Provider) -> TodoProvider:
    """Add a provider of to-do items for those who pass the permission `rule` on a process (a role rule)."""
    _PROVIDERS[name] = TodoProvider(name=name, rule=rule, items=items)
    return _PROVIDERS[name]


def providers() -> list[TodoProvider]:
    return list(_PROVIDERS.values())


def _institutions_without_focal_point(user, process) -> list[TodoItem]:
    from mainstreaming.models import Institution, Membership

    speaking = Membership.objects.filter(institution=OuterRef("pk"), is_active=True)
    institutions = Institution.objects.filter(process=process).exclude(Exists(speaking)).order_by("name")
    return [
        TodoItem(
            action=_("Invite a focal point"),
            record=institution,
            url=institution.get_absolute_url(),
            kind=_("institution"),
            note=_("Nobody speaks for this institution yet."),
        )
        for institution in institutions[:ITEMS_PER_KIND]
    ]


def _reports_to_publish(user, process) -> list[TodoItem]:
    from mainstreaming.models import Report

    reports = Report.objects.filter(process=process, status=BuildStatus.DONE, visibility=Visibility.INTERNAL)
    return [
        TodoItem(
            action=_("Publish or keep internal"),
            record=report,
            url=report.get_absolute_url(),
            kind=_("report"),
            note=_("Built and read only inside the process so far."),
        )
        for report in reports.order_by("-finished_at", "-created")[:ITEMS_PER_KIND]
    ]


def _newly_published_reports(user, process) -> list[TodoItem]:
    from mainstreaming.models import Report

    since = timezone.now() - timedelta(days=NEWLY_PUBLISHED_DAYS)
    reports = Report.objects.filter(process=process, visibility=Visibility.PUBLISHED, published_at__gte=since)
    return [
        TodoItem(action=_("Read"), record=report, url=report.get_absolute_url(), kind=_("published report"))
        for report in reports.order_by("-published_at")[:ITEMS_PER_KIND]
    ]


def _partner_only(check: Callable) -> Callable:
    """The people who read only what is published: development partners (not those who see internal work)."""

    def wrapped(user, process) -> list[TodoItem]:
        if permissions.allows(user, permissions.VIEW_INTERNAL, process):
            return []
        return list(check(user, process))

    return wrapped


register_provider(
    "institutions_without_focal_point", rule=permissions.MANAGE_PROCESS, items=_institutions_without_focal_point
)
register_provider("reports_to_publish", rule=permissions.PUBLISH_REPORT, items=_reports_to_publish)
register_provider(
    "newly_published_reports", rule=permissions.VIEW_PROCESS, items=_partner_only(_newly_published_reports)
)


# ---------------------------------------------------------------------------
# The list and its count
# ---------------------------------------------------------------------------


def _sort_key(item: TodoItem):
    return (item.due_on is None, item.due_on or date.max)


def todo_list(request_or_user, process) -> list[TodoItem]:
    """Everything waiting for the person in `process`, soonest due first (undated last, in the order found)."""
    user = getattr(request_or_user, "user", request_or_user)
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    items: list[TodoItem] = []
    for flow in workflow.workflows():
        items.extend(workflow_items(user, process, flow))
    if permissions.allows(request_or_user, permissions.MANAGE_PROCESS, process):
        own = {(type(item.record), item.record.pk) for item in items}
        for flow in _dated_workflows():
            items.extend(
                item for item in overdue_items(process, flow) if (type(item.record), item.record.pk) not in own
            )
    for provider in providers():
        if permissions.allows(request_or_user, provider.rule, process):
            items.extend(provider.items(request_or_user, process))
    items.sort(key=_sort_key)
    remember_count(user, process, len(items))
    return items


def query_budget() -> int:
    """The most queries todo_list may cost: a constant per kind and per provider, never growing with the data."""
    return (
        QUERIES_PER_KIND * len(workflow.workflows())
        + QUERIES_PER_KIND * len(_dated_workflows())
        + QUERIES_PER_PROVIDER * len(providers())
    )


def _count_key(user, process) -> str:
    return f"todo-count:{user.pk}:{process.pk}"


def remember_count(user, process, count: int) -> None:
    cache.set(_count_key(user, process), count, COUNT_CACHE_SECONDS)


def cached_count(request_or_user, process) -> int | None:
    """The count of the person's to-do list as the dashboard last worked it out (briefly kept), or None."""
    user = getattr(request_or_user, "user", request_or_user)
    if user is None or not user.is_authenticated or process is None:
        return None
    return cache.get(_count_key(user, process))
