"""
The read side of the core: every query a page makes, already narrowed to what the user may see and joined so
that a page costs the same number of queries whatever the size of the process.
"""

from collections import Counter
from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from mainstreaming import history, permissions, report_kinds
from mainstreaming.charts import Bar
from mainstreaming.choices import BuildStatus, InstitutionKind, Phase, Role, Visibility
from mainstreaming.models import Comment, Document, Institution, Membership, PhaseProgress, Process, Report
from mainstreaming.phases import GUIDES, KeyStep, PhaseStanding, phase_records, phase_standing

# ---------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------


def process_list(*, user) -> QuerySet[Process]:
    """The processes the user takes part in, each with the user's own active membership prefetched."""
    mine = Membership.objects.filter(user=user, is_active=True).select_related("institution")
    return Process.objects.restrict(user, permissions.VIEW_PROCESS).prefetch_related(
        Prefetch("memberships", queryset=mine, to_attr="my_memberships")
    )


def process_get(*, user, pk) -> Process:
    """One process the user takes part in, or 404: a process they are not part of does not exist for them."""
    return get_object_or_404(Process.objects.restrict(user, permissions.VIEW_PROCESS), pk=pk)


def membership_of(*, user, process: Process) -> Membership | None:
    return Membership.objects.filter(user=user, process=process, is_active=True).select_related("institution").first()


def request_membership(request, process: Process) -> Membership | None:
    """The requesting user's membership of `process`, read once per request: the dashboard's panels all ask."""
    cache = request.__dict__.setdefault("_memberships", {})
    if process.pk not in cache:
        cache[process.pk] = membership_of(user=request.user, process=process)
    return cache[process.pk]


def phase_standings(
    *, process: Process, phases: Sequence[str] = tuple(Phase.values)
) -> dict[str, PhaseStanding | None]:
    """
    Where each phase stands according to its records (mainstreaming.phases.phase_standing), read in one query for
    all the phases asked, whatever the data: every phase app's facts are subqueries on the process's row.
    """
    expressions: dict[str, object] = {}
    names: dict[tuple[str, int], dict[str, str]] = {}
    for phase in phases:
        for index, records in enumerate(phase_records(phase)):
            names[phase, index] = {}
            for name, expression in records.facts().items():
                alias = f"fact_{phase}_{index}_{name}"
                names[phase, index][alias] = name
                expressions[alias] = expression
    row = (
        Process.objects.filter(pk=process.pk).annotate(**expressions).values(*expressions).get() if expressions else {}
    )
    standings = {}
    for phase in phases:
        readings = [
            records.read({name: row[alias] for alias, name in names[phase, index].items()})
            for index, records in enumerate(phase_records(phase))
        ]
        standings[phase] = phase_standing(phase, readings)
    return standings


def _with_standing(item: PhaseProgress, standing: PhaseStanding | None) -> PhaseProgress:
    """
    Attach the guide, the records' standing and the key steps; `records_disagree` says that the status the NFP set
    by hand is not the one the records show (the pages then show both).
    """
    item.guide = GUIDES[item.phase]
    item.is_current = item.phase == item.process.current_phase
    item.standing = standing
    item.key_steps = standing.steps if standing else tuple(KeyStep(text, None) for text in item.guide.key_steps)
    item.records_disagree = standing is not None and standing.status != item.status
    return item


def phase_list(*, process: Process) -> list[PhaseProgress]:
    """
    The seven phases in the handbook's order, each with its guidance (`.guide`) and where it stands according to
    its records (`.standing`, `.key_steps`, `.records_disagree`): two queries, whatever the data.
    """
    progress = {p.phase: p for p in process.phases.all()}
    standings = phase_standings(process=process)
    return [
        _with_standing(progress.get(phase) or PhaseProgress(process=process, phase=phase), standings[phase])
        for phase in Phase.values
    ]


def phase_get(*, process: Process, phase: str) -> PhaseProgress:
    progress = get_object_or_404(PhaseProgress, process=process, phase=phase)
    progress.process = process
    return _with_standing(progress, phase_standings(process=process, phases=(phase,))[phase])


