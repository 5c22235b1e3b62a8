"""Forms of the setup area: validation and widgets only; the views hand the cleaned data to a service."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mainstreaming.forms import REASON_HELP
from mainstreaming.models import Institution
from stakeholders.choices import ConditionStatus, DecisionOutcome, Sex
from stakeholders.models import FocalPointRequest


class DateInput(forms.DateInput):
    """The browser's date picker, which submits ISO dates whatever the interface language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


TOR_FILE_HELP = _(
    "Optional. PDF, Word, OpenDocument, Excel, PowerPoint, PNG, JPEG or plain text; at most 10 MB. You can also "
    "attach documents later."
)


# ---------------------------------------------------------------------------
# Preconditions
# ---------------------------------------------------------------------------


class PreconditionForm(forms.Form):
    title = forms.CharField(label=_("Condition"), max_length=200)
    guidance = forms.CharField(
        label=_("What to look for"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What would show that the condition holds in this country."),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=ConditionStatus.choices, initial=ConditionStatus.UNKNOWN, widget=forms.RadioSelect
    )
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What shows the condition holds, or not: a decision, a document, a meeting, a figure."),
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500, help_text=REASON_HELP)

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the exercise goes ahead now, or why it waits and for what. Kept with the decision."),
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput, initial=timezone.localdate)


# ---------------------------------------------------------------------------
# Focal points
# ---------------------------------------------------------------------------


class FocalPointRequestForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput, initial=timezone.localdate)
    due_on = forms.DateField(
        label=_("Answer due by"),
        widget=DateInput,
        help_text=_("The date by which the institution should name someone."),
    )
    terms_of_reference = forms.CharField(
        label=_("Terms of reference"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The focal point's tasks (sector input, the checklist, committee work, action points), the time "
            "expected of them, and the qualifications asked for."
        ),
    )
    file = forms.FileField(label=_("Terms of reference document"), required=False, help_text=TOR_FILE_HELP)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = process.institutions.order_by("name")

    def clean(self):
        cleaned = super().clean()
        requested_on, due_on = cleaned.get("requested_on"), cleaned.get("due_on")
        if requested_on and due_on and due_on < requested_on:
            self.add_error("due_on", _("The answer cannot be due before the request is made."))
        return cleaned


class DesignationForm(forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=Institution.objects.none())
    request = forms.ModelChoiceField(
        label=_("Answering the request"),
        queryset=FocalPointRequest.objects.none(),
        required=False,
        help_text=_("Leave empty to answer the institution's request awaiting an answer, if it has one."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    position = forms.CharField(label=_("Position"), max_length=200, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.NOT_STATED)
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_(
            "For a government institution the focal point gets the ministry role for it: a person without an "
            "account is invited at this address."
        ),
    )
    phone = forms.CharField(label=_("Telephone"), max_length=50, required=False)
    designated_on = forms.DateField(label=_("Designated on"), widget=DateInput, initial=timezone.localdate)
    file = forms.FileField(label=_("Terms of reference document"), required=False, help_text=TOR_FILE_HELP)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = process.institutions.order_by("name")
        self.fields["request"].queryset = process.focal_point_requests.open().select_related("institution")

    def clean(self):
        cleaned = super().clean()
        institution, request = cleaned.get("institution"), cleaned.get("request")
        if institution and request and request.institution_id != institution.pk:
            self.add_error("request", _("This request was sent to another institution."))
        return cleaned
