"""
Views of the goals area: the national plan's pillars, the goals, the prioritisation criteria, the candidate
priorities with their scoring, ranking and selection, and the SMART targets.

Every internal reader (the NFP, ministries, the facilitator) reads these pages; development partners get 403 (they
read the published plan instead); only the NFP writes. The facilitator reviews and comments on goals and
priorities. Scoring is open to the committee's members (services.goals.can_score): others get 403.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from implementation_plans import permissions as plan_permissions
from implementation_plans import smart
from implementation_plans.forms.goals import (
    CriterionForm,
    GoalForm,
    PillarForm,
    PriorityForm,
    ScoreSheetForm,
    SelectForm,
    TargetForm,
)
from implementation_plans.selectors import goals as selectors
from implementation_plans.services import goals as services
from mainstreaming import permissions
from mainstreaming.forms import ReasonForm
from mainstreaming.views import ObjectHistoryView, ProcessViewMixin, ServiceFormView


def _without(data: dict, name: str) -> tuple[dict, str]:
    data = dict(data)
    return data, data.pop(name, "") or ""


def _plan_state(process) -> dict:
    """Whether the plan is frozen (in review or endorsed) or published, for the notice above each form."""
    plan = selectors.plan_for_goals(process=process)
    return {"plan": plan, "plan_frozen": plan is not None and plan.is_frozen}


class _ReadView(ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL

    def get_context_data(self, **kwargs):
        can_manage = permissions.allows(self.request, plan_permissions.MANAGE, self.process)
        return super().get_context_data(can_manage=can_manage, **kwargs)


class _FormView(ServiceFormView):
    """The NFP's forms: the plan's state for the notice, and the record being changed as `object`."""

    def extra_context(self) -> dict:
        return _plan_state(self.process) | {"object": getattr(self, "record", None)} | self.more_context()

    def more_context(self) -> dict:
        return {}


# ---------------------------------------------------------------------------
# National plan pillars
# ---------------------------------------------------------------------------


class PillarMixin:
    def load_objects(self):
        self.record = self.pillar = selectors.pillar_get(process=self.process, pk=self.kwargs["pk"])


class PillarListView(_ReadView):
    template_name = "implementation_plans/pillar_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(pillars=selectors.pillar_list(process=self.process), **kwargs)


def _pillar_list_url(process) -> str:
    return reverse("implementation_plans:pillar_list", kwargs={"process_pk": process.pk})


class PillarCreateView(_FormView):
    template_name = "implementation_plans/pillar_form.html"
    success_message = gettext_lazy("The pillar has been added.")

    def build_form(self, data=None, files=None):
        return PillarForm(data)

    def perform(self, form):
        services.pillar_create(actor=self.request.user, process=self.process, **form.cleaned_data)
        return _pillar_list_url(self.process)


class PillarEditView(PillarMixin, _FormView):
    template_name = "implementation_plans/pillar_form.html"
    success_message = gettext_lazy("The pillar has been updated.")

    def build_form(self, data=None, files=None):
        return PillarForm(data, editing=True, initial=PillarForm.initial_for(self.pillar))

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        services.pillar_update(actor=self.request.user, pillar=self.pillar, data=data, reason=reason)
        return _pillar_list_url(self.process)


class PillarDeleteView(PillarMixin, _FormView):
    template_name = "implementation_plans/pillar_delete.html"
    success_message = gettext_lazy("The pillar has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def perform(self, form):
        services.pillar_delete(actor=self.request.user, pillar=self.pillar, reason=form.cleaned_data["reason"])
        return _pillar_list_url(self.process)


class PillarHistoryView(PillarMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.pillar


# ---------------------------------------------------------------------------
# Goals
# ---------------------------------------------------------------------------


class GoalMixin:
    def load_objects(self):
        self.record = self.goal = selectors.goal_get(process=self.process, pk=self.kwargs["pk"])


class GoalListView(_ReadView):
    """The goals in order with their tags and how many priorities each has; links to the prioritisation."""

    template_name = "implementation_plans/goal_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            goals=selectors.goal_list(process=self.process),
            smart=selectors.smart_counts(process=self.process),
            can_score=permissions.allows(self.request, plan_permissions.SCORE, self.process),
            **kwargs,
        )


class GoalDetailView(GoalMixin, _ReadView):
    """A goal, the findings it answers, its priorities with their scores and targets, and the golden thread."""

    template_name = "implementation_plans/goal_detail.html"

    def get_context_data(self, **kwargs):
        detail = selectors.goal_detail(goal=self.goal)
        return super().get_context_data(
            goal=detail.goal,
            object=detail.goal,
            detail=detail,
            smart_letters=smart.SMART,
            **kwargs,
        )


class GoalCreateView(_FormView):
    template_name = "implementation_plans/goal_form.html"
    success_message = gettext_lazy("The goal has been recorded.")

    def build_form(self, data=None, files=None):
        return GoalForm(data, process=self.process, initial=self.from_finding())

    def from_finding(self) -> dict:
        """`?finding=<id>` from a finding's page: the goal answers it, in its sector."""
        finding_id = self.request.GET.get("finding", "")
        finding = self.process.findings.filter(pk=finding_id).first() if finding_id.isdigit() else None
        if finding is None:
            return {}
        return {"findings": [finding.pk], "sectors": [finding.sector_id] if finding.sector_id else []}

    def perform(self, form):
        return services.goal_create(actor=self.request.user, process=self.process, **form.cleaned_data)


