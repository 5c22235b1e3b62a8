"""
Views of the core. Each one: check access, select, validate, call a service, redirect.

Access is decided in two steps by ProcessViewMixin: a process the user takes no part in answers 404 (its
existence stays hidden); a page their role does not allow answers 403.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from mainstreaming import permissions, phases, report_kinds, selectors, services, todo
from mainstreaming.choices import BuildStatus, InstitutionKind, Phase
from mainstreaming.forms import (
    CommentForm,
    DocumentForm,
    InstitutionForm,
    InviteForm,
    MembershipChangeForm,
    OptionalReasonForm,
    PhaseUpdateForm,
    ReasonForm,
)
from mainstreaming.history import object_history

# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ProcessViewMixin(LoginRequiredMixin):
    """
    Loads the process named in the URL for a member, then the objects the URL names (`load_objects`), and
    requires the view's permission rule (`rule`, a name in mainstreaming.permissions) on the object the view acts
    on: `self.object` when load_objects set one, else the process. Role rules accept either.
    """

    rule = permissions.VIEW_PROCESS
    object = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.process = selectors.process_get(user=request.user, pk=kwargs["process_pk"])
        self.perms = permissions.process_perms(request, self.process)
        # Objects the user may not see answer 404 before any rule is checked, whatever the method, so that a 403
        # or 405 never reveals that a hidden object exists.
        self.load_objects()
        permissions.require(request, self.rule, self.rule_object())
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self) -> None:
        """Load the objects named in the URL onto the view (404 when hidden); views override it."""

    def rule_object(self):
        """What the view's rule is checked on: the object the view acts on, else the process."""
        return self.object if self.object is not None else self.process

    @property
    def can_view_internal(self) -> bool:
        return permissions.VIEW_INTERNAL in self.perms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs) if hasattr(super(), "get_context_data") else kwargs
        context.update(
            process=self.process,
            may=permissions.RoleFlags(self.perms),
            phase_choices=Phase.choices,
        )
        return context

    def render(self, template_name, context=None, status=200):
        return render(self.request, template_name, self.get_context_data(**(context or {})), status=status)


