"""
Views of the setup area: the preconditions check with the go or postpone decision, and focal points (requests
and designations).

Reading needs VIEW_INTERNAL (the NFP, the ministries' focal points and the facilitator; development partners get
403); every write needs MANAGE_PROCESS (the NFP). Objects named in the URL are loaded in load_objects(), scoped to
the process, so that an object of another process answers 404 before any role check.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.forms import ReasonForm
from mainstreaming.selectors import GOVERNMENT_KINDS
from mainstreaming.views import (
    DocumentUploadView,
    ObjectHistoryView,
    ProcessViewMixin,
    ServiceFormView,
    add_service_errors,
)
from stakeholders.choices import ConditionStatus, DecisionOutcome, RequestStatus
from stakeholders.forms.setup import DecisionForm, DesignationForm, FocalPointRequestForm, PreconditionForm
from stakeholders.selectors import setup as selectors
from stakeholders.services import setup as services

# Status colours, borrowed from the core's badge classes so that the stylesheet needs nothing new.
CONDITION_BADGES = {
    ConditionStatus.MET: "completed",
    ConditionStatus.PARTLY: "in_progress",
    ConditionStatus.NOT_MET: "failed",
    ConditionStatus.UNKNOWN: "not_started",
}
DECISION_BADGES = {DecisionOutcome.GO: "completed", DecisionOutcome.POSTPONE: "in_progress"}
REQUEST_BADGES = {RequestStatus.OPEN: "queued", RequestStatus.DESIGNATED: "completed", RequestStatus.CANCELLED: "ended"}


def with_badges(objects, badges, attribute="status"):
    for obj in objects:
        obj.badge = badges.get(getattr(obj, attribute), "not_started")
    return objects


def counts_with_badges(counts) -> list[dict]:
    return [
        {"status": status, "label": label, "count": count, "badge": CONDITION_BADGES[status]}
        for status, label, count in counts
    ]


class SetupViewMixin(ProcessViewMixin):
    rule = permissions.VIEW_INTERNAL

    @property
    def manages(self) -> bool:
        return permissions.allows(self.request, permissions.MANAGE_PROCESS, self.process)

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=self.manages, **kwargs)


class ManageViewMixin(SetupViewMixin):
    rule = permissions.MANAGE_PROCESS


# ---------------------------------------------------------------------------
# Preconditions
# ---------------------------------------------------------------------------


def precondition_list_url(process) -> str:
    return reverse("stakeholders:precondition_list", kwargs={"process_pk": process.pk})


class PreconditionListView(SetupViewMixin, TemplateView):
    template_name = "stakeholders/precondition_list.html"

    def get_context_data(self, **kwargs):
        page = selectors.precondition_page(process=self.process)
        with_badges(page.conditions, CONDITION_BADGES)
        with_badges(page.decisions, DECISION_BADGES, "outcome")
        return super().get_context_data(page=page, counts=counts_with_badges(page.counts), **kwargs)


class PreconditionLoadView(ManageViewMixin, View):
    """Copies the handbook's conditions into the process (POST only); loading again adds only what is missing."""

    def post(self, request, process_pk):
        added = services.precondition_load(actor=request.user, process=self.process)
        if added:
            messages.success(
                request,
                _("%(count)d conditions from the handbook's list have been added. Adapt them to the country.")
                % {"count": added},
            )
        else:
            messages.info(request, _("Every condition of the handbook's list is already here."))
        return redirect(precondition_list_url(self.process))


class PreconditionCreateView(ManageViewMixin, ServiceFormView):
    template_name = "stakeholders/precondition_form.html"
    success_message = gettext_lazy("The condition has been added.")

    def build_form(self, data=None, files=None):
        return PreconditionForm(data)

    def perform(self, form):
        services.precondition_create(actor=self.request.user, process=self.process, **form.cleaned_data)
        return precondition_list_url(self.process)


class PreconditionObjectMixin:
    def load_objects(self):
        self.condition = selectors.precondition_get(process=self.process, pk=self.kwargs["pk"])


class PreconditionEditView(PreconditionObjectMixin, ManageViewMixin, ServiceFormView):
    template_name = "stakeholders/precondition_form.html"
    success_message = gettext_lazy("The condition has been updated.")

    def build_form(self, data=None, files=None):
        fields = ("title", "guidance", "status", "evidence")
        return PreconditionForm(data, initial={field: getattr(self.condition, field) for field in fields})

    def extra_context(self):
        return {"condition": self.condition, "object": self.condition}

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        services.precondition_update(actor=self.request.user, precondition=self.condition, data=data, reason=reason)
        return precondition_list_url(self.process)


