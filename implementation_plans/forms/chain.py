"""
Forms of the chain area: outcomes, outputs, activities and risks (the NFP), a ministry's progress update and
proposal, the NFP's decision on a proposal, reorder / move / copy, and the catalogue's filters and "use as a
template". Validation and widgets only: the rules (an end after the start, a region unless national) live in the
model and the services, and their errors come back beside these fields.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from implementation_plans.choices import ActivityStatus, Level
from implementation_plans.selectors import chain as selectors
from mainstreaming.forms import REASON_HELP
from mainstreaming.models import Sector

REASON_LABEL = _("Reason for the change")


def _reason_field(label=REASON_LABEL):
    return forms.CharField(
        label=label, required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2}), help_text=REASON_HELP
    )


def _date_field(label):
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class _InitialMixin:
    FIELDS: tuple[str, ...] = ()

    @classmethod
    def initial_for(cls, obj) -> dict:
        initial = {}
        for name in cls.FIELDS:
            if name == "partners":
                initial[name] = [partner.pk for partner in obj.partners.all()]
            else:
                field = obj._meta.get_field(name)
                initial[name] = getattr(obj, field.attname)
        return initial


class OutcomeForm(_InitialMixin, forms.Form):
    FIELDS = ("title", "assumptions", "priority")

    title = forms.CharField(
        label=_("Outcome"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The change the plan aims at, such as “Migrant workers leave informed and protected”."),
    )
    assumptions = forms.CharField(
        label=_("Assumptions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What must hold, outside the plan's control, for the outputs to bring about this outcome."),
    )
    priority = forms.ModelChoiceField(
        label=_("Priority it delivers"), queryset=None, required=False, empty_label=_("(none)")
    )

    def __init__(self, *args, goal, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = selectors.priority_choices(goal)
        if editing:
            self.fields["reason"] = _reason_field()


class OutputForm(_InitialMixin, forms.Form):
    FIELDS = ("title", "assumptions")

    title = forms.CharField(
        label=_("Output"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the activities deliver: a service, a law drafted, people trained."),
    )
    assumptions = forms.CharField(
        label=_("Assumptions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What must hold for this output to contribute to its outcome."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["reason"] = _reason_field()


class RiskForm(_InitialMixin, forms.Form):
    FIELDS = ("description", "likelihood", "impact", "mitigation")

    description = forms.CharField(label=_("Risk"), widget=forms.Textarea(attrs={"rows": 2}))
    likelihood = forms.ChoiceField(label=_("Likelihood"), choices=Level.choices, initial=Level.MEDIUM)
    impact = forms.ChoiceField(label=_("Impact"), choices=Level.choices, initial=Level.MEDIUM)
    mitigation = forms.CharField(
        label=_("Mitigation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What will be done to make the risk less likely or less harmful."),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["reason"] = _reason_field()


class _ActivityFieldsMixin:
    def clean_region(self):
        return (self.cleaned_data.get("region") or "").strip()


class ActivityForm(_ActivityFieldsMixin, _InitialMixin, forms.Form):
    """Every field of an activity (the NFP)."""

    FIELDS = (
        "title",
        "description",
        "responsible",
        "partners",
        "starts_on",
        "ends_on",
        "is_national",
        "region",
        "target_group",
        "sector",
        "status",
    )

    title = forms.CharField(label=_("Activity"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    responsible = forms.ModelChoiceField(
        label=_("Responsible institution"),
        queryset=None,
        required=False,
        help_text=_("Its focal points may update the activity's status and dates."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner institutions"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    starts_on = _date_field(_("Start"))
    ends_on = _date_field(_("End"))
    is_national = forms.BooleanField(
        label=_("National (the whole country)"),
        required=False,
        initial=True,
        help_text=_("Untick it for an activity in one region, and name the region."),
    )
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    target_group = forms.CharField(
        label=_("Target group"),
        max_length=300,
        required=False,
        help_text=_("Whom it serves, such as “seasonal workers leaving for the Gulf”."),
    )
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices, initial=ActivityStatus.PLANNED)

    def __init__(self, *args, process, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        institutions = selectors.institution_choices(process)
        self.fields["responsible"].queryset = institutions
        self.fields["partners"].queryset = institutions
        if editing:
            self.fields["reason"] = _reason_field()


class ActivityProgressForm(forms.Form):
    """What the responsible institution's focal points may change: the status and the dates, and why."""

    status = forms.ChoiceField(label=_("Status"), choices=ActivityStatus.choices)
    starts_on = _date_field(_("Start"))
    ends_on = _date_field(_("End"))
    note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, what delays it; kept in the history with your name and the time."),
    )


class ActivityProposalForm(_ActivityFieldsMixin, forms.Form):
    """A ministry's proposal of an activity for one of its institution's sectors."""

    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=None, help_text=_("One of your institution's sectors that the activity serves.")
    )
    title = forms.CharField(label=_("Activity"), max_length=300)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proposal_note = forms.CharField(
        label=_("Why this activity"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What it adds to the output; the NFP reads it before accepting or declining."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner institutions"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    starts_on = _date_field(_("Start"))
    ends_on = _date_field(_("End"))
    is_national = forms.BooleanField(label=_("National (the whole country)"), required=False, initial=True)
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    target_group = forms.CharField(label=_("Target group"), max_length=300, required=False)

    def __init__(self, *args, process, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = institution.sectors.order_by("position")
        self.fields["partners"].queryset = selectors.institution_choices(process).exclude(pk=institution.pk)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is declined"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The proposing ministry reads it on the activity's page."),
    )


class AcceptForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the ministry (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReorderForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Direction"), required=False, choices=[("", "—"), ("up", _("Up")), ("down", _("Down"))]
    )
    position = forms.IntegerField(label=_("New position"), required=False, min_value=1)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("direction") and cleaned.get("position") is None:
            raise forms.ValidationError(_("Say whether to move it up or down, or give its new position."))
        return cleaned


class MoveForm(forms.Form):
    """Where to move an item: another goal (an outcome), outcome (an output) or output (an activity)."""

    target = forms.ModelChoiceField(label=_("Move to"), queryset=None)
    reason = _reason_field(_("Reason for the move"))

    def __init__(self, *args, queryset, label, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = queryset
        self.fields["target"].label = label


class UseTemplateForm(forms.Form):
    outcome = forms.ModelChoiceField(
        label=_("Under which outcome"),
        queryset=None,
        help_text=_("The experience becomes a draft output of this outcome, with its activities, for you to adapt."),
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = selectors.outcome_choices(process)


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=None, required=False, empty_label=_("All sectors"))
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = selectors.catalogue_sectors()
        self.fields["country"].choices = [("", _("All countries"))] + [
            (name, name) for name in selectors.catalogue_countries()
        ]