class GoalEditView(GoalMixin, _FormView):
    template_name = "implementation_plans/goal_form.html"
    success_message = gettext_lazy("The goal has been updated.")

    def build_form(self, data=None, files=None):
        return GoalForm(data, process=self.process, editing=True, initial=GoalForm.initial_for(self.goal))

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        return services.goal_update(actor=self.request.user, goal=self.goal, data=data, reason=reason)


class GoalDeleteView(GoalMixin, _FormView):
    template_name = "implementation_plans/goal_delete.html"
    success_message = gettext_lazy("The goal has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def perform(self, form):
        services.goal_delete(actor=self.request.user, goal=self.goal, reason=form.cleaned_data["reason"])
        return reverse("implementation_plans:goal_list", kwargs={"process_pk": self.process.pk})


class GoalHistoryView(GoalMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.goal


# ---------------------------------------------------------------------------
# Prioritisation criteria
# ---------------------------------------------------------------------------


class CriterionMixin:
    def load_objects(self):
        self.record = self.criterion = selectors.criterion_get(process=self.process, pk=self.kwargs["pk"])


def _criterion_list_url(process) -> str:
    return reverse("implementation_plans:criterion_list", kwargs={"process_pk": process.pk})


class CriterionListView(_ReadView):
    template_name = "implementation_plans/criterion_list.html"

    def get_context_data(self, **kwargs):
        criteria = selectors.criterion_list(process=self.process)
        return super().get_context_data(
            criteria=criteria, total_weight=sum(criterion.weight for criterion in criteria), **kwargs
        )


class CriterionCreateView(_FormView):
    template_name = "implementation_plans/criterion_form.html"
    success_message = gettext_lazy("The criterion has been added.")

    def build_form(self, data=None, files=None):
        return CriterionForm(data)

    def perform(self, form):
        services.criterion_create(actor=self.request.user, process=self.process, **form.cleaned_data)
        return _criterion_list_url(self.process)


class CriterionEditView(CriterionMixin, _FormView):
    template_name = "implementation_plans/criterion_form.html"
    success_message = gettext_lazy("The criterion has been updated; the ranking follows.")

    def build_form(self, data=None, files=None):
        return CriterionForm(data, editing=True, initial=CriterionForm.initial_for(self.criterion))

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        services.criterion_update(actor=self.request.user, criterion=self.criterion, data=data, reason=reason)
        return _criterion_list_url(self.process)


class CriterionDeleteView(CriterionMixin, _FormView):
    template_name = "implementation_plans/criterion_delete.html"
    success_message = gettext_lazy("The criterion and its scores have been removed; the history keeps them.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def more_context(self):
        return {"score_count": self.criterion.scores.count()}

    def perform(self, form):
        services.criterion_delete(actor=self.request.user, criterion=self.criterion, reason=form.cleaned_data["reason"])
        return _criterion_list_url(self.process)


class CriterionHistoryView(CriterionMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.criterion


# ---------------------------------------------------------------------------
# Priorities: detail, forms, ranking, scoring, selection
# ---------------------------------------------------------------------------


class PriorityMixin:
    def load_objects(self):
        self.record = self.priority = selectors.priority_get(process=self.process, pk=self.kwargs["pk"])


class PriorityDetailView(PriorityMixin, _ReadView):
    template_name = "implementation_plans/priority_detail.html"

    def get_context_data(self, **kwargs):
        detail = selectors.priority_detail(priority=self.priority)
        return super().get_context_data(
            priority=self.priority,
            object=self.priority,
            detail=detail,
            smart_letters=smart.SMART,
            **kwargs,
        )


class PriorityCreateView(GoalMixin, _FormView):
    """A candidate priority under the goal named in the URL."""

    template_name = "implementation_plans/priority_form.html"
    success_message = gettext_lazy("The candidate priority has been added.")

    def build_form(self, data=None, files=None):
        return PriorityForm(data, process=self.process)

    def more_context(self):
        return {"goal": self.goal, "object": None}

    def perform(self, form):
        return services.priority_create(actor=self.request.user, goal=self.goal, **form.cleaned_data)


class PriorityEditView(PriorityMixin, _FormView):
    template_name = "implementation_plans/priority_form.html"
    success_message = gettext_lazy("The priority has been updated.")

    def build_form(self, data=None, files=None):
        initial = PriorityForm.initial_for(self.priority)
        return PriorityForm(data, process=self.process, editing=True, initial=initial)

    def more_context(self):
        return {"goal": self.priority.goal}

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        return services.priority_update(actor=self.request.user, priority=self.priority, data=data, reason=reason)


class PriorityDeleteView(PriorityMixin, _FormView):
    template_name = "implementation_plans/priority_delete.html"
    success_message = gettext_lazy("The priority has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def more_context(self):
        return {"goal": self.priority.goal}

    def perform(self, form):
        services.priority_delete(actor=self.request.user, priority=self.priority, reason=form.cleaned_data["reason"])
        return self.priority.goal.get_absolute_url()


class PriorityHistoryView(PriorityMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.priority


class PriorityRankingView(_ReadView):
    """The candidate and selected priorities ranked by their weighted score, with each criterion's breakdown."""

    template_name = "implementation_plans/priority_ranking.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            ranking=selectors.ranking(process=self.process),
            can_score=permissions.allows(self.request, plan_permissions.SCORE, self.process),
            **kwargs,
        )


class PriorityScoreView(_FormView):
    """A committee member's own scores of every candidate priority against every criterion."""

    rule = plan_permissions.SCORE
    template_name = "implementation_plans/priority_score.html"
    success_message = gettext_lazy("Your scores have been saved.")

    def load_objects(self):
        self.sheet = None

    def build_form(self, data=None, files=None):
        if self.sheet is None:
            self.sheet = selectors.score_sheet(process=self.process, user=self.request.user)
        return ScoreSheetForm(data, sheet=self.sheet)

    def more_context(self):
        return {"sheet": self.sheet}

    def perform(self, form):
        services.scores_save(actor=self.request.user, process=self.process, scores=form.scores())
        return reverse("implementation_plans:priority_ranking", kwargs={"process_pk": self.process.pk})


class PrioritySelectView(PriorityMixin, _FormView):
    """The NFP selects a candidate for the plan, saying why; the page shows its score first."""

    template_name = "implementation_plans/priority_select.html"
    success_message = gettext_lazy("The priority is selected: give it SMART targets next.")
    selecting = True

    def build_form(self, data=None, files=None):
        return SelectForm(data)

    def more_context(self):
        detail = selectors.priority_detail(priority=self.priority)
        return {"priority": self.priority, "detail": detail, "selecting": self.selecting}

    def perform(self, form):
        service = services.priority_select if self.selecting else services.priority_unselect
        service(actor=self.request.user, priority=self.priority, reason=form.cleaned_data["reason"])
        return self.priority


class PriorityUnselectView(PrioritySelectView):
    success_message = gettext_lazy("The priority is back among the candidates.")
    selecting = False


# ---------------------------------------------------------------------------
# SMART targets
# ---------------------------------------------------------------------------


class TargetMixin:
    def load_objects(self):
        self.record = self.target = selectors.target_get(process=self.process, pk=self.kwargs["pk"])
        self.priority = self.target.priority


class TargetCreateView(PriorityMixin, _FormView):
    template_name = "implementation_plans/target_form.html"
    success_message = gettext_lazy("The target has been added.")

    def build_form(self, data=None, files=None):
        return TargetForm(data, process=self.process)

    def more_context(self):
        return {"priority": self.priority, "object": None}

    def perform(self, form):
        target = services.target_create(actor=self.request.user, priority=self.priority, **form.cleaned_data)
        return target.get_absolute_url()


class TargetEditView(TargetMixin, _FormView):
    template_name = "implementation_plans/target_form.html"
    success_message = gettext_lazy("The target has been updated.")

    def build_form(self, data=None, files=None):
        initial = TargetForm.initial_for(self.target)
        return TargetForm(data, process=self.process, editing=True, initial=initial)

    def more_context(self):
        return {"priority": self.priority}

    def perform(self, form):
        data, reason = _without(form.cleaned_data, "reason")
        target = services.target_update(actor=self.request.user, target=self.target, data=data, reason=reason)
        return target.get_absolute_url()


class TargetDeleteView(TargetMixin, _FormView):
    template_name = "implementation_plans/target_delete.html"
    success_message = gettext_lazy("The target has been removed; the history keeps it.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def more_context(self):
        return {"priority": self.priority}

    def perform(self, form):
        services.target_delete(actor=self.request.user, target=self.target, reason=form.cleaned_data["reason"])
        return self.priority.get_absolute_url() + "#targets"


class TargetHistoryView(TargetMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.target