def dashboard(*, process: Process, can_view_internal: bool) -> dict:
    """What the process dashboard shows; a development partner gets phases and published reports only."""
    data = {
        "phases": phase_list(process=process),
        "reports": list(report_list(process=process, can_view_internal=can_view_internal)[:5]),
    }
    if can_view_internal:
        by_kind = Counter(process.institutions.values_list("kind", flat=True))
        labels = dict(InstitutionKind.choices)
        data["institutions_by_kind"] = [Bar(str(labels[kind]), count) for kind, count in by_kind.most_common()]
        data["institution_count"] = sum(by_kind.values())
        roles = Counter(process.memberships.filter(is_active=True).values_list("role", flat=True))
        data["people_by_role"] = [(label, roles.get(value, 0)) for value, label in Role.choices]
    return data


GOVERNMENT_KINDS = (
    InstitutionKind.LINE_MINISTRY,
    InstitutionKind.AGENCY,
    InstitutionKind.STATISTICS_OFFICE,
    InstitutionKind.CENTRAL_BANK,
    InstitutionKind.LOCAL_GOVERNMENT,
)


# ---------------------------------------------------------------------------
# Institutions and people
# ---------------------------------------------------------------------------


def institution_list(*, process: Process, kind: str = "", search: str = "") -> QuerySet[Institution]:
    queryset = (
        process.institutions.select_related("parent")
        .prefetch_related("sectors")
        .annotate(people=Count("memberships", filter=Q(memberships__is_active=True)))
    )
    if kind:
        queryset = queryset.filter(kind=kind)
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(acronym__icontains=search))
    return queryset.order_by("name")


def institution_kind_guides() -> list:
    from mainstreaming.models import InstitutionKindGuide

    return list(InstitutionKindGuide.objects.all())


def institution_get(*, process: Process, pk) -> Institution:
    queryset = process.institutions.select_related("parent").prefetch_related(
        "sectors",
        "children",
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(is_active=True).select_related("user"),
            to_attr="active_memberships",
        ),
    )
    return get_object_or_404(queryset, pk=pk)


def membership_list(*, process: Process, include_ended: bool = False) -> QuerySet[Membership]:
    queryset = process.memberships.select_related("user", "institution")
    if not include_ended:
        queryset = queryset.filter(is_active=True)
    return queryset.order_by("-is_active", "role", "user__last_name", "user__first_name", "user__username")


def membership_get(*, process: Process, pk) -> Membership:
    return get_object_or_404(process.memberships.select_related("user", "institution"), pk=pk)


def member_emails(*, process: Process, roles=(), institution: Institution | None = None) -> list[str]:
    """The e-mail addresses of the active members with one of `roles`, or of one institution's focal points."""
    memberships = Membership.objects.filter(process=process, is_active=True).exclude(user__email="")
    if roles:
        memberships = memberships.filter(role__in=roles)
    if institution is not None:
        memberships = memberships.filter(role=Role.MINISTRY, institution=institution)
    return sorted(set(memberships.values_list("user__email", flat=True)))


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------


def report_list(*, process: Process, can_view_internal: bool) -> QuerySet[Report]:
    """Reports of a process; a development partner sees only those built and published."""
    queryset = process.reports.select_related("requested_by")
    if not can_view_internal:
        queryset = queryset.filter(visibility=Visibility.PUBLISHED, status=BuildStatus.DONE)
    return queryset.order_by("-created")


def report_get(*, process: Process, pk, can_view_internal: bool) -> Report:
    return get_object_or_404(report_list(process=process, can_view_internal=can_view_internal), pk=pk)


# ---------------------------------------------------------------------------
# The process's audit trail
# ---------------------------------------------------------------------------


