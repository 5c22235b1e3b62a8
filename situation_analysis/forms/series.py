"""The forms of the migration-profile data series: the series, one observation, and an import file."""

from django import forms
from django.utils.formats import get_format
from django.utils.translation import gettext_lazy as _

from mainstreaming.forms import LocalizedNumberInput, number_help
from mainstreaming.models import Sector
from situation_analysis.choices import Disaggregation, Periodicity, SeriesTopic
from situation_analysis.forms.checklists import _reason_field


class SeriesForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("What the series measures, such as “Remittance inflows” or “Health workers leaving the country”."),
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=60,
        required=False,
        help_text=_(
            "The publisher's code, such as SM.POP.TOTL for the World Bank's international migrant stock: an import "
            "file names the series by it."
        ),
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=SeriesTopic.choices,
        help_text=_(
            "The part of the migration profile it belongs to: stocks and flows, remittances, returns, the diaspora, "
            "or migration's effects on the labour market, education, health and the children left behind."
        ),
    )
    unit = forms.CharField(label=_("Unit"), max_length=60, help_text=_("Such as persons, USD million, or percent."))
    source = forms.ModelChoiceField(
        label=_("Data source"),
        queryset=None,
        required=False,
        help_text=_("Where the values come from; record the source under Data sources first if it is not listed."),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=None,
        required=False,
        empty_label=_("Across sectors"),
        help_text=_("The sector checklist it informs, if it informs one."),
    )
    dimensions = forms.MultipleChoiceField(
        label=_("Broken down by"),
        choices=Disaggregation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The handbook asks for data broken down by sex wherever possible, and by age and migratory status where "
            "the data allow. A series without a breakdown by sex is listed among the data gaps."
        ),
    )
    sex_not_applicable = forms.BooleanField(
        label=_("A breakdown by sex does not apply"),
        required=False,
        help_text=_(
            "For measures such as a share of GDP or the cost of sending money, which have no sex: the series is then "
            "not listed among the data gaps for lacking a breakdown by sex."
        ),
    )
    periodicity = forms.ChoiceField(
        label=_("Periodicity"),
        choices=[("", _("As its data source"))] + Periodicity.choices,
        required=False,
        help_text=_(
            "How often a value is published, if not as often as its data source is updated: the data gaps count a "
            "missing year only for a series expected every year."
        ),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Definitions, coverage, breaks in the series."),
    )

    def __init__(self, *args, process, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = process.data_sources.order_by("name")
        self.fields["sector"].queryset = Sector.objects.all()
        if editing:
            self.fields["reason"] = _reason_field()

    @staticmethod
    def initial_for(series) -> dict:
        fields = ("title", "code", "topic", "unit", "dimensions", "sex_not_applicable", "periodicity", "notes")
        return {name: getattr(series, name) for name in fields} | {
            "source": series.source_id,
            "sector": series.sector_id,
        }


def breakdown_field_name(dimension: str) -> str:
    return f"breakdown_{dimension}"


class ObservationForm(forms.Form):
    """One value: its period, the cell of the series' breakdowns (empty for the total), the value and a note."""

    period = forms.CharField(
        label=_("Period"),
        max_length=10,
        help_text=_("A year (2024), a quarter (2024-Q2) or a month (2024-06)."),
    )
    value = forms.CharField(label=_("Value"), max_length=40, widget=LocalizedNumberInput)
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("Such as “provisional” or “estimate”."),
    )

    def __init__(self, *args, series, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].help_text = number_help()
        labels = dict(Disaggregation.choices)
        for dimension in series.dimensions:
            help_text = _("Leave empty for the total over this breakdown.")
            if dimension == Disaggregation.SEX:
                help_text = _("female, male or other; leave empty for both sexes together.")
            self.fields[breakdown_field_name(dimension)] = forms.CharField(
                label=labels.get(dimension, dimension), max_length=60, required=False, help_text=help_text
            )
        self.dimensions = list(series.dimensions)
        # The note comes after the breakdowns, as in an import file.
        self.order_fields(["period", *[breakdown_field_name(d) for d in self.dimensions], "value", "note"])
        if editing:
            self.fields["reason"] = _reason_field()

    def service_data(self) -> dict:
        """The cleaned data as the services take it: period, value, note and the breakdown as one mapping."""
        data = self.cleaned_data
        return {
            "period": data["period"],
            "value": data["value"],
            "note": data["note"],
            "breakdown": {d: data.get(breakdown_field_name(d), "") for d in self.dimensions},
        }

    @staticmethod
    def initial_for(observation) -> dict:
        initial = {"period": observation.period, "value": observation.value.normalize(), "note": observation.note}
        for dimension, value in (observation.breakdown or {}).items():
            initial[breakdown_field_name(dimension)] = value
        return initial


class ObservationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "The first row names the columns: period, value, one column per breakdown of the series, and optionally "
            "note. Then one row per value; leave a breakdown cell empty for the total. At most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class SeriesFileImportForm(forms.Form):
    """A file of many series, in the long layout or as the World Bank writes it, and how its numbers are written."""

    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "A .csv file (UTF-8 or Latin-1, separated by commas or semicolons) or an .xlsx file. At most 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    decimal_separator = forms.ChoiceField(
        label=_("Decimals are marked with"),
        choices=[(".", _("a point: 1234.5")), (",", _("a comma: 1234,5"))],
        help_text=_(
            "As the page's language writes numbers unless you choose otherwise. A number that reads two ways (1,234) "
            "is refused, never guessed. The World Bank's files always use a point."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decimal_separator"].initial = "," if get_format("DECIMAL_SEPARATOR") == "," else "."


class SeriesImportApplyForm(forms.Form):
    """Apply the preview: the file's fingerprint and the plan's, both as shown."""

    sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    digest = forms.CharField(widget=forms.HiddenInput, max_length=64)
