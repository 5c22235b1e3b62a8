"""Forms of the checklists and their questions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mainstreaming.forms import REASON_HELP
from situation_analysis.choices import QuestionBlock


def _reason_field(required=False):
    label = _("Reason") if required else _("Reason for the change")
    return forms.CharField(
        label=label,
        required=required,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class ChecklistForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the checklist is for and how the ministries should work through it."),
    )
    suggested_stakeholders = forms.CharField(
        label=_("Suggested stakeholders"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who to involve; one per line."),
    )
    reason = _reason_field()

    @staticmethod
    def initial_for(checklist) -> dict:
        return {name: getattr(checklist, name) for name in ("title", "introduction", "suggested_stakeholders")}


class QuestionCreateForm(forms.Form):
    block = forms.ChoiceField(label=_("Block"), choices=QuestionBlock.choices, widget=forms.RadioSelect)
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    guidance = forms.CharField(
        label=_("Guidance"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What a good answer covers, or where the evidence may be found."),
    )


class QuestionEditForm(forms.Form):
    text = forms.CharField(label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}))
    guidance = forms.CharField(label=_("Guidance"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    position = forms.IntegerField(
        label=_("Position in the block"), min_value=0, max_value=32767, help_text=_("Lower numbers come first.")
    )
    reason = _reason_field()

    @staticmethod
    def initial_for(question) -> dict:
        return {"text": question.text, "guidance": question.guidance, "position": question.position}


class QuestionDropForm(forms.Form):
    reason = _reason_field(required=True)
