"""
Forms of the indicators area: an indicator (by hand or copied from the bank), its targets by year, the M&E plan.
Validation and widgets only, with each error beside its field: a percentage outside 0-100, a baseline dated in
the future, two targets for one year, an indicator attached to nothing. The services hold the rules again.
"""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from implementation_plans.models import GcmObjective, SdgTarget
from mainstreaming.forms import REASON_HELP, LocalizedNumberInput
from mainstreaming.models import Institution
from monitoring.choices import Aggregation, Direction, IndicatorType
from monitoring.models import Dimension, Indicator, MEPlan
from monitoring.selectors.indicators import result_choices, result_get
from monitoring.services.indicators import INDICATOR_FIELDS
from situation_analysis.choices import Periodicity
from situation_analysis.models import DataSource

TARGET_ROWS = 8


def _plain(value: Decimal) -> Decimal:
    """10.0000 shown as 10, 12.5000 as 12.5 (and never as 1E+1)."""
    return Decimal(f"{value.normalize():f}")


def _reason_field():
    return forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class _AttachMixin:
    """The "measures" field: one goal, outcome or output of the process, turned into the record in cleaned_data."""

    def add_result(self, process):
        self.process = process
        self.fields["result"] = forms.ChoiceField(
            label=_("Measures"),
            choices=[("", _("Choose a goal, outcome or output"))] + result_choices(process=process),
            help_text=_("The result of the plan this indicator measures: one goal, outcome or output."),
            error_messages={"required": _("Attach the indicator to a goal, outcome or output of the plan.")},
        )
        self.order_fields(["result"])

    def clean_result(self):
        result = result_get(process=self.process, key=self.cleaned_data["result"])
        if result is None:
            raise forms.ValidationError(_("Attach the indicator to a goal, outcome or output of the plan."))
        return result


