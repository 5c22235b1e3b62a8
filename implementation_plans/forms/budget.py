"""Forms of the budget area: a budget line, funding, and the reason asked when either is changed."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from implementation_plans.choices import BudgetCategory, FundingSource, FundingStatus
from implementation_plans.services.budget import PARTNER_KINDS
from mainstreaming.forms import REASON_HELP, LocalizedNumberInput


def _reason_field():
    return forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


def _amount_field():
    return forms.DecimalField(
        label=_("Amount"), min_value=0, max_digits=16, decimal_places=2, widget=LocalizedNumberInput
    )


def _currency_field(plan_currency):
    return forms.CharField(
        label=_("Currency"),
        min_length=3,
        max_length=3,
        initial=plan_currency,
        help_text=_("Its three-letter code, such as USD or EUR."),
        widget=forms.TextInput(attrs={"size": 4, "autocapitalize": "characters", "spellcheck": "false"}),
    )


def _rate_field(plan_currency):
    return forms.DecimalField(
        label=_("Rate to the plan's currency"),
        required=False,
        min_value=Decimal("0.000001"),
        max_digits=18,
        decimal_places=6,
        widget=LocalizedNumberInput,
        help_text=_("How many %(currency)s one unit of this currency is worth. Leave empty for %(currency)s.")
        % {"currency": plan_currency},
    )


class BudgetLineForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    category = forms.ChoiceField(label=_("Category"), choices=BudgetCategory.choices)
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        required=False,
        help_text=_("What the money pays for, such as “two regional training sessions”."),
    )

    def __init__(self, *args, plan_currency: str, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"] = _amount_field()
        self.fields["currency"] = _currency_field(plan_currency)
        self.fields["rate_to_plan"] = _rate_field(plan_currency)
        if editing:
            self.fields["reason"] = _reason_field()

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()

    @staticmethod
    def initial_for(line) -> dict:
        names = ("year", "category", "description", "amount", "currency", "rate_to_plan")
        return {name: getattr(line, name) for name in names}


class FundingForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=FundingSource.choices)
    donor = forms.ModelChoiceField(
        label=_("Development partner"),
        queryset=None,
        required=False,
        help_text=_("Required when the source is a development partner: a donor or an international organisation."),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=FundingStatus.choices,
        widget=forms.RadioSelect,
        help_text=_("Secured: committed in a budget or agreement. Pledged: promised. Gap: known to be missing."),
    )
    year = forms.IntegerField(
        label=_("Year"), min_value=2000, max_value=2100, required=False, help_text=_("Optional: the year it covers.")
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Such as the agreement or budget line it comes from."),
    )

    def __init__(self, *args, process, plan_currency: str, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = process.institutions.filter(kind__in=PARTNER_KINDS).order_by("name")
        self.fields["amount"] = _amount_field()
        self.fields["currency"] = _currency_field(plan_currency)
        self.fields["rate_to_plan"] = _rate_field(plan_currency)
        # The note last, after the money.
        self.fields["note"] = self.fields.pop("note")
        if editing:
            self.fields["reason"] = _reason_field()

    def clean_currency(self):
        return self.cleaned_data["currency"].strip().upper()

    @staticmethod
    def initial_for(funding) -> dict:
        names = ("source", "status", "year", "amount", "currency", "rate_to_plan", "note")
        return {name: getattr(funding, name) for name in names} | {"donor": funding.donor_id}
