"""Forms of the consultation area: validation and widgets only; the views hand cleaned data to a service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mainstreaming.forms import REASON_HELP, LocalizedNumberInput
from stakeholders.choices import CapacityActivityKind, EngagementLevel, Priority, StakeholderCategory
from stakeholders.models import CapacityArea, EventKind


class ReasonFieldMixin:
    """Edit forms ask, optionally, why the record changes; the answer goes into the history."""

    def add_reason_field(self):
        self.fields["reason"] = forms.CharField(
            label=_("Reason for the change"), required=False, max_length=500, help_text=REASON_HELP
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# ---------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------


class EventForm(ReasonFieldMixin, forms.Form):
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=EventKind.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    organiser = forms.ModelChoiceField(
        label=_("Organiser"), queryset=None, required=False, help_text=_("The institution that convened the event.")
    )
    target_institutions = forms.ModelMultipleChoiceField(
        label=_("Institutions targeted"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    target_categories = forms.MultipleChoiceField(
        label=_("Stakeholder categories targeted"),
        choices=StakeholderCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    key_messages = forms.CharField(
        label=_("Key messages"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the participants were told: why migration matters for development here."),
    )
    outcomes = forms.CharField(label=_("Outcomes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_ups = forms.CharField(
        label=_("Follow-ups"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was agreed to do next, and by whom."),
    )

    def __init__(self, *args, process, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        institutions = process.institutions.order_by("name")
        self.fields["kind"].queryset = EventKind.objects.all()
        self.fields["organiser"].queryset = institutions
        self.fields["target_institutions"].queryset = institutions
        if editing:
            self.add_reason_field()

    @staticmethod
    def initial_for(event) -> dict:
        return {
            "kind": event.kind_id,
            "title": event.title,
            "held_on": event.held_on,
            "place": event.place,
            "organiser": event.organiser_id,
            "target_institutions": [institution.pk for institution in event.target_institutions.all()],
            "target_categories": list(event.target_categories or []),
            "key_messages": event.key_messages,
            "outcomes": event.outcomes,
            "follow_ups": event.follow_ups,
        }


SEXES = (("female", _("Women")), ("male", _("Men")), ("not_stated", _("Sex not stated")))


class ParticipationForm(forms.Form):
    """One row per stakeholder category, with the number of women, men and people of unstated sex."""

    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500, help_text=REASON_HELP)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        existing = {row.category: row for row in event.participation.all()}
        self.category_rows = []
        for category, label in StakeholderCategory.choices:
            row = existing.get(category)
            cells = []
            for sex, sex_label in SEXES:
                name = f"{category}-{sex}"
                self.fields[name] = forms.IntegerField(
                    label=f"{sex_label}, {label}",
                    min_value=0,
                    max_value=1_000_000,
                    required=False,
                    initial=getattr(row, sex) if row else 0,
                    # Labelled by its row and column headers, which the table shows.
                    widget=LocalizedNumberInput(
                        attrs={"aria-labelledby": f"participation-{category} participation-{sex}"}, integer=True
                    ),
                )
                cells.append(name)
            self.category_rows.append((category, label, cells))
        # The reason comes after the table.
        self.order_fields([name for _c, _l, cells in self.category_rows for name in cells] + ["reason"])

    def rows(self):
        """(category, label, [bound fields]) per category, for the table."""
        return [(category, label, [self[name] for name in cells]) for category, label, cells in self.category_rows]

    def counts(self) -> dict:
        return {
            category: {sex: self.cleaned_data.get(f"{category}-{sex}") or 0 for sex in ("female", "male", "not_stated")}
            for category, _label, _cells in self.category_rows
        }


# ---------------------------------------------------------------------------
# Capacity development
# ---------------------------------------------------------------------------


class CapacityNeedForm(ReasonFieldMixin, forms.Form):
    institution = forms.ModelChoiceField(label=_("Institution"), queryset=None)
    area = forms.ModelChoiceField(label=_("Area"), queryset=CapacityArea.objects.none())
    description = forms.CharField(
        label=_("Need"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the institution cannot yet do well enough for the process, and for whom."),
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.MEDIUM)

    def __init__(self, *args, process, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = process.institutions.order_by("name")
        self.fields["area"].queryset = CapacityArea.objects.all()
        if editing:
            self.add_reason_field()

    @staticmethod
    def initial_for(need) -> dict:
        return {
            "institution": need.institution_id,
            "area": need.area_id,
            "description": need.description,
            "priority": need.priority,
        }


class NeedChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, need):
        return f"{need.institution.acronym or need.institution.name} — {need.area}: {need.description[:80]}"


class CapacityActivityForm(ReasonFieldMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CapacityActivityKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    provider = forms.CharField(
        label=_("Provided by"), max_length=200, required=False, help_text=_("A trainer, a partner, another government.")
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    participants_female = forms.IntegerField(
        label=_("Women taking part"), min_value=0, initial=0, widget=LocalizedNumberInput(integer=True)
    )
    participants_male = forms.IntegerField(
        label=_("Men taking part"), min_value=0, initial=0, widget=LocalizedNumberInput(integer=True)
    )
    needs = NeedChoiceField(
        label=_("Needs answered"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, needs, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = needs
        if editing:
            self.add_reason_field()

    @staticmethod
    def initial_for(activity) -> dict:
        return {
            "kind": activity.kind,
            "title": activity.title,
            "held_on": activity.held_on,
            "provider": activity.provider,
            "description": activity.description,
            "participants_female": activity.participants_female,
            "participants_male": activity.participants_male,
            "needs": [need.pk for need in activity.needs.all()],
        }


# ---------------------------------------------------------------------------
# Stakeholder map
# ---------------------------------------------------------------------------


class StakeholderProfileForm(forms.Form):
    interest = forms.IntegerField(
        label=_("Interest"),
        min_value=1,
        max_value=5,
        help_text=_("How much the institution cares about migration and development: 1 (low) to 5 (high)."),
        widget=forms.NumberInput(attrs={"min": 1, "max": 5, "step": 1}),
    )
    influence = forms.IntegerField(
        label=_("Influence"),
        min_value=1,
        max_value=5,
        help_text=_("How much it can move the process and the plan: 1 (low) to 5 (high)."),
        widget=forms.NumberInput(attrs={"min": 1, "max": 5, "step": 1}),
    )
    engagement = forms.ChoiceField(
        label=_("Engagement"),
        choices=EngagementLevel.choices,
        help_text=_("How closely the process engages it, from keeping it informed to sharing decisions."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.CharField(label=_("Reason for the change"), required=False, max_length=500, help_text=REASON_HELP)

    @staticmethod
    def initial_for(profile) -> dict:
        if profile is None:
            return {}
        return {
            "interest": profile.interest,
            "influence": profile.influence,
            "engagement": profile.engagement,
            "notes": profile.notes,
        }
