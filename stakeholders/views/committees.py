"""
Views of the committees area. Each one: check access, select, validate, call a service, redirect.

Reading needs view_internal (the NFP, ministry focal points and the facilitator; development partners get 403);
writing needs manage_process (the NFP), except an action point's status, which the focal points of its owner
institution may update too. Objects of another process answer 404 before any role check (load_objects).
"""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.choices import Role
from mainstreaming.history import object_history
from mainstreaming.selectors import membership_of
from mainstreaming.views import (
    DocumentUploadView,
    ObjectHistoryView,
    ProcessViewMixin,
    ServiceFormView,
    add_service_errors,
)
from stakeholders import permissions as rules
from stakeholders.choices import CommitteeKind
from stakeholders.forms.committees import (
    ActionPointFilterForm,
    ActionPointForm,
    ActionPointStatusForm,
    AttendanceFormSet,
    AttendanceReasonForm,
    CommitteeForm,
    CommitteeMemberForm,
    DecisionForm,
    MeetingForm,
    institution_choices,
)
from stakeholders.models import ActionPoint, Attendance
from stakeholders.selectors import committees as selectors
from stakeholders.services import committees as services

VIEW_INTERNAL = permissions.VIEW_INTERNAL
MANAGE_PROCESS = permissions.MANAGE_PROCESS

# What each committee is for (handbook §3), shown where a committee is still to be set up.
KIND_HELP = {
    CommitteeKind.NATIONAL: gettext_lazy(
        "A whole-of-government body, convened by the government, that brings together the ministries and agencies "
        "concerned with migration. It validates the situation analysis, agrees the goals and priorities, approves "
        "the implementation plan and its monitoring, reviews progress and settles the issues ministries cannot "
        "settle alone."
    ),
    CommitteeKind.CONSULTATIVE: gettext_lazy(
        "A multi-stakeholder body that keeps the process open: civil society, academia, the private sector, trade "
        "unions and employers, migrant and diaspora associations, human-rights bodies, international organisations "
        "and development partners. It brings their evidence and concerns into each step."
    ),
}


def _mark_updatable(request, action_points) -> list:
    """Set `can_update` on each action point: whether the person may set its status (one query for all of them)."""
    action_points = list(action_points)
    if not action_points:
        return action_points
    updatable = set(
        ActionPoint.objects.filter(pk__in=[action_point.pk for action_point in action_points])
        .restrict(request, rules.ACTION_POINT_UPDATE)
        .values_list("pk", flat=True)
    )
    for action_point in action_points:
        action_point.can_update = action_point.pk in updatable
    return action_points


# ---------------------------------------------------------------------------
# Mixins that load the object named in the URL (404 when it is not in this process)
# ---------------------------------------------------------------------------


class CommitteeMixin(ProcessViewMixin):
    def load_objects(self):
        self.committee = selectors.committee_get(process=self.process, pk=self.kwargs["pk"])


class MeetingMixin(ProcessViewMixin):
    def load_objects(self):
        self.meeting = selectors.meeting_for_form(process=self.process, pk=self.kwargs["pk"])


