"""
The situation-analysis PDF (handbook §5): a summary per sector (each checklist's lead, status and, once approved,
its assessments drawn as a bar chart), where the checklists stand, the approved checklists' answers in full, the
migration-profile data series with their charts and tables, the data gaps, and the findings by sector.

The report is publishable to development partners, so it prints no ministry's draft: a checklist not yet approved
is listed with its status, and neither its answers nor the count of its assessments are printed.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mainstreaming import report_kinds
from mainstreaming.charts import Bar, horizontal_bar_chart
from mainstreaming.models import Report
from situation_analysis.choices import Assessment, AssignmentStatus, QuestionBlock
from situation_analysis.models import Answer, Checklist, ChecklistQuestion, DataSource
from situation_analysis.selectors.assignments import STATUS_BADGES, question_order
from situation_analysis.selectors.findings import findings_for_answers, findings_for_report
from situation_analysis.selectors.progress import progress
from situation_analysis.selectors.series import data_gaps_of, series_for_report

SITUATION_ANALYSIS = "situation_analysis"


@dataclass
class ChecklistBlock:
    label: str
    questions: list = field(default_factory=list)


@dataclass
class SectorSummary:
    name: str
    checklists: list = field(default_factory=list)


def _checklists(process) -> list[Checklist]:
    """
    The process's checklists with their sector, assignment and lead (one query); the approved ones also carry
    their questions in the checklist's order, each with its answer, the answer's data sources and the findings
    drawn from it (four queries),
    their `assessment_counts` (value, label, count) and their `assessment_chart`.
    """
    checklists = list(
        Checklist.objects.filter(process=process)
        .select_related("sector", "assignment", "assignment__lead")
        .order_by("sector__position", "sector__name", "code")
    )
    approved_ids = []
    for checklist in checklists:
        assignment = getattr(checklist, "assignment", None)
        checklist.current_assignment = assignment
        checklist.is_approved = assignment is not None and assignment.status == AssignmentStatus.APPROVED
        checklist.status_label = assignment.get_status_display() if assignment else _("Not assigned")
        checklist.status_badge = STATUS_BADGES.get(assignment.status, "") if assignment else ""
        checklist.blocks, checklist.assessment_counts, checklist.assessment_chart = [], [], ""
        if checklist.is_approved:
            approved_ids.append(checklist.pk)
    if not approved_ids:
        return checklists

    answers = Answer.objects.filter(question__checklist_id__in=approved_ids).prefetch_related(
        Prefetch("data_sources", queryset=DataSource.objects.order_by("name"), to_attr="source_list")
    )
    answer_of = {answer.question_id: answer for answer in answers}
    # The golden thread: each answer names the findings drawn from it.
    findings_of = findings_for_answers(answer.pk for answer in answer_of.values())
    for answer in answer_of.values():
        answer.finding_list = findings_of.get(answer.pk, [])
    questions_of: dict[int, list[ChecklistQuestion]] = {}
    for question in ChecklistQuestion.objects.filter(checklist_id__in=approved_ids, is_dropped=False):
        question.current_answer = answer_of.get(question.pk)
        questions_of.setdefault(question.checklist_id, []).append(question)

    block_labels = dict(QuestionBlock.choices)
    for checklist in checklists:
        if not checklist.is_approved:
            continue
        questions = sorted(
            questions_of.get(checklist.pk, []), key=lambda q: question_order(q.block, q.position, q.code)
        )
        blocks: dict[str, ChecklistBlock] = {}
        counts = dict.fromkeys(Assessment.values, 0)
        for question in questions:
            blocks.setdefault(question.block, ChecklistBlock(str(block_labels.get(question.block, question.block))))
            blocks[question.block].questions.append(question)
            answer = question.current_answer
            if answer is not None and answer.assessment in counts:
                counts[answer.assessment] += 1
        checklist.blocks = list(blocks.values())
        checklist.assessment_counts = [
            (value, str(label), counts[value]) for value, label in Assessment.choices if counts[value]
        ]
        checklist.assessment_chart = horizontal_bar_chart(
            [Bar(str(label), counts[value]) for value, label in Assessment.choices],
            title=_("Assessments: %(checklist)s") % {"checklist": str(checklist)},
        )
    return checklists


def _by_sector(checklists) -> list[SectorSummary]:
    sectors: dict[int, SectorSummary] = {}
    for checklist in checklists:
        sectors.setdefault(checklist.sector_id, SectorSummary(str(checklist.sector))).checklists.append(checklist)
    return list(sectors.values())


def situation_analysis_context(report: Report, data_read_at: datetime) -> dict:
    """What the PDF prints, read in a fixed number of queries whatever the size of the process."""
    process = report.process
    checklists = _checklists(process)
    finding_groups = findings_for_report(process)
    series_views = series_for_report(process)
    # The golden thread, both ways: each series names the findings drawn from it (no query: read from the findings).
    findings_of: dict[int, list] = {}
    for group in finding_groups:
        for finding in group.findings:
            for series in finding.series_list:
                findings_of.setdefault(series.pk, []).append(finding)
    for view in series_views:
        view.findings = findings_of.get(view.series.pk, [])
    return {
        "sectors": _by_sector(checklists),
        "approved_checklists": [checklist for checklist in checklists if checklist.is_approved],
        "pending_checklists": [checklist for checklist in checklists if not checklist.is_approved],
        "progress": progress(process=process, today=timezone.localtime(data_read_at).date()),
        # The migration-profile data: each series with its chart and table (two queries), the gaps (one more).
        "series_views": series_views,
        "gaps": data_gaps_of(series_views, process=process),
        # The findings by sector, citing approved answers only (three queries).
        "finding_groups": finding_groups,
    }


def register() -> None:
    report_kinds.register(
        report_kinds.ReportKindSpec(
            kind=SITUATION_ANALYSIS,
            label=gettext_lazy("Situation analysis"),
            template="pdf/situation_analysis.html",
            build_context=situation_analysis_context,
            listed=True,
        )
    )
