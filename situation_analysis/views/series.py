"""
Views of the migration-profile data series: every internal reader reads the series, their charts and the data
gaps (development partners get 403: they read the published report); the NFP records series, their values and
imports.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.forms import OptionalReasonForm, ReasonForm
from mainstreaming.views import ProcessViewMixin, ServiceFormView
from situation_analysis.choices import SeriesTopic
from situation_analysis.forms.series import ObservationForm, ObservationImportForm, SeriesForm
from situation_analysis.selectors import series as selectors
from situation_analysis.services import series as services
from situation_analysis.views.checklists import _without


class SeriesListView(ProcessViewMixin, TemplateView):
    permission = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/series_list.html"

    def get_context_data(self, **kwargs):
        topic = self.request.GET.get("topic", "")
        topic = topic if topic in SeriesTopic.values else ""
        series = selectors.series_list(process=self.process, topic=topic)
        return super().get_context_data(
            series_list=series,
            topics=SeriesTopic.choices,
            topic=topic,
            has_series=bool(series) or (bool(topic) and selectors.has_series(process=self.process)),
            **kwargs,
        )


class SeriesMixin:
    def load_objects(self):
        self.series = selectors.series_get(process=self.process, pk=self.kwargs["pk"])


class SeriesDetailView(SeriesMixin, ProcessViewMixin, TemplateView):
    permission = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/series_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            series=self.series,
            object=self.series,
            data=selectors.series_detail(series=self.series),
            columns=services.import_columns(self.series),
            **kwargs,
        )


class SeriesCreateView(ServiceFormView):
    template_name = "situation_analysis/series_form.html"
    success_message = gettext_lazy("The data series has been recorded. Add its values next.")

    def build_form(self, data=None, files=None):
        initial = {}
        source_id = self.request.GET.get("source", "")
        if data is None and source_id.isdigit():
            initial["source"] = int(source_id)
        return SeriesForm(data, process=self.process, initial=initial)

    def perform(self, form):
        return services.series_create(actor=self.request.user, process=self.process, **form.cleaned_data)


class SeriesEditView(SeriesMixin, ServiceFormView):
    template_name = "situation_analysis/series_form.html"
    success_message = gettext_lazy("The data series has been updated.")

    def build_form(self, data=None, files=None):
        return SeriesForm(data, process=self.process, editing=True, initial=SeriesForm.initial_for(self.series))

    def extra_context(self):
        return {"series": self.series, "object": self.series}

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        return services.series_update(actor=self.request.user, series=self.series, data=data, reason=reason)


class SeriesDeleteView(SeriesMixin, ServiceFormView):
    template_name = "situation_analysis/series_delete.html"
    success_message = gettext_lazy("The data series has been deleted; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return {
            "series": self.series,
            "object": self.series,
            "observation_count": self.series.observations.count(),
            "findings": self.series.findings.order_by("-created"),
        }

    def perform(self, form):
        services.series_delete(actor=self.request.user, series=self.series, reason=form.cleaned_data["reason"])
        return reverse("situation_analysis:series_list", args=[self.process.pk])


class SeriesHistoryView(SeriesMixin, ProcessViewMixin, TemplateView):
    """The History tab: the series' own changes, then its observations' (added, changed, imported, deleted)."""

    permission = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/series_history.html"

    def get_context_data(self, **kwargs):
        entries, observation_entries = selectors.series_history(series=self.series)
        return super().get_context_data(
            object=self.series,
            series=self.series,
            entries=entries,
            observation_entries=observation_entries,
            **kwargs,
        )


# ---------------------------------------------------------------------------
# Observations
# ---------------------------------------------------------------------------


class ObservationMixin(SeriesMixin):
    def load_objects(self):
        super().load_objects()
        self.observation = selectors.observation_get(series=self.series, pk=self.kwargs["observation_pk"])


class ObservationCreateView(SeriesMixin, ServiceFormView):
    template_name = "situation_analysis/observation_form.html"
    success_message = gettext_lazy("The value has been added.")

    def build_form(self, data=None, files=None):
        return ObservationForm(data, series=self.series)

    def extra_context(self):
        return {"series": self.series, "object": self.series}

    def perform(self, form):
        services.observation_create(actor=self.request.user, series=self.series, **form.service_data())
        return self.series.get_absolute_url() + "#values"


class ObservationEditView(ObservationMixin, ServiceFormView):
    template_name = "situation_analysis/observation_form.html"
    success_message = gettext_lazy("The value has been updated.")

    def build_form(self, data=None, files=None):
        initial = ObservationForm.initial_for(self.observation)
        return ObservationForm(data, series=self.series, editing=True, initial=initial)

    def extra_context(self):
        return {"series": self.series, "object": self.series, "observation": self.observation}

    def perform(self, form):
        services.observation_update(
            actor=self.request.user,
            observation=self.observation,
            data=form.service_data(),
            reason=form.cleaned_data.get("reason", ""),
        )
        return self.series.get_absolute_url() + "#values"


class ObservationDeleteView(ObservationMixin, ServiceFormView):
    template_name = "situation_analysis/observation_delete.html"
    success_message = gettext_lazy("The value has been deleted; the history keeps it.")

    def build_form(self, data=None, files=None):
        return OptionalReasonForm(data)

    def extra_context(self):
        self.observation.cell = selectors.cell_label(self.observation.breakdown or {})
        self.observation.shown_value = selectors.show_value(self.observation.value)
        return {"series": self.series, "object": self.series, "observation": self.observation}

    def perform(self, form):
        services.observation_delete(
            actor=self.request.user, observation=self.observation, reason=form.cleaned_data["reason"]
        )
        return self.series.get_absolute_url() + "#values"


class ObservationImportView(SeriesMixin, ServiceFormView):
    """Import values from a CSV or .xlsx file: all or nothing, with one message per wrong row beside the form."""

    template_name = "situation_analysis/series_import.html"

    def build_form(self, data=None, files=None):
        return ObservationImportForm(data, files)

    def extra_context(self):
        return {"series": self.series, "object": self.series, "columns": services.import_columns(self.series)}

    def perform(self, form):
        result = services.observations_import(
            actor=self.request.user, series=self.series, uploaded=form.cleaned_data["file"]
        )
        self.success_message = _("Imported: %(added)s values added, %(updated)s updated, %(unchanged)s unchanged.") % {
            "added": result.added,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        return self.series.get_absolute_url() + "#values"


class ImportTemplateView(SeriesMixin, ProcessViewMixin, TemplateView):
    """The first row of an import file for this series (its columns), as a CSV file to fill in."""

    permission = permissions.MANAGE_PROCESS
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        response = HttpResponse(services.import_template_csv(self.series), content_type="text/csv; charset=utf-8")
        name = slugify(self.series.title) or "series"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response


# ---------------------------------------------------------------------------
# Data gaps
# ---------------------------------------------------------------------------


class DataGapListView(ProcessViewMixin, TemplateView):
    permission = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/data_gap_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(gaps=selectors.data_gaps(process=self.process), **kwargs)
