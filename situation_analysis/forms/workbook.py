"""Forms of the offline workbook: the upload, and the confirmation that carries the previewed changes."""

from django import forms
from django.utils.translation import gettext_lazy as _


class WorkbookUploadForm(forms.Form):
    """The filled workbook; its content is checked by the service, and what is wrong comes back beside the field."""

    file = forms.FileField(
        label=_("Filled workbook"),
        help_text=_(
            "The .xlsx file downloaded from this page, with your answers filled in; at most 2 MB. You will see "
            "the changes before anything is saved."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )


class WorkbookConfirmForm(forms.Form):
    """The previewed changes, signed by the server, sent back when the person confirms them."""

    token = forms.CharField(widget=forms.HiddenInput)
