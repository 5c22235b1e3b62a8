"""
Views of the consultation area: awareness-raising and consultation events, capacity development and the
stakeholder map. Everyone who sees the process's internal work reads these pages (development partners do not);
only the NFP changes them. Each view checks access, selects, validates, calls a service and redirects.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.views import (
    DocumentUploadView,
    ObjectHistoryView,
    ProcessViewMixin,
    ServiceFormView,
)
from stakeholders.forms.consultation import (
    CapacityActivityForm,
    CapacityNeedForm,
    EventForm,
    ParticipationForm,
    StakeholderProfileForm,
)
from stakeholders.selectors import consultation as selectors
from stakeholders.services import consultation as services


def _split(cleaned: dict, *names: str) -> tuple[dict, list]:
    """The form's data without `names`, and the values of `names` in order."""
    data = {key: value for key, value in cleaned.items() if key not in names}
    return data, [cleaned.get(name) for name in names]


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


class EventListView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "stakeholders/event_list.html"

    def get_context_data(self, **kwargs):
        kinds = selectors.event_kinds()
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in {k.code for k in kinds} else ""
        events = selectors.event_list(process=self.process, kind=kind)
        return super().get_context_data(
            events=events, kinds=kinds, kind=kind, totals=selectors.participation_totals(events), **kwargs
        )


class EventMixin:
    def load_objects(self):
        self.event = selectors.event_get(process=self.process, pk=self.kwargs["pk"])


