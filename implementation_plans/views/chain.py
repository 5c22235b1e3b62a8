"""
Views of the chain area: the whole results chain on one page, the outcome, output and activity pages with their
history, the NFP's forms (create, edit, delete, reorder, move, copy, risks), a ministry's progress update and
proposals, the NFP's decision on a proposal, and the catalogue of programme experiences.

Everyone who sees internal work reads the chain and the pages (development partners get 403: the published
plan is theirs); only the NFP writes, except that the focal points of an activity's responsible institution
update its status and dates, and any ministry focal point proposes activities for its sectors. The catalogue is
reference content: every member of the process reads it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from implementation_plans import permissions as plan_permissions
from implementation_plans.forms import chain as chain_forms
from implementation_plans.models import Outcome
from implementation_plans.selectors import chain as selectors
from implementation_plans.services import chain as services
from implementation_plans.views.plan import action_links
from implementation_plans.workflows import PROPOSAL_STEP_PAGES
from mainstreaming import permissions
from mainstreaming.forms import ReasonForm
from mainstreaming.views import ObjectHistoryView, ProcessViewMixin, ServiceFormView

FORM_TEMPLATE = "implementation_plans/chain_form.html"
DELETE_TEMPLATE = "implementation_plans/chain_delete.html"
COPY_TEMPLATE = "implementation_plans/chain_copy.html"


def _chain_url(process) -> str:
    return reverse("implementation_plans:results_chain", kwargs={"process_pk": process.pk})


class _PlanContextMixin:
    """The plan's state, for the notice a frozen (in review, endorsed) or published plan shows above a form."""

    def plan_context(self) -> dict:
        plan, frozen = selectors.plan_status(self.process)
        can_manage = permissions.allows(self.request, plan_permissions.MANAGE, self.process)
        return {"plan": plan, "plan_frozen": frozen, "can_manage": can_manage}


# ---------------------------------------------------------------------------
# The chain
# ---------------------------------------------------------------------------


class ResultsChainView(_PlanContextMixin, ProcessViewMixin, TemplateView):
    """The whole chain goal > outcome > output > activity, with risks, on one page: seven queries at any size."""

    rule = permissions.VIEW_INTERNAL
    template_name = "implementation_plans/results_chain.html"

    def get_context_data(self, **kwargs):
        goals = selectors.results_chain(self.process)
        institution = services.proposing_institution(user=self.request.user, process=self.process)
        return super().get_context_data(
            goals=goals,
            can_propose=institution is not None and bool(goals),
            **self.plan_context(),
            **kwargs,
        )


class ProposalListView(_PlanContextMixin, ProcessViewMixin, TemplateView):
    """The ministries' proposals: the NFP decides the pending ones; a focal point sees their institution's."""

    rule = permissions.VIEW_INTERNAL
    template_name = "implementation_plans/proposal_list.html"

    def get_context_data(self, **kwargs):
        institution = services.proposing_institution(user=self.request.user, process=self.process)
        mine = institution is not None and self.request.GET.get("all") != "1"
        proposals = selectors.proposal_list(process=self.process, institution=institution if mine else None)
        return super().get_context_data(
            proposals=proposals, institution=institution, mine=mine, **self.plan_context(), **kwargs
        )


# ---------------------------------------------------------------------------
# Shared pieces of the forms
# ---------------------------------------------------------------------------


class _ChainForm(_PlanContextMixin, ServiceFormView):
    """A form page of the chain: a heading, a lead, the frozen-plan notice, the fields, Save and Cancel."""

    template_name = FORM_TEMPLATE
    heading = ""
    lead = ""
    submit_label = gettext_lazy("Save")

    def subject(self):
        """The record the page is about (shown in the crumbs; its page is where Cancel goes)."""
        return None

    def cancel_url(self) -> str:
        subject = self.subject()
        return subject.get_absolute_url() if subject is not None else _chain_url(self.process)

    def get_lead(self) -> str:
        return self.lead

    def extra_context(self) -> dict:
        return {
            "heading": self.heading,
            "lead": self.get_lead(),
            "subject": self.subject(),
            "cancel_url": self.cancel_url(),
            "submit_label": self.submit_label,
            **self.plan_context(),
        }


class _PostOnly(_PlanContextMixin, ProcessViewMixin, View):
    """A button's action: POST only; a refusal comes back as a message on the page the button was on."""

    rule = permissions.MANAGE_PROCESS

    def back(self) -> str:
        return _chain_url(self.process)

    def act(self):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        try:
            message = self.act()
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect(self.back())


