"""
Views of the budget area: the totals page, the timeline, the results-matrix export, and the NFP's forms for an
activity's budget lines and funding. Everyone who sees internal work reads the totals, the timeline and the
export; development partners get 403 (the published plan's PDF is theirs); only the NFP writes.
"""

import re
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from implementation_plans.forms.budget import BudgetLineForm, FundingForm
from implementation_plans.selectors import budget as selectors
from implementation_plans.services import budget as services
from mainstreaming import l10n, permissions
from mainstreaming.charts import Bar, horizontal_bar_chart
from mainstreaming.forms import ReasonForm
from mainstreaming.views import ObjectHistoryView, ProcessViewMixin, ServiceFormView

# ---------------------------------------------------------------------------
# Totals, timeline, export
# ---------------------------------------------------------------------------


class BudgetOverviewView(ProcessViewMixin, TemplateView):
    """What the plan costs and how it is funded, by goal > outcome > output > activity and by year."""

    rule = permissions.VIEW_INTERNAL
    template_name = "implementation_plans/budget_overview.html"

    def get_context_data(self, **kwargs):
        currency = selectors.plan_currency(self.process)
        goals = selectors.totals_by_level(self.process)
        for number, goal in enumerate(goals, start=1):
            goal.number = number
        totals = selectors.plan_totals(self.process)
        return super().get_context_data(
            currency=currency,
            totals=totals,
            rows=selectors.flatten(goals),
            years=selectors.totals_by_year(self.process),
            chart=_goal_chart(goals, currency) if totals.cost or totals.found else "",
            has_money=bool(totals.cost or totals.found or totals.gap_declared),
            **kwargs,
        )


def _goal_chart(goals, currency):
    """Cost beside secured funding for each goal, in thousands of the plan's currency."""
    bars = []
    for goal in goals:
        bars.append(Bar(_("Goal %(number)s: cost") % {"number": goal.number}, _thousands(goal.cost)))
        bars.append(Bar(_("Goal %(number)s: secured") % {"number": goal.number}, _thousands(goal.secured)))
    title = _("Cost and secured funding per goal, in thousands of %(currency)s") % {"currency": currency}
    return horizontal_bar_chart(bars, title=title)


def _thousands(amount) -> float:
    return round(float(amount) / 1000, 1)


class TimelineView(ProcessViewMixin, TemplateView):
    """A Gantt chart of the accepted activities with dates, grouped by outcome and output, and the same as a table."""

    rule = permissions.VIEW_INTERNAL
    template_name = "implementation_plans/budget_timeline.html"

    def get_context_data(self, **kwargs):
        activities = selectors.timeline_activities(self.process)
        dated = [activity for activity in activities if activity.starts_on and activity.ends_on]
        undated = [activity for activity in activities if not (activity.starts_on and activity.ends_on)]
        plan = selectors.plan_for_budget(self.process)
        entries = [
            selectors.TimelineEntry(
                title=activity.title,
                starts_on=activity.starts_on,
                ends_on=activity.ends_on,
                status=activity.status,
                status_label=activity.get_status_display(),
                outcome=activity.output.outcome.title,
                output=activity.output.title,
            )
            for activity in dated
        ]
        chart, start, end = selectors.timeline_chart(
            entries,
            first_year=(plan and plan.starts_in) or self.process.period_start,
            last_year=(plan and plan.ends_in) or self.process.period_end,
            today=timezone.localdate(),
        )
        return super().get_context_data(
            dated=dated, undated=undated, chart=chart, start=start, end=end, has_activities=bool(activities), **kwargs
        )


