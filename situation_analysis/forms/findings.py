"""The finding form: the statement, its sector and significance, and the answers and series it is drawn from."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mainstreaming.models import Sector
from situation_analysis.choices import Significance
from situation_analysis.forms.checklists import _reason_field
from situation_analysis.selectors.findings import FindingChoices


class FindingForm(forms.Form):
    statement = forms.CharField(
        label=_("Finding"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One or two sentences that say what the evidence shows, such as “The emigration of nurses leaves rural "
            "posts vacant.”"
        ),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=None,
        required=False,
        empty_label=_("Across sectors"),
        help_text=_("Leave “Across sectors” for a finding that does not belong to one sector."),
    )
    significance = forms.ChoiceField(
        label=_("Significance"),
        choices=Significance.choices,
        initial=Significance.MEDIUM,
        widget=forms.RadioSelect,
        help_text=_("How much it should weigh when the goals and priorities are chosen."),
    )
    answers = forms.TypedMultipleChoiceField(
        label=_("Checklist answers it is drawn from"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Approved answers are the firmest basis; others are marked with where their checklist stands."),
    )
    series = forms.TypedMultipleChoiceField(
        label=_("Data series it is drawn from"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    detail = forms.CharField(
        label=_("Detail"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The reasoning and figures behind the finding; required when it cites no answer or series."),
    )

    def __init__(self, *args, choices: FindingChoices, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["sector"].queryset = Sector.objects.all()
        self.fields["answers"].choices = choices.answer_groups
        self.fields["series"].choices = choices.series_choices
        if not choices.answer_groups:
            self.fields["answers"].help_text = _("No checklist has been answered yet.")
        if not choices.series_choices:
            self.fields["series"].help_text = _("No data series has been recorded yet.")
        if editing:
            self.fields["reason"] = _reason_field()

    def answer_groups(self) -> list[tuple[str, list]]:
        """The answers' checkboxes by checklist, for a fieldset each (Django would label a group with a bare label)."""
        widgets = iter(self["answers"].subwidgets)
        return [(label, [next(widgets) for _option in options]) for label, options in self.choices.answer_groups]

    def clean_answers(self):
        return [self.choices.answers[pk] for pk in self.cleaned_data["answers"]]

    def clean_series(self):
        return [self.choices.series[pk] for pk in self.cleaned_data["series"]]

    @staticmethod
    def initial_for(finding) -> dict:
        return {
            "statement": finding.statement,
            "detail": finding.detail,
            "sector": finding.sector_id,
            "significance": finding.significance,
            "answers": list(finding.answers.values_list("pk", flat=True)),
            "series": list(finding.series.values_list("pk", flat=True)),
        }
