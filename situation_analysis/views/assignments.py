"""
Views of the assignments: the NFP gives a checklist to a lead institution; its focal points answer on the answer
page and submit; the facilitator or the NFP comments per question, approves or requests changes; the NFP reopens.
Each view checks access, selects, validates, calls a service and redirects.

Rights: each view names one rule of situation_analysis.permissions (`rule`), which ProcessViewMixin checks on the
assignment once it is loaded (another process's assignment is a 404), whatever the method, so that a person
without the right gets 403 before a 405 could tell them more. What a person may do next (submit, review, reopen)
is asked of the assignment's workflow (situation_analysis.workflows), never restated here.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from mainstreaming import permissions as core_permissions
from mainstreaming.forms import ReasonForm
from mainstreaming.history import object_history
from mainstreaming.views import DocumentUploadView, ProcessViewMixin, ServiceFormView, add_service_errors
from situation_analysis import permissions
from situation_analysis.choices import AssignmentStatus
from situation_analysis.forms.assignments import (
    ANSWERS_FORM_ID,
    AnswerCommentForm,
    AnswersForm,
    AssignmentForm,
    ReviewForm,
    SubmitForm,
)
from situation_analysis.models import DataSource
from situation_analysis.selectors import assignments as selectors
from situation_analysis.selectors import checklists as checklist_selectors
from situation_analysis.services import assignments as services

# ---------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------


class AssignmentMixin:
    """Loads the assignment named in the URL (404 when it is not one of the process's); the view's rule is on it."""

    def load_objects(self):
        self.assignment = self.object = selectors.assignment_get(process=self.process, pk=self.kwargs["pk"])

    def assignment_context(self) -> dict:
        return {"assignment": self.assignment, "object": self.assignment, "checklist": self.assignment.checklist}


def _sources(process) -> list[DataSource]:
    return list(DataSource.objects.filter(process=process).order_by("name"))


# ---------------------------------------------------------------------------
# List and assigning
# ---------------------------------------------------------------------------


class AssignmentListView(ProcessViewMixin, TemplateView):
    rule = core_permissions.VIEW_INTERNAL
    template_name = "situation_analysis/assignment_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        status = status if status in AssignmentStatus.values else ""
        institution = self.request.GET.get("institution", "")
        institutions = list(self.process.institutions.order_by("name").only("pk", "name", "acronym"))
        institution_id = int(institution) if institution.isdigit() else None
        if institution_id not in {i.pk for i in institutions}:
            institution_id = None
        assignments = selectors.assignment_list(
            actor=self.request, process=self.process, status=status, institution_id=institution_id
        )
        return super().get_context_data(
            assignments=assignments,
            statuses=AssignmentStatus.choices,
            status=status,
            institutions=institutions,
            institution_id=institution_id,
            is_filtered=bool(status or institution_id),
            **kwargs,
        )


class AssignmentCreateView(ServiceFormView):
    """The NFP gives a checklist to a lead institution; a checklist assigned already goes to its assignment."""

    template_name = "situation_analysis/assignment_form.html"
    success_message = gettext_lazy("The checklist has been assigned; the lead institution has been told by e-mail.")

    def load_objects(self):
        self.checklist = checklist_selectors.checklist_get(process=self.process, pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        existing = selectors.checklist_assignment(checklist=self.checklist)
        if existing is not None:
            messages.info(request, _("This checklist has been assigned already: change its assignment here."))
            return redirect("situation_analysis:assignment_edit", process_pk=self.process.pk, pk=existing.pk)
        return super().get(request, *args, **kwargs)

    def build_form(self, data=None, files=None):
        return AssignmentForm(data, process=self.process)

    def extra_context(self):
        return {"checklist": self.checklist}

    def perform(self, form):
        return services.assignment_create(actor=self.request.user, checklist=self.checklist, **form.cleaned_data)


class AssignmentEditView(AssignmentMixin, ServiceFormView):
    rule = permissions.MANAGE
    template_name = "situation_analysis/assignment_form.html"
    success_message = gettext_lazy("The assignment has been changed.")

    def build_form(self, data=None, files=None):
        return AssignmentForm(data, process=self.process, assignment=self.assignment)

    def extra_context(self):
        return self.assignment_context()

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        return services.assignment_update(actor=self.request.user, assignment=self.assignment, reason=reason, **data)


# ---------------------------------------------------------------------------
# The answer page
# ---------------------------------------------------------------------------


class AssignmentDetailView(AssignmentMixin, ProcessViewMixin, TemplateView):
    """
    The answer page. Those who may read the answers see them with their evidence, files, comments and the
    findings citing them; the lead's focal points edit them here while the checklist is open; everybody else
    sees the questions and where the work stands.
    """

    rule = permissions.VIEW
    template_name = "situation_analysis/assignment_detail.html"

    def get_context_data(self, answers_form=None, conflict=None, comment_forms=None, **kwargs):
        assignment, request = self.assignment, self.request
        can_read = core_permissions.allows(request, permissions.READ, assignment)
        can_answer = core_permissions.allows(request, permissions.ANSWER, assignment)
        can_comment = can_read and core_permissions.allows(request, permissions.COMMENT, assignment)
        page = selectors.answer_page(assignment=assignment, can_read_answers=can_read)
        can_edit = can_answer and assignment.is_open
        if can_edit and answers_form is None:
            answers_form = AnswersForm(
                initial=AnswersForm.initial_for(page.questions, assignment.version),
                questions=page.questions,
                sources=_sources(self.process),
            )
        comment_forms = comment_forms or {}
        for question in page.questions:
            question.fields = answers_form.bound_fields_of(question) if can_edit else []
            if can_comment:
                question.comment_form = comment_forms.get(question.pk) or AnswerCommentForm(prefix=f"c{question.pk}")
        return super().get_context_data(
            **self.assignment_context(),
            page=page,
            can_read_answers=can_read,
            can_answer=can_answer,
            can_edit=can_edit,
            can_comment=can_comment,
            can_submit=assignment.can(request, "submit"),
            can_review=assignment.can(request, "approve"),
            can_reopen=assignment.can(request, "reopen"),
            can_manage=core_permissions.allows(request, permissions.MANAGE, assignment),
            answers_form=answers_form if can_edit else None,
            answers_form_id=ANSWERS_FORM_ID,
            conflict=conflict,
            **kwargs,
        )


class AnswersSaveView(AssignmentMixin, ProcessViewMixin, View):
    """
    POST only: the lead's answers to every question, as a draft. Answers changed by someone else since the form
    was opened refuse the save (409): the page comes back with what the person typed, what the other changed,
    and the current version, so that saving again, having seen it, applies.
    """

    rule = permissions.ANSWER

    def post(self, request, process_pk, pk):
        questions = selectors.assignment_questions(assignment=self.assignment)
        form = AnswersForm(request.POST, questions=questions, sources=_sources(self.process))
        if form.is_valid():
            try:
                services.answers_save(
                    actor=request.user,
                    assignment=self.assignment,
                    changes=form.changes(request.POST.keys()),
                    expected_version=form.cleaned_data["version"],
                )
            except services.AnswerConflict as conflict:
                data = request.POST.copy()
                data["version"] = str(conflict.current_version)
                form = AnswersForm(data, questions=questions, sources=_sources(self.process))
                form.is_valid()
                form.add_error(None, conflict)
                return self.render_page(form, conflict=conflict, status=409)
            except ValidationError as error:
                add_service_errors(form, error)
                if not self.assignment.is_open:
                    # Submitted or approved meanwhile: the page has no form left to show the reason beside.
                    messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Draft saved"))
                return redirect(self.assignment)
        return self.render_page(form, status=400)

    def render_page(self, form, *, conflict=None, status):
        view = AssignmentDetailView(request=self.request, kwargs=self.kwargs)
        view.process, view.perms, view.assignment = self.process, self.perms, self.assignment
        context = view.get_context_data(answers_form=form, conflict=conflict)
        return self.render(AssignmentDetailView.template_name, context, status=status)


class AnswerCommentView(AssignmentMixin, ProcessViewMixin, View):
    """POST only: a remark on one question's answer, from a reviewer, the lead or a contributing institution."""

    rule = permissions.COMMENT

    def load_objects(self):
        super().load_objects()
        self.question = selectors.question_get(assignment=self.assignment, pk=self.kwargs["question_pk"])

    def post(self, request, process_pk, pk, question_pk):
        form = AnswerCommentForm(request.POST, prefix=f"c{self.question.pk}")
        if form.is_valid():
            try:
                answer = services.answer_for_question(
                    actor=request.user, assignment=self.assignment, question=self.question
                )
                services.answer_comment(actor=request.user, answer=answer, text=form.cleaned_data["text"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your comment on %(code)s has been added.") % {"code": self.question.code})
                return redirect(f"{self.assignment.get_absolute_url()}#question-{self.question.pk}")
        view = AssignmentDetailView(request=request, kwargs=self.kwargs)
        view.process, view.perms, view.assignment = self.process, self.perms, self.assignment
        context = view.get_context_data(comment_forms={self.question.pk: form})
        return self.render(AssignmentDetailView.template_name, context, status=400)


class AnswerDocumentUploadView(AssignmentMixin, DocumentUploadView):
    """The lead's focal points attach a file as evidence to one question's answer while the checklist is open."""

    rule = permissions.ANSWER
    template_name = "situation_analysis/assignment_document_form.html"

    def load_objects(self):
        super().load_objects()
        self.question = selectors.question_get(assignment=self.assignment, pk=self.kwargs["question_pk"])

    def get_owner(self):
        return self.assignment

    def extra_context(self):
        return {**self.assignment_context(), "question": self.question}

    def perform(self, form):
        if not self.assignment.is_open:
            raise ValidationError(
                _("The answers are %(status)s and cannot be changed now.")
                % {"status": self.assignment.get_status_display().lower()}
            )
        answer = services.answer_for_question(
            actor=self.request.user, assignment=self.assignment, question=self.question
        )
        services.answer_document_attach(
            actor=self.request.user, answer=answer, uploaded=form.cleaned_data["file"], title=form.cleaned_data["title"]
        )
        return f"{self.assignment.get_absolute_url()}#question-{self.question.pk}"


# ---------------------------------------------------------------------------
# Submitting and reviewing
# ---------------------------------------------------------------------------


class AssignmentSubmitView(AssignmentMixin, ServiceFormView):
    """The lead hands the answers in: a confirmation page that says in advance which questions still lack one."""

    rule = permissions.ANSWER
    template_name = "situation_analysis/assignment_submit.html"
    success_message = gettext_lazy("The answers have been submitted; the reviewers have been told by e-mail.")

    def build_form(self, data=None, files=None):
        return SubmitForm(data)

    def extra_context(self):
        missing = selectors.unanswered_codes(self.assignment) if self.assignment.is_open else []
        return {**self.assignment_context(), "missing": missing}

    def perform(self, form):
        services.assignment_submit(
            actor=self.request.user, assignment=self.assignment, reason=form.cleaned_data["note"]
        )
        return self.assignment


class AssignmentReviewView(AssignmentMixin, ServiceFormView):
    """The facilitator or the NFP approves the submitted answers or sends them back with what to change."""

    rule = permissions.REVIEW
    template_name = "situation_analysis/assignment_review.html"
    success_message = ""

    def build_form(self, data=None, files=None):
        return ReviewForm(data)

    def extra_context(self):
        page = selectors.answer_page(assignment=self.assignment, can_read_answers=True)
        return {**self.assignment_context(), "page": page}

    def perform(self, form):
        decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
        if decision == ReviewForm.APPROVE:
            services.assignment_approve(actor=self.request.user, assignment=self.assignment, note=note)
            self.success_message = _("The answers are approved: every ministry can now read them.")
        else:
            services.assignment_request_changes(actor=self.request.user, assignment=self.assignment, reason=note)
            self.success_message = _("The checklist is back in draft with your request; the lead has been told.")
        return self.assignment


class AssignmentReopenView(AssignmentMixin, ServiceFormView):
    """The NFP reopens approved answers, saying why: the page asks for confirmation first."""

    rule = permissions.MANAGE
    template_name = "situation_analysis/assignment_reopen.html"
    success_message = gettext_lazy("The answers are open again as a draft; the lead institution has been told.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def extra_context(self):
        return self.assignment_context()

    def perform(self, form):
        services.assignment_reopen(
            actor=self.request.user, assignment=self.assignment, reason=form.cleaned_data["reason"]
        )
        return self.assignment


# ---------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------


class AssignmentHistoryView(AssignmentMixin, ProcessViewMixin, TemplateView):
    """The assignment's changes, then its answers'. Only for those who may read the answers (others get 403)."""

    rule = permissions.READ
    template_name = "situation_analysis/assignment_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.assignment_context(),
            entries=object_history(self.assignment),
            answer_entries=selectors.answer_history(assignment=self.assignment),
            **kwargs,
        )