class ActionPointMixin(ProcessViewMixin):
    def load_objects(self):
        self.action_point = self.object = selectors.action_point_get(process=self.process, pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# Committees
# ---------------------------------------------------------------------------


class CommitteeListView(ProcessViewMixin, TemplateView):
    rule = VIEW_INTERNAL
    template_name = "stakeholders/committee_list.html"

    def get_context_data(self, **kwargs):
        committees = {committee.kind: committee for committee in selectors.committee_list(process=self.process)}
        kinds = [
            {"value": value, "label": label, "help": KIND_HELP[value], "committee": committees.get(value)}
            for value, label in CommitteeKind.choices
        ]
        return super().get_context_data(
            kinds=kinds, has_committees=bool(committees), today=timezone.localdate(), **kwargs
        )


class CommitteeCreateView(ServiceFormView):
    template_name = "stakeholders/committee_form.html"
    success_message = gettext_lazy("The committee has been set up. Add its members next.")

    def build_form(self, data=None, files=None):
        kind = self.request.GET.get("kind", "")
        initial = {}
        if kind in CommitteeKind.values:
            initial = {"kind": kind, "name": CommitteeKind(kind).label.split(" (")[0]}
        return CommitteeForm(data, initial=initial, process=self.process)

    def perform(self, form):
        return services.committee_create(actor=self.request.user, process=self.process, **form.service_data())


class CommitteeDetailView(CommitteeMixin, TemplateView):
    rule = VIEW_INTERNAL
    template_name = "stakeholders/committee_detail.html"

    def get_context_data(self, **kwargs):
        committee = self.committee
        members = list(committee.members.all())
        context = {
            "committee": committee,
            "object": committee,
            "active_members": [m for m in members if m.is_active],
            "former_members": [m for m in members if not m.is_active],
            "meetings": list(committee.meetings.all()),
            "can_manage": MANAGE_PROCESS in self.perms,
        }
        if context["can_manage"]:
            context["upload_url"] = reverse(
                "stakeholders:committee_document_upload", kwargs={"process_pk": self.process.pk, "pk": committee.pk}
            )
        return super().get_context_data(**context, **kwargs)


class CommitteeEditView(CommitteeMixin, ServiceFormView):
    template_name = "stakeholders/committee_form.html"
    success_message = gettext_lazy("The committee has been updated.")

    def build_form(self, data=None, files=None):
        return CommitteeForm(data, instance=copy.copy(self.committee), process=self.process, with_reason=True)

    def extra_context(self):
        return {"object": self.committee}

    def perform(self, form):
        services.committee_update(
            actor=self.request.user,
            committee=self.committee,
            data=form.service_data(),
            reason=form.cleaned_data["reason"],
        )
        return self.committee


class CommitteeHistoryView(CommitteeMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.committee


class CommitteeDocumentUploadView(CommitteeMixin, DocumentUploadView):
    def get_owner(self):
        return self.committee


class CommitteeMemberCreateView(CommitteeMixin, ServiceFormView):
    template_name = "stakeholders/committee_member_form.html"
    success_message = gettext_lazy("The member has been added.")

    def build_form(self, data=None, files=None):
        return CommitteeMemberForm(data, process=self.process)

    def extra_context(self):
        return {"committee": self.committee}

    def perform(self, form):
        services.committee_member_create(actor=self.request.user, committee=self.committee, **form.service_data())
        return self.committee


class CommitteeMemberEditView(CommitteeMixin, ServiceFormView):
    template_name = "stakeholders/committee_member_form.html"
    success_message = gettext_lazy("The member has been updated.")

    def load_objects(self):
        super().load_objects()
        self.member = selectors.committee_member_get(committee=self.committee, pk=self.kwargs["member_pk"])

    def build_form(self, data=None, files=None):
        return CommitteeMemberForm(
            data,
            instance=copy.copy(self.member),
            initial={"is_active": self.member.is_active},
            process=self.process,
            editing=True,
        )

    def extra_context(self):
        return {"committee": self.committee, "member": self.member, "entries": object_history(self.member)}

    def perform(self, form):
        services.committee_member_update(
            actor=self.request.user, member=self.member, data=form.service_data(), reason=form.cleaned_data["reason"]
        )
        return self.committee


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------


class MeetingCreateView(CommitteeMixin, ServiceFormView):
    template_name = "stakeholders/meeting_form.html"
    success_message = gettext_lazy("The meeting has been recorded. Add its attendance, decisions and action points.")

    def build_form(self, data=None, files=None):
        return MeetingForm(data)

    def extra_context(self):
        return {"committee": self.committee}

    def perform(self, form):
        return services.meeting_create(actor=self.request.user, committee=self.committee, **form.service_data())


class MeetingDetailView(ProcessViewMixin, TemplateView):
    rule = VIEW_INTERNAL
    template_name = "stakeholders/meeting_detail.html"

    def load_objects(self):
        self.meeting = selectors.meeting_get(process=self.process, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        meeting = self.meeting
        attendance = list(meeting.attendance.all())
        action_points = _mark_updatable(self.request, meeting.action_points.all())
        can_manage = MANAGE_PROCESS in self.perms
        context = {
            "meeting": meeting,
            "object": meeting,
            "committee": meeting.committee,
            "attendance": attendance,
            "attendance_by_sex": selectors.attendance_by_sex(attendance),
            "decisions": list(meeting.decisions.all()),
            "action_points": action_points,
            "show_update": any(action_point.can_update for action_point in action_points),
            "agenda_items": [line.strip() for line in meeting.agenda.splitlines() if line.strip()],
            "can_manage": can_manage,
            "can_request_minutes": permissions.REQUEST_REPORT in self.perms,
        }
        if context["can_request_minutes"]:
            context["minutes_reports"] = selectors.minutes_reports(meeting=meeting)
        if can_manage:
            context["upload_url"] = reverse(
                "stakeholders:meeting_document_upload", kwargs={"process_pk": self.process.pk, "pk": meeting.pk}
            )
        return super().get_context_data(**context, **kwargs)


class MeetingEditView(MeetingMixin, ServiceFormView):
    template_name = "stakeholders/meeting_form.html"
    success_message = gettext_lazy("The meeting has been updated.")

    def build_form(self, data=None, files=None):
        return MeetingForm(data, instance=copy.copy(self.meeting), editing=True)

    def extra_context(self):
        return {"committee": self.meeting.committee, "object": self.meeting}

    def perform(self, form):
        services.meeting_update(
            actor=self.request.user, meeting=self.meeting, data=form.service_data(), reason=form.cleaned_data["reason"]
        )
        return self.meeting


class MeetingHistoryView(MeetingMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.meeting


class MeetingAttendanceView(MeetingMixin, View):
    """Add, change and remove the meeting's attendees in one form; each row keeps its own history."""

    rule = MANAGE_PROCESS
    template_name = "stakeholders/meeting_attendance.html"

    def formset(self, data=None):
        return AttendanceFormSet(
            data,
            queryset=Attendance.objects.filter(meeting=self.meeting).select_related("institution"),
            form_kwargs={"process": self.process, "institution_choices": institution_choices(self.process)},
            prefix="attendance",
        )

    def context(self, formset, reason_form):
        entries, removed = selectors.attendance_history(meeting=self.meeting)
        for form in formset.forms:
            form.history_entries = entries.get(form.instance.pk, []) if form.instance.pk else []
        return {
            "formset": formset,
            "reason_form": reason_form,
            "meeting": self.meeting,
            "committee": self.meeting.committee,
            "object": self.meeting,
            "removed": removed,
        }

    def get(self, request, process_pk, pk):
        return self.render(self.template_name, self.context(self.formset(), AttendanceReasonForm()))

    def post(self, request, process_pk, pk):
        formset = self.formset(request.POST)
        reason_form = AttendanceReasonForm(request.POST)
        if formset.is_valid() and reason_form.is_valid():
            rows, deleted = [], {id(form) for form in formset.deleted_forms}
            for index, form in enumerate(formset.forms):
                saved_pk = form.instance.pk
                if id(form) in deleted:
                    if saved_pk:
                        rows.append(services.AttendanceRow(key=index, pk=saved_pk, delete=True))
                elif form.has_changed():
                    data = {name: form.cleaned_data[name] for name in ("person_name", "institution", "sex")}
                    rows.append(services.AttendanceRow(key=index, pk=saved_pk, data=data))
            try:
                result = services.attendance_record(
                    actor=request.user, meeting=self.meeting, rows=rows, reason=reason_form.cleaned_data["reason"]
                )
            except services.AttendanceRowsInvalid as error:
                for key, row_error in error.row_errors.items():
                    add_service_errors(formset.forms[key], row_error)
            except ValidationError as error:
                add_service_errors(reason_form, error)
            else:
                messages.success(
                    request,
                    _("Attendance saved: %(added)d added, %(changed)d changed, %(removed)d removed.") % result,
                )
                return redirect(self.meeting)
        return self.render(self.template_name, self.context(formset, reason_form), status=400)


class MeetingDocumentUploadView(MeetingMixin, DocumentUploadView):
    def get_owner(self):
        return self.meeting


class DecisionCreateView(MeetingMixin, ServiceFormView):
    template_name = "stakeholders/meeting_decision_form.html"
    success_message = gettext_lazy("The decision has been recorded.")

    def build_form(self, data=None, files=None):
        return DecisionForm(data)

    def extra_context(self):
        return {"meeting": self.meeting, "committee": self.meeting.committee}

    def perform(self, form):
        services.decision_create(
            actor=self.request.user,
            meeting=self.meeting,
            text=form.cleaned_data["text"],
            position=form.cleaned_data["position"],
        )
        return self.meeting


class MeetingMinutesPdfView(MeetingMixin, View):
    """Queue the minutes as a PDF through the report pipeline; the report's page follows the build."""

    rule = permissions.REQUEST_REPORT

    def post(self, request, process_pk, pk):
        try:
            report = services.meeting_minutes_request(actor=request.user, meeting=self.meeting)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.meeting)
        messages.info(request, _("The minutes are being built. This page follows their progress."))
        return redirect(report)


# ---------------------------------------------------------------------------
# Action points
# ---------------------------------------------------------------------------


class ActionPointCreateView(MeetingMixin, ServiceFormView):
    template_name = "stakeholders/action_point_form.html"
    success_message = gettext_lazy(
        "The action point has been recorded; the owner institution's focal points can update it."
    )

    def build_form(self, data=None, files=None):
        return ActionPointForm(data, process=self.process, meeting=self.meeting)

    def extra_context(self):
        return {"meeting": self.meeting, "committee": self.meeting.committee}

    def perform(self, form):
        services.action_point_create(actor=self.request.user, meeting=self.meeting, **form.service_data())
        return self.meeting


class ActionPointListView(ProcessViewMixin, TemplateView):
    rule = VIEW_INTERNAL
    template_name = "stakeholders/action_point_list.html"

    def get_context_data(self, **kwargs):
        form = ActionPointFilterForm(self.request.GET or None, process=self.process)
        filters = form.filters() if self.request.GET else {"status": "", "owner_id": None, "overdue_only": False}
        action_points = _mark_updatable(self.request, selectors.action_point_list(process=self.process, **filters))
        membership = membership_of(user=self.request.user, process=self.process)
        my_institution = membership.institution if membership and membership.role == Role.MINISTRY else None
        return super().get_context_data(
            filter_form=form,
            filters=filters,
            is_filtered=any(filters.values()),
            action_points=action_points,
            show_update=any(action_point.can_update for action_point in action_points),
            my_institution=my_institution,
            **kwargs,
        )


class ActionPointDetailView(ActionPointMixin, TemplateView):
    rule = VIEW_INTERNAL
    template_name = "stakeholders/action_point_detail.html"

    def get_context_data(self, **kwargs):
        action_point = self.action_point
        return super().get_context_data(
            action_point=action_point,
            object=action_point,
            can_update=permissions.allows(self.request, rules.ACTION_POINT_UPDATE, action_point),
            can_edit=permissions.allows(self.request, permissions.MANAGE_PROCESS, action_point),
            **kwargs,
        )


class ActionPointStatusView(ActionPointMixin, ServiceFormView):
    """The NFP or the owner institution's focal points record where an action point stands; others get 403."""

    rule = rules.ACTION_POINT_UPDATE
    template_name = "stakeholders/action_point_status.html"
    success_message = gettext_lazy("The status of the action point has been updated.")

    def build_form(self, data=None, files=None):
        initial = {"status": self.action_point.status, "note": self.action_point.status_note}
        return ActionPointStatusForm(data, initial=initial)

    def extra_context(self):
        return {"action_point": self.action_point, "object": self.action_point}

    def perform(self, form):
        services.action_point_set_status(actor=self.request.user, action_point=self.action_point, **form.cleaned_data)
        return self.action_point


class ActionPointEditView(ActionPointMixin, ServiceFormView):
    template_name = "stakeholders/action_point_form.html"
    success_message = gettext_lazy("The action point has been updated.")

    def build_form(self, data=None, files=None):
        return ActionPointForm(
            data,
            instance=copy.copy(self.action_point),
            process=self.process,
            meeting=self.action_point.meeting,
            with_reason=True,
        )

    def extra_context(self):
        return {
            "object": self.action_point,
            "meeting": self.action_point.meeting,
            "committee": self.action_point.meeting.committee,
        }

    def perform(self, form):
        services.action_point_update(
            actor=self.request.user,
            action_point=self.action_point,
            data=form.service_data(),
            reason=form.cleaned_data["reason"],
        )
        return self.action_point


class ActionPointHistoryView(ActionPointMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.action_point