class _ReorderView(_PostOnly):
    def act(self):
        form = chain_forms.ReorderForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError([error for errors in form.errors.values() for error in errors])
        services.chain_item_reorder(
            actor=self.request.user,
            item=self.item,
            direction=form.cleaned_data["direction"],
            position=form.cleaned_data["position"],
        )
        return _("The order has been changed.")

    def back(self) -> str:
        # The buttons sit on the chain page and on the parent's page: go back to where the button was (never to a
        # URL taken from the request).
        parent = getattr(self.item, "outcome", None) if hasattr(self.item, "outcome_id") else None
        parent = getattr(self.item, "output", None) if hasattr(self.item, "output_id") else parent
        if self.request.POST.get("return_to") == "parent" and parent is not None:
            return f"{parent.get_absolute_url()}#{self.anchor}"
        return f"{_chain_url(self.process)}#{self.anchor}"


class _CopyView(_ChainForm):
    """A confirmation page listing what the copy will contain, then the copy."""

    template_name = COPY_TEMPLATE
    submit_label = gettext_lazy("Make the copy")
    success_message = gettext_lazy("The copy has been made: rework it as you need.")

    def build_form(self, data=None, files=None):
        return forms.Form(data)

    def subject(self):
        return self.item

    def extra_context(self) -> dict:
        return super().extra_context() | self.contents()


class _DeleteView(_ChainForm):
    template_name = DELETE_TEMPLATE
    submit_label = gettext_lazy("Delete")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def subject(self):
        return self.item

    def extra_context(self) -> dict:
        return super().extra_context() | self.contents()


class _MoveView(_ChainForm):
    submit_label = gettext_lazy("Move")

    def subject(self):
        return self.item


# ---------------------------------------------------------------------------
# Outcomes
# ---------------------------------------------------------------------------


class _OutcomeMixin:
    def load_objects(self):
        self.item = self.outcome = selectors.outcome_get(process=self.process, pk=self.kwargs["pk"])


class OutcomeCreateView(_ChainForm):
    heading = gettext_lazy("Add an outcome")
    success_message = gettext_lazy("The outcome has been added.")

    def load_objects(self):
        self.goal = selectors.goal_get(process=self.process, pk=self.kwargs["pk"])

    def get_lead(self):
        return _("A change the plan aims at under the goal “%(goal)s”.") % {"goal": self.goal}

    def cancel_url(self):
        return _chain_url(self.process) + f"#goal-{self.goal.pk}"

    def build_form(self, data=None, files=None):
        return chain_forms.OutcomeForm(data, goal=self.goal)

    def perform(self, form):
        return services.outcome_create(actor=self.request.user, goal=self.goal, **form.cleaned_data)


class OutcomeDetailView(_OutcomeMixin, _PlanContextMixin, ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "implementation_plans/outcome_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            outcome=self.outcome,
            object=self.outcome,
            **selectors.outcome_detail(self.outcome),
            **self.plan_context(),
            **kwargs,
        )


class OutcomeEditView(_OutcomeMixin, _ChainForm):
    heading = gettext_lazy("Edit the outcome")
    success_message = gettext_lazy("The outcome has been updated.")

    def subject(self):
        return self.outcome

    def build_form(self, data=None, files=None):
        initial = chain_forms.OutcomeForm.initial_for(self.outcome)
        return chain_forms.OutcomeForm(data, goal=self.outcome.goal, editing=True, initial=initial)

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        return services.outcome_update(actor=self.request.user, outcome=self.outcome, data=data, reason=reason)


class OutcomeDeleteView(_OutcomeMixin, _DeleteView):
    heading = gettext_lazy("Delete the outcome")
    success_message = gettext_lazy(
        "The outcome has been deleted with its outputs and activities; the history keeps them."
    )

    def contents(self):
        return {"kind": "outcome", **selectors.outcome_detail(self.outcome)}

    def perform(self, form):
        goal_pk = self.outcome.goal_id
        services.outcome_delete(actor=self.request.user, outcome=self.outcome, reason=form.cleaned_data["reason"])
        return _chain_url(self.process) + f"#goal-{goal_pk}"


