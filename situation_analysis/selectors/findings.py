"""
The read side of the findings, and the links from answers and series back to the findings that cite them. Every
function costs a fixed number of queries, however many findings, answers and series there are.

A finding is read by every internal reader, but the answers it cites are a ministry's work: a reader who may not
read an answer (another ministry, before the checklist is approved) sees which question it answers, never what it
says. finding_detail decides it with situation_analysis.permissions; findings_for_report, which development
partners may read once published, cites approved answers only.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Value, When
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from mainstreaming import permissions as core_permissions
from mainstreaming.history import HistoryEntry, object_history
from mainstreaming.models import Process, Sector
from situation_analysis import permissions
from situation_analysis.choices import AssignmentStatus, QuestionBlock, Significance
from situation_analysis.models import Answer, Assignment, DataSeries, Finding

# The filter value of the findings that belong to no single sector.
CROSS_CUTTING = "cross-cutting"
EXCERPT_LENGTH = 240

SIGNIFICANCE_BADGES = {
    Significance.HIGH: "badge-failed",
    Significance.MEDIUM: "badge-in_progress",
    Significance.LOW: "badge-planned",
}


# ---------------------------------------------------------------------------
# Back-links: the findings that cite an answer or a series
# ---------------------------------------------------------------------------


def findings_for_answers(answer_ids) -> dict[int, list[Finding]]:
    """For each answer id, the findings drawn from it: one query for all the answers of a page."""
    through = Finding.answers.through
    links = through.objects.filter(answer_id__in=list(answer_ids)).select_related("finding", "finding__sector")
    result: dict[int, list[Finding]] = defaultdict(list)
    for link in links.order_by("finding__created"):
        result[link.answer_id].append(link.finding)
    return dict(result)


def findings_for_series(series) -> list[Finding]:
    """The findings drawn from one data series (one query)."""
    return list(series.findings.select_related("sector").order_by("-created"))


# ---------------------------------------------------------------------------
# The list, grouped by sector
# ---------------------------------------------------------------------------


@dataclass
class SectorGroup:
    """The findings of one sector (sector None: those that cut across sectors), the most significant first."""

    sector: Sector | None
    label: str
    findings: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"sector-{self.sector.code}" if self.sector else f"sector-{CROSS_CUTTING}"


def _significance_rank():
    return Case(
        *(When(significance=value, then=Value(rank)) for rank, value in enumerate(Significance.values)),
        default=Value(len(Significance.values)),
        output_field=IntegerField(),
    )


def _decorate(finding: Finding) -> Finding:
    finding.significance_badge = SIGNIFICANCE_BADGES.get(finding.significance, "")
    return finding


def group_by_sector(findings) -> list[SectorGroup]:
    """Findings in sector order, those across sectors first; each group keeps the order it was given."""
    groups: dict[int | None, SectorGroup] = {}
    for finding in findings:
        if finding.sector_id not in groups:
            label = str(finding.sector) if finding.sector else _("Across sectors")
            groups[finding.sector_id] = SectorGroup(finding.sector, label)
        groups[finding.sector_id].findings.append(finding)

    def order(group: SectorGroup):
        if group.sector is None:
            return (0, 0, "")
        return (1, group.sector.position, str(group.sector))

    return sorted(groups.values(), key=order)


def finding_list(*, process: Process, sector: str = "", significance: str = "") -> list[Finding]:
    """
    The process's findings with their sector and the number of answers and series each cites (one query), the most
    significant first, then the newest. `sector` is a sector's code, or CROSS_CUTTING for findings of no sector.
    """
    findings = Finding.objects.filter(process=process).select_related("sector")
    if sector == CROSS_CUTTING:
        findings = findings.filter(sector__isnull=True)
    elif sector:
        findings = findings.filter(sector__code=sector)
    if significance:
        findings = findings.filter(significance=significance)
    findings = findings.annotate(
        answer_count=Count("answers", distinct=True),
        series_count=Count("series", distinct=True),
        significance_rank=_significance_rank(),
    ).order_by("significance_rank", "-created", "-pk")
    return [_decorate(finding) for finding in findings]


def finding_sectors(*, process: Process) -> list[Sector]:
    """The sectors the process's findings belong to, for the list's filter (one query)."""
    ids = Finding.objects.filter(process=process, sector__isnull=False).values("sector_id")
    return list(Sector.objects.filter(pk__in=ids))


def has_findings(*, process: Process) -> bool:
    return Finding.objects.filter(process=process).exists()


# ---------------------------------------------------------------------------
# One finding
# ---------------------------------------------------------------------------


@dataclass
class AnswerLink:
    """An answer a finding cites, as its reader may see it: the content only when they may read the answer."""

    answer: Answer
    checklist_code: str
    checklist_title: str
    question_code: str
    question_text: str
    lead: str
    url: str
    readable: bool
    assessment: str = ""
    excerpt: str = ""


@dataclass
class FindingDetail:
    finding: Finding
    answers: list[AnswerLink]
    series: list[DataSeries]


# ---------------------------------------------------------------------------
# Onward links: what of the later phases cites a finding (the golden thread)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A record of a later phase that cites a finding, such as a goal of the plan: its kind, label and page."""

    kind: str
    label: str
    url: str


