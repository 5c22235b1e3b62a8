"""
The M&E dashboard and the golden thread (issue item 4).

The dashboard shows, per goal and outcome, each indicator against its baseline and targets (the shared chart
code, mainstreaming.charts), its value to date, progress and missing periods; the activities by the status of
their latest approved update; spending against the budget; and the submission grid (institution by period).
The golden thread leads from one indicator value back to the activities, the priority, the findings and the
evidence behind them: the data series they cite (latest values, data source) and the checklist answers.

Internal readers only (monitoring.permissions.can_view; development partners get 403). Only approved values count
(monitoring.selectors.progress), so a ministry never sees another ministry's draft values here; the golden thread
of a value of a report not yet approved is shown only to those who may read that report (404 for the others), and
a checklist answer's words and the data sources it rests on only to those who may read the answers
(situation_analysis.permissions): another ministry sees which question a draft answers, never what it says.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from mainstreaming import permissions as core
from mainstreaming.views import ProcessViewMixin
from monitoring import permissions
from monitoring.models import IndicatorValue
from monitoring.selectors import progress
from situation_analysis import permissions as analysis_permissions


class _InternalView(ProcessViewMixin, TemplateView):
    rule = core.VIEW_INTERNAL

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=core.MANAGE_PROCESS in self.perms, **kwargs)


class DashboardView(_InternalView):
    template_name = "monitoring/dashboard.html"

    def get_context_data(self, **kwargs):
        summaries = progress.indicator_summaries(self.process)
        grid = progress.submission_grid(self.process)
        self.mark_readable(grid)
        return super().get_context_data(
            tree=progress.summaries_by_result(self.process, summaries),
            indicator_count=len(summaries),
            activities=progress.activity_status_overview(self.process),
            spending=progress.spending_overview(self.process),
            grid=grid,
            **kwargs,
        )

    def mark_readable(self, grid) -> None:
        """Each grid cell's `readable`: whether the reader may open the report (its page, not just its status)."""
        reports = [cell.report for row in grid.rows for cell in row.cells if cell.report is not None]
        if reports and self.request.user.is_authenticated:
            core.checker_for(self.request).prefetch_perms(reports)  # one query for every report's grants
        for row in grid.rows:
            for cell in row.cells:
                report = cell.report
                cell.readable = report is not None and core.allows(self.request, permissions.READ_REPORT, report)


class GoldenThreadView(_InternalView):
    template_name = "monitoring/golden_thread.html"

    def load_objects(self):
        value = get_object_or_404(
            IndicatorValue.objects.select_related("report__process"), process=self.process, pk=self.kwargs["pk"]
        )
        # A report's values before approval are its institution's and the reviewers' only: the others are told
        # nothing (404), as for the report itself. Development partners are refused by the role check (403).
        if core.allows(self.request, core.VIEW_INTERNAL, self.process) and not core.allows(
            self.request, permissions.READ_REPORT, value.report
        ):
            raise Http404
        self.value = value

    def get_context_data(self, **kwargs):
        thread = progress.golden_thread(self.value)
        answers = thread.answers
        assignments = list({answer.assignment_id: answer.assignment for answer in answers}.values())
        if assignments and not self.request.user.is_superuser:
            core.checker_for(self.request).prefetch_perms(assignments)
        readable = {
            assignment.pk: analysis_permissions.can_read_answers(self.request, assignment) for assignment in assignments
        }
        for answer in [*answers, *(answer for finding in thread.findings for answer in finding.answers.all())]:
            answer.readable = readable[answer.assignment_id]
        readable_answers = {answer.pk for answer in answers if answer.readable}
        return super().get_context_data(
            thread=thread,
            value=thread.value,
            indicator=thread.indicator,
            answers=answers,
            data_sources=thread.data_sources(readable_answers=readable_answers),
            is_approved=thread.value.report.is_approved,
            **kwargs,
        )