def process_trail(*, process: Process, user, limit: int = 200) -> list[history.HistoryEntry]:
    """
    Every recorded change in a process, newest first: the process, its phases, institutions, people, reports and
    the phase apps' records, each linked to its page only when that page would open for `user`.
    """

    def url(name, **kwargs):
        return reverse(f"mainstreaming:{name}", kwargs={"process_pk": process.pk, **kwargs})

    def describe_process(records):
        return {r.history_id: (str(r.title), url("process_history")) for r in records}

    def describe_phase(records):
        labels = dict(Phase.choices)
        return {r.history_id: (str(labels.get(r.phase, r.phase)), url("phase_history", phase=r.phase)) for r in records}

    def describe_institution(records):
        return {r.history_id: (r.name, url("institution_history", pk=r.id)) for r in records}

    def describe_membership(records):

        users = get_user_model().objects.in_bulk({r.user_id for r in records})
        return {
            r.history_id: (history.user_label(users.get(r.user_id)), url("membership_history", pk=r.id))
            for r in records
        }

    def describe_report(records):
        return {r.history_id: (report_kinds.label(r.kind), url("report_history", pk=r.id)) for r in records}

    def describer(source: history.TrailSource):
        kind = str(source.model._meta.verbose_name).capitalize()

        def describe(records):
            if source.url_pk_field is not None and records:
                openable = source.openable(user, process, {getattr(record, source.url_pk_field) for record in records})
            described = {}
            for record in records:
                label = f"{kind}: {source.label(record)}"
                if source.url_pk_field is None:
                    link = reverse(source.url_name, kwargs={"process_pk": process.pk})
                elif getattr(record, source.url_pk_field) in openable:
                    target = getattr(record, source.url_pk_field)
                    link = reverse(source.url_name, kwargs={"process_pk": process.pk, source.url_kwarg: target})
                else:
                    link = ""
                described[record.history_id] = (label, link)
            return described

        return describe

    registered = [
        (source.model.history.filter(**{source.process_lookup: process.pk}), describer(source))
        for source in history.trail_sources()
    ]
    return history.trail(
        [
            (Process.history.filter(id=process.pk), describe_process),
            (PhaseProgress.history.filter(process_id=process.pk), describe_phase),
            (Institution.history.filter(process_id=process.pk), describe_institution),
            (Membership.history.filter(process_id=process.pk), describe_membership),
            (Report.history.filter(process_id=process.pk), describe_report),
            *registered,
        ],
        limit=limit,
    )


# ---------------------------------------------------------------------------
# Documents and comments of a record
# ---------------------------------------------------------------------------


def documents_of(obj) -> QuerySet[Document]:
    owner_type = ContentType.objects.get_for_model(obj)
    return Document.objects.filter(owner_type=owner_type, owner_id=str(obj.pk)).select_related("uploaded_by")


def comments_on(obj) -> QuerySet[Comment]:
    target_type = ContentType.objects.get_for_model(obj)
    return Comment.objects.filter(target_type=target_type, target_id=str(obj.pk)).select_related("author")


def document_get(*, process: Process, pk) -> Document:
    return get_object_or_404(process.documents.all(), pk=pk)


def documents_of_many(model, ids) -> dict[str, list[Document]]:
    """The files attached to several records of one model, by the record's id as text: one query for a whole page."""
    owner_type = ContentType.objects.get_for_model(model)
    documents = Document.objects.filter(owner_type=owner_type, owner_id__in=[str(pk) for pk in ids])
    result: dict[str, list[Document]] = {}
    for document in documents.select_related("uploaded_by").order_by("created"):
        result.setdefault(document.owner_id, []).append(document)
    return result


def comments_on_many(model, ids) -> dict[str, list[Comment]]:
    """The comments on several records of one model, by the record's id as text, oldest first: one query."""
    target_type = ContentType.objects.get_for_model(model)
    comments = Comment.objects.filter(target_type=target_type, target_id__in=[str(pk) for pk in ids])
    result: dict[str, list[Comment]] = {}
    for comment in comments.select_related("author").order_by("created", "pk"):
        result.setdefault(comment.target_id, []).append(comment)
    return result
