"""
Views of the indicators area: the plan's indicators by goal, outcome and output, an indicator's page with its
targets and comments, the indicator bank and its "copy into the plan", the targets table, the M&E plan.

Every internal reader (the NFP, ministries, the facilitator) reads these pages; development partners get 403
(these are internal drafts); only the NFP writes; the facilitator comments on an indicator (the core's comments).
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.forms import ReasonForm
from mainstreaming.views import ObjectHistoryView, ProcessViewMixin, ServiceFormView
from monitoring.forms.indicators import CopyFromBankForm, IndicatorForm, MEPlanForm, TargetsForm
from monitoring.selectors import indicators as selectors
from monitoring.services import indicators as services
from monitoring.services import me_plan as me_plan_services

TAGS = ("sdg_targets", "gcm_objectives")


def _list_url(process) -> str:
    return reverse("monitoring:indicator_list", kwargs={"process_pk": process.pk})


def _split(data: dict) -> tuple[dict, dict, str]:
    """cleaned_data into the indicator's fields, its tags and the reason."""
    data = dict(data)
    data.pop("result", None)
    reason = data.pop("reason", "") or ""
    tags = {name: data.pop(name) for name in TAGS if name in data}
    return data, tags, reason


class _ReadView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=permissions.MANAGE_PROCESS in self.perms, **kwargs)


class _FormView(ServiceFormView):
    def extra_context(self) -> dict:
        return {"object": getattr(self, "record", None)} | self.more_context()

    def more_context(self) -> dict:
        return {}


