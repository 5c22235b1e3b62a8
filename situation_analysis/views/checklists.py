"""
Views of the situation analysis's first slice: the process's sector checklists (adopted from the handbook's
templates, adapted by the NFP) and its data sources. Everyone who sees the process's internal work reads these
pages (development partners do not); only the NFP changes them. Each view checks access, selects, validates,
calls a service and redirects.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from mainstreaming import permissions
from mainstreaming.forms import OptionalReasonForm
from mainstreaming.views import ObjectHistoryView, ProcessViewMixin, ServiceFormView
from situation_analysis.forms.checklists import (
    ChecklistForm,
    QuestionCreateForm,
    QuestionDropForm,
    QuestionEditForm,
)
from situation_analysis.selectors import checklists as selectors
from situation_analysis.selectors.assignments import assignments_by_checklist, checklist_assignment
from situation_analysis.services import checklists as services


def _without(cleaned: dict, name: str) -> tuple[dict, str]:
    data = {key: value for key, value in cleaned.items() if key != name}
    return data, cleaned.get(name) or ""


# ---------------------------------------------------------------------------
# Checklists
# ---------------------------------------------------------------------------


class ChecklistListView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/checklist_list.html"

    def get_context_data(self, **kwargs):
        checklists = selectors.checklist_list(process=self.process)
        # Each checklist's assignment (or None), with its lead: one query for all.
        by_checklist = assignments_by_checklist(checklists, actor=self.request)
        for checklist in checklists:
            checklist.current_assignment = by_checklist.get(checklist.pk)
        return super().get_context_data(
            checklists=checklists,
            templates=list(selectors.templates_not_adopted(process=self.process)),
            **kwargs,
        )


class ChecklistAdoptView(ProcessViewMixin, View):
    """Adopt one current template (`template`) or all of those not adopted yet (`all=1`); POST only."""

    rule = permissions.MANAGE_PROCESS

    def post(self, request, process_pk):
        if request.POST.get("all") == "1":
            adopted = services.checklist_adopt_all(actor=request.user, process=self.process)
            if adopted:
                messages.success(request, _("%(count)d checklists have been adopted.") % {"count": len(adopted)})
            else:
                messages.info(request, _("Every current checklist has been adopted already."))
            return redirect("situation_analysis:checklist_list", process_pk=self.process.pk)
        pk = request.POST.get("template", "")
        template = selectors.current_template_get(pk=pk) if pk.isdigit() else None
        try:
            if template is None:
                raise ValidationError({"template": _("Choose a current checklist template.")})
            checklist = services.checklist_adopt(actor=request.user, process=self.process, template=template)
        except ValidationError as error:
            # Refused: the list comes back with the reason beside the templates, and nothing is saved.
            view = ChecklistListView(request=request, kwargs=self.kwargs)
            view.process, view.perms = self.process, self.perms
            context = view.get_context_data(adopt_errors=error.messages)
            return self.render(ChecklistListView.template_name, context, status=400)
        messages.success(request, _("The checklist has been adopted: adapt it to the country as needed."))
        return redirect(checklist)


class ChecklistMixin:
    def load_objects(self):
        self.checklist = selectors.checklist_get(process=self.process, pk=self.kwargs["pk"])


class ChecklistDetailView(ChecklistMixin, ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "situation_analysis/checklist_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            checklist=self.checklist,
            object=self.checklist,
            questions=selectors.checklist_questions(checklist=self.checklist),
            stakeholders=selectors.stakeholder_lines(self.checklist.suggested_stakeholders),
            assignment=checklist_assignment(checklist=self.checklist),
            **kwargs,
        )


class ChecklistEditView(ChecklistMixin, ServiceFormView):
    template_name = "situation_analysis/checklist_form.html"
    success_message = gettext_lazy("The checklist has been updated.")

    def build_form(self, data=None, files=None):
        return ChecklistForm(data, initial=ChecklistForm.initial_for(self.checklist))

    def extra_context(self):
        return {"checklist": self.checklist, "object": self.checklist}

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        return services.checklist_update(actor=self.request.user, checklist=self.checklist, data=data, reason=reason)


class ChecklistHistoryView(ChecklistMixin, ObjectHistoryView):
    """The checklist's own changes, then every change to its questions: added, reworded, dropped, restored."""

    template_name = "situation_analysis/checklist_history.html"

    def get_history_object(self):
        return self.checklist

    def get_context_data(self, **kwargs):
        return super().get_context_data(question_entries=selectors.checklist_question_history(self.checklist), **kwargs)


class QuestionCreateView(ChecklistMixin, ServiceFormView):
    template_name = "situation_analysis/question_form.html"
    success_message = gettext_lazy("The question has been added.")

    def build_form(self, data=None, files=None):
        initial = {}
        if self.request.GET.get("block") in services.BLOCK_PREFIX:
            initial["block"] = self.request.GET["block"]
        return QuestionCreateForm(data, initial=initial)

    def extra_context(self):
        return {"checklist": self.checklist}

    def perform(self, form):
        services.question_add(actor=self.request.user, checklist=self.checklist, **form.cleaned_data)
        return self.checklist


class QuestionMixin(ChecklistMixin):
    def load_objects(self):
        super().load_objects()
        self.question = selectors.question_get(checklist=self.checklist, pk=self.kwargs["question_pk"])


class QuestionEditView(QuestionMixin, ServiceFormView):
    template_name = "situation_analysis/question_form.html"
    success_message = gettext_lazy("The question has been changed.")

    def build_form(self, data=None, files=None):
        return QuestionEditForm(data, initial=QuestionEditForm.initial_for(self.question))

    def extra_context(self):
        return {"checklist": self.checklist, "question": self.question}

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        services.question_update(actor=self.request.user, question=self.question, data=data, reason=reason)
        return self.checklist


class QuestionDropView(QuestionMixin, ServiceFormView):
    template_name = "situation_analysis/question_drop.html"
    success_message = gettext_lazy("The question has been dropped from this process's checklist.")

    def build_form(self, data=None, files=None):
        return QuestionDropForm(data)

    def extra_context(self):
        return {"checklist": self.checklist, "question": self.question}

    def perform(self, form):
        services.question_drop(actor=self.request.user, question=self.question, reason=form.cleaned_data["reason"])
        return self.checklist


class QuestionRestoreView(QuestionMixin, ProcessViewMixin, View):
    rule = permissions.MANAGE_PROCESS

    def post(self, request, process_pk, pk, question_pk):
        form = OptionalReasonForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            services.question_restore(actor=request.user, question=self.question, reason=reason)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The question is back in the checklist."))
        return redirect(self.checklist)
