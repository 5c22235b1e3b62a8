"""Forms of the committees area: validation and widgets only; the views hand cleaned data to a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mainstreaming.forms import REASON_HELP
from mainstreaming.models import Institution
from stakeholders.choices import ActionStatus
from stakeholders.models import ActionPoint, Attendance, Committee, CommitteeMember, Meeting, MeetingDecision


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _reason_field():
    return forms.CharField(label=_("Reason for the change"), required=False, max_length=500, help_text=REASON_HELP)


def _process_institutions(form, process, *names):
    for name in names:
        form.fields[name].queryset = process.institutions.order_by("name")


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = [
            "kind",
            "name",
            "terms_of_reference",
            "functions",
            "chair_institution",
            "chair_name",
            "established_on",
        ]
        widgets = {
            "terms_of_reference": forms.Textarea(attrs={"rows": 6}),
            "functions": forms.Textarea(attrs={"rows": 4}),
            "established_on": DateInput(),
        }
        help_texts = {
            "kind": _(
                "A process has one national migration-and-development committee (inter-ministerial) and one "
                "consultative committee (multi-stakeholder)."
            ),
            "terms_of_reference": _("Mandate, membership, how often it meets, how it decides; attach the signed text."),
            "chair_name": _("The person who chairs it, with their title."),
        }

    def __init__(self, *args, process, with_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        _process_institutions(self, process, "chair_institution")
        if with_reason:
            self.fields["reason"] = _reason_field()

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CommitteeMemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["institution", "person_name", "sex", "member_role"]

    def __init__(self, *args, process, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        _process_institutions(self, process, "institution")
        self.fields["person_name"].help_text = _("The person who sits for the institution, with their position.")
        if editing:
            self.fields["is_active"] = forms.BooleanField(
                label=_("Still sits on the committee"),
                required=False,
                help_text=_("Untick when the institution or person leaves; the seat stays in the history."),
            )
            self.fields["reason"] = _reason_field()

    def service_data(self) -> dict:
        names = [*self.Meta.fields, *(["is_active"] if "is_active" in self.fields else [])]
        return {name: self.cleaned_data[name] for name in names}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["held_on", "place", "agenda", "minutes", "status"]
        widgets = {
            "held_on": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "minutes": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "agenda": _("One item a line."),
            "minutes": _("What was discussed; record decisions and action points separately, below the minutes."),
        }

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["reason"] = _reason_field()
        else:
            del self.fields["minutes"]

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["person_name", "institution", "sex"]

    def __init__(self, *args, process, institution_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        _process_institutions(self, process, "institution")
        if institution_choices is not None:
            # The same list for every row, read once (the queryset still validates what is posted).
            self.fields["institution"].choices = institution_choices
        # The rows sit in a table under column headers: each field is named with its column and row number.
        index = (self.prefix or "").rsplit("-", 1)[-1]
        number = int(index) + 1 if index.isdigit() else ""
        for name in self.Meta.fields:
            label = self.fields[name].label
            self.fields[name].widget.attrs["aria-label"] = _("%(field)s, row %(number)s") % {
                "field": str(label).capitalize(),
                "number": number,
            }


def institution_choices(process) -> list[tuple]:
    """The institution drop-down of the attendance rows, read once for all the rows."""
    return [("", "---------"), *((i.pk, str(i)) for i in process.institutions.order_by("name"))]


AttendanceFormSet = forms.modelformset_factory(
    Attendance, form=AttendanceForm, extra=3, can_delete=True, max_num=500, validate_max=True
)


class AttendanceReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the changes (optional)"),
        required=False,
        max_length=500,
        help_text=_("Kept in the history of every row you change or remove, with your name and the time."),
    )


class DecisionForm(forms.ModelForm):
    class Meta:
        model = MeetingDecision
        fields = ["text", "position"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        self.fields["position"].help_text = _("Order among the meeting's decisions; empty puts it last.")


class ActionPointForm(forms.ModelForm):
    class Meta:
        model = ActionPoint
        fields = ["description", "owner", "due_on", "decision"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "due_on": DateInput()}
        help_texts = {
            "owner": _("Its focal points will see the action point on their home page and may update its status."),
        }

    def __init__(self, *args, process, meeting, with_reason=False, **kwargs):
        super().__init__(*args, **kwargs)
        _process_institutions(self, process, "owner")
        self.fields["decision"].queryset = meeting.decisions.order_by("position", "created")
        self.fields["decision"].required = False
        if with_reason:
            self.fields["reason"] = _reason_field()

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ActionPointStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Progress note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What has been done and what remains; kept in the history with your name."),
    )


class ActionPointFilterForm(forms.Form):
    """The list's filters, read from the query string; anything unknown is ignored."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    owner = forms.ModelChoiceField(label=_("Owner institution"), queryset=Institution.objects.none(), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *ActionStatus.choices]
        self.fields["owner"].queryset = process.institutions.order_by("name")
        self.fields["owner"].empty_label = _("Any institution")

    def filters(self) -> dict:
        self.is_valid()  # a filter that does not validate is left out; the others still apply
        owner = self.cleaned_data.get("owner")
        return {
            "status": self.cleaned_data.get("status") or "",
            "owner_id": owner.pk if owner else None,
            "overdue_only": bool(self.cleaned_data.get("overdue")),
        }
