"""
Views of the evaluations area: the evaluations with the M&E plan's schedule, an evaluation's page (questions,
findings by question, recommendations with their management responses and follow-up), the forms that write them,
the management-response tracker, and the History tabs.

Every internal reader (the NFP, ministries, the facilitator) reads these pages; development partners get 403
(internal work); only the NFP writes, except a response's progress, which the focal points of its owner
institution report too. Objects of another process answer 404 before any role check (load_objects).
"""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from mainstreaming import permissions as core_permissions
from mainstreaming.choices import Role
from mainstreaming.forms import ReasonForm
from mainstreaming.selectors import request_membership
from mainstreaming.views import ObjectHistoryView, ProcessViewMixin, ServiceFormView
from monitoring import permissions
from monitoring.choices import EvaluationKind
from monitoring.forms.evaluations import (
    EvaluationForm,
    FindingForm,
    QuestionForm,
    RecommendationForm,
    ResponseFilterForm,
    ResponseForm,
    ResponseProgressForm,
)
from monitoring.selectors import evaluations as selectors
from monitoring.services import evaluations as services

MANAGE_PROCESS = core_permissions.MANAGE_PROCESS


def _list_url(process) -> str:
    return reverse("monitoring:evaluation_list", kwargs={"process_pk": process.pk})


def _can_update(request, process, responses) -> dict[int, bool]:
    """Which responses the user may report progress on, their object permissions read in bulk (two queries)."""
    responses = [response for response in responses if response is not None]
    if not responses:
        return {}
    if MANAGE_PROCESS in core_permissions.process_perms(request, process):
        return {response.pk: True for response in responses}
    for response in responses:
        response.process = process  # all of them belong to it: the selectors scope them so
    if not request.user.is_superuser:
        core_permissions.checker_for(request).prefetch_perms(responses)
    return {response.pk: core_permissions.allows(request, permissions.UPDATE, response) for response in responses}


class _ReadView(ProcessViewMixin, TemplateView):
    rule = core_permissions.VIEW_INTERNAL

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_manage=MANAGE_PROCESS in self.perms, **kwargs)


class _FormView(ServiceFormView):
    """An NFP form about one record; `heading` and `cancel_url` fill the shared item templates."""

    heading = ""

    def extra_context(self) -> dict:
        record = getattr(self, "record", None)
        evaluation = getattr(self, "evaluation", None)
        return {
            "object": record,
            "evaluation": evaluation,
            "heading": self.heading,
            "cancel_url": self.cancel_url(),
        } | self.more_context()

    def cancel_url(self) -> str:
        evaluation = getattr(self, "evaluation", None)
        return evaluation.get_absolute_url() if evaluation else _list_url(self.process)

    def more_context(self) -> dict:
        return {}


def _reason(form) -> str:
    return form.cleaned_data.get("reason", "") or ""


# ---------------------------------------------------------------------------
# Mixins that load the object named in the URL (404 when it is not in this process)
# ---------------------------------------------------------------------------


class EvaluationMixin:
    def load_objects(self):
        self.record = self.evaluation = selectors.evaluation_get(process=self.process, pk=self.kwargs["pk"])


class QuestionMixin:
    def load_objects(self):
        self.record = self.question = selectors.question_get(process=self.process, pk=self.kwargs["pk"])
        self.evaluation = self.question.evaluation


class FindingMixin:
    def load_objects(self):
        self.record = self.finding = selectors.finding_get(process=self.process, pk=self.kwargs["pk"])
        self.evaluation = self.finding.evaluation


class RecommendationMixin:
    def load_objects(self):
        self.record = self.recommendation = selectors.recommendation_get(process=self.process, pk=self.kwargs["pk"])
        self.evaluation = self.recommendation.evaluation


class ResponseMixin(RecommendationMixin):
    """The response to the recommendation in the URL; 404 while the management has not responded."""

    def load_objects(self):
        super().load_objects()
        self.response = selectors.response_of(recommendation=self.recommendation)
        if self.response is None:
            raise Http404


