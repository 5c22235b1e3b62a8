"""Views of the data sources (handbook Annex D1): everyone who sees internal work reads them; the NFP records them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.views import DocumentUploadView, ObjectHistoryView, ProcessViewMixin, ServiceFormView
from situation_analysis.choices import DataSourceKind
from situation_analysis.forms.sources import DataSourceForm
from situation_analysis.selectors import sources as selectors
from situation_analysis.services import sources as services
from situation_analysis.views.checklists import _without


class DataSourceListView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/data_source_list.html"

    def get_context_data(self, **kwargs):
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in DataSourceKind.values else ""
        return super().get_context_data(
            sources=selectors.data_source_list(process=self.process, kind=kind),
            without_sex=selectors.without_sex_breakdown(process=self.process),
            kinds=DataSourceKind.choices,
            kind=kind,
            **kwargs,
        )


class DataSourceMixin:
    def load_objects(self):
        self.source = selectors.data_source_get(process=self.process, pk=self.kwargs["pk"])


class DataSourceDetailView(DataSourceMixin, ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/data_source_detail.html"

    def get_context_data(self, **kwargs):
        upload_url = ""
        if permissions.MANAGE_PROCESS in self.perms:
            upload_url = reverse(
                "situation_analysis:data_source_document_upload", args=[self.process.pk, self.source.pk]
            )
        series = list(self.source.series.select_related("sector").order_by("title"))
        return super().get_context_data(
            source=self.source, object=self.source, upload_url=upload_url, series_list=series, **kwargs
        )


class DataSourceCreateView(ServiceFormView):
    template_name = "situation_analysis/data_source_form.html"
    success_message = gettext_lazy("The data source has been recorded.")

    def build_form(self, data=None, files=None):
        return DataSourceForm(data, process=self.process)

    def perform(self, form):
        return services.data_source_create(actor=self.request.user, process=self.process, **form.cleaned_data)


class DataSourceEditView(DataSourceMixin, ServiceFormView):
    template_name = "situation_analysis/data_source_form.html"
    success_message = gettext_lazy("The data source has been updated.")

    def build_form(self, data=None, files=None):
        return DataSourceForm(data, process=self.process, editing=True, initial=DataSourceForm.initial_for(self.source))

    def extra_context(self):
        return {"source": self.source, "object": self.source}

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        return services.data_source_update(actor=self.request.user, source=self.source, data=data, reason=reason)


class DataSourceDocumentUploadView(DataSourceMixin, DocumentUploadView):
    def get_owner(self):
        return self.source


class DataSourceHistoryView(DataSourceMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.source
