"""
Views of the plan area: the plan's page, its narrative form, the workflow steps (send for review, return to draft,
record the endorsement, publish), the versions, their comparison and the history.

Everyone who sees internal work reads the plan as it stands and every version; the NFP edits it and takes every
workflow step. A development partner reads the plan's page as the last published version (rendered from its
snapshot, with its PDF) and that version's page; every other version is 404 to them, every other page 403.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from implementation_plans import permissions as plan_permissions
from implementation_plans.forms.plan import EndorseForm, PlanForm
from implementation_plans.models import Plan
from implementation_plans.selectors import plan as selectors
from implementation_plans.services import plan as services
from implementation_plans.workflows import PLAN_STEP_PAGES
from mainstreaming import permissions
from mainstreaming.choices import BuildStatus, Visibility
from mainstreaming.forms import OptionalReasonForm, ReasonForm
from mainstreaming.views import ObjectHistoryView, ProcessViewMixin, ServiceFormView


def _plan_url(process) -> str:
    return reverse("implementation_plans:plan_detail", kwargs={"process_pk": process.pk})


def action_links(request, record, pages: dict[str, str], **url_kwargs) -> list[dict]:
    """
    The workflow steps this person may take on `record` now (its table decides), each with the page that takes it
    (`pages` maps a step's name to its URL name; steps without a page are not buttons): label, url and class.
    """
    return [
        {
            "name": transition.name,
            "label": transition.label,
            "css": "button" if transition.style == "primary" else f"button button-{transition.style}",
            "url": reverse(pages[transition.name], kwargs=url_kwargs),
        }
        for transition in record.actions_for(request)
        if transition.name in pages
    ]


def _pdf_for(version, *, can_view_internal: bool):
    """The version's PDF report when this reader may download it (a partner: once it is published)."""
    report = version.report if version is not None else None
    if report is None:
        return None
    if not can_view_internal and not (report.visibility == Visibility.PUBLISHED and report.status == BuildStatus.DONE):
        return None
    return report


# ---------------------------------------------------------------------------
# The plan's page
# ---------------------------------------------------------------------------


class PlanDetailView(ProcessViewMixin, TemplateView):
    """The plan as it stands for internal readers; the last published version for development partners."""

    template_name = "implementation_plans/plan_detail.html"

    def get_context_data(self, **kwargs):
        if not self.can_view_internal:
            published = selectors.published_version(self.process)
            return super().get_context_data(
                partner_view=True,
                published=published,
                document=selectors.snapshot_document(published.snapshot) if published else None,
                pdf=_pdf_for(published, can_view_internal=False),
                **kwargs,
            )
        plan = selectors.plan_get(self.process)
        # Before anything is planned the plan stands as an empty draft (created by the first change).
        standing = plan or Plan(process=self.process)
        versions = selectors.version_list(self.process)
        current = next((v for v in versions if v.is_current), None) if standing.is_frozen else None
        published = next((v for v in versions if v.is_published), None)
        snapshot = selectors.plan_snapshot(process=self.process, plan=plan)
        return super().get_context_data(
            partner_view=False,
            plan=plan,
            standing=standing,
            object=plan,
            document=selectors.snapshot_document(snapshot),
            versions=versions[:5],
            version_count=len(versions),
            current=current,
            published=published,
            pdf=_pdf_for(published, can_view_internal=True),
            can_edit=standing.is_editable and permissions.allows(self.request, plan_permissions.MANAGE, standing),
            actions=action_links(self.request, standing, PLAN_STEP_PAGES, process_pk=self.process.pk),
            steps=selectors.plan_steps(plan),
            **kwargs,
        )


# ---------------------------------------------------------------------------
# The NFP's forms
# ---------------------------------------------------------------------------


class _PlanFormView(ServiceFormView):
    """What the plan's forms share: the plan (None before anything was planned) and the version concerned."""

    rule = plan_permissions.MANAGE

    def load_objects(self):
        self.plan = selectors.plan_get(self.process)
        self.current = selectors.current_version(self.plan)

    def extra_context(self) -> dict:
        return {"plan": self.plan, "object": self.plan, "current": self.current}


class PlanEditView(_PlanFormView):
    template_name = "implementation_plans/plan_form.html"
    success_message = gettext_lazy("The plan has been saved.")

    def build_form(self, data=None, files=None):
        return PlanForm(data, initial=PlanForm.initial_for(self.plan))

    def perform(self, form):
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        services.plan_update(actor=self.request.user, process=self.process, data=data, reason=reason)
        return _plan_url(self.process)


class PlanSubmitView(_PlanFormView):
    template_name = "implementation_plans/plan_submit.html"
    success_message = gettext_lazy("The plan has been sent for review: this version is frozen.")

    def build_form(self, data=None, files=None):
        return OptionalReasonForm(data)

    def perform(self, form):
        version = services.plan_submit(actor=self.request.user, process=self.process, **form.cleaned_data)
        return version.get_absolute_url()


class PlanReturnView(_PlanFormView):
    template_name = "implementation_plans/plan_return.html"
    success_message = gettext_lazy("The plan is back in draft; the version stays on record.")

    def build_form(self, data=None, files=None):
        return ReasonForm(data)

    def perform(self, form):
        services.plan_return(actor=self.request.user, process=self.process, reason=form.cleaned_data["reason"])
        return _plan_url(self.process)


class PlanEndorseView(_PlanFormView):
    template_name = "implementation_plans/plan_endorse.html"
    success_message = gettext_lazy("The endorsement has been recorded.")

    def build_form(self, data=None, files=None):
        return EndorseForm(data, decisions=selectors.endorsement_decisions(self.process))

    def extra_context(self) -> dict:
        return super().extra_context() | {"has_decisions": selectors.endorsement_decisions(self.process).exists()}

    def perform(self, form):
        version = services.plan_endorse(actor=self.request.user, process=self.process, **form.cleaned_data)
        return version.get_absolute_url()


class PlanPublishView(_PlanFormView):
    """Publishing shows the version to development partners and builds its PDF: the page asks first."""

    rule = plan_permissions.PUBLISH
    template_name = "implementation_plans/plan_publish.html"
    success_message = gettext_lazy(
        "The plan is published: development partners now read this version. Its PDF is being built."
    )

    def build_form(self, data=None, files=None):
        return OptionalReasonForm(data)

    def perform(self, form):
        version = services.plan_publish(actor=self.request.user, process=self.process, **form.cleaned_data)
        return version.get_absolute_url()


# ---------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------


class VersionListView(ProcessViewMixin, TemplateView):
    rule = plan_permissions.READ_DRAFTS
    template_name = "implementation_plans/version_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            versions=selectors.version_list(self.process), plan=selectors.plan_get(self.process), **kwargs
        )


