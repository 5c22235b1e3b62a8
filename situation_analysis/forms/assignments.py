"""Forms of the assignments and their answers: validation and widgets only; the views hand cleaned data to a service."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mainstreaming.forms import REASON_HELP
from mainstreaming.models import Institution
from situation_analysis.choices import Assessment
from situation_analysis.forms.checklists import _reason_field

# How long a ministry gets by default to answer a checklist.
DEFAULT_WEEKS = 4

# The id of the page's one answer form: the fields sit beside each question, outside the <form> element, and
# join it through their `form` attribute, so that each question's comment form can sit beside them.
ANSWERS_FORM_ID = "answers-form"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class AssignmentForm(forms.Form):
    """Who leads the answers to a checklist, who contributes, and by when."""

    lead = forms.ModelChoiceField(
        label=_("Lead institution"),
        queryset=Institution.objects.none(),
        help_text=_("Its focal points answer the questions and submit the checklist."),
    )
    contributors = forms.ModelMultipleChoiceField(
        label=_("Contributing institutions"),
        queryset=Institution.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their focal points read the drafts and comment on each question; they do not submit."),
    )
    due_on = forms.DateField(label=_("Due date"), widget=DateInput)

    def __init__(self, *args, process, assignment=None, **kwargs):
        self.assignment = assignment
        if assignment is None:
            kwargs.setdefault("initial", {}).setdefault("due_on", timezone.localdate() + timedelta(weeks=DEFAULT_WEEKS))
        else:
            kwargs.setdefault("initial", {}).update(
                lead=assignment.lead_id,
                contributors=[institution.pk for institution in assignment.contributors.all()],
                due_on=assignment.due_on,
            )
        super().__init__(*args, **kwargs)
        institutions = process.institutions.order_by("name")
        self.fields["lead"].queryset = institutions
        self.fields["contributors"].queryset = institutions
        if assignment is not None:
            self.fields["reason"] = _reason_field()

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        unchanged = self.assignment is not None and due_on == self.assignment.due_on
        if due_on < timezone.localdate() and not unchanged:
            raise forms.ValidationError(_("Choose a date from today onwards."))
        return due_on

    def clean(self):
        cleaned = super().clean()
        lead, contributors = cleaned.get("lead"), cleaned.get("contributors") or []
        if lead is not None and lead in contributors:
            self.add_error("contributors", _("The lead institution cannot also be a contributing one."))
        return cleaned


class AnswersForm(forms.Form):
    """
    The lead's one form for every question: for each, an assessment, a narrative, other evidence and the data
    sources it draws on; and the version of the answers the form was opened at, which the service checks.
    """

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, questions, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.sources = {str(source.pk): source for source in sources}
        source_choices = [(str(source.pk), source.name) for source in sources]
        attrs = {"form": ANSWERS_FORM_ID}
        self.fields["version"].widget.attrs.update(attrs)
        for question in self.questions:
            prefix = self.field_prefix(question)
            self.fields[f"{prefix}assessment"] = forms.ChoiceField(
                label=_("Assessment"),
                choices=Assessment.choices,
                required=False,
                widget=forms.RadioSelect(attrs=attrs),
            )
            self.fields[f"{prefix}narrative"] = forms.CharField(
                label=_("Narrative"),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 4, **attrs}),
                help_text=_("What the situation is, and why you assess it so."),
            )
            self.fields[f"{prefix}evidence"] = forms.CharField(
                label=_("Other evidence"),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 2, **attrs}),
                help_text=_("Studies, laws, reports or links that support the answer."),
            )
            if source_choices:
                self.fields[f"{prefix}data_sources"] = forms.MultipleChoiceField(
                    label=_("Data sources"),
                    choices=source_choices,
                    required=False,
                    widget=forms.CheckboxSelectMultiple(attrs=attrs),
                )

    @staticmethod
    def field_prefix(question) -> str:
        return f"q{question.pk}_"

    @staticmethod
    def initial_for(questions, version: int) -> dict:
        """The form's starting values: what each question's answer says now."""
        initial = {"version": version}
        for question in questions:
            answer = getattr(question, "current_answer", None)
            if answer is None:
                continue
            prefix = AnswersForm.field_prefix(question)
            initial[f"{prefix}assessment"] = answer.assessment
            initial[f"{prefix}narrative"] = answer.narrative
            initial[f"{prefix}evidence"] = answer.evidence
            initial[f"{prefix}data_sources"] = [str(source.pk) for source in answer.source_list]
        return initial

    def bound_fields_of(self, question) -> list:
        prefix = self.field_prefix(question)
        return [self[name] for name in self.fields if name.startswith(prefix)]

    def changes(self, sent_names) -> dict[int, dict]:
        """
        What to hand to answers_save: the fields of each question the browser sent (a question whose narrative
        was not part of the request, such as one added to the checklist since the form was opened, is left as
        it is).
        """
        changes = {}
        for question in self.questions:
            prefix = self.field_prefix(question)
            if f"{prefix}narrative" not in sent_names:
                continue
            fields = {
                "assessment": self.cleaned_data.get(f"{prefix}assessment") or "",
                "narrative": self.cleaned_data.get(f"{prefix}narrative") or "",
                "evidence": self.cleaned_data.get(f"{prefix}evidence") or "",
            }
            if f"{prefix}data_sources" in self.fields:
                fields["data_sources"] = [self.sources[pk] for pk in self.cleaned_data.get(f"{prefix}data_sources", [])]
            changes[question.pk] = fields
        return changes


class ReviewForm(forms.Form):
    APPROVE, CHANGES = "approve", "changes"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (APPROVE, _("Approve the answers: every ministry can then read them")),
            (CHANGES, _("Request changes: the checklist goes back to the lead institution as a draft")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the lead institution"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required when you request changes: say what needs to change. Comments on single questions stay "
            "visible beside them."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.CHANGES and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Say what needs to change."))
        return cleaned


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the reviewers (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class AnswerCommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