# ---------------------------------------------------------------------------
# Evaluations
# ---------------------------------------------------------------------------


class EvaluationListView(_ReadView):
    """The process's evaluations, with the M&E plan's schedule and what is still to be planned."""

    template_name = "monitoring/evaluation_list.html"

    def get_context_data(self, **kwargs):
        evaluations = selectors.evaluation_list(process=self.process)
        planned_kinds = {evaluation.kind for evaluation in evaluations}
        me_plan = selectors.me_plan_of(process=self.process)
        schedule = [
            {
                "kind": EvaluationKind.MIDTERM,
                "label": EvaluationKind.MIDTERM.label,
                "on": me_plan.midterm_evaluation_on if me_plan else None,
                "planned": EvaluationKind.MIDTERM in planned_kinds,
            },
            {
                "kind": EvaluationKind.FINAL,
                "label": EvaluationKind.FINAL.label,
                "on": me_plan.final_evaluation_on if me_plan else None,
                "planned": EvaluationKind.FINAL in planned_kinds,
            },
        ]
        return super().get_context_data(
            evaluations=evaluations,
            me_plan=me_plan,
            schedule=schedule,
            open_count=sum(evaluation.open_count for evaluation in evaluations),
            overdue_count=sum(evaluation.overdue_count for evaluation in evaluations),
            **kwargs,
        )


class EvaluationDetailView(EvaluationMixin, _ReadView):
    template_name = "monitoring/evaluation_detail.html"

    def get_context_data(self, **kwargs):
        detail = selectors.evaluation_detail(evaluation=self.evaluation)
        can_update = _can_update(self.request, self.process, [r.management_response for r in detail.recommendations])
        for recommendation in detail.recommendations:
            response = recommendation.management_response
            recommendation.can_update = bool(
                response is not None and response.is_following_up and can_update.get(response.pk)
            )
        return super().get_context_data(evaluation=self.evaluation, object=self.evaluation, detail=detail, **kwargs)


class EvaluationCreateView(_FormView):
    template_name = "monitoring/evaluation_form.html"
    success_message = gettext_lazy("The evaluation has been planned: add its questions next.")

    def build_form(self, data=None, files=None):
        kind = self.request.GET.get("kind", "")
        initial = services.evaluation_defaults(process=self.process, kind=kind) if data is None else {}
        return EvaluationForm(data, initial=initial)

    def perform(self, form):
        return services.evaluation_create(actor=self.request.user, process=self.process, **form.evaluation_data())


class EvaluationEditView(EvaluationMixin, _FormView):
    template_name = "monitoring/evaluation_form.html"
    success_message = gettext_lazy("The evaluation has been updated.")

    def build_form(self, data=None, files=None):
        return EvaluationForm(data, editing=True, initial=EvaluationForm.initial_for(self.evaluation))

    def perform(self, form):
        return services.evaluation_update(
            actor=self.request.user, evaluation=self.evaluation, data=form.evaluation_data(), reason=_reason(form)
        )