class MatrixExportView(ProcessViewMixin, View):
    """The results/action matrix as an .xlsx workbook: one row per accepted activity, then the plan's totals."""

    rule = permissions.VIEW_INTERNAL

    def get(self, request, process_pk):
        content = matrix_workbook(self.process)
        response = HttpResponse(
            content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        name = re.sub(r"[^a-z0-9]+", "-", self.process.country.lower()).strip("-") or "plan"
        response["Content-Disposition"] = f'attachment; filename="results-matrix-{name}.xlsx"'
        return response


# ---------------------------------------------------------------------------
# The workbook
# ---------------------------------------------------------------------------

MONEY_FORMAT = l10n.XLSX_AMOUNT
DATE_FORMAT = l10n.XLSX_DATE


def matrix_columns(currency: str) -> list[tuple[str, int, str | None]]:
    """The matrix's columns: heading, width in characters, number format."""
    money = f" ({currency})"
    return [
        (_("Goal"), 40, None),
        (_("Outcome"), 40, None),
        (_("Output"), 40, None),
        (_("Activity"), 40, None),
        (_("Responsible"), 24, None),
        (_("Partners"), 24, None),
        (_("Start"), 12, DATE_FORMAT),
        (_("End"), 12, DATE_FORMAT),
        (_("Location"), 18, None),
        (_("Status"), 12, None),
        (_("Cost") + money, 16, MONEY_FORMAT),
        (_("Secured") + money, 16, MONEY_FORMAT),
        (_("Pledged") + money, 16, MONEY_FORMAT),
        (_("Funding gap") + money, 16, MONEY_FORMAT),
        (_("Surplus") + money, 16, MONEY_FORMAT),
        (_("Funding sources"), 40, None),
        (_("Indicator"), 36, None),
        (_("Baseline"), 18, None),
        (_("Target value"), 18, None),
    ]


def matrix_workbook(process) -> bytes:
    """
    The workbook's bytes: the sheet "Results matrix" (header row bold and frozen, widths, number formats, a
    totals row) and the sheet "By year".
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    currency = selectors.plan_currency(process)
    columns = matrix_columns(currency)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Results matrix")[:31]
    sheet.append([heading for heading, _width, _format in columns])
    for activity in selectors.matrix_rows(process):
        sheet.append(_matrix_row(activity))
    totals = selectors.plan_totals(process)
    sheet.append(
        [_("Plan total"), *[None] * 9]
        + [totals.cost, totals.secured, totals.pledged, totals.funding_gap, totals.surplus]
        + [None] * 4
    )
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    for index, (_heading, width, number_format) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row - 1, 1)}"

    by_year = workbook.create_sheet(_("By year")[:31])
    money = f" ({currency})"
    year_columns = [_("Year"), *(label + money for label in (_("Cost"), _("Secured"), _("Pledged"), _("Funding gap")))]
    by_year.append(year_columns + [_("Surplus") + money])
    years = selectors.totals_by_year(process)
    for year in years.years:
        by_year.append([year.year, year.cost, year.secured, year.pledged, year.funding_gap, year.surplus])
    if years.undated_funding:
        undated = years.undated_funding
        by_year.append([_("Funding without a year"), None, undated.secured, undated.pledged, None, None])
    for cell in by_year[1]:
        cell.font = bold
    for index in range(1, 7):
        by_year.column_dimensions[get_column_letter(index)].width = 24 if index == 1 else 18
    for row in by_year.iter_rows(min_row=2, min_col=2):
        for cell in row:
            cell.number_format = MONEY_FORMAT
    by_year.freeze_panes = "A2"

    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _matrix_row(activity) -> list:
    outcome = activity.output.outcome
    targets = list(outcome.priority.targets.all()) if outcome.priority_id else []
    return [
        outcome.goal.statement,
        outcome.title,
        activity.output.title,
        activity.title,
        str(activity.responsible) if activity.responsible else "",
        ", ".join(str(partner) for partner in activity.partners.all()),
        activity.starts_on,
        activity.ends_on,
        _("National") if activity.is_national else activity.region,
        activity.get_status_display(),
        selectors.cents(activity.cost),
        selectors.cents(activity.secured),
        selectors.cents(activity.pledged),
        selectors.cents(activity.funding_gap),
        selectors.cents(activity.surplus),
        "\n".join(str(funding) for funding in activity.funding.all()),
        "\n".join(target.indicator for target in targets),
        "\n".join(target.baseline for target in targets),
        "\n".join(target.target_value for target in targets),
    ]


# ---------------------------------------------------------------------------
# Budget lines and funding of an activity (the NFP)
# ---------------------------------------------------------------------------


class _ActivityMoneyForm(ServiceFormView):
    """What the budget-line and funding forms share: the activity, the plan's currency and whether it is open."""

    def extra_context(self) -> dict:
        plan = selectors.plan_for_budget(self.process)
        frozen = plan is not None and plan.is_frozen
        return {
            "activity": self.activity,
            "currency": self.currency,
            "plan": plan,
            "plan_frozen": frozen,
            "object": getattr(self, "record", None),
        }


class _ActivityMixin:
    def load_objects(self):
        self.activity = selectors.activity_get(process=self.process, pk=self.kwargs["pk"])
        self.currency = selectors.plan_currency(self.process)


class _LineMixin:
    def load_objects(self):
        self.record = self.line = selectors.budget_line_get(process=self.process, pk=self.kwargs["pk"])
        self.activity = self.line.activity
        self.currency = selectors.plan_currency(self.process)


class _FundingMixin:
    def load_objects(self):
        self.record = self.funding = selectors.funding_get(process=self.process, pk=self.kwargs["pk"])
        self.activity = self.funding.activity
        self.currency = selectors.plan_currency(self.process)


class BudgetLineCreateView(_ActivityMixin, _ActivityMoneyForm):
    template_name = "implementation_plans/budget_line_form.html"
    success_message = gettext_lazy("The budget line has been added.")

    def build_form(self, data=None, files=None):
        initial = {"year": _default_year(self.process)}
        return BudgetLineForm(data, plan_currency=self.currency, initial=initial)

    def perform(self, form):
        return services.budget_line_create(actor=self.request.user, activity=self.activity, **form.cleaned_data)


class BudgetLineEditView(_LineMixin, _ActivityMoneyForm):
    template_name = "implementation_plans/budget_line_form.html"
    success_message = gettext_lazy("The budget line has been updated.")

    def build_form(self, data=None, files=None):
        initial = BudgetLineForm.initial_for(self.line)
        return BudgetLineForm(data, plan_currency=self.currency, editing=True, initial=initial)

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        return services.budget_line_update(actor=self.request.user, line=self.line, data=data, reason=reason)


class BudgetLineDeleteView(_LineMixin, _ActivityMoneyForm):
    template_name = "implementation_plans/budget_line_delete.html"
    success_message = gettext_lazy("The budget line has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def perform(self, form):
        services.budget_line_delete(actor=self.request.user, line=self.line, reason=form.cleaned_data["reason"])
        return self.activity.get_absolute_url() + "#budget"


class BudgetLineHistoryView(_LineMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.line


class FundingCreateView(_ActivityMixin, _ActivityMoneyForm):
    template_name = "implementation_plans/budget_funding_form.html"
    success_message = gettext_lazy("The funding has been recorded.")

    def build_form(self, data=None, files=None):
        return FundingForm(data, process=self.process, plan_currency=self.currency)

    def perform(self, form):
        return services.funding_create(actor=self.request.user, activity=self.activity, **form.cleaned_data)


class FundingEditView(_FundingMixin, _ActivityMoneyForm):
    template_name = "implementation_plans/budget_funding_form.html"
    success_message = gettext_lazy("The funding has been updated.")

    def build_form(self, data=None, files=None):
        initial = FundingForm.initial_for(self.funding)
        return FundingForm(data, process=self.process, plan_currency=self.currency, editing=True, initial=initial)

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        return services.funding_update(actor=self.request.user, funding=self.funding, data=data, reason=reason)


class FundingDeleteView(_FundingMixin, _ActivityMoneyForm):
    template_name = "implementation_plans/budget_funding_delete.html"
    success_message = gettext_lazy("The funding has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def perform(self, form):
        services.funding_delete(actor=self.request.user, funding=self.funding, reason=form.cleaned_data["reason"])
        return self.activity.get_absolute_url() + "#funding"


class FundingHistoryView(_FundingMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.funding


def _default_year(process) -> int:
    """This year when the plan runs now, otherwise the plan's (or the process's) first year."""
    plan = selectors.plan_for_budget(process)
    first = (plan and plan.starts_in) or process.period_start
    last = (plan and plan.ends_in) or process.period_end
    this_year = timezone.localdate().year
    return this_year if first <= this_year <= last else first