class ServiceFormView(ProcessViewMixin, View):
    """
    A page with one form whose valid data goes to one service. A ValidationError from the service comes back
    beside the field it names, with status 400, and nothing is saved.
    """

    rule = permissions.MANAGE_PROCESS
    template_name = ""
    success_message: str | Promise = ""

    def build_form(self, data=None, files=None):
        raise NotImplementedError

    def perform(self, form):
        """Call the service; return what to redirect to."""
        raise NotImplementedError

    def extra_context(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        return self.render(self.template_name, {"form": self.build_form(), **self.extra_context()})

    def post(self, request, *args, **kwargs):
        form = self.build_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                target = self.perform(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(target)
        return self.render(self.template_name, {"form": form, **self.extra_context()}, status=400)


class DocumentUploadView(ServiceFormView):
    """Attach a file to a record of the process (the NFP); a refused file comes back beside the field."""

    template_name = "generic/document_form.html"
    success_message = gettext_lazy("The document has been attached.")

    def get_owner(self):
        raise NotImplementedError

    def build_form(self, data=None, files=None):
        return DocumentForm(data, files)

    def extra_context(self):
        return {"object": self.get_owner()}

    def perform(self, form):
        owner = self.get_owner()
        services.document_attach(
            actor=self.request.user,
            process=self.process,
            owner=owner,
            uploaded=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
        return owner


class ObjectHistoryView(ProcessViewMixin, TemplateView):
    """The History tab of any object: who changed which field from what to what, when and why."""

    rule = permissions.VIEW_INTERNAL
    template_name = "generic/object_history.html"

    def get_history_object(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        obj = self.get_history_object()
        return super().get_context_data(object=obj, entries=object_history(obj), **kwargs)


# ---------------------------------------------------------------------------
# Processes, dashboard and phases
# ---------------------------------------------------------------------------


class ProcessListView(LoginRequiredMixin, TemplateView):
    template_name = "mainstreaming/process_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(processes=list(selectors.process_list(user=self.request.user)), **kwargs)


class ProcessDashboardView(ProcessViewMixin, TemplateView):
    template_name = "mainstreaming/process_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.dashboard(process=self.process, can_view_internal=self.can_view_internal))
        context["membership"] = selectors.request_membership(self.request, self.process)
        for phase in context["phases"]:
            phase.pages = phases.phase_pages(phase.phase, self.perms)
            phase.panels = phases.render_panels(
                phases.dashboard_panels(phase.phase), process=self.process, request=self.request
            )
        context["personal_panels"] = phases.render_panels(
            phases.personal_panels(), process=self.process, request=self.request
        )
        context["report_kinds"] = report_kinds.listed()
        context["todo_items"] = todo.todo_list(self.request, self.process)
        context["todo_next_phase"] = next((phase for phase in context["phases"] if phase.is_current), None)
        return context


class ProcessHistoryView(ProcessViewMixin, TemplateView):
    """The process's audit trail: every change to the process and everything in it."""

    rule = permissions.VIEW_INTERNAL
    template_name = "mainstreaming/process_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entries=selectors.process_trail(process=self.process, user=self.request.user), **kwargs
        )


class PhaseDetailView(ProcessViewMixin, TemplateView):
    template_name = "mainstreaming/phase_detail.html"

    def get_context_data(self, form=None, **kwargs):
        kwargs.pop("phase", None)  # the URL's slug; the template gets the PhaseProgress instead
        phase = selectors.phase_get(process=self.process, phase=self.kwargs["phase"])
        if form is None and permissions.MANAGE_PROCESS in self.perms:
            form = PhaseUpdateForm(initial={"status": phase.status, "note": phase.note})
        phase.pages = phases.phase_pages(phase.phase, self.perms)
        return super().get_context_data(phase=phase, form=form, **kwargs)


class PhaseUpdateView(ProcessViewMixin, View):
    rule = permissions.MANAGE_PROCESS

    def post(self, request, process_pk, phase):
        if phase not in Phase.values:
            raise Http404
        form = PhaseUpdateForm(request.POST)
        if form.is_valid():
            try:
                services.phase_update(actor=request.user, process=self.process, phase=phase, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The phase has been updated."))
                return redirect("mainstreaming:phase_detail", process_pk=self.process.pk, phase=phase)
        view = PhaseDetailView(request=request, kwargs={"phase": phase})
        view.process, view.perms = self.process, self.perms
        return render(request, PhaseDetailView.template_name, view.get_context_data(form=form), status=400)


class PhaseHistoryView(ObjectHistoryView):
    def get_history_object(self):
        return selectors.phase_get(process=self.process, phase=self.kwargs["phase"])


# ---------------------------------------------------------------------------
# Institutions
# ---------------------------------------------------------------------------


class InstitutionListView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "mainstreaming/institution_list.html"

    def get_context_data(self, **kwargs):
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in InstitutionKind.values else ""
        search = self.request.GET.get("q", "").strip()[:100]
        institutions = selectors.institution_list(process=self.process, kind=kind, search=search)
        return super().get_context_data(
            institutions=institutions, kind=kind, q=search, kinds=InstitutionKind.choices, **kwargs
        )


class InstitutionCreateView(ProcessViewMixin, View):
    rule = permissions.MANAGE_PROCESS
    template_name = "mainstreaming/institution_form.html"

    def get(self, request, process_pk):
        return self.render(self.template_name, {"form": InstitutionForm(process=self.process)})

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind_guides=selectors.institution_kind_guides(), **kwargs)

    def post(self, request, process_pk):
        form = InstitutionForm(request.POST, process=self.process)
        if form.is_valid():
            data = form.cleaned_data
            try:
                institution = services.institution_create(actor=request.user, process=self.process, **data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The institution has been added."))
                return redirect(institution)
        return self.render(self.template_name, {"form": form}, status=400)


class InstitutionDetailView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "mainstreaming/institution_detail.html"

    def get_context_data(self, **kwargs):
        institution = selectors.institution_get(process=self.process, pk=self.kwargs["pk"])
        can_edit = permissions.allows(self.request, permissions.CHANGE_INSTITUTION, institution)
        return super().get_context_data(institution=institution, object=institution, can_edit=can_edit, **kwargs)


class InstitutionEditView(ProcessViewMixin, View):
    """The NFP edits any institution; a focal point edits their own institution's profile (guardian grant)."""

    rule = permissions.CHANGE_INSTITUTION
    template_name = "mainstreaming/institution_form.html"

    def load_objects(self):
        self.object = selectors.institution_get(process=self.process, pk=self.kwargs["pk"])

    def get(self, request, process_pk, pk):
        institution = self.object
        form = InstitutionForm(instance=institution, process=self.process)
        return self.render(self.template_name, {"form": form, "object": institution})

    def post(self, request, process_pk, pk):
        institution = self.object
        form = InstitutionForm(request.POST, instance=institution, process=self.process)
        if form.is_valid():
            data = {key: value for key, value in form.cleaned_data.items() if key != "sectors"}
            try:
                services.institution_update(
                    actor=request.user, institution=institution, data=data, sectors=form.cleaned_data["sectors"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The institution has been updated."))
                return redirect(institution)
        return self.render(self.template_name, {"form": form, "object": institution}, status=400)


class InstitutionHistoryView(ObjectHistoryView):
    def get_history_object(self):
        return selectors.institution_get(process=self.process, pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# People and roles
# ---------------------------------------------------------------------------


class MembershipListView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "mainstreaming/membership_list.html"

    def get_context_data(self, **kwargs):
        include_ended = self.request.GET.get("ended") == "1"
        memberships = selectors.membership_list(process=self.process, include_ended=include_ended)
        return super().get_context_data(memberships=memberships, include_ended=include_ended, **kwargs)


class MembershipInviteView(ProcessViewMixin, View):
    rule = permissions.MANAGE_PROCESS
    template_name = "mainstreaming/membership_invite.html"

    def get(self, request, process_pk):
        return self.render(self.template_name, {"form": InviteForm(process=self.process)})

    def post(self, request, process_pk):
        form = InviteForm(request.POST, process=self.process)
        if form.is_valid():
            try:
                membership = services.person_invite(
                    actor=request.user,
                    process=self.process,
                    **form.cleaned_data,
                    set_password_url_builder=request.build_absolute_uri,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(email)s has been invited by e-mail.") % {"email": membership.user.email})
                return redirect("mainstreaming:membership_list", process_pk=self.process.pk)
        return self.render(self.template_name, {"form": form}, status=400)


class MembershipDetailView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "mainstreaming/membership_detail.html"

    def get_context_data(self, **kwargs):
        membership = selectors.membership_get(process=self.process, pk=self.kwargs["pk"])
        return super().get_context_data(membership=membership, object=membership, **kwargs)


class MembershipEditView(ServiceFormView):
    template_name = "mainstreaming/membership_form.html"
    success_message = gettext_lazy("The role has been changed.")

    def load_objects(self):
        self.membership = selectors.membership_get(process=self.process, pk=self.kwargs["pk"])

    def build_form(self, data=None, files=None):
        initial = {"role": self.membership.role, "institution": self.membership.institution_id}
        return MembershipChangeForm(data, initial=initial, process=self.process)

    def extra_context(self):
        return {"membership": self.membership, "object": self.membership}

    def perform(self, form):
        services.membership_change(actor=self.request.user, membership=self.membership, **form.cleaned_data)
        return self.membership


class MembershipEndView(ServiceFormView):
    """Ending a membership takes the person's rights away: the page asks for confirmation and a reason."""

    template_name = "mainstreaming/membership_end.html"
    success_message = gettext_lazy("The membership has ended; the person's rights in this process went with it.")

    def load_objects(self):
        self.membership = selectors.membership_get(process=self.process, pk=self.kwargs["pk"])

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return {"membership": self.membership, "object": self.membership}

    def perform(self, form):
        services.membership_end(actor=self.request.user, membership=self.membership, reason=form.cleaned_data["reason"])
        return reverse("mainstreaming:membership_list", kwargs={"process_pk": self.process.pk})


class MembershipHistoryView(ObjectHistoryView):
    def get_history_object(self):
        return selectors.membership_get(process=self.process, pk=self.kwargs["pk"])


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------


class ReportListView(ProcessViewMixin, TemplateView):
    template_name = "mainstreaming/report_list.html"

    def get_context_data(self, **kwargs):
        reports = selectors.report_list(process=self.process, can_view_internal=self.can_view_internal)
        return super().get_context_data(reports=reports, report_kinds=report_kinds.listed(), **kwargs)


class ReportRequestView(ProcessViewMixin, View):
    rule = permissions.REQUEST_REPORT

    def post(self, request, process_pk):
        kind = request.POST.get("kind") or report_kinds.PROCESS_OVERVIEW
        if kind not in {spec.kind for spec in report_kinds.listed()}:
            messages.error(request, _("This kind of report cannot be requested here."))
            return redirect("mainstreaming:report_list", process_pk=self.process.pk)
        try:
            report = services.report_request(actor=request.user, process=self.process, kind=kind)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("mainstreaming:report_list", process_pk=self.process.pk)
        messages.info(request, _("Your report is being built. This page follows its progress."))
        return redirect(report)


class ReportViewMixin(ProcessViewMixin):
    def load_objects(self):
        self.report = selectors.report_get(
            process=self.process, pk=self.kwargs["pk"], can_view_internal=self.can_view_internal
        )

    def get_report(self):
        return self.report


class ReportDetailView(ReportViewMixin, TemplateView):
    template_name = "mainstreaming/report_detail.html"

    def get_context_data(self, **kwargs):
        report = self.get_report()
        return super().get_context_data(report=report, object=report, **kwargs)


class ReportStatusView(ReportViewMixin, TemplateView):
    """The fragment the detail page polls (htmx) until the build has finished."""

    template_name = "mainstreaming/inc/report_status.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.get_report(), **kwargs)


class ReportDownloadView(ReportViewMixin, View):
    """Serves the stored bytes, checking the permission again and the file against its recorded hash."""

    def get(self, request, process_pk, pk):
        report = self.get_report()
        if report.status != BuildStatus.DONE:
            raise Http404
        try:
            content = services.report_file_bytes(report=report)
        except (OSError, ValidationError):
            messages.error(request, _("The stored file of this report cannot be served; please ask for a new build."))
            return redirect(report)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{report.download_name}"'
        response["X-Content-SHA256"] = report.sha256
        return response


class ReportPublishView(ReportViewMixin, ServiceFormView):
    """Publishing shows a report to development partners: the page asks for confirmation first."""

    rule = permissions.PUBLISH_REPORT
    template_name = "mainstreaming/report_publish.html"
    success_message = gettext_lazy("The report is published: development partners can now read it.")

    def build_form(self, data=None, files=None):
        return OptionalReasonForm(data)

    def extra_context(self):
        return {"report": self.report, "object": self.report}

    def perform(self, form):
        services.report_publish(actor=self.request.user, report=self.report, reason=form.cleaned_data["reason"])
        return self.report


class ReportUnpublishView(ReportViewMixin, ServiceFormView):
    rule = permissions.PUBLISH_REPORT
    template_name = "mainstreaming/report_unpublish.html"
    success_message = gettext_lazy("The report has been withdrawn from development partners.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return {"report": self.report, "object": self.report}

    def perform(self, form):
        services.report_unpublish(actor=self.request.user, report=self.report, reason=form.cleaned_data["reason"])
        return self.report


class ReportHistoryView(ObjectHistoryView):
    def get_history_object(self):
        return selectors.report_get(process=self.process, pk=self.kwargs["pk"], can_view_internal=True)


# ---------------------------------------------------------------------------
# Documents and comments
# ---------------------------------------------------------------------------


class DocumentDownloadView(ProcessViewMixin, View):
    """
    Serves an uploaded file to those who may read the record it belongs to (a ministry's draft evidence stays with
    that ministry and the reviewers), checked against its hash.
    """

    rule = permissions.VIEW_INTERNAL

    def get(self, request, process_pk, pk):
        document = selectors.document_get(process=self.process, pk=pk)
        owner = document.owner
        if owner is None or not permissions.can_view(request, owner):
            raise Http404
        try:
            content = services.stored_file_bytes(name=document.file.name, sha256=document.sha256)
        except (OSError, ValidationError):
            raise Http404 from None
        response = HttpResponse(content, content_type=document.mime_type)
        response["Content-Disposition"] = f'attachment; filename="{document.original_name}"'
        return response


class CommentCreateView(ProcessViewMixin, View):
    """Adds a comment to a record of the process; the page it came from shows it. The service decides who may."""

    rule = permissions.VIEW_INTERNAL

    def post(self, request, process_pk, content_type_id, object_id):

        try:
            target = ContentType.objects.get_for_id(content_type_id).get_object_for_this_type(pk=object_id)
        except Exception:
            raise Http404 from None
        if getattr(target, "process_id", None) != self.process.pk or not permissions.can_view(request, target):
            raise Http404
        form = CommentForm(request.POST)
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = target.get_absolute_url()
        if form.is_valid():
            try:
                services.comment_add(actor=request.user, target=target, text=form.cleaned_data["text"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Your comment has been added."))
        else:
            messages.error(request, _("Write the comment before sending it."))
        return redirect(next_url)
