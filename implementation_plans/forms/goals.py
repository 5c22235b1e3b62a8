"""
Forms of the goals area: a pillar, a goal, a criterion, a priority, a target, the reason asked when one of them is
changed, selected or removed, and a scorer's sheet. Validation and widgets only: the views pass cleaned_data to
the services, which hold the rules.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from implementation_plans.models import GcmObjective, Goal, PlanPillar, Priority, PriorityCriterion, SdgTarget, Target
from implementation_plans.services.goals import SCORE_MAX, SCORE_MIN
from mainstreaming.forms import REASON_HELP
from mainstreaming.models import Sector
from situation_analysis.models import Finding


def _reason_field():
    return forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class FindingChoiceField(forms.ModelMultipleChoiceField):
    """Findings labelled with their sector, so that a long list can be read."""

    def label_from_instance(self, obj):
        sector = str(obj.sector) if obj.sector_id else _("Across sectors")
        return f"{sector}: {obj.statement[:160]}"


class _Editing:
    """Adds the optional reason to a form that edits a record."""

    def add_reason(self, editing: bool) -> None:
        if editing:
            self.fields["reason"] = _reason_field()


def _position_field() -> forms.IntegerField:
    # Empty by default: a new record goes last and an edited one keeps its place (services.goals).
    return forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=32767,
        required=False,
        help_text=_("Leave empty to put it last (a new one) or to keep its place."),
    )


class PillarForm(_Editing, forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=20, required=False, help_text=_("As the national plan numbers it, such as “P2”.")
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("The pillar's name in the national development plan, such as “Human capital”."),
    )
    position = _position_field()

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason(editing)

    @staticmethod
    def initial_for(pillar: PlanPillar) -> dict:
        return {"code": pillar.code, "name": pillar.name, "position": pillar.position}


class GoalForm(_Editing, forms.Form):
    statement = forms.CharField(
        label=_("Goal"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One sentence on the change the country wants to see, such as “Labour migration contributes to "
            "decent work and reduces youth unemployment in the northern provinces”."
        ),
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this goal: what the situation analysis showed, and how the goal answers it."),
    )
    findings = FindingChoiceField(
        label=_("Findings it answers"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The findings of the situation analysis this goal responds to: the start of the golden thread."),
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors"), queryset=Sector.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    pillar = forms.ModelChoiceField(
        label=_("National plan pillar"),
        queryset=PlanPillar.objects.none(),
        required=False,
        help_text=_("The pillar of the national development plan this goal serves."),
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("SDG targets"),
        queryset=SdgTarget.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gcm_objectives = forms.ModelMultipleChoiceField(
        label=_("GCM objectives"),
        queryset=GcmObjective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Objectives of the Global Compact for Safe, Orderly and Regular Migration."),
    )
    position = _position_field()

    def __init__(self, *args, process, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = Finding.objects.filter(process=process).select_related("sector")
        self.fields["sectors"].queryset = Sector.objects.all()
        self.fields["pillar"].queryset = PlanPillar.objects.filter(process=process)
        self.fields["sdg_targets"].queryset = SdgTarget.objects.all()
        self.fields["gcm_objectives"].queryset = GcmObjective.objects.all()
        self.add_reason(editing)

    @staticmethod
    def initial_for(goal: Goal) -> dict:
        return {
            "statement": goal.statement,
            "rationale": goal.rationale,
            "pillar": goal.pillar_id,
            "position": goal.position,
            "findings": [item.pk for item in goal.findings.all()],
            "sectors": [item.pk for item in goal.sectors.all()],
            "sdg_targets": [item.pk for item in goal.sdg_targets.all()],
            "gcm_objectives": [item.pk for item in goal.gcm_objectives.all()],
        }


class CriterionForm(_Editing, forms.Form):
    name = forms.CharField(
        label=_("Criterion"),
        max_length=120,
        help_text=_("Such as relevance, feasibility, effect on vulnerable groups, or cost."),
    )
    description = forms.CharField(
        label=_("What scorers look for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Say what a 1 and a 5 mean, so that every committee member scores the same way."),
    )
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("From 1 to 10: a criterion of weight 3 counts three times as much as one of weight 1."),
    )
    position = _position_field()

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason(editing)

    @staticmethod
    def initial_for(criterion: PriorityCriterion) -> dict:
        names = ("name", "description", "weight", "position")
        return {name: getattr(criterion, name) for name in names}


class PriorityForm(_Editing, forms.Form):
    title = forms.CharField(
        label=_("Priority"),
        max_length=300,
        help_text=_("A candidate priority under the goal, such as “Fair recruitment of workers going abroad”."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    findings = FindingChoiceField(
        label=_("Findings it cites"),
        queryset=Finding.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The evidence for this priority: the findings of the situation analysis it answers."),
    )
    position = _position_field()

    def __init__(self, *args, process, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["findings"].queryset = Finding.objects.filter(process=process).select_related("sector")
        if editing:
            self.fields["goal"] = forms.ModelChoiceField(
                label=_("Goal"), queryset=Goal.objects.filter(process=process), empty_label=None
            )
        self.add_reason(editing)

    @staticmethod
    def initial_for(priority: Priority) -> dict:
        return {
            "title": priority.title,
            "description": priority.description,
            "position": priority.position,
            "goal": priority.goal_id,
            "findings": [item.pk for item in priority.findings.all()],
        }


class TargetForm(_Editing, forms.Form):
    statement = forms.CharField(
        label=_("Target (specific)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "What will be achieved, for whom and where, such as “Pre-departure orientation for all "
            "seasonal workers recruited through the public employment service”."
        ),
    )
    indicator = forms.CharField(
        label=_("Indicator (measurable)"),
        max_length=300,
        required=False,
        help_text=_("How progress is measured, such as “share of seasonal workers trained before departure”."),
    )
    baseline = forms.CharField(
        label=_("Baseline"),
        max_length=120,
        required=False,
        help_text=_("The value today, with a number, such as “15 % (2025)”: the target is measured against it."),
    )
    target_value = forms.CharField(
        label=_("Target value (measurable)"),
        max_length=120,
        required=False,
        help_text=_("A number with its unit, such as “80 %” or “500 workers”."),
    )
    responsible = forms.ModelChoiceField(label=_("Responsible institution (achievable)"), queryset=None, required=False)
    resources = forms.CharField(
        label=_("Resources (achievable)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The people, money and partners it needs, and where they come from."),
    )
    finding = forms.ModelChoiceField(label=_("Finding it answers (relevant)"), queryset=None, required=False)
    due_on = forms.DateField(
        label=_("To be reached by (time-bound)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date, as YYYY-MM-DD, inside the plan's period."),
    )
    position = _position_field()

    def __init__(self, *args, process, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = process.institutions.order_by("name")
        self.fields["finding"].queryset = Finding.objects.filter(process=process).order_by("-created")
        self.fields["finding"].label_from_instance = lambda obj: obj.statement[:160]
        self.add_reason(editing)

    @staticmethod
    def initial_for(target: Target) -> dict:
        names = ("statement", "indicator", "baseline", "target_value", "resources", "due_on", "position")
        return {name: getattr(target, name) for name in names} | {
            "responsible": target.responsible_id,
            "finding": target.finding_id,
        }


class SelectForm(forms.Form):
    """Selecting or unselecting a priority: the reason is required, and kept in the history."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        # format_lazy, not "+": adding two lazy texts translates them once, at import, in English.
        help_text=format_lazy("{}{}", _("Such as the committee's decision and the ranking. "), REASON_HELP),
    )


SCORE_CHOICES = [("", _("Not scored"))] + [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]


class ScoreSheetForm(forms.Form):
    """One select per candidate priority and criterion, named score-<priority id>-<criterion id>."""

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells = []
        for priority in sheet.candidates:
            row = []
            for criterion in sheet.criteria:
                name = f"score-{priority.pk}-{criterion.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=_("%(priority)s: %(criterion)s") % {"priority": priority.title, "criterion": criterion.name},
                    choices=SCORE_CHOICES,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    initial=priority.mine.get(criterion.pk),
                )
                row.append((criterion, name))
            self.cells.append((priority, row))

    def scores(self) -> dict[tuple[int, int], int | None]:
        """The scores posted: a select left out of the request (a candidate added meanwhile) changes nothing."""
        result = {}
        for name, value in self.cleaned_data.items():
            if name not in self.data:
                continue
            _prefix, priority_id, criterion_id = name.split("-")
            result[(int(priority_id), int(criterion_id))] = value
        return result

    def rows(self):
        """For the template: each candidate with its bound fields, in the criteria's order."""
        return [(priority, [(criterion, self[name]) for criterion, name in row]) for priority, row in self.cells]