class PreconditionDeleteView(PreconditionObjectMixin, ManageViewMixin, ServiceFormView):
    template_name = "stakeholders/precondition_delete.html"
    success_message = gettext_lazy("The condition has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return {"condition": self.condition}

    def perform(self, form):
        services.precondition_delete(
            actor=self.request.user, precondition=self.condition, reason=form.cleaned_data["reason"]
        )
        return precondition_list_url(self.process)


class PreconditionHistoryView(PreconditionObjectMixin, ObjectHistoryView):
    template_name = "stakeholders/precondition_history.html"

    def get_history_object(self):
        return self.condition


class PreconditionDecideView(ManageViewMixin, View):
    """The go or postpone decision, taken with the conditions' statuses in view."""

    template_name = "stakeholders/precondition_decision_form.html"

    def context(self, form):
        page = selectors.precondition_page(process=self.process)
        with_badges(page.conditions, CONDITION_BADGES)
        with_badges(page.decisions, DECISION_BADGES, "outcome")
        counts = dict((status, count) for status, _label, count in page.counts)
        mostly_unmet = counts[ConditionStatus.NOT_MET] * 2 > len(page.conditions) if page.conditions else False
        return {"form": form, "page": page, "counts": counts_with_badges(page.counts), "mostly_unmet": mostly_unmet}

    def get(self, request, process_pk):
        return self.render(self.template_name, self.context(DecisionForm()))

    def post(self, request, process_pk):
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                decision = services.precondition_decide(actor=request.user, process=self.process, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if decision.outcome == DecisionOutcome.GO:
                    messages.success(
                        request,
                        _("The decision to go ahead is recorded: the preparation phase is completed."),
                    )
                else:
                    messages.success(request, _("The decision to postpone is recorded: the process is postponed."))
                return redirect(precondition_list_url(self.process))
        return self.render(self.template_name, self.context(form), status=400)


# ---------------------------------------------------------------------------
# Focal points
# ---------------------------------------------------------------------------


def focal_point_list_url(process) -> str:
    return reverse("stakeholders:focal_point_list", kwargs={"process_pk": process.pk})


def _pk_from_query(request, name):
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


class FocalPointListView(SetupViewMixin, TemplateView):
    template_name = "stakeholders/focal_point_list.html"

    def get_context_data(self, **kwargs):
        page = selectors.focal_point_page(process=self.process)
        with_badges(page.closed_requests, REQUEST_BADGES)
        return super().get_context_data(page=page, **kwargs)


class FocalPointRequestCreateView(ManageViewMixin, View):
    template_name = "stakeholders/focal_point_request_form.html"

    def get(self, request, process_pk):
        initial = {}
        institution = _pk_from_query(request, "institution")
        if institution and self.process.institutions.filter(pk=institution).exists():
            initial["institution"] = institution
        return self.render(self.template_name, {"form": FocalPointRequestForm(initial=initial, process=self.process)})

    def post(self, request, process_pk):
        form = FocalPointRequestForm(request.POST, request.FILES, process=self.process)
        if form.is_valid():
            data = dict(form.cleaned_data)
            tor_file = data.pop("file")
            try:
                focal_point_request = services.focal_point_request_create(
                    actor=request.user, process=self.process, tor_file=tor_file, **data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The request to %(institution)s has been recorded.")
                    % {"institution": focal_point_request.institution},
                )
                return redirect(
                    "stakeholders:focal_point_request_detail", process_pk=self.process.pk, pk=focal_point_request.pk
                )
        return self.render(self.template_name, {"form": form}, status=400)


class FocalPointRequestObjectMixin:
    def load_objects(self):
        self.focal_point_request = selectors.focal_point_request_get(process=self.process, pk=self.kwargs["pk"])
        self.focal_point_request.process = self.process


class FocalPointRequestDetailView(FocalPointRequestObjectMixin, SetupViewMixin, TemplateView):
    template_name = "stakeholders/focal_point_request_detail.html"

    def get_context_data(self, **kwargs):
        focal_point_request = with_badges([self.focal_point_request], REQUEST_BADGES)[0]
        return super().get_context_data(
            focal_point_request=focal_point_request,
            object=focal_point_request,
            can_designate=focal_point_request.can(self.request, "designate"),
            can_cancel=focal_point_request.can(self.request, "cancel"),
            designations=list(focal_point_request.designations.all()),
            **kwargs,
        )


class FocalPointRequestCancelView(FocalPointRequestObjectMixin, ManageViewMixin, ServiceFormView):
    template_name = "stakeholders/focal_point_request_cancel.html"
    success_message = gettext_lazy("The request has been cancelled.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return {"focal_point_request": self.focal_point_request}

    def perform(self, form):
        services.focal_point_request_cancel(
            actor=self.request.user, request=self.focal_point_request, reason=form.cleaned_data["reason"]
        )
        return reverse(
            "stakeholders:focal_point_request_detail",
            kwargs={"process_pk": self.process.pk, "pk": self.focal_point_request.pk},
        )


class FocalPointRequestHistoryView(FocalPointRequestObjectMixin, ObjectHistoryView):
    template_name = "stakeholders/focal_point_request_history.html"

    def get_history_object(self):
        return self.focal_point_request


class DesignationCreateView(ManageViewMixin, View):
    template_name = "stakeholders/designation_form.html"

    def get(self, request, process_pk):
        initial = {}
        request_pk = _pk_from_query(request, "request")
        answered = selectors.open_requests(process=self.process).filter(pk=request_pk).first() if request_pk else None
        if answered is not None:
            initial.update(request=answered.pk, institution=answered.institution_id)
        institution = _pk_from_query(request, "institution")
        if institution and self.process.institutions.filter(pk=institution).exists():
            initial["institution"] = institution
        return self.render(self.template_name, {"form": DesignationForm(initial=initial, process=self.process)})

    def post(self, request, process_pk):
        form = DesignationForm(request.POST, request.FILES, process=self.process)
        if form.is_valid():
            data = dict(form.cleaned_data)
            tor_file = data.pop("file")
            try:
                designation = services.designation_create(
                    actor=request.user,
                    process=self.process,
                    tor_file=tor_file,
                    set_password_url_builder=request.build_absolute_uri,
                    **data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                values = {"name": designation.full_name, "institution": designation.institution}
                values["email"] = designation.email
                if designation.invited:
                    message = _(
                        "%(name)s is now the focal point of %(institution)s, with the ministry role for it; an "
                        "invitation has been sent to %(email)s."
                    )
                elif designation.institution.kind in GOVERNMENT_KINDS:
                    message = _(
                        "%(name)s is now the focal point of %(institution)s and keeps the ministry role for it."
                    )
                else:
                    message = _("%(name)s is now the focal point of %(institution)s.")
                messages.success(request, message % values)
                return redirect(designation)
        return self.render(self.template_name, {"form": form}, status=400)


class DesignationObjectMixin:
    def load_objects(self):
        self.designation = selectors.designation_get(process=self.process, pk=self.kwargs["pk"])


class DesignationDetailView(DesignationObjectMixin, SetupViewMixin, TemplateView):
    template_name = "stakeholders/designation_detail.html"

    def get_context_data(self, **kwargs):
        upload_url = ""
        if self.manages:
            upload_url = reverse(
                "stakeholders:designation_document_upload",
                kwargs={"process_pk": self.process.pk, "pk": self.designation.pk},
            )
        return super().get_context_data(
            designation=self.designation,
            object=self.designation,
            upload_url=upload_url,
            is_government=self.designation.institution.kind in GOVERNMENT_KINDS,
            **kwargs,
        )


class DesignationEndView(DesignationObjectMixin, ManageViewMixin, ServiceFormView):
    template_name = "stakeholders/designation_end.html"
    success_message = gettext_lazy("The designation has ended.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return {
            "designation": self.designation,
            "is_government": self.designation.institution.kind in GOVERNMENT_KINDS,
        }

    def perform(self, form):
        services.designation_end(
            actor=self.request.user, designation=self.designation, reason=form.cleaned_data["reason"]
        )
        return self.designation


class DesignationDocumentUploadView(DesignationObjectMixin, ManageViewMixin, DocumentUploadView):
    def get_owner(self):
        return self.designation


class DesignationHistoryView(DesignationObjectMixin, ObjectHistoryView):
    template_name = "stakeholders/designation_history.html"

    def get_history_object(self):
        return self.designation