class OutcomeHistoryView(_OutcomeMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.outcome


class OutcomeReorderView(_OutcomeMixin, _ReorderView):
    @property
    def anchor(self):
        return f"outcome-{self.outcome.pk}"


class OutcomeMoveView(_OutcomeMixin, _MoveView):
    heading = gettext_lazy("Move the outcome to another goal")
    success_message = gettext_lazy("The outcome has been moved, with its outputs and activities.")

    def get_lead(self):
        return _("“%(title)s” goes, with its outputs and activities, to the end of the goal you choose.") % {
            "title": self.outcome
        }

    def build_form(self, data=None, files=None):
        goals = selectors.goal_choices(self.process).exclude(pk=self.outcome.goal_id)
        return chain_forms.MoveForm(data, queryset=goals, label=_("Goal"))

    def perform(self, form):
        return services.outcome_move(
            actor=self.request.user,
            outcome=self.outcome,
            goal=form.cleaned_data["target"],
            reason=form.cleaned_data["reason"],
        )


class OutcomeCopyView(_OutcomeMixin, _CopyView):
    heading = gettext_lazy("Copy the outcome")

    def contents(self):
        return {"kind": "outcome", **selectors.outcome_detail(self.outcome)}

    def perform(self, form):
        return services.outcome_copy(actor=self.request.user, outcome=self.outcome)


# ---------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------


class _OutputMixin:
    def load_objects(self):
        self.item = self.output = selectors.output_get(process=self.process, pk=self.kwargs["pk"])


class OutputCreateView(_ChainForm):
    heading = gettext_lazy("Add an output")
    success_message = gettext_lazy("The output has been added.")

    def load_objects(self):
        self.outcome = selectors.outcome_get(process=self.process, pk=self.kwargs["pk"])

    def subject(self):
        return self.outcome

    def get_lead(self):
        return _("What the activities will deliver towards the outcome “%(outcome)s”.") % {"outcome": self.outcome}

    def build_form(self, data=None, files=None):
        return chain_forms.OutputForm(data)

    def perform(self, form):
        return services.output_create(actor=self.request.user, outcome=self.outcome, **form.cleaned_data)


class OutputDetailView(_OutputMixin, _PlanContextMixin, ProcessViewMixin, TemplateView):
    rule = permissions.VIEW_INTERNAL
    template_name = "implementation_plans/output_detail.html"

    def get_context_data(self, **kwargs):
        institution = services.proposing_institution(user=self.request.user, process=self.process)
        return super().get_context_data(
            output=self.output,
            object=self.output,
            can_propose=institution is not None,
            **selectors.output_detail(self.output),
            **self.plan_context(),
            **kwargs,
        )


class OutputEditView(_OutputMixin, _ChainForm):
    heading = gettext_lazy("Edit the output")
    success_message = gettext_lazy("The output has been updated.")

    def subject(self):
        return self.output

    def build_form(self, data=None, files=None):
        return chain_forms.OutputForm(data, editing=True, initial=chain_forms.OutputForm.initial_for(self.output))

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        return services.output_update(actor=self.request.user, output=self.output, data=data, reason=reason)


class OutputDeleteView(_OutputMixin, _DeleteView):
    heading = gettext_lazy("Delete the output")
    success_message = gettext_lazy("The output has been deleted with its activities; the history keeps them.")

    def contents(self):
        return {"kind": "output", "outputs": [self.output], **selectors.output_detail(self.output)}

    def perform(self, form):
        outcome = self.output.outcome
        services.output_delete(actor=self.request.user, output=self.output, reason=form.cleaned_data["reason"])
        return outcome


class OutputHistoryView(_OutputMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.output


class OutputReorderView(_OutputMixin, _ReorderView):
    @property
    def anchor(self):
        return f"output-{self.output.pk}"


class OutputMoveView(_OutputMixin, _MoveView):
    heading = gettext_lazy("Move the output to another outcome")
    success_message = gettext_lazy("The output has been moved, with its activities.")

    def get_lead(self):
        return _("“%(title)s” goes, with its activities and risks, to the end of the outcome you choose.") % {
            "title": self.output
        }

    def build_form(self, data=None, files=None):
        outcomes = selectors.outcome_choices(self.process).exclude(pk=self.output.outcome_id)
        return chain_forms.MoveForm(data, queryset=outcomes, label=_("Outcome"))

    def perform(self, form):
        return services.output_move(
            actor=self.request.user,
            output=self.output,
            outcome=form.cleaned_data["target"],
            reason=form.cleaned_data["reason"],
        )


class OutputCopyView(_OutputMixin, _CopyView):
    heading = gettext_lazy("Copy the output")

    def contents(self):
        return {"kind": "output", "outputs": [self.output], **selectors.output_detail(self.output)}

    def perform(self, form):
        return services.output_copy(actor=self.request.user, output=self.output)


# ---------------------------------------------------------------------------
# Risks
# ---------------------------------------------------------------------------


class _RiskCreateView(_ChainForm):
    heading = gettext_lazy("Record a risk")
    lead = gettext_lazy(
        "Something that could keep the result from being reached: how likely, how harmful, and what will be done "
        "about it."
    )
    success_message = gettext_lazy("The risk has been recorded.")

    def subject(self):
        return self.parent

    def cancel_url(self):
        return self.parent.get_absolute_url() + "#risks"

    def build_form(self, data=None, files=None):
        return chain_forms.RiskForm(data)

    def perform(self, form):
        parent = {"outcome": self.parent} if isinstance(self.parent, Outcome) else {"output": self.parent}
        services.risk_create(actor=self.request.user, **parent, **form.cleaned_data)
        return self.cancel_url()


class OutcomeRiskCreateView(_RiskCreateView):
    def load_objects(self):
        self.parent = selectors.outcome_get(process=self.process, pk=self.kwargs["pk"])


class OutputRiskCreateView(_RiskCreateView):
    def load_objects(self):
        self.parent = selectors.output_get(process=self.process, pk=self.kwargs["pk"])


class _RiskMixin:
    def load_objects(self):
        self.item = self.risk = selectors.risk_get(process=self.process, pk=self.kwargs["pk"])

    def subject(self):
        return self.risk.outcome or self.risk.output

    def cancel_url(self):
        return self.subject().get_absolute_url() + "#risks"


class RiskEditView(_RiskMixin, _ChainForm):
    heading = gettext_lazy("Edit the risk")
    success_message = gettext_lazy("The risk has been updated.")

    def build_form(self, data=None, files=None):
        return chain_forms.RiskForm(data, editing=True, initial=chain_forms.RiskForm.initial_for(self.risk))

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        services.risk_update(actor=self.request.user, risk=self.risk, data=data, reason=reason)
        return self.cancel_url()


class RiskDeleteView(_RiskMixin, _DeleteView):
    heading = gettext_lazy("Delete the risk")
    success_message = gettext_lazy("The risk has been deleted; the history keeps it.")

    def contents(self):
        return {"kind": "risk", "risks": [self.risk]}

    def perform(self, form):
        url = self.cancel_url()
        services.risk_delete(actor=self.request.user, risk=self.risk, reason=form.cleaned_data["reason"])
        return url


class RiskHistoryView(_RiskMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.risk


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


class _ActivityMixin:
    def load_objects(self):
        self.item = self.activity = selectors.activity_get(process=self.process, pk=self.kwargs["pk"])

    def subject(self):
        return self.activity


class ActivityCreateView(_ChainForm):
    heading = gettext_lazy("Add an activity")
    success_message = gettext_lazy("The activity has been added.")

    def load_objects(self):
        self.output = selectors.output_get(process=self.process, pk=self.kwargs["pk"])

    def subject(self):
        return self.output

    def get_lead(self):
        return _(
            "What an institution will do to deliver the output “%(output)s”, when, where and for whom. The "
            "responsible institution's focal points will keep its status and dates up to date."
        ) % {"output": self.output}

    def build_form(self, data=None, files=None):
        return chain_forms.ActivityForm(data, process=self.process)

    def perform(self, form):
        return services.activity_create(actor=self.request.user, output=self.output, **form.cleaned_data)


class ActivityProposeView(_ChainForm):
    """A ministry focal point proposes an activity under an output for one of its institution's sectors."""

    rule = plan_permissions.PROPOSE
    heading = gettext_lazy("Propose an activity")
    submit_label = gettext_lazy("Send the proposal")
    success_message = gettext_lazy(
        "Your proposal has been sent to the National Focal Point, who will accept or decline it."
    )

    def load_objects(self):
        self.output = selectors.output_get(process=self.process, pk=self.kwargs["pk"])
        self.institution = services.proposing_institution(user=self.request.user, process=self.process)

    def subject(self):
        return self.output

    def get_lead(self):
        return _(
            "An activity %(institution)s would carry out towards the output “%(output)s”. It stays a proposal, "
            "outside the plan and its budget, until the National Focal Point accepts it."
        ) % {"institution": self.institution, "output": self.output}

    def extra_context(self):
        has_sectors = self.institution.sectors.exists()
        return super().extra_context() | {"no_sectors": not has_sectors, "institution": self.institution}

    def build_form(self, data=None, files=None):
        return chain_forms.ActivityProposalForm(data, process=self.process, institution=self.institution)

    def perform(self, form):
        return services.activity_propose(actor=self.request.user, output=self.output, **form.cleaned_data)


class ActivityDetailView(_ActivityMixin, _PlanContextMixin, ProcessViewMixin, TemplateView):
    """An activity: who, when, where, for whom, its status or proposal, its budget and funding, comments."""

    rule = permissions.VIEW_INTERNAL
    template_name = "implementation_plans/activity_detail.html"

    def get_context_data(self, **kwargs):
        activity = self.activity
        return super().get_context_data(
            activity=activity,
            object=activity,
            can_update=activity.is_accepted and permissions.allows(self.request, plan_permissions.UPDATE, activity),
            proposal_actions=action_links(
                self.request, activity, PROPOSAL_STEP_PAGES, process_pk=self.process.pk, pk=activity.pk
            ),
            **self.plan_context(),
            **kwargs,
        )


class ActivityEditView(_ActivityMixin, _ChainForm):
    heading = gettext_lazy("Edit the activity")
    success_message = gettext_lazy("The activity has been updated.")

    def build_form(self, data=None, files=None):
        initial = chain_forms.ActivityForm.initial_for(self.activity)
        return chain_forms.ActivityForm(data, process=self.process, editing=True, initial=initial)

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        return services.activity_update(actor=self.request.user, activity=self.activity, data=data, reason=reason)


class ActivityProgressView(_ActivityMixin, _ChainForm):
    """The status and dates of an activity: the NFP, or the focal points of its responsible institution."""

    rule = plan_permissions.UPDATE
    heading = gettext_lazy("Update the status and dates")
    success_message = gettext_lazy("The activity's status and dates have been recorded.")

    def rule_object(self):
        return self.activity

    def get_lead(self):
        return _("Where “%(title)s” stands now, and when it starts and ends.") % {"title": self.activity}

    def build_form(self, data=None, files=None):
        initial = {
            "status": self.activity.status,
            "starts_on": self.activity.starts_on,
            "ends_on": self.activity.ends_on,
        }
        return chain_forms.ActivityProgressForm(data, initial=initial)

    def perform(self, form):
        return services.activity_progress_update(actor=self.request.user, activity=self.activity, **form.cleaned_data)


class ActivityDeleteView(_ActivityMixin, _DeleteView):
    heading = gettext_lazy("Delete the activity")
    success_message = gettext_lazy(
        "The activity has been deleted with its budget lines and funding; the history keeps them."
    )

    def contents(self):
        return {"kind": "activity", "activities": [self.activity]}

    def perform(self, form):
        output = self.activity.output
        services.activity_delete(actor=self.request.user, activity=self.activity, reason=form.cleaned_data["reason"])
        return output


class ActivityHistoryView(_ActivityMixin, ObjectHistoryView):
    def get_history_object(self):
        return self.activity


class ActivityReorderView(_ActivityMixin, _ReorderView):
    @property
    def anchor(self):
        return f"activity-{self.activity.pk}"


class ActivityMoveView(_ActivityMixin, _MoveView):
    heading = gettext_lazy("Move the activity to another output")
    success_message = gettext_lazy("The activity has been moved, with its budget and funding.")

    def get_lead(self):
        return _("“%(title)s” goes, with its budget lines and funding, to the end of the output you choose.") % {
            "title": self.activity
        }

    def build_form(self, data=None, files=None):
        outputs = selectors.output_choices(self.process).exclude(pk=self.activity.output_id)
        return chain_forms.MoveForm(data, queryset=outputs, label=_("Output"))

    def perform(self, form):
        return services.activity_move(
            actor=self.request.user,
            activity=self.activity,
            output=form.cleaned_data["target"],
            reason=form.cleaned_data["reason"],
        )


class ActivityCopyView(_ActivityMixin, _CopyView):
    heading = gettext_lazy("Copy the activity")

    def contents(self):
        return {"kind": "activity", "activities": [self.activity]}

    def perform(self, form):
        return services.activity_copy(actor=self.request.user, activity=self.activity)


class ActivityAcceptView(_ActivityMixin, _ChainForm):
    rule = plan_permissions.DECIDE
    heading = gettext_lazy("Accept the proposal")
    submit_label = gettext_lazy("Accept into the plan")
    success_message = gettext_lazy(
        "The activity is now part of the plan; its institution may update its status and dates."
    )

    def get_lead(self):
        return _("“%(title)s”, proposed by %(institution)s, becomes part of the plan and its budget.") % {
            "title": self.activity,
            "institution": self.activity.proposed_by or "—",
        }

    def build_form(self, data=None, files=None):
        return chain_forms.AcceptForm(data)

    def perform(self, form):
        return services.activity_accept(actor=self.request.user, activity=self.activity, note=form.cleaned_data["note"])


class ActivityDeclineView(_ActivityMixin, _ChainForm):
    rule = plan_permissions.DECIDE
    heading = gettext_lazy("Decline the proposal")
    submit_label = gettext_lazy("Decline")
    success_message = gettext_lazy("The proposal has been declined; the ministry can read why.")

    def get_lead(self):
        return _("“%(title)s”, proposed by %(institution)s, stays out of the plan.") % {
            "title": self.activity,
            "institution": self.activity.proposed_by or "—",
        }

    def build_form(self, data=None, files=None):
        return chain_forms.DeclineForm(data)

    def perform(self, form):
        return services.activity_decline(
            actor=self.request.user, activity=self.activity, reason=form.cleaned_data["reason"]
        )


# ---------------------------------------------------------------------------
# The catalogue of programme experiences
# ---------------------------------------------------------------------------


class ProgrammeExampleListView(ProcessViewMixin, TemplateView):
    """The catalogue, searchable by text and filtered by sector and country: three queries at any size."""

    template_name = "implementation_plans/programme_example_list.html"

    def get_context_data(self, **kwargs):
        form = chain_forms.CatalogueFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        examples = selectors.programme_example_list(
            search=filters.get("q", ""), sector=filters.get("sector"), country=filters.get("country", "")
        )
        filtered = any(filters.get(name) for name in ("q", "sector", "country"))
        return super().get_context_data(form=form, examples=examples, filtered=filtered, **kwargs)


class ProgrammeExampleDetailView(ProcessViewMixin, TemplateView):
    template_name = "implementation_plans/programme_example_detail.html"

    def load_objects(self):
        self.example = selectors.programme_example_get(self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        can_manage = permissions.allows(self.request, plan_permissions.MANAGE, self.process)
        context = {"example": self.example, "can_manage": can_manage, "can_view_history": self.can_view_internal}
        if can_manage:
            context["form"] = form = chain_forms.UseTemplateForm(process=self.process)
            context["has_outcomes"] = form.fields["outcome"].queryset.exists()
            context["uses"] = selectors.programme_example_uses(process=self.process, example=self.example)
        return super().get_context_data(**context, **kwargs)


class ProgrammeExampleHistoryView(ObjectHistoryView):
    """The experience's history: what each reload of the reference fixtures changed."""

    def load_objects(self):
        self.example = selectors.programme_example_get(self.kwargs["pk"])

    def get_history_object(self):
        return self.example


class ProgrammeExampleUseView(_ChainForm):
    """Use as a template: a draft output, with the experience's activities, under an outcome the NFP chooses."""

    heading = gettext_lazy("Use as a template")
    submit_label = gettext_lazy("Copy into the plan")
    success_message = gettext_lazy(
        "The experience is now a draft output of your plan: adapt it and its activities to the country."
    )

    def load_objects(self):
        self.example = selectors.programme_example_get(self.kwargs["pk"])

    def cancel_url(self):
        return reverse(
            "implementation_plans:programme_example_detail",
            kwargs={"process_pk": self.process.pk, "pk": self.example.pk},
        )

    def get_lead(self):
        return _(
            "“%(title)s” becomes a draft output, with %(count)s planned activities, under the outcome you choose."
        ) % {
            "title": self.example.localized("title"),
            "count": len(self.example.template_activities) or 1,
        }

    def extra_context(self):
        has_outcomes = selectors.outcome_choices(self.process).exists()
        return super().extra_context() | {"example": self.example, "no_outcomes": not has_outcomes}

    def build_form(self, data=None, files=None):
        return chain_forms.UseTemplateForm(data, process=self.process)

    def perform(self, form):
        use = services.programme_example_use(
            actor=self.request.user, example=self.example, outcome=form.cleaned_data["outcome"]
        )
        return use.output