@dataclass(frozen=True)
class CitationSource:
    """
    A later phase's records that cite findings, registered by that app (this one never imports it): `cite(finding)`
    returns its citations in a bounded number of queries; `action(finding, request)`, if given, returns the
    (label, url) of the next step the reader may take from the finding, or None.
    """

    cite: Callable[[Finding], list[Citation]]
    action: Callable | None = None


_CITATION_SOURCES: list[CitationSource] = []


def register_citation_source(source: CitationSource) -> None:
    _CITATION_SOURCES.append(source)


def finding_citations(*, finding: Finding, request) -> tuple[list[Citation], list[tuple[str, str]]]:
    """The records citing `finding` across the later phases, and the next steps the reader may take from it."""
    citations, actions = [], []
    for source in _CITATION_SOURCES:
        citations.extend(source.cite(finding))
        action = source.action(finding, request) if source.action is not None else None
        if action is not None:
            actions.append(action)
    return citations, actions


def finding_get(*, process: Process, pk: int) -> Finding:
    finding = get_object_or_404(Finding.objects.select_related("process", "sector"), process=process, pk=pk)
    return _decorate(finding)


def _readable(reader, assignments: list[Assignment]) -> set[int]:
    """The ids of the assignments whose answers `reader` may read: two queries at most for all of them."""
    drafts = [assignment for assignment in assignments if not assignment.is_approved]
    if drafts and not core_permissions.allows(reader, core_permissions.REVIEW_PROCESS, drafts[0].process):
        # Whether the reader leads or contributes to these drafts is a guardian permission on each: load them all
        # at once rather than one query per assignment.
        core_permissions.checker_for(reader).prefetch_perms(drafts)
    return {
        assignment.pk for assignment in assignments if core_permissions.allows(reader, permissions.READ, assignment)
    }


def finding_detail(*, finding: Finding, reader) -> FindingDetail:
    """
    The finding with the answers it cites (checklist, question, lead institution, assessment, an excerpt of the
    narrative, a link to the answer) and the series (with their source); `reader` (a request or a user) sees an
    answer's assessment and narrative only when situation_analysis.permissions lets them read it. Four queries.
    """
    answers = list(
        finding.answers.select_related(
            "question", "question__checklist", "assignment", "assignment__process", "assignment__lead"
        )
    )
    answers.sort(key=_answer_order)
    assignments = list({answer.assignment_id: answer.assignment for answer in answers}.values())
    readable = _readable(reader, assignments)
    links = []
    for answer in answers:
        question, checklist = answer.question, answer.question.checklist
        link = AnswerLink(
            answer=answer,
            checklist_code=checklist.code,
            checklist_title=checklist.localized("title"),
            question_code=question.code,
            question_text=question.localized("text"),
            lead=str(answer.assignment.lead),
            url=answer.get_absolute_url(),
            readable=answer.assignment_id in readable,
        )
        if link.readable:
            link.assessment = answer.get_assessment_display()
            link.excerpt = _excerpt(answer.narrative)
        links.append(link)
    series = list(finding.series.select_related("source", "sector").order_by("title"))
    for item in series:
        item.url = item.get_absolute_url()
    return FindingDetail(finding=finding, answers=links, series=series)


def _answer_order(answer: Answer) -> tuple:
    """By checklist, then in the checklist's order: the handbook's first block first, then by position."""
    question, blocks = answer.question, QuestionBlock.values
    block = blocks.index(question.block) if question.block in blocks else len(blocks)
    return (question.checklist.code, block, question.position, question.code)