class IndicatorForm(_AttachMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, required=False, help_text=_("Such as “10.7.1” or “O1.2”."))
    name = forms.CharField(
        label=_("Indicator"),
        max_length=300,
        help_text=_("What is counted, such as “Departing workers who received pre-departure orientation”."),
    )
    definition = forms.CharField(
        label=_("Definition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How it is computed, so that every period counts the same thing."),
    )
    unit = forms.CharField(label=_("Unit"), max_length=60, help_text=_("Such as number, %, US$ million."))
    indicator_type = forms.ChoiceField(label=_("Type"), choices=IndicatorType.choices, initial=IndicatorType.NUMBER)
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=Direction.choices,
        initial=Direction.HIGHER,
        help_text=_("A context indicator is monitored without a good or bad direction (remittance inflows)."),
    )
    aggregation = forms.ChoiceField(
        label=_("How values add up"),
        choices=Aggregation.choices,
        initial=Aggregation.INCREMENTAL,
        help_text=_(
            "Incremental: the periods are summed. Cumulative: each value is the running total. Latest: the last "
            "value counts. Percentage: recomputed from the numerator and denominator. Qualitative: a level of a scale."
        ),
    )
    numerator = forms.CharField(label=_("Numerator"), max_length=300, required=False)
    denominator = forms.CharField(label=_("Denominator"), max_length=300, required=False)
    scale = forms.CharField(
        label=_("Qualitative scale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One level per line, lowest first, for a qualitative indicator."),
    )
    disaggregations = forms.MultipleChoiceField(
        label=_("Disaggregated by"),
        choices=Dimension.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Break the data down by sex, age and migratory status wherever the data allow (handbook §10)."),
    )
    baseline_value = forms.DecimalField(
        label=_("Baseline value"),
        required=False,
        max_digits=18,
        decimal_places=4,
        widget=LocalizedNumberInput,
        help_text=_("For a number or percentage indicator."),
    )
    baseline_text = forms.CharField(
        label=_("Baseline (text)"),
        max_length=200,
        required=False,
        help_text=_("For a yes/no, text or qualitative indicator."),
    )
    baseline_date = forms.DateField(
        label=_("Baseline date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    baseline_source = forms.CharField(label=_("Baseline source"), max_length=300, required=False)
    data_source = forms.ModelChoiceField(
        label=_("Data source"),
        queryset=DataSource.objects.none(),
        required=False,
        help_text=_("A data source identified in the situation analysis."),
    )
    frequency = forms.ChoiceField(label=_("Frequency"), choices=[("", "—"), *Periodicity.choices], required=False)
    responsible = forms.ModelChoiceField(
        label=_("Responsible institution"), queryset=Institution.objects.none(), required=False
    )
    means_of_verification = forms.CharField(
        label=_("Means of verification"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    sdg_targets = forms.ModelMultipleChoiceField(
        label=_("SDG targets"),
        queryset=SdgTarget.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gcm_objectives = forms.ModelMultipleChoiceField(
        label=_("GCM objectives"),
        queryset=GcmObjective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, process, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_result(process)
        self.fields["data_source"].queryset = DataSource.objects.filter(process=process)
        self.fields["responsible"].queryset = Institution.objects.filter(process=process)
        if editing:
            self.fields["reason"] = _reason_field()

    def clean_scale(self):
        return [line.strip() for line in self.cleaned_data["scale"].splitlines() if line.strip()]

    def clean_baseline_date(self):
        day = self.cleaned_data["baseline_date"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(
                _("The baseline describes the situation before the plan: its date cannot be ahead.")
            )
        return day

    def clean(self):
        data = super().clean()
        kind = data.get("indicator_type")
        value = data.get("baseline_value")
        numeric = kind in (IndicatorType.NUMBER, IndicatorType.PERCENTAGE)
        if value is not None and kind == IndicatorType.PERCENTAGE and not 0 <= value <= 100:
            self.add_error("baseline_value", _("A percentage lies between 0 and 100."))
        elif value is not None and kind and not numeric:
            self.add_error("baseline_value", _("This indicator's values are not numbers: write the baseline as text."))
        if data.get("baseline_text") and numeric:
            self.add_error("baseline_text", _("This indicator takes numbers: give the baseline as a value."))
        if data.get("aggregation") == Aggregation.PERCENTAGE:
            for name in ("numerator", "denominator"):
                if not data.get(name):
                    self.add_error(name, _("A percentage recomputed from its parts needs both."))
        if data.get("aggregation") == Aggregation.QUALITATIVE and len(data.get("scale") or []) < 2:
            self.add_error("scale", _("A qualitative scale needs at least two levels, lowest first."))
        return data

    @staticmethod
    def initial_for(indicator: Indicator) -> dict:
        # The service's own list of an indicator's fields, narrowed to those this form shows.
        initial = {name: getattr(indicator, name) for name in INDICATOR_FIELDS if name in IndicatorForm.base_fields}
        initial["result"] = f"{indicator.level}:{indicator.result.pk}"
        initial["scale"] = "\n".join(indicator.scale)
        if indicator.baseline_value is not None:
            initial["baseline_value"] = _plain(indicator.baseline_value)
        initial["sdg_targets"] = list(indicator.sdg_targets.all())
        initial["gcm_objectives"] = list(indicator.gcm_objectives.all())
        return initial


class CopyFromBankForm(_AttachMixin, forms.Form):
    """Copy a bank entry into the plan: where it goes, and optionally its baseline and who reports it."""

    baseline_value = IndicatorForm.base_fields["baseline_value"]
    baseline_date = IndicatorForm.base_fields["baseline_date"]
    baseline_source = IndicatorForm.base_fields["baseline_source"]
    responsible = forms.ModelChoiceField(
        label=_("Responsible institution"), queryset=Institution.objects.none(), required=False
    )

    def __init__(self, *args, process, template, **kwargs):
        super().__init__(*args, **kwargs)
        self.template = template
        self.add_result(process)
        self.fields["responsible"].queryset = Institution.objects.filter(process=process)

    clean_baseline_date = IndicatorForm.clean_baseline_date

    def clean(self):
        data = super().clean()
        value = data.get("baseline_value")
        if value is not None:
            if self.template.indicator_type == IndicatorType.PERCENTAGE and not 0 <= value <= 100:
                self.add_error("baseline_value", _("A percentage lies between 0 and 100."))
            elif self.template.indicator_type not in (IndicatorType.NUMBER, IndicatorType.PERCENTAGE):
                self.add_error("baseline_value", _("This indicator's values are not numbers: set it after copying."))
        return data


class TargetsForm(forms.Form):
    """
    The indicator's targets, one row per year; the table replaces the targets (a row left empty removes nothing
    but adds nothing). Two rows for one year, a year outside the plan's period or a percentage outside 0-100 come
    back beside the row.
    """

    reason = _reason_field()

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        process = indicator.process
        numeric = indicator.takes_number
        for row in range(1, TARGET_ROWS + 1):
            self.fields[f"year_{row}"] = forms.IntegerField(
                label=_("Year (row %(row)s)") % {"row": row},
                required=False,
                min_value=2000,
                max_value=2100,
                help_text=_("Within the plan's period, %(start)s to %(end)s.")
                % {"start": process.period_start, "end": process.period_end}
                if row == 1
                else "",
            )
            if numeric:
                field = forms.DecimalField(
                    label=_("Target (row %(row)s)") % {"row": row},
                    required=False,
                    max_digits=18,
                    decimal_places=4,
                    widget=LocalizedNumberInput,
                )
            elif indicator.scale:
                field = forms.ChoiceField(
                    label=_("Target (row %(row)s)") % {"row": row},
                    required=False,
                    choices=[("", "—"), *[(level, level) for level in indicator.scale]],
                )
            elif indicator.indicator_type == IndicatorType.YES_NO:
                field = forms.ChoiceField(
                    label=_("Target (row %(row)s)") % {"row": row},
                    required=False,
                    choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
                )
            else:
                field = forms.CharField(label=_("Target (row %(row)s)") % {"row": row}, required=False, max_length=200)
            self.fields[f"value_{row}"] = field
        self.order_fields([name for row in range(1, TARGET_ROWS + 1) for name in (f"year_{row}", f"value_{row}")])

    @staticmethod
    def initial_for(indicator: Indicator) -> dict:
        initial = {}
        for row, target in enumerate(indicator.targets.all(), start=1):
            initial[f"year_{row}"] = target.year
            initial[f"value_{row}"] = _plain(target.value) if target.value is not None else target.text_value
        return initial

    def rows(self):
        return [(self[f"year_{row}"], self[f"value_{row}"]) for row in range(1, TARGET_ROWS + 1)]

    def clean(self):
        data = super().clean()
        process = self.indicator.process
        seen: dict[int, int] = {}
        targets = {}
        for row in range(1, TARGET_ROWS + 1):
            year, value = data.get(f"year_{row}"), data.get(f"value_{row}")
            if year is None:
                if value not in (None, ""):
                    self.add_error(f"year_{row}", _("Give the year of this target."))
                continue
            if year in seen:
                self.add_error(
                    f"year_{row}",
                    _("Row %(row)s already sets a target for %(year)s: one target per year.")
                    % {"row": seen[year], "year": year},
                )
                continue
            seen[year] = row
            if not process.period_start <= year <= process.period_end:
                self.add_error(
                    f"year_{row}",
                    _("The plan runs from %(start)s to %(end)s.")
                    % {"start": process.period_start, "end": process.period_end},
                )
            if value in (None, ""):
                self.add_error(f"value_{row}", _("Give the target for %(year)s.") % {"year": year})
                continue
            if self.indicator.indicator_type == IndicatorType.PERCENTAGE and not 0 <= value <= 100:
                self.add_error(f"value_{row}", _("A percentage target lies between 0 and 100."))
            targets[year] = value
        data["targets"] = targets
        data["rows_by_year"] = seen
        return data


class MEPlanForm(forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )

    class Meta:
        model = MEPlan
        fields = [
            "reporting_frequency",
            "first_period_starts_on",
            "midterm_evaluation_on",
            "final_evaluation_on",
            "evaluation_schedule",
            "budget_amount",
            "currency",
            "national_systems",
        ]
        widgets = {
            "budget_amount": LocalizedNumberInput,
            "first_period_starts_on": forms.DateInput(attrs={"type": "date"}),
            "midterm_evaluation_on": forms.DateInput(attrs={"type": "date"}),
            "final_evaluation_on": forms.DateInput(attrs={"type": "date"}),
            "evaluation_schedule": forms.Textarea(attrs={"rows": 3}),
            "national_systems": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "reporting_frequency": _("How often the responsible institutions report progress."),
            "evaluation_schedule": _(
                "Who evaluates, when and how: plan mid-term and final evaluations from the start."
            ),
            "currency": _("Three letters, such as USD."),
            "national_systems": _(
                "The monitoring systems already in place that the plan builds on (the national development plan's "
                "M&E system, sector information systems, the statistics office's surveys) rather than duplicates."
            ),
        }

    def clean(self):
        data = super().clean()
        midterm, final = data.get("midterm_evaluation_on"), data.get("final_evaluation_on")
        if midterm and final and final <= midterm:
            self.add_error("final_evaluation_on", _("The final evaluation comes after the mid-term one."))
        if data.get("budget_amount") is not None and not data.get("currency"):
            self.add_error("currency", _("Give the budget's currency, such as USD."))
        return data

    def validate_unique(self):
        """The service checks the one-plan-per-process rule; the form has no process to check it with."""

    def _post_clean(self):
        # Validation only: the service builds and saves the record, so the model's clean runs there.
        pass