class VersionDetailView(ProcessViewMixin, TemplateView):
    """One frozen version, from its snapshot; a development partner reaches only the published one."""

    template_name = "implementation_plans/version_detail.html"

    def load_objects(self):
        self.version = selectors.version_get(
            process=self.process, number=self.kwargs["number"], can_view_internal=self.can_view_internal
        )

    def get_context_data(self, **kwargs):
        kwargs.pop("number", None)
        previous = None
        if self.can_view_internal and self.version.number > 1:
            previous = self.version.number - 1
        return super().get_context_data(
            version=self.version,
            object=self.version,
            document=selectors.snapshot_document(self.version.snapshot),
            pdf=_pdf_for(self.version, can_view_internal=self.can_view_internal),
            previous=previous,
            partner_view=not self.can_view_internal,
            **kwargs,
        )


class VersionCompareView(ProcessViewMixin, TemplateView):
    """Two versions side by side: what was added, removed or changed, level by level of the chain."""

    rule = plan_permissions.READ_DRAFTS
    template_name = "implementation_plans/version_compare.html"

    def get(self, request, *args, **kwargs):
        versions = selectors.version_list(self.process)
        first, second, error = selectors.version_pair(versions, request.GET.get("a"), request.GET.get("b"))
        context = {"versions": versions, "error": error, "a": first, "b": second, "diff": None}
        if first is not None and second is not None:
            # The list above left the snapshots out; read just the two compared.
            snapshots = dict(
                first.__class__.objects.filter(pk__in=(first.pk, second.pk)).values_list("number", "snapshot")
            )
            context["diff"] = selectors.snapshot_diff(snapshots[first.number], snapshots[second.number])
        return self.render(self.template_name, context, status=400 if error else 200)


class PlanHistoryView(ObjectHistoryView):
    def get_history_object(self):
        return get_object_or_404(Plan, process=self.process)


class VersionHistoryView(ObjectHistoryView):
    def get_history_object(self):
        return selectors.version_get(process=self.process, number=self.kwargs["number"], can_view_internal=True)
