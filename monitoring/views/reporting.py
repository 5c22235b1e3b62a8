"""
Views of the reporting workflow: reporting periods (list, open, detail, edit, lock, unlock, history) and progress
reports (read, fill in, submit, review, correct an approved value, history). Each view checks access, selects,
validates, calls a service (monitoring.services.reporting) and redirects.

Rights, in the order the project checks them (mainstreaming.views.ProcessViewMixin): a process you take no part in
answers 404; development partners get 403 on every page here (internal work; they read the published PDFs only);
then monitoring.permissions decides on the report itself, in load_objects, whatever the method:

* every internal reader sees the periods and where each report stands;
* a report's content (values, updates, challenges) is read by its own institution at every stage, by the
  reviewers once submitted, and by everybody internal once approved. Another ministry opening a draft sees the
  report's standing and a notice, as on the situation analysis's answer page; its history answers 403;
* only the institution's focal points fill in and submit; the facilitator and the NFP review and correct; the NFP
  opens, changes, locks and unlocks periods.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from mainstreaming import l10n
from mainstreaming import permissions as core_permissions
from mainstreaming.forms import OptionalReasonForm, ReasonForm
from mainstreaming.history import object_history_of_many
from mainstreaming.views import ObjectHistoryView, ProcessViewMixin, ServiceFormView
from monitoring import permissions
from monitoring.choices import ReviewAction
from monitoring.forms.reporting import (
    CorrectionForm,
    IndicatorFieldsMixin,
    PeriodForm,
    ReportForm,
    ReviewForm,
    SubmitForm,
)
from monitoring.models import ActivityUpdate, IndicatorValue, ProgressReport, ReportStep
from monitoring.selectors import reporting as selectors
from monitoring.services import reporting as services

# ---------------------------------------------------------------------------
# Display helpers (the reading is monitoring.selectors.reporting's)
# ---------------------------------------------------------------------------


def fraction_display(value) -> str:
    """ "30 / 120" for a percentage given by its parts, "" otherwise."""
    if value is None or value.numerator is None or value.denominator is None:
        return ""
    return f"{l10n.number(value.numerator)} / {l10n.number(value.denominator)}"


def _reason_of(form) -> str:
    return form.cleaned_data.get("reason") or ""


# ---------------------------------------------------------------------------
# Reporting periods
# ---------------------------------------------------------------------------


class PeriodMixin:
    def load_objects(self):
        self.period = selectors.period_get(process=self.process, pk=self.kwargs["pk"])

    def period_context(self) -> dict:
        return {"period": self.period, "object": self.period}


class PeriodListView(ProcessViewMixin, TemplateView):
    rule = core_permissions.VIEW_INTERNAL
    template_name = "monitoring/period_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            periods=selectors.periods_of(self.process),
            can_manage=core_permissions.allows(self.request, core_permissions.MANAGE_PROCESS, self.process),
            **kwargs,
        )


class PeriodOpenView(ServiceFormView):
    """The NFP opens a period: a draft report for every responsible institution, whose focal points are e-mailed."""

    template_name = "monitoring/period_form.html"
    success_message = gettext_lazy(
        "The period is open: every responsible institution has its report to fill in and has been told by e-mail."
    )

    def build_form(self, data=None, files=None):
        return PeriodForm(data)

    def perform(self, form):
        return services.period_open(actor=self.request.user, process=self.process, **form.cleaned_data)


class PeriodDetailView(PeriodMixin, ProcessViewMixin, TemplateView):
    rule = core_permissions.VIEW_INTERNAL
    template_name = "monitoring/period_detail.html"

    def get_context_data(self, **kwargs):
        request, period = self.request, self.period
        reports = selectors.period_reports(period)
        all_approved = bool(reports) and all(r.is_approved for r in reports)
        can_manage = core_permissions.allows(request, core_permissions.MANAGE_PROCESS, self.process)
        return super().get_context_data(
            **self.period_context(),
            reports=reports,
            pdfs=selectors.period_pdfs(period),
            all_approved=all_approved,
            overdue_count=sum(1 for r in reports if r.is_overdue),
            can_manage=can_manage,
            can_change=can_manage and not period.is_locked,
            can_lock=all_approved and period.can(request, "lock"),
            can_unlock=period.can(request, "unlock"),
            can_review=core_permissions.allows(request, permissions.REVIEW, self.process),
            **kwargs,
        )


class PeriodEditView(PeriodMixin, ServiceFormView):
    """
    Change an open period. Saving also gives their report to the institutions that became responsible since the
    period opened, even when nothing of the period changed: the message says which of the two happened.
    """

    template_name = "monitoring/period_form.html"

    def build_form(self, data=None, files=None):
        return PeriodForm(data, period=self.period)

    def extra_context(self):
        return self.period_context()

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "") or ""
        update = services.period_update(actor=self.request.user, period=self.period, reason=reason, **data)
        self.success_message = _period_update_message(update)
        return update.period


def _period_update_message(update: services.PeriodUpdate) -> str:
    institutions = ", ".join(str(report.institution) for report in update.created)
    if update.changed and update.created:
        return _(
            "The period has been changed; reports created for %(institutions)s, whose focal points have been told "
            "by e-mail."
        ) % {"institutions": institutions}
    if update.changed:
        return _("The period has been changed.")
    if update.created:
        return _(
            "No change to the period; reports created for %(institutions)s, whose focal points have been told by "
            "e-mail."
        ) % {"institutions": institutions}
    return _("Nothing changed: the period is as it was and every responsible institution already has its report.")


class PeriodLockView(PeriodMixin, ServiceFormView):
    """Lock a period whose reports are all approved: the page asks for confirmation first."""

    template_name = "monitoring/period_lock.html"
    success_message = gettext_lazy("The period is locked: its reports and values can no longer change.")

    def build_form(self, data=None, files=None):
        return OptionalReasonForm(data)

    def extra_context(self):
        reports = selectors.period_reports(self.period)
        waiting = [r for r in reports if not r.is_approved]
        return {**self.period_context(), "waiting": waiting}

    def perform(self, form):
        return services.period_lock(actor=self.request.user, period=self.period, reason=_reason_of(form))


class PeriodUnlockView(PeriodMixin, ServiceFormView):
    """The NFP unlocks a locked period, saying why, so that a reviewer can correct an approved value."""

    template_name = "monitoring/period_unlock.html"
    success_message = gettext_lazy("The period is unlocked: reviewers can now correct its approved values.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return self.period_context()

    def perform(self, form):
        return services.period_unlock(actor=self.request.user, period=self.period, reason=form.cleaned_data["reason"])


class PeriodHistoryView(PeriodMixin, ObjectHistoryView):
    template_name = "monitoring/period_history.html"

    def get_history_object(self):
        return self.period

    def get_context_data(self, **kwargs):
        return super().get_context_data(period=self.period, **kwargs)


# ---------------------------------------------------------------------------
# Progress reports
# ---------------------------------------------------------------------------


class ReportMixin:
    """Loads the report named in the URL (404 when it is not the process's), then the view's own rule on it."""

    def load_objects(self):
        self.report = selectors.report_get(process=self.process, pk=self.kwargs["pk"])
        self.period = self.report.period
        self.object = self.report
        self.check_report_rights()

    def check_report_rights(self) -> None:
        """Raise PermissionDenied to refuse (after the 404s, before any role check can tell more)."""

    def report_context(self) -> dict:
        return {"report": self.report, "object": self.report, "period": self.period}


class ReportDetailView(ReportMixin, ProcessViewMixin, TemplateView):
    """
    The report as its readers see it: every indicator's value with its breakdowns and revisions, every activity's
    update against its budget, the challenges and next steps, and the review steps (who, when, what comment).
    """

    rule = core_permissions.VIEW_INTERNAL
    template_name = "monitoring/report_detail.html"

    def get_context_data(self, **kwargs):
        request, report = self.request, self.report
        can_read = core_permissions.allows(request, permissions.READ_REPORT, report)
        can_fill = core_permissions.allows(request, permissions.FILL, report)
        steps = selectors.report_steps(report) if can_read else []
        last = steps[-1] if steps else None
        context = {
            **self.report_context(),
            "can_read": can_read,
            "can_fill": can_fill,
            "can_edit": can_fill and report.is_open and not self.period.is_locked,
            "can_review": report.can(request, "approve"),
            "can_correct": (
                report.is_approved
                and not self.period.is_locked
                and core_permissions.allows(request, permissions.REVIEW, report)
            ),
            "can_manage": core_permissions.allows(request, core_permissions.MANAGE_PROCESS, self.process),
            "steps": steps,
            # The reviewer's request, shown to the institution while the report is back in its hands.
            "returned_step": last
            if can_fill and report.is_open and last is not None and last.action == ReviewAction.RETURNED
            else None,
        }
        if can_read:
            items = selectors.report_items(report)
            revisions = selectors.value_revisions_by_indicator(report)
            for row in items.indicators:
                row.revisions = revisions.get(row.indicator.pk, [])
                row.breakdowns = row.value.breakdowns if row.value is not None else []
                row.parts = fraction_display(row.value)
            context["items"] = items
        return super().get_context_data(**context, **kwargs)


class ReportEditView(ReportMixin, ProcessViewMixin, View):
    """
    The institution's one form for the whole report, saved as a draft. A refused save comes back with every
    message beside its field, what the person typed kept, and status 400; a save over someone else's (the report
    changed since the form was opened) is refused with 409, the typed input kept and the version moved on, so that
    saving again, having checked, applies.
    """

    rule = permissions.FILL
    template_name = "monitoring/report_form.html"

    def build_form(self, items, data=None):
        indicators = [row.indicator for row in items.indicators]
        activities = [row.activity for row in items.activities]
        initial = None if data is not None else ReportForm.initial_for(self.report, items)
        return ReportForm(data, initial=initial, indicators=indicators, activities=activities)

    def render_form(self, form, items, *, status=200, conflict=False):
        for row in items.indicators:
            row.fields = form.bound_indicator_fields(row.indicator)
        for row in items.activities:
            row.fields = form.bound_activity_fields(row.activity)
        editable = self.report.is_open and not self.period.is_locked
        context = {**self.report_context(), "form": form, "items": items, "editable": editable, "conflict": conflict}
        return self.render(self.template_name, context, status=status)

    def get(self, request, *args, **kwargs):
        items = selectors.report_items(self.report)
        return self.render_form(self.build_form(items), items)

    def post(self, request, *args, **kwargs):
        items = selectors.report_items(self.report)
        form = self.build_form(items, request.POST)
        if form.is_valid():
            try:
                services.report_save(
                    actor=request.user,
                    report=self.report,
                    version=form.cleaned_data["version"],
                    challenges=form.cleaned_data["challenges"],
                    next_steps=form.cleaned_data["next_steps"],
                    values=form.values(),
                    activities=form.activity_inputs(),
                )
            except ValidationError as error:
                if getattr(error, "code", None) == "conflict":
                    data = request.POST.copy()
                    data["version"] = str(
                        ProgressReport.objects.values_list("version", flat=True).get(pk=self.report.pk)
                    )
                    form = self.build_form(items, data)
                    form.is_valid()
                    form.add_error(None, error)
                    return self.render_form(form, items, status=409, conflict=True)
                form.add_service_errors(error)
            else:
                messages.success(request, _("Draft saved. Submit the report when every value and status is in."))
                if "submit" in request.POST:
                    return redirect("monitoring:report_submit", process_pk=self.process.pk, pk=self.report.pk)
                return redirect(self.report)
        return self.render_form(form, items, status=400)


class ReportSubmitView(ReportMixin, ServiceFormView):
    """The institution hands its report in: a confirmation page saying in advance what is still missing."""

    rule = permissions.FILL
    template_name = "monitoring/report_submit.html"
    success_message = gettext_lazy("The report has been submitted; the reviewers have been told by e-mail.")

    def build_form(self, data=None, files=None):
        return SubmitForm(data)

    def extra_context(self):
        missing = services.missing_items(self.report) if self.report.is_open else []
        return {**self.report_context(), "missing": missing}

    def perform(self, form):
        services.report_submit(actor=self.request.user, report=self.report, note=form.cleaned_data["note"])
        return self.report


class ReportReviewView(ReportMixin, ServiceFormView):
    """The facilitator or the NFP approves the submitted report or sends it back with what to change."""

    rule = permissions.REVIEW
    template_name = "monitoring/report_review.html"
    success_message = ""

    def build_form(self, data=None, files=None):
        return ReviewForm(data)

    def extra_context(self):
        return self.report_context()

    def perform(self, form):
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        if decision == ReviewForm.APPROVE:
            services.report_approve(actor=self.request.user, report=self.report, note=note)
            self.success_message = _("The report is approved: every ministry can now read its values.")
        else:
            services.report_request_changes(actor=self.request.user, report=self.report, reason=note)
            self.success_message = _("The report is back in draft with your request; the institution has been told.")
        return self.report


class ValueCorrectView(ReportMixin, ServiceFormView):
    """
    A reviewer corrects an approved value: a new revision with its reason; the approved one stays in the history.
    The page shows every revision of the value so far.
    """

    rule = permissions.REVIEW
    template_name = "monitoring/report_correct.html"
    success_message = gettext_lazy("The value has been corrected: the new revision counts from now on.")

    def check_report_rights(self):
        value = (
            IndicatorValue.objects.filter(report=self.report, indicator_id=self.kwargs["indicator_pk"], is_current=True)
            .select_related("indicator", "corrected_by")
            .first()
        )
        if value is None:
            raise Http404
        self.value, self.indicator = value, value.indicator

    def build_form(self, data=None, files=None):
        initial = None if data is not None else IndicatorFieldsMixin.initial_of(self.indicator, self.value)
        return CorrectionForm(data, initial=initial, indicator=self.indicator)

    def extra_context(self):
        return {
            **self.report_context(),
            "value": self.value,
            "indicator": self.indicator,
            "revisions": selectors.value_revisions(self.report, self.indicator),
            "can_correct": self.report.is_approved and not self.period.is_locked,
            "can_manage": core_permissions.allows(self.request, core_permissions.MANAGE_PROCESS, self.process),
        }

    def render(self, template_name, context=None, status=200):
        form = (context or {}).get("form")
        if form is not None:
            context["fields"] = form.bound_indicator_fields(self.indicator)
        return super().render(template_name, context, status=status)

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST)
        if form.is_valid():
            try:
                services.value_correct(
                    actor=request.user, value=self.value, data=form.value_input(), reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, self.success_message)
                return redirect(f"{self.report.get_absolute_url()}#indicator-{self.indicator.pk}")
        return self.render(self.template_name, {"form": form, **self.extra_context()}, status=400)


class ReportHistoryView(ReportMixin, ObjectHistoryView):
    """The report's changes, then its values', activity updates' and review steps'. Only for its readers."""

    rule = permissions.READ_REPORT
    template_name = "monitoring/report_history.html"

    def get_history_object(self):
        return self.report

    def get_context_data(self, **kwargs):
        context = super().get_context_data(report=self.report, period=self.period, **kwargs)
        values = IndicatorValue.history.filter(report_id=self.report.pk)
        value_entries = object_history_of_many(values, model=IndicatorValue)
        names = dict(
            IndicatorValue.objects.filter(report=self.report).values_list("indicator_id", "indicator__name").distinct()
        )
        for entry, record in zip(
            value_entries, values.order_by("-history_date", "-history_id")[: len(value_entries)], strict=False
        ):
            entry.object_label = _("%(indicator)s, revision %(revision)s") % {
                "indicator": names.get(record.indicator_id, record.indicator_id),
                "revision": record.revision,
            }
        updates = ActivityUpdate.history.filter(report_id=self.report.pk)
        update_entries = object_history_of_many(updates, model=ActivityUpdate)
        context.update(
            value_entries=value_entries,
            update_entries=update_entries,
            step_entries=object_history_of_many(ReportStep.history.filter(report_id=self.report.pk), model=ReportStep),
        )
        return context


__all__ = [
    "PeriodDetailView",
    "PeriodEditView",
    "PeriodHistoryView",
    "PeriodListView",
    "PeriodLockView",
    "PeriodOpenView",
    "PeriodUnlockView",
    "ReportDetailView",
    "ReportEditView",
    "ReportHistoryView",
    "ReportReviewView",
    "ReportSubmitView",
    "ValueCorrectView",
]