class EvaluationDeleteView(EvaluationMixin, _FormView):
    template_name = "monitoring/evaluation_delete.html"
    success_message = gettext_lazy("The evaluation has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def perform(self, form):
        services.evaluation_delete(
            actor=self.request.user, evaluation=self.evaluation, reason=form.cleaned_data["reason"]
        )
        return _list_url(self.process)


class EvaluationHistoryView(EvaluationMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.evaluation


# ---------------------------------------------------------------------------
# Questions, findings and recommendations
# ---------------------------------------------------------------------------


class QuestionCreateView(EvaluationMixin, _FormView):
    template_name = "monitoring/evaluation_item_form.html"
    success_message = gettext_lazy("The question has been added.")
    heading = gettext_lazy("Add a question")

    def load_objects(self):
        super().load_objects()
        self.record = None

    def build_form(self, data=None, files=None):
        return QuestionForm(data)

    def perform(self, form):
        services.question_create(
            actor=self.request.user, evaluation=self.evaluation, **form.service_data(("text", "criterion"))
        )
        return self.evaluation.get_absolute_url() + "#questions"


class QuestionEditView(QuestionMixin, _FormView):
    template_name = "monitoring/evaluation_item_form.html"
    success_message = gettext_lazy("The question has been updated.")
    heading = gettext_lazy("Edit the question")

    def build_form(self, data=None, files=None):
        initial = {"text": self.question.text, "criterion": self.question.criterion}
        return QuestionForm(data, editing=True, initial=initial)

    def more_context(self):
        return {
            "history_url": reverse("monitoring:evaluation_question_history", args=[self.process.pk, self.question.pk])
        }

    def perform(self, form):
        services.question_update(
            actor=self.request.user,
            question=self.question,
            data=form.service_data(("text", "criterion")),
            reason=_reason(form),
        )
        return self.question.get_absolute_url()


class QuestionDeleteView(QuestionMixin, _FormView):
    template_name = "monitoring/evaluation_item_delete.html"
    success_message = gettext_lazy("The question has been removed; the history keeps it.")
    heading = gettext_lazy("Remove the question")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def more_context(self):
        return {"consequence": gettext_lazy("The findings that answer it stay, answering no particular question.")}

    def perform(self, form):
        services.question_delete(actor=self.request.user, question=self.question, reason=form.cleaned_data["reason"])
        return self.evaluation.get_absolute_url() + "#questions"


class QuestionHistoryView(QuestionMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.question


class FindingCreateView(EvaluationMixin, _FormView):
    template_name = "monitoring/evaluation_item_form.html"
    success_message = gettext_lazy("The finding has been added.")
    heading = gettext_lazy("Add a finding")

    def load_objects(self):
        super().load_objects()
        self.record = None

    def build_form(self, data=None, files=None):
        return FindingForm(data, evaluation=self.evaluation, initial={"question": self.request.GET.get("question")})

    def perform(self, form):
        services.finding_create(
            actor=self.request.user, evaluation=self.evaluation, **form.service_data(("text", "question"))
        )
        return self.evaluation.get_absolute_url() + "#findings"


class FindingEditView(FindingMixin, _FormView):
    template_name = "monitoring/evaluation_item_form.html"
    success_message = gettext_lazy("The finding has been updated.")
    heading = gettext_lazy("Edit the finding")

    def build_form(self, data=None, files=None):
        initial = {"text": self.finding.text, "question": self.finding.question_id}
        return FindingForm(data, evaluation=self.evaluation, editing=True, initial=initial)

    def more_context(self):
        return {
            "history_url": reverse("monitoring:evaluation_finding_history", args=[self.process.pk, self.finding.pk])
        }

    def perform(self, form):
        services.finding_update(
            actor=self.request.user,
            finding=self.finding,
            data=form.service_data(("text", "question")),
            reason=_reason(form),
        )
        return self.finding.get_absolute_url()


class FindingDeleteView(FindingMixin, _FormView):
    template_name = "monitoring/evaluation_item_delete.html"
    success_message = gettext_lazy("The finding has been removed; the history keeps it.")
    heading = gettext_lazy("Remove the finding")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def perform(self, form):
        services.finding_delete(actor=self.request.user, finding=self.finding, reason=form.cleaned_data["reason"])
        return self.evaluation.get_absolute_url() + "#findings"


class FindingHistoryView(FindingMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.finding


class RecommendationCreateView(EvaluationMixin, _FormView):
    template_name = "monitoring/recommendation_form.html"
    success_message = gettext_lazy("The recommendation has been added: record the management's response next.")
    heading = gettext_lazy("Add a recommendation")

    def load_objects(self):
        super().load_objects()
        self.record = None

    def build_form(self, data=None, files=None):
        return RecommendationForm(data)

    def perform(self, form):
        return services.recommendation_create(
            actor=self.request.user, evaluation=self.evaluation, **form.service_data(("text", "addressed_to"))
        )


class RecommendationEditView(RecommendationMixin, _FormView):
    template_name = "monitoring/recommendation_form.html"
    success_message = gettext_lazy("The recommendation has been updated.")
    heading = gettext_lazy("Edit the recommendation")

    def build_form(self, data=None, files=None):
        initial = {"text": self.recommendation.text, "addressed_to": self.recommendation.addressed_to}
        return RecommendationForm(data, editing=True, initial=initial)

    def perform(self, form):
        return services.recommendation_update(
            actor=self.request.user,
            recommendation=self.recommendation,
            data=form.service_data(("text", "addressed_to")),
            reason=_reason(form),
        )


class RecommendationDeleteView(RecommendationMixin, _FormView):
    template_name = "monitoring/recommendation_delete.html"
    success_message = gettext_lazy("The recommendation has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def more_context(self):
        return {"response": selectors.response_of(recommendation=self.recommendation)}

    def perform(self, form):
        services.recommendation_delete(
            actor=self.request.user, recommendation=self.recommendation, reason=form.cleaned_data["reason"]
        )
        return self.evaluation.get_absolute_url() + "#recommendations"


class RecommendationHistoryView(RecommendationMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.recommendation


# ---------------------------------------------------------------------------
# Management responses
# ---------------------------------------------------------------------------


class ResponseEditView(RecommendationMixin, _FormView):
    """The NFP records or changes the management's response to a recommendation."""

    template_name = "monitoring/response_form.html"
    success_message = gettext_lazy("The management response has been saved.")

    def load_objects(self):
        super().load_objects()
        self.response = selectors.response_of(recommendation=self.recommendation)

    def build_form(self, data=None, files=None):
        response = self.response
        initial = {}
        if response is not None:
            initial = {
                "decision": response.decision,
                "rationale": response.rationale,
                "action": response.action,
                "owner": response.owner_id,
                "due_on": response.due_on,
            }
        return ResponseForm(data, process=self.process, editing=response is not None, initial=initial)

    def more_context(self):
        return {"recommendation": self.recommendation, "response": self.response}

    def perform(self, form):
        services.response_save(
            actor=self.request.user, recommendation=self.recommendation, **form.response_data(), reason=_reason(form)
        )
        return self.recommendation.get_absolute_url()


class ResponseProgressView(ResponseMixin, _FormView):
    """The owner institution's focal points, or the NFP, report how far the follow-up has come; others get 403."""

    rule = core_permissions.VIEW_INTERNAL
    template_name = "monitoring/response_progress.html"
    success_message = gettext_lazy("The progress of the follow-up has been recorded.")

    def load_objects(self):
        super().load_objects()
        core_permissions.require(self.request, permissions.UPDATE, self.response)

    def build_form(self, data=None, files=None):
        response = self.response
        initial = {
            "status": response.status,
            "progress_note": response.progress_note,
            "completed_on": response.completed_on,
        }
        return ResponseProgressForm(data, initial=initial)

    def more_context(self):
        return {
            "recommendation": self.recommendation,
            "response": self.response,
            "is_overdue": self.response.is_overdue_on(),
        }

    def perform(self, form):
        services.response_progress(actor=self.request.user, response=self.response, **form.cleaned_data)
        return self.recommendation.get_absolute_url()


class ResponseHistoryView(ResponseMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.response


class ResponseListView(_ReadView):
    """Every management response of the process, with its owner, due date and follow-up: the tracker."""

    template_name = "monitoring/response_list.html"

    def get_context_data(self, **kwargs):
        form = ResponseFilterForm(self.request.GET or None, process=self.process)
        filters = form.filters() if self.request.GET else {"owner_id": None, "open_only": False, "overdue_only": False}
        responses = selectors.response_list(process=self.process, **filters)
        can_update = _can_update(self.request, self.process, responses)
        for response in responses:
            response.can_update = response.is_following_up and can_update.get(response.pk, False)
        membership = request_membership(self.request, self.process)
        my_institution = membership.institution if membership and membership.role == Role.MINISTRY else None
        return super().get_context_data(
            filter_form=form,
            is_filtered=any(filters.values()),
            responses=responses,
            show_update=any(response.can_update for response in responses),
            my_institution=my_institution,
            today=timezone.localdate(),
            **kwargs,
        )
