"""The data-source form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from situation_analysis.choices import DataSourceKind, Disaggregation, Periodicity
from situation_analysis.forms.checklists import _reason_field


class DataSourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=DataSourceKind.choices)
    owner = forms.ModelChoiceField(
        label=_("Owner institution"),
        queryset=None,
        required=False,
        help_text=_("The institution that produces or holds the data, if it takes part in the process."),
    )
    periodicity = forms.ChoiceField(label=_("Periodicity"), choices=[("", "—"), *Periodicity.choices], required=False)
    latest_year = forms.IntegerField(label=_("Latest year available"), required=False, min_value=1900, max_value=2100)
    disaggregations = forms.MultipleChoiceField(
        label=_("Can be broken down by"),
        choices=Disaggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The handbook asks for data by sex wherever possible."),
    )
    access_notes = forms.CharField(
        label=_("Access"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who may use it, on what terms, how."),
    )
    quality_notes = forms.CharField(
        label=_("Quality"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Coverage, definitions, known gaps."),
    )

    def __init__(self, *args, process, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = process.institutions.order_by("name")
        if editing:
            self.fields["reason"] = _reason_field()

    @staticmethod
    def initial_for(source) -> dict:
        fields = ("name", "kind", "periodicity", "latest_year", "disaggregations", "access_notes", "quality_notes")
        return {name: getattr(source, name) for name in fields} | {"owner": source.owner_id}
