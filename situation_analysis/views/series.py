"""
Views of the migration-profile data series: every internal reader reads the series, their charts and the data
gaps (development partners get 403: they read the published report); the NFP records series, their values and
imports.
"""

import base64
import hashlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.forms import OptionalReasonForm, ReasonForm
from mainstreaming.views import ProcessViewMixin, ServiceFormView, add_service_errors
from situation_analysis.choices import SeriesTopic
from situation_analysis.forms.series import (
    ObservationForm,
    ObservationImportForm,
    SeriesFileImportForm,
    SeriesForm,
    SeriesImportApplyForm,
)
from situation_analysis.selectors import series as selectors
from situation_analysis.services import series as services
from situation_analysis.services import series_import as importing
from situation_analysis.views.checklists import _without


class SeriesListView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
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
    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/series_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            series=self.series,
            object=self.series,
            data=selectors.series_detail(series=self.series),
            columns=importing.import_columns(self.series),
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

    rule = permissions.VIEW_INTERNAL
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
        return {"series": self.series, "object": self.series, "columns": importing.import_columns(self.series)}

    def perform(self, form):
        result = importing.observations_import(
            actor=self.request.user, series=self.series, uploaded=form.cleaned_data["file"]
        )
        self.success_message = _("Imported: %(added)s values added, %(updated)s updated, %(unchanged)s unchanged.") % {
            "added": result.added,
            "updated": result.updated,
            "unchanged": result.unchanged,
        }
        if result.rounded:
            self.success_message += " " + importing.rounding_summary(result)
        return self.series.get_absolute_url() + "#values"


class ImportTemplateView(SeriesMixin, ProcessViewMixin, TemplateView):
    """The first row of an import file for this series (its columns), as a CSV file to fill in."""

    rule = permissions.MANAGE_PROCESS
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        response = HttpResponse(importing.import_template_csv(self.series), content_type="text/csv; charset=utf-8")
        name = slugify(self.series.title) or "series"
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response


# ---------------------------------------------------------------------------
# Importing a file of many series: a preview, then Apply
# ---------------------------------------------------------------------------

# The file previewed waits in the person's session until applied: one at a time, replaced by the next preview.
PENDING_IMPORT = "situation_analysis.series_import"


class SeriesFileImportView(ProcessViewMixin, View):
    """
    *Data series → Import*: a POST with a file shows what importing it would do (nothing is saved) and keeps the
    file in the session; a POST with `apply` saves exactly what was shown, or nothing when the file or the data
    changed in between.
    """

    rule = permissions.MANAGE_PROCESS
    template_name = "situation_analysis/series_file_import.html"

    def get(self, request, *args, **kwargs):
        return self.render(self.template_name, {"form": SeriesFileImportForm()})

    def post(self, request, *args, **kwargs):
        if "apply" in request.POST:
            return self.apply(request)
        form = SeriesFileImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(self.template_name, {"form": form}, status=400)
        uploaded = form.cleaned_data["file"]
        content = uploaded.read()
        name = uploaded.name or ""
        decimal_separator = form.cleaned_data["decimal_separator"]
        try:
            plan = importing.series_import_preview(
                actor=request.user,
                process=self.process,
                name=name,
                content=content,
                decimal_separator=decimal_separator,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self.render(self.template_name, {"form": form}, status=400)
        sha256 = hashlib.sha256(content).hexdigest()
        request.session[PENDING_IMPORT] = {
            "process": self.process.pk,
            "name": name,
            "content": base64.b64encode(content).decode(),
            "sha256": sha256,
            "decimal_separator": decimal_separator,
        }
        return self.preview(plan, sha256)

    def preview(self, plan, sha256, status=200):
        apply_form = SeriesImportApplyForm(initial={"sha256": sha256, "digest": plan.digest})
        return self.render(
            "situation_analysis/series_import_preview.html",
            {"plan": plan, "apply_form": apply_form, "rounding": importing.rounding_summary(plan)},
            status=status,
        )

    def apply(self, request):
        form = SeriesImportApplyForm(request.POST)
        pending = request.session.get(PENDING_IMPORT) or {}
        if (
            not form.is_valid()
            or pending.get("process") != self.process.pk
            or pending.get("sha256") != form.cleaned_data["sha256"]
        ):
            # Another file was previewed since (in another tab), or the session ended: never apply a file unseen.
            messages.error(request, _("This preview is no longer the file waiting to be imported: upload it again."))
            return redirect("situation_analysis:series_file_import", process_pk=self.process.pk)
        content = base64.b64decode(pending["content"])
        arguments = {
            "actor": request.user,
            "process": self.process,
            "name": pending["name"],
            "content": content,
            "decimal_separator": pending["decimal_separator"],
        }
        try:
            plan = importing.series_import_apply(digest=form.cleaned_data["digest"], **arguments)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return self.preview(importing.series_import_preview(**arguments), pending["sha256"], status=409)
        del request.session[PENDING_IMPORT]
        if plan.has_changes:
            message = _(
                "Imported from %(file)s: %(series)s new series, %(added)s values added, %(updated)s changed, "
                "%(unchanged)s unchanged."
            ) % {
                "file": plan.file_name,
                "series": plan.new_series,
                "added": plan.added,
                "updated": plan.updated,
                "unchanged": plan.unchanged,
            }
            messages.success(request, " ".join(filter(None, [message, importing.rounding_summary(plan)])))
        else:
            messages.info(request, _("Nothing changed: every value of the file is already recorded."))
        return redirect("situation_analysis:series_list", process_pk=self.process.pk)


# ---------------------------------------------------------------------------
# Data gaps
# ---------------------------------------------------------------------------


class DataGapListView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/data_gap_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(gaps=selectors.data_gaps(process=self.process), **kwargs)
