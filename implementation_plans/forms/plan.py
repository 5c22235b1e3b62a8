"""Forms of the plan area: the narrative and settings, the endorsement, and the choice of two versions to compare."""

from django import forms
from django.utils.translation import gettext_lazy as _

from implementation_plans.models import Plan
from mainstreaming.forms import REASON_HELP


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    rationale = forms.CharField(
        label=_("Rationale and sequencing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=Plan._meta.get_field("rationale").help_text,
    )
    roles = forms.CharField(
        label=_("Roles, accountabilities and decision rules"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=Plan._meta.get_field("roles").help_text,
    )
    fiduciary = forms.CharField(
        label=_("Budgetary and fiduciary arrangements"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=Plan._meta.get_field("fiduciary").help_text,
    )
    currency = forms.CharField(
        label=_("Plan currency"),
        min_length=3,
        max_length=3,
        help_text=_("Its three-letter code, such as USD or EUR. Every cost and funding is converted into it."),
        widget=forms.TextInput(attrs={"size": 4, "autocapitalize": "characters", "spellcheck": "false"}),
    )
    starts_in = forms.IntegerField(label=_("First year"), min_value=2000, max_value=2100, required=False)
    ends_in = forms.IntegerField(label=_("Last year"), min_value=2000, max_value=2100, required=False)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()

    @staticmethod
    def initial_for(plan: Plan | None) -> dict:
        if plan is None:
            return {"currency": "USD"}
        names = ("title", "rationale", "roles", "fiduciary", "currency", "starts_in", "ends_in")
        return {name: getattr(plan, name) for name in names}


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        meeting = obj.meeting
        return f"{meeting.committee.name}, {meeting.held_on:%Y-%m-%d}: {obj.text[:120]}"


class EndorseForm(forms.Form):
    decision = DecisionChoiceField(
        label=_("Committee decision"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("The decision of the committee meeting that endorsed this version of the plan."),
    )
    reason = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