class IndicatorMixin:
    def load_objects(self):
        self.record = self.indicator = selectors.indicator_get(process=self.process, pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# Indicators
# ---------------------------------------------------------------------------


class IndicatorListView(_ReadView):
    """The plan's results in chain order, each with its indicators, baselines and targets."""

    template_name = "monitoring/indicator_list.html"

    def get_context_data(self, **kwargs):
        rows = selectors.indicators_by_result(process=self.process)
        return super().get_context_data(rows=rows, indicator_count=sum(len(row.indicators) for row in rows), **kwargs)


class IndicatorDetailView(IndicatorMixin, _ReadView):
    template_name = "monitoring/indicator_detail.html"

    def get_context_data(self, **kwargs):
        from monitoring.selectors.progress import indicator_summary

        return super().get_context_data(
            indicator=self.indicator, object=self.indicator, summary=indicator_summary(self.indicator), **kwargs
        )


class IndicatorCreateView(_FormView):
    template_name = "monitoring/indicator_form.html"
    success_message = gettext_lazy("The indicator has been added.")

    def build_form(self, data=None, files=None):
        initial = {"result": self.request.GET.get("result", "")}
        return IndicatorForm(data, process=self.process, initial=initial)

    def perform(self, form):
        fields, tags, _reason = _split(form.cleaned_data)
        return services.indicator_create(
            actor=self.request.user, process=self.process, result=form.cleaned_data["result"], **fields, **tags
        )


class IndicatorEditView(IndicatorMixin, _FormView):
    template_name = "monitoring/indicator_form.html"
    success_message = gettext_lazy("The indicator has been updated.")

    def build_form(self, data=None, files=None):
        initial = IndicatorForm.initial_for(self.indicator)
        return IndicatorForm(data, process=self.process, editing=True, initial=initial)

    def perform(self, form):
        fields, tags, reason = _split(form.cleaned_data)
        return services.indicator_update(
            actor=self.request.user,
            indicator=self.indicator,
            data=fields,
            result=form.cleaned_data["result"],
            reason=reason,
            **tags,
        )


class IndicatorDeleteView(IndicatorMixin, _FormView):
    template_name = "monitoring/indicator_delete.html"
    success_message = gettext_lazy("The indicator has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def perform(self, form):
        services.indicator_delete(actor=self.request.user, indicator=self.indicator, reason=form.cleaned_data["reason"])
        return _list_url(self.process)


class IndicatorHistoryView(IndicatorMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.indicator


class IndicatorTargetsView(IndicatorMixin, _FormView):
    """The indicator's targets by year, as one table."""

    template_name = "monitoring/indicator_targets.html"
    success_message = gettext_lazy("The targets have been saved.")

    def build_form(self, data=None, files=None):
        return TargetsForm(data, indicator=self.indicator, initial=TargetsForm.initial_for(self.indicator))

    def perform(self, form):

        rows = form.cleaned_data["rows_by_year"]
        try:
            services.indicator_targets_set(
                actor=self.request.user,
                indicator=self.indicator,
                targets=form.cleaned_data["targets"],
                reason=form.cleaned_data["reason"],
                replace=True,
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise
            # The service names the year; the form shows it beside that year's row.
            mapped = {}
            for key, messages in error.message_dict.items():
                year = key.removeprefix("target_")
                row = rows.get(int(year)) if year.isdigit() else None
                mapped[f"value_{row}" if row else None] = messages
            raise ValidationError({key or "__all__": value for key, value in mapped.items()}) from None
        return self.indicator.get_absolute_url() + "#targets"


class IndicatorTargetHistoryView(IndicatorMixin, ObjectHistoryView):
    """The history of the indicator's targets (each row names its year)."""

    def get_history_object(self):
        return self.indicator

    def get_context_data(self, **kwargs):
        from mainstreaming.history import object_history_of_many
        from monitoring.models import IndicatorTarget

        context = super().get_context_data(**kwargs)
        records = IndicatorTarget.history.filter(indicator_id=self.indicator.pk)
        entries = object_history_of_many(records, model=IndicatorTarget)
        for entry, record in zip(entries, records.order_by("-history_date", "-history_id"), strict=False):
            entry.object_label = str(record.year)
        context["entries"] = entries
        return context


# ---------------------------------------------------------------------------
# The indicator bank
# ---------------------------------------------------------------------------


class BankListView(_ReadView):
    template_name = "monitoring/bank_list.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:60]
        return super().get_context_data(entries=selectors.bank_list(query=query), query=query, **kwargs)


class BankCopyView(_FormView):
    """Copy a bank entry into the plan under a goal, outcome or output."""

    template_name = "monitoring/bank_copy.html"
    success_message = gettext_lazy("The indicator has been copied into the plan: adapt it to the country.")

    def load_objects(self):
        self.template = selectors.bank_get(pk=self.kwargs["pk"])

    def build_form(self, data=None, files=None):
        initial = {"result": self.request.GET.get("result", "")}
        return CopyFromBankForm(data, process=self.process, template=self.template, initial=initial)

    def more_context(self):
        return {"entry": self.template}

    def perform(self, form):
        data = dict(form.cleaned_data)
        result = data.pop("result")
        fields = {name: value for name, value in data.items() if value not in (None, "")}
        return services.indicator_copy_from_bank(
            actor=self.request.user, process=self.process, template=self.template, result=result, **fields
        )


# ---------------------------------------------------------------------------
# The M&E plan
# ---------------------------------------------------------------------------


class MEPlanDetailView(_ReadView):
    template_name = "monitoring/me_plan_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(me_plan=selectors.me_plan_of(process=self.process), **kwargs)


class MEPlanEditView(_FormView):
    template_name = "monitoring/me_plan_form.html"
    success_message = gettext_lazy("The M&E plan has been saved.")

    def build_form(self, data=None, files=None):
        return MEPlanForm(data, instance=selectors.me_plan_of(process=self.process))

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        me_plan_services.me_plan_save(actor=self.request.user, process=self.process, data=data, reason=reason)
        return reverse("monitoring:me_plan_detail", kwargs={"process_pk": self.process.pk})


class MEPlanHistoryView(ObjectHistoryView):
    def get_history_object(self):

        me_plan = selectors.me_plan_of(process=self.process)
        if me_plan is None:
            raise Http404
        return me_plan
