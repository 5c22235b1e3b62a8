"""
Views of the offline workbook of an assignment: download it (whoever may read the answers), upload it filled in
(the lead's focal points while the checklist is open), which shows a preview of the changes, and apply them once
confirmed. Nothing is saved before the confirmation; the preview's changes travel to it in a token the server
signed, which the service checks again (and refuses when the answers changed meanwhile).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from mainstreaming.uploads import XLSX
from mainstreaming.views import ProcessViewMixin
from situation_analysis import permissions
from situation_analysis.forms.workbook import WorkbookConfirmForm, WorkbookUploadForm
from situation_analysis.services import workbook as services
from situation_analysis.views.assignments import AssignmentMixin

UPLOAD_TEMPLATE = "situation_analysis/assignment_workbook_upload.html"
PREVIEW_TEMPLATE = "situation_analysis/assignment_workbook_preview.html"


def workbook_filename(assignment) -> str:
    checklist = assignment.checklist
    lead = assignment.lead.acronym or assignment.lead.name
    return f"{slugify(checklist.code)}-{slugify(lead)[:30]}-answers-v{assignment.version}.xlsx"


class WorkbookDownloadView(AssignmentMixin, ProcessViewMixin, View):
    """GET: the assignment as an .xlsx workbook to fill in offline, for those who may read its answers."""

    rule = permissions.READ

    def get(self, request, process_pk, pk):
        upload_url = request.build_absolute_uri(
            reverse("situation_analysis:assignment_workbook_upload", kwargs={"process_pk": process_pk, "pk": pk})
        )
        content = services.assignment_workbook_build(
            actor=request.user, assignment=self.assignment, upload_url=upload_url
        )
        response = HttpResponse(content, content_type=XLSX.mime)
        response["Content-Disposition"] = content_disposition_header(True, workbook_filename(self.assignment))
        response["Cache-Control"] = "private, no-store"
        return response


class WorkbookUploadMixin(AssignmentMixin, ProcessViewMixin):
    """The lead's focal points only (403 for everyone else, whatever the method)."""

    rule = permissions.ANSWER

    def render_upload(self, form, *, stale=None, apply_errors=(), status=200):
        context = {
            **self.assignment_context(),
            "form": form,
            "stale": stale,
            "apply_errors": list(apply_errors),
            "can_upload": self.assignment.is_open,
        }
        return self.render(UPLOAD_TEMPLATE, context, status=status)


class WorkbookUploadView(WorkbookUploadMixin, View):
    """GET: the upload form. POST: check the file and show a preview of its changes; nothing is saved yet."""

    def get(self, request, process_pk, pk):
        return self.render_upload(WorkbookUploadForm())

    def post(self, request, process_pk, pk):
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = services.assignment_workbook_read(
                    actor=request.user, assignment=self.assignment, uploaded=form.cleaned_data["file"]
                )
            except services.WorkbookStale as stale:
                form.add_error("file", stale)
                return self.render_upload(form, stale=stale, status=409)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                context = {
                    **self.assignment_context(),
                    "result": result,
                    "form": WorkbookConfirmForm(initial={"token": result.token}),
                }
                return self.render(PREVIEW_TEMPLATE, context)
        return self.render_upload(form, status=400)


class WorkbookApplyView(WorkbookUploadMixin, View):
    """
    POST only: apply the previewed changes. A refusal (answers changed meanwhile, an altered or expired
    confirmation) changes nothing and comes back on the upload page, above a fresh upload form.
    """

    def post(self, request, process_pk, pk):
        confirm = WorkbookConfirmForm(request.POST)
        if not confirm.is_valid():
            error = ValidationError(
                _("The confirmation is missing; nothing has been changed. Upload the workbook again.")
            )
            return self.refuse(error, status=400)
        try:
            count = services.assignment_workbook_apply(
                actor=request.user, assignment=self.assignment, token=confirm.cleaned_data["token"]
            )
        except services.WorkbookStale as stale:
            return self.refuse(stale, stale=stale, status=409)
        except ValidationError as error:
            return self.refuse(error, status=400)
        if count:
            messages.success(
                request,
                ngettext(
                    "The workbook's answer to %(count)d question has been saved.",
                    "The workbook's answers to %(count)d questions have been saved.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("The workbook changed no answer; nothing has been saved."))
        return redirect(self.assignment)

    def refuse(self, error: ValidationError, *, stale=None, status: int):
        form = WorkbookUploadForm()
        return self.render_upload(form, stale=stale, apply_errors=error.messages, status=status)
