"""
Forms of the evaluations area: an evaluation, its questions, findings and recommendations, the management
response to a recommendation and the progress of its follow-up. Validation and widgets only, each error beside
its field (a report due before the evaluation starts, a completed evaluation without its date, an accepted
recommendation without an owner or due date, a rejected one without a reason); the services hold the rules again.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mainstreaming.forms import REASON_HELP
from mainstreaming.models import Institution
from monitoring.choices import EvaluationKind, EvaluationStatus, ResponseDecision, ResponseStatus
from monitoring.services.evaluations import EVALUATION_FIELDS, FOLLOWING_UP


def _date_field(label, help_text=""):
    return forms.DateField(
        label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text=help_text
    )


def _reason_field():
    return forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )


class _ReasonMixin:
    def add_reason(self, editing: bool) -> None:
        if editing:
            self.fields["reason"] = _reason_field()

    def service_data(self, names) -> dict:
        return {name: self.cleaned_data[name] for name in names if name in self.cleaned_data}


class EvaluationForm(_ReasonMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EvaluationKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    evaluator = forms.CharField(
        label=_("Evaluator"), max_length=200, help_text=_("The person or firm evaluating the plan.")
    )
    is_independent = forms.BooleanField(
        label=_("Independent evaluator"),
        required=False,
        initial=True,
        help_text=_("Not part of the institutions that carry out the plan."),
    )
    scope = forms.CharField(
        label=_("Scope and purpose"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the evaluation covers (results, period, institutions) and what it is for."),
    )
    starts_on = _date_field(_("Starts"))
    due_on = _date_field(_("Report due"), _("For a new evaluation, the date the M&E plan schedules is proposed."))
    status = forms.ChoiceField(label=_("Status"), choices=EvaluationStatus.choices, initial=EvaluationStatus.PLANNED)
    completed_on = _date_field(_("Completed"), _("The date the evaluation report was delivered."))
    summary = forms.CharField(
        label=_("Summary of the conclusions"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason(editing)

    @staticmethod
    def initial_for(evaluation) -> dict:
        return {name: getattr(evaluation, name) for name in EVALUATION_FIELDS}

    def clean(self):
        data = super().clean()
        starts, due, completed = data.get("starts_on"), data.get("due_on"), data.get("completed_on")
        if starts and due and due < starts:
            self.add_error("due_on", _("The report cannot be due before the evaluation starts."))
        status = data.get("status")
        if status == EvaluationStatus.COMPLETED and not completed and "completed_on" not in self.errors:
            self.add_error("completed_on", _("Give the date the evaluation was completed."))
        elif completed and status and status != EvaluationStatus.COMPLETED:
            self.add_error(
                "completed_on", _("Only a completed evaluation has a completion date: mark it completed or clear it.")
            )
        elif completed and completed > timezone.localdate():
            self.add_error("completed_on", _("An evaluation cannot be completed on a date still to come."))
        return data

    def evaluation_data(self) -> dict:
        return self.service_data(EVALUATION_FIELDS)


def _text_field(label, message, rows):
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), error_messages={"required": message}
    )


class _PartForm(_ReasonMixin, forms.Form):
    """A question, finding or recommendation of an evaluation: its text, and the reason once it is being edited."""

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_reason(editing)


class QuestionForm(_PartForm):
    text = _text_field(_("Question"), _("Write the question."), rows=3)
    criterion = forms.CharField(
        label=_("Criterion"),
        max_length=60,
        required=False,
        help_text=_("Such as relevance, coherence, effectiveness, efficiency, impact or sustainability."),
    )


class FindingForm(_PartForm):
    question = forms.ModelChoiceField(
        label=_("Answers the question"),
        queryset=None,
        required=False,
        empty_label=_("No particular question"),
    )
    text = _text_field(_("Finding"), _("Write the finding."), rows=4)

    def __init__(self, *args, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = evaluation.questions.all()
        self.fields["question"].label_from_instance = lambda question: str(question)


class RecommendationForm(_PartForm):
    text = _text_field(_("Recommendation"), _("Write the recommendation."), rows=4)
    addressed_to = forms.CharField(
        label=_("Addressed to"),
        max_length=200,
        required=False,
        help_text=_("Whom the evaluator addresses it to, in the evaluator's words."),
    )


class ResponseForm(_ReasonMixin, forms.Form):
    """The management's response: accepted or not and why, the follow-up action, its owner and due date."""

    decision = forms.ChoiceField(label=_("Response"), choices=ResponseDecision.choices, widget=forms.RadioSelect)
    rationale = forms.CharField(
        label=_("Why"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the recommendation is not accepted; useful when it is only partly accepted."),
    )
    action = forms.CharField(
        label=_("Follow-up action"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What will be done about the recommendation."),
    )
    owner = forms.ModelChoiceField(
        label=_("Owner institution"),
        queryset=Institution.objects.none(),
        required=False,
        help_text=_("Its focal points are told by e-mail and report how far the follow-up has come."),
    )
    due_on = _date_field(_("Due by"))

    def __init__(self, *args, process, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Institution.objects.filter(process=process).order_by("name")
        self.add_reason(editing)

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision in FOLLOWING_UP:
            if not (data.get("action") or "").strip():
                self.add_error("action", _("Say what will be done about the recommendation."))
            if data.get("owner") is None and "owner" not in self.errors:
                self.add_error("owner", _("Name the institution that owns the follow-up."))
            if data.get("due_on") is None and "due_on" not in self.errors:
                self.add_error("due_on", _("Give the date the follow-up is due."))
        elif decision == ResponseDecision.REJECTED and not (data.get("rationale") or "").strip():
            self.add_error("rationale", _("Say why the recommendation is not accepted."))
        return data

    def response_data(self) -> dict:
        return self.service_data(("decision", "rationale", "action", "owner", "due_on"))


class ResponseProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ResponseStatus.choices)
    progress_note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What has been done and what remains; kept in the history with your name."),
    )
    completed_on = _date_field(_("Completed"), _("The date the follow-up was completed."))

    def clean(self):
        data = super().clean()
        status, completed = data.get("status"), data.get("completed_on")
        if status == ResponseStatus.COMPLETED and not completed and "completed_on" not in self.errors:
            self.add_error("completed_on", _("Give the date the follow-up was completed."))
        elif completed and status and status != ResponseStatus.COMPLETED:
            self.add_error(
                "completed_on", _("Only a completed follow-up has a completion date: mark it completed or clear it.")
            )
        elif completed and completed > timezone.localdate():
            self.add_error("completed_on", _("A follow-up cannot be completed on a date still to come."))
        return data


class ResponseFilterForm(forms.Form):
    """The tracker's filters, read from the query string; anything unknown is ignored."""

    owner = forms.ModelChoiceField(label=_("Owner institution"), queryset=Institution.objects.none(), required=False)
    open = forms.BooleanField(label=_("Open only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Institution.objects.filter(process=process).order_by("name")
        self.fields["owner"].empty_label = _("Any institution")

    def filters(self) -> dict:
        self.is_valid()
        owner = self.cleaned_data.get("owner")
        return {
            "owner_id": owner.pk if owner else None,
            "open_only": bool(self.cleaned_data.get("open")),
            "overdue_only": bool(self.cleaned_data.get("overdue")),
        }