def _excerpt(text: str) -> str:
    text = " ".join((text or "").split())
    if len(text) <= EXCERPT_LENGTH:
        return text
    return text[: EXCERPT_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def answer_label(answer: Answer) -> str:
    """An answer named by its checklist and question, without its content: safe for every internal reader."""
    return f"{answer.question.checklist.code} {answer.question.code}"


def finding_history(*, finding: Finding) -> list[HistoryEntry]:
    """
    The finding's History tab. The core names a cited answer by its assessment ("A1: Yes"), which is the lead
    ministry's work; here answers are named by checklist and question only ("C5 A1"), since every internal reader
    opens this tab. Three queries on top of object_history's own (which, for now, reads each cited answer's
    question with a query of its own to build the names replaced here).
    """
    entries = object_history(finding)
    field_label = str(Finding._meta.get_field("answers").verbose_name)
    if not any(change.label == field_label for entry in entries for change in entry.changes):
        return entries
    # The same records, in the same order, as object_history compared: the newest first, one more than shown.
    records = list(finding.history.order_by("-history_date", "-history_id")[: len(entries) + 1])
    ids_of = _cited_answers(records)
    labels = {
        answer.pk: answer_label(answer)
        for answer in Answer.objects.filter(pk__in={pk for ids in ids_of.values() for pk in ids}).select_related(
            "question", "question__checklist"
        )
    }

    def show(ids) -> str:
        return ", ".join(sorted(labels.get(pk, f"#{pk}") for pk in ids)) or "—"

    for index, entry in enumerate(entries):
        record = records[index]
        previous = records[index + 1] if index + 1 < len(records) else None
        for change in entry.changes:
            if change.label == field_label:
                change.old = show(ids_of.get(previous.history_id, set())) if previous else "—"
                change.new = show(ids_of.get(record.history_id, set()))
    return entries


def _cited_answers(records) -> dict[int, set[int]]:
    """The answers each historical record of a finding cites (one query)."""
    if not records:
        return {}
    m2m_history = records[0].answers.model
    rows = m2m_history.objects.filter(history_id__in=[r.history_id for r in records]).values_list(
        "history_id", "answer_id"
    )
    result: dict[int, set[int]] = defaultdict(set)
    for history_id, answer_id in rows:
        result[history_id].add(answer_id)
    return result


# ---------------------------------------------------------------------------
# The form's choices
# ---------------------------------------------------------------------------


@dataclass
class FindingChoices:
    """What the finding form offers: the answers grouped by checklist, and the series."""

    answers: dict[int, Answer]
    answer_groups: list[tuple[str, list[tuple[int, str]]]]
    series: dict[int, DataSeries]
    series_choices: list[tuple[int, str]]


def finding_form_choices(*, process: Process) -> FindingChoices:
    """
    The process's answers grouped by checklist (one query) and its series (one). Each answer is
    labelled with its question and where the checklist stands, so that the NFP sees what is approved.
    """
    answers = list(
        Answer.objects.filter(process=process).select_related("question", "question__checklist", "assignment")
    )
    answers.sort(key=_answer_order)
    groups: dict[int, tuple[str, list]] = {}
    for answer in answers:
        checklist = answer.question.checklist
        groups.setdefault(checklist.pk, (str(checklist), []))
        status = answer.assignment.get_status_display()
        assessment = answer.get_assessment_display() or _("no assessment")
        text = _excerpt(answer.question.localized("text"))
        groups[checklist.pk][1].append((answer.pk, f"{answer.question.code} · {text} ({assessment}; {status})"))
    series = list(DataSeries.objects.filter(process=process).order_by("title"))
    return FindingChoices(
        answers={answer.pk: answer for answer in answers},
        answer_groups=list(groups.values()),
        series={item.pk: item for item in series},
        series_choices=[(item.pk, f"{item.title} ({item.unit})") for item in series],
    )


# ---------------------------------------------------------------------------
# The situation-analysis report
# ---------------------------------------------------------------------------


@dataclass
class AnswerRef:
    checklist_code: str
    question_code: str
    question_text: str
    lead: str
    assessment: str


def findings_for_report(process: Process) -> list[SectorGroup]:
    """
    The findings by sector for the situation-analysis PDF (three queries): each finding carries `answer_refs`, the
    approved answers it cites (AnswerRef: checklist, question, lead, assessment; a draft is never printed, the
    report may be published to development partners), and `series_list`, the series it cites.
    """
    findings = list(
        Finding.objects.filter(process=process)
        .select_related("sector")
        .annotate(significance_rank=_significance_rank())
        .order_by("significance_rank", "-created", "-pk")
    )
    ids = [finding.pk for finding in findings]
    answer_links = (
        Finding.answers.through.objects.filter(finding_id__in=ids, answer__assignment__status=AssignmentStatus.APPROVED)
        .select_related("answer__question__checklist", "answer__assignment__lead")
        .order_by("answer__question__checklist__code", "answer__question__code")
    )
    refs: dict[int, list[AnswerRef]] = defaultdict(list)
    for link in answer_links:
        answer = link.answer
        refs[link.finding_id].append(
            AnswerRef(
                checklist_code=answer.question.checklist.code,
                question_code=answer.question.code,
                question_text=answer.question.localized("text"),
                lead=answer.assignment.lead.name,
                assessment=answer.get_assessment_display(),
            )
        )
    series_of: dict[int, list[DataSeries]] = defaultdict(list)
    for link in (
        Finding.series.through.objects.filter(finding_id__in=ids)
        .select_related("dataseries")
        .order_by("dataseries__title")
    ):
        series_of[link.finding_id].append(link.dataseries)
    for finding in findings:
        _decorate(finding)
        finding.answer_refs = refs.get(finding.pk, [])
        finding.series_list = series_of.get(finding.pk, [])
    return group_by_sector(findings)
