"""Forms of the core: validation and widgets only; the views hand cleaned data to a service."""

import re
from decimal import Decimal

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from mainstreaming import l10n
from mainstreaming.choices import PhaseStatus, Role
from mainstreaming.l10n import parse_number
from mainstreaming.models import Institution, Sector

REASON_HELP = _("Kept in the history with your name and the time.")

_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def number_help(example: Decimal = Decimal("1250.5")) -> str:
    """The help text of a number input, with an example written in the reader's language ("1 250,5")."""
    return _("A number, such as %(example)s.") % {"example": l10n.number(example)}


class LocalizedNumberInput(forms.TextInput):
    """
    A number typed in the reader's language: "15,1" or "1 234,5" in French, "15.1" or "1,234.5" in English.

    A text input, not <input type="number">, which browsers refuse a comma in unless they run in a language that
    writes one. What was typed reaches the field as plain "1234.5" (mainstreaming.l10n.parse_number), so a
    DecimalField, an IntegerField or a service reading text takes it as it is. The value is shown with the
    language's decimal separator and no thousands separator, so that it is easy to edit; a value the field
    refused is shown again as it was typed.
    """

    def __init__(self, attrs=None, *, integer: bool = False):
        attrs = {"inputmode": "numeric" if integer else "decimal", "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs)

    def value_from_datadict(self, data, files, name):
        return parse_number(super().value_from_datadict(data, files, name))

    def format_value(self, value):
        if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value.strip()):
            value = Decimal(value.strip())
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return formats.number_format(value, use_l10n=True)
        return super().format_value(value)


class InstitutionForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = ["name", "acronym", "kind", "parent", "sectors", "email", "phone", "address", "website"]
        widgets = {"sectors": forms.CheckboxSelectMultiple, "address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.process = process
        parents = process.institutions.order_by("name")
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["sectors"].queryset = Sector.objects.all()
        self.fields["sectors"].required = False

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class PhaseUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PhaseStatus.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Where the phase stands, what is pending, what was decided."),
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500, help_text=REASON_HELP)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    institution = forms.ModelChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_("Required for a ministry focal point: the institution whose work they fill in."),
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = process.institutions.order_by("name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.MINISTRY and not cleaned.get("institution"):
            self.add_error("institution", _("Choose the institution this focal point speaks for."))
        return cleaned


class MembershipChangeForm(InviteForm):
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500, help_text=REASON_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("email", "first_name", "last_name"):
            del self.fields[name]


class ReasonForm(forms.Form):
    """A confirmation step that asks why: ending a membership, withdrawing a report."""

    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}), help_text=REASON_HELP
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class DocumentForm(forms.Form):
    """An upload; its content and size are checked by the service, and errors come back beside this field."""

    title = forms.CharField(label=_("Title"), max_length=200, required=False, help_text=_("Defaults to the file name."))
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, OpenDocument, Excel, PowerPoint, PNG, JPEG or plain text; at most 10 MB."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    next = forms.CharField(widget=forms.HiddenInput, required=False)