class EventDetailView(EventMixin, ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "stakeholders/event_detail.html"

    def get_context_data(self, **kwargs):
        upload_url = ""
        if permissions.MANAGE_PROCESS in self.perms:
            upload_url = reverse("stakeholders:event_document_upload", args=[self.process.pk, self.event.pk])
        return super().get_context_data(event=self.event, object=self.event, upload_url=upload_url, **kwargs)


class EventCreateView(ServiceFormView):
    template_name = "stakeholders/event_form.html"
    success_message = _("The event has been recorded. Add who took part and the materials.")

    def build_form(self, data=None, files=None):
        return EventForm(data, process=self.process)

    def perform(self, form):
        data, (targets,) = _split(form.cleaned_data, "target_institutions")
        return services.event_create(actor=self.request.user, process=self.process, target_institutions=targets, **data)


class EventEditView(EventMixin, ServiceFormView):
    template_name = "stakeholders/event_form.html"
    success_message = _("The event has been updated.")

    def build_form(self, data=None, files=None):
        return EventForm(data, process=self.process, editing=True, initial=EventForm.initial_for(self.event))

    def extra_context(self):
        return {"event": self.event, "object": self.event}

    def perform(self, form):
        data, (targets, reason) = _split(form.cleaned_data, "target_institutions", "reason")
        return services.event_update(
            actor=self.request.user, event=self.event, data=data, target_institutions=targets, reason=reason or ""
        )


class EventParticipationView(EventMixin, ServiceFormView):
    template_name = "stakeholders/event_participation.html"
    success_message = _("Participation has been recorded.")

    def build_form(self, data=None, files=None):
        return ParticipationForm(data, event=self.event)

    def extra_context(self):
        return {"event": self.event, "object": self.event}

    def perform(self, form):
        services.event_participation_set(
            actor=self.request.user, event=self.event, counts=form.counts(), reason=form.cleaned_data["reason"]
        )
        return self.event


class EventDocumentUploadView(EventMixin, DocumentUploadView):
    def get_owner(self):
        return self.event


class EventHistoryView(EventMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.event


# ---------------------------------------------------------------------------
# Capacity development
# ---------------------------------------------------------------------------


class CapacityOverviewView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "stakeholders/capacity_overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.capacity_overview(process=self.process), **kwargs)


class CapacityNeedMixin:
    def load_objects(self):
        self.need = selectors.capacity_need_get(process=self.process, pk=self.kwargs["pk"])


class CapacityNeedCreateView(ServiceFormView):
    template_name = "stakeholders/capacity_need_form.html"
    success_message = _("The capacity need has been recorded.")

    def build_form(self, data=None, files=None):
        initial = {}
        if self.request.GET.get("institution", "").isdigit():
            initial["institution"] = int(self.request.GET["institution"])
        return CapacityNeedForm(data, process=self.process, initial=initial)

    def perform(self, form):
        services.capacity_need_create(actor=self.request.user, process=self.process, **form.cleaned_data)
        return reverse("stakeholders:capacity_overview", args=[self.process.pk])


class CapacityNeedEditView(CapacityNeedMixin, ServiceFormView):
    template_name = "stakeholders/capacity_need_form.html"
    success_message = _("The capacity need has been updated.")

    def build_form(self, data=None, files=None):
        return CapacityNeedForm(
            data, process=self.process, editing=True, initial=CapacityNeedForm.initial_for(self.need)
        )

    def extra_context(self):
        return {"need": self.need, "object": self.need}

    def perform(self, form):
        data, (reason,) = _split(form.cleaned_data, "reason")
        services.capacity_need_update(actor=self.request.user, need=self.need, data=data, reason=reason or "")
        return reverse("stakeholders:capacity_overview", args=[self.process.pk])


class CapacityNeedHistoryView(CapacityNeedMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.need


class CapacityActivityMixin:
    def load_objects(self):
        self.activity = selectors.capacity_activity_get(process=self.process, pk=self.kwargs["pk"])


class CapacityActivityDetailView(CapacityActivityMixin, ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "stakeholders/capacity_activity_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(activity=self.activity, object=self.activity, **kwargs)


class CapacityActivityCreateView(ServiceFormView):
    template_name = "stakeholders/capacity_activity_form.html"
    success_message = _("The capacity activity has been recorded.")

    def build_form(self, data=None, files=None):
        initial = {}
        if self.request.GET.get("need", "").isdigit():
            initial["needs"] = [int(self.request.GET["need"])]
        return CapacityActivityForm(data, needs=selectors.need_choices(process=self.process), initial=initial)

    def perform(self, form):
        data, (needs,) = _split(form.cleaned_data, "needs")
        return services.capacity_activity_create(actor=self.request.user, process=self.process, needs=needs, **data)


class CapacityActivityEditView(CapacityActivityMixin, ServiceFormView):
    template_name = "stakeholders/capacity_activity_form.html"
    success_message = _("The capacity activity has been updated.")

    def build_form(self, data=None, files=None):
        return CapacityActivityForm(
            data,
            needs=selectors.need_choices(process=self.process),
            editing=True,
            initial=CapacityActivityForm.initial_for(self.activity),
        )

    def extra_context(self):
        return {"activity": self.activity, "object": self.activity}

    def perform(self, form):
        data, (needs, reason) = _split(form.cleaned_data, "needs", "reason")
        return services.capacity_activity_update(
            actor=self.request.user, activity=self.activity, data=data, needs=needs, reason=reason or ""
        )


class CapacityActivityHistoryView(CapacityActivityMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.activity


# ---------------------------------------------------------------------------
# Stakeholder map
# ---------------------------------------------------------------------------


class StakeholderMapView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "stakeholders/stakeholder_map.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**selectors.stakeholder_map(process=self.process), **kwargs)


class StakeholderProfileEditView(ServiceFormView):
    template_name = "stakeholders/stakeholder_profile_form.html"
    success_message = _("The institution's place on the stakeholder map has been saved.")

    def load_objects(self):
        self.institution = selectors.institution_get(process=self.process, pk=self.kwargs["institution_pk"])

    def build_form(self, data=None, files=None):
        return StakeholderProfileForm(data, initial=StakeholderProfileForm.initial_for(self.institution.profile))

    def extra_context(self):
        return {"institution": self.institution, "profile": self.institution.profile}

    def perform(self, form):
        services.stakeholder_profile_save(actor=self.request.user, institution=self.institution, **form.cleaned_data)
        return reverse("stakeholders:stakeholder_map", args=[self.process.pk])


class StakeholderProfileHistoryView(ObjectHistoryView):
    def load_objects(self):
        self.profile = selectors.stakeholder_profile_get(
            process=self.process, institution_pk=self.kwargs["institution_pk"]
        )

    def get_history_object(self):
        return self.profile
