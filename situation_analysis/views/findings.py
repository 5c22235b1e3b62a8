"""
Views of the findings: every internal reader reads them (development partners get 403), the NFP writes them. A
finding's page shows the answers it cites only to those who may read them (situation_analysis.permissions).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.forms import ReasonForm
from mainstreaming.views import ProcessViewMixin, ServiceFormView
from situation_analysis.choices import Significance
from situation_analysis.forms.findings import FindingForm
from situation_analysis.selectors import findings as selectors
from situation_analysis.services import findings as services
from situation_analysis.views.checklists import _without


class FindingListView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/finding_list.html"

    def get_context_data(self, **kwargs):
        sectors = selectors.finding_sectors(process=self.process)
        sector = self.request.GET.get("sector", "")
        if sector != selectors.CROSS_CUTTING and sector not in {s.code for s in sectors}:
            sector = ""
        significance = self.request.GET.get("significance", "")
        significance = significance if significance in Significance.values else ""
        findings = selectors.finding_list(process=self.process, sector=sector, significance=significance)
        return super().get_context_data(
            groups=selectors.group_by_sector(findings),
            count=len(findings),
            filtered=bool(sector or significance),
            has_findings=bool(findings) or selectors.has_findings(process=self.process),
            sectors=sectors,
            sector=sector,
            cross_cutting=selectors.CROSS_CUTTING,
            significances=Significance.choices,
            significance=significance,
            **kwargs,
        )


class FindingMixin:
    def load_objects(self):
        self.finding = selectors.finding_get(process=self.process, pk=self.kwargs["pk"])


class FindingDetailView(FindingMixin, ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/finding_detail.html"

    def get_context_data(self, **kwargs):
        detail = selectors.finding_detail(finding=self.finding, reader=self.request)
        citations, next_steps = selectors.finding_citations(finding=self.finding, request=self.request)
        return super().get_context_data(
            finding=self.finding,
            object=self.finding,
            answer_links=detail.answers,
            series_list=detail.series,
            citations=citations,
            next_steps=next_steps,
            **kwargs,
        )


def _preselected(request, choices) -> dict:
    """`?answer=<id>` or `?series=<id>` from an answer's or a series' page: cited already, its sector proposed."""
    initial: dict = {}
    answer_id, series_id = request.GET.get("answer", ""), request.GET.get("series", "")
    answer = choices.answers.get(int(answer_id)) if answer_id.isdigit() else None
    series = choices.series.get(int(series_id)) if series_id.isdigit() else None
    if answer is not None:
        initial["answers"] = [answer.pk]
        initial["sector"] = answer.question.checklist.sector_id
    if series is not None:
        initial["series"] = [series.pk]
        if series.sector_id and "sector" not in initial:
            initial["sector"] = series.sector_id
    return initial


class FindingCreateView(ServiceFormView):
    template_name = "situation_analysis/finding_form.html"
    success_message = gettext_lazy("The finding has been recorded.")

    def build_form(self, data=None, files=None):
        choices = selectors.finding_form_choices(process=self.process)
        initial = _preselected(self.request, choices) if data is None else {}
        return FindingForm(data, choices=choices, initial=initial)

    def perform(self, form):
        return services.finding_create(actor=self.request.user, process=self.process, **form.cleaned_data)


class FindingEditView(FindingMixin, ServiceFormView):
    template_name = "situation_analysis/finding_form.html"
    success_message = gettext_lazy("The finding has been updated.")

    def build_form(self, data=None, files=None):
        choices = selectors.finding_form_choices(process=self.process)
        return FindingForm(data, choices=choices, editing=True, initial=FindingForm.initial_for(self.finding))

    def extra_context(self):
        return {"finding": self.finding, "object": self.finding}

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        return services.finding_update(actor=self.request.user, finding=self.finding, data=data, reason=reason)


class FindingDeleteView(FindingMixin, ServiceFormView):
    template_name = "situation_analysis/finding_delete.html"
    success_message = gettext_lazy("The finding has been deleted; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return {"finding": self.finding, "object": self.finding}

    def perform(self, form):
        services.finding_delete(actor=self.request.user, finding=self.finding, reason=form.cleaned_data["reason"])
        return reverse("situation_analysis:finding_list", args=[self.process.pk])


class FindingHistoryView(FindingMixin, ProcessViewMixin, TemplateView):
    """The History tab; its entries name a cited answer by its question only, never by its assessment."""

    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/finding_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.finding, finding=self.finding, entries=selectors.finding_history(finding=self.finding), **kwargs
        )
