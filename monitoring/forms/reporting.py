"""
Forms of the reporting workflow: a reporting period, the one form of a progress report (every indicator's value
and breakdowns, every activity's status, percent done, narrative and spending, the challenges and next steps),
submitting, reviewing, and correcting an approved value.

Widgets and the simplest checks only, each error beside its field. What a person typed for an indicator goes to
the service as text (monitoring.services.reporting.ValueInput), which validates it with monitoring.arithmetic:
its messages come back beside the field they name (`ReportForm.add_service_errors`).

Field names are the keys of the service's ValidationError dict: "indicator-<pk>-value", "indicator-<pk>-numerator",
"indicator-<pk>-denominator", "activity-<pk>-status" and so on. A breakdown's error ("indicator-<pk>-<dimension>")
has no field of its own: the form keeps it in `group_errors` and the template shows it at the top of the
dimension's fieldset.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from mainstreaming import l10n
from mainstreaming.forms import REASON_HELP, LocalizedNumberInput, number_help
from monitoring.choices import ActivityProgress, Aggregation, IndicatorType
from monitoring.models import FIXED_GROUPS, Dimension

# Sex and age have fixed groups (monitoring.models.FIXED_GROUPS); every other dimension gets FREE_ROWS
# "group / value" pairs the person names.
FREE_ROWS = 5
TEXT_MAX = 300
NUMBER_ATTRS = {"size": 12}
YES_NO_CHOICES = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


def plain(value) -> str:
    """A stored Decimal as the person would type it: 10.0000 as "10", 12.5000 as "12.5"."""
    if value is None or value == "":
        return ""
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def takes_parts(indicator) -> bool:
    """A percentage recomputed from its numerator and denominator: the person gives both, not the percentage."""
    return indicator.aggregation == Aggregation.PERCENTAGE


def can_break_down(indicator) -> bool:
    return indicator.indicator_type in (IndicatorType.NUMBER, IndicatorType.PERCENTAGE)


# ---------------------------------------------------------------------------
# Reporting periods
# ---------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    label = forms.CharField(label=_("Name"), max_length=60, help_text=_("Such as 2026, 2026-Q1 or January-June 2026."))
    starts_on = forms.DateField(label=_("Starts"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends"), widget=DateInput)
    due_on = forms.DateField(
        label=_("Reports due"),
        widget=DateInput,
        help_text=_(
            "The institutions are reminded 7 days and 1 day before, then weekly once it has passed; the National "
            "Focal Point is told when a report is long overdue."
        ),
    )

    def __init__(self, *args, period=None, **kwargs):
        if period is not None:
            kwargs.setdefault("initial", {}).update(
                label=period.label, starts_on=period.starts_on, ends_on=period.ends_on, due_on=period.due_on
            )
        super().__init__(*args, **kwargs)
        if period is not None:
            self.fields["reason"] = forms.CharField(
                label=_("Reason for the change"),
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=REASON_HELP,
            )

    def clean(self):
        data = super().clean()
        starts_on, ends_on, due_on = data.get("starts_on"), data.get("ends_on"), data.get("due_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The period cannot end before it starts."))
        if ends_on and due_on and due_on < ends_on:
            self.add_error("due_on", _("Reports fall due after the period has ended, not before."))
        return data


# ---------------------------------------------------------------------------
# Indicator values: the fields of one indicator, shared by the report form and the correction form
# ---------------------------------------------------------------------------


@dataclass
class BreakdownGroup:
    """One group of a dimension on the form: its stored key (or a "name" field for free rows) and its fields."""

    key: str
    label: object
    name_field: str = ""  # free rows only: the field holding the group's name
    value_field: str = ""
    numerator_field: str = ""
    denominator_field: str = ""


@dataclass
class Breakdown:
    """A dimension of an indicator on the form: its code, label, groups, and whether the groups are free rows."""

    code: str
    label: object
    key: str  # the service's error key: "indicator-<pk>-<code>"
    free: bool
    groups: list[BreakdownGroup] = field(default_factory=list)


def indicator_prefix(indicator) -> str:
    return f"indicator-{indicator.pk}-"


class IndicatorFieldsMixin:
    """Adds the fields of an indicator's value to a form, reads them back into a ValueInput, fills them in."""

    def add_indicator_fields(self, indicator) -> None:
        prefix = indicator_prefix(indicator)
        unit = indicator.localized("unit")
        if takes_parts(indicator):
            self.fields[f"{prefix}numerator"] = forms.CharField(
                label=_("Numerator: %(what)s") % {"what": indicator.localized("numerator")}
                if indicator.numerator
                else _("Numerator"),
                required=False,
                max_length=40,
                widget=LocalizedNumberInput(attrs=NUMBER_ATTRS),
            )
            self.fields[f"{prefix}denominator"] = forms.CharField(
                label=_("Denominator: %(what)s") % {"what": indicator.localized("denominator")}
                if indicator.denominator
                else _("Denominator"),
                required=False,
                max_length=40,
                widget=LocalizedNumberInput(attrs=NUMBER_ATTRS),
                help_text=_("Denominator: the percentage is worked out from both."),
            )
        elif indicator.indicator_type == IndicatorType.YES_NO:
            self.fields[f"{prefix}value"] = forms.ChoiceField(label=_("Value"), required=False, choices=YES_NO_CHOICES)
        elif indicator.aggregation == Aggregation.QUALITATIVE or indicator.scale:
            self.fields[f"{prefix}value"] = forms.ChoiceField(
                label=_("Level reached"),
                required=False,
                choices=[("", "—"), *[(level, level) for level in indicator.scale or []]],
                help_text=_("The levels of the scale, lowest first: %(levels)s.")
                % {"levels": " < ".join(indicator.scale or [])},
            )
        elif indicator.indicator_type == IndicatorType.TEXT:
            self.fields[f"{prefix}value"] = forms.CharField(label=_("Value"), required=False, max_length=TEXT_MAX)
        else:
            percentage = indicator.indicator_type == IndicatorType.PERCENTAGE
            self.fields[f"{prefix}value"] = forms.CharField(
                label=_("Value (%(unit)s)") % {"unit": unit} if unit else _("Value"),
                required=False,
                max_length=40,
                widget=LocalizedNumberInput(attrs=NUMBER_ATTRS),
                help_text=_("Between 0 and 100, without the %% sign, such as %(example)s.")
                % {"example": l10n.number(Decimal("12.5"))}
                if percentage
                else number_help(),
            )
        for breakdown in self.breakdowns_of(indicator):
            for group in breakdown.groups:
                if group.name_field:
                    self.fields[group.name_field] = forms.CharField(
                        label=_("%(group)s: name") % {"group": group.label}, required=False, max_length=60
                    )
                for name, part in (
                    (group.value_field, None),
                    (group.numerator_field, _("numerator")),
                    (group.denominator_field, _("denominator")),
                ):
                    if not name:
                        continue
                    if group.name_field:
                        label = _("%(group)s: value") % {"group": group.label} if part is None else None
                    else:
                        label = group.label if part is None else None
                    if label is None:
                        label = _("%(group)s: %(part)s") % {"group": group.label, "part": part}
                    self.fields[name] = forms.CharField(
                        label=label, required=False, max_length=40, widget=LocalizedNumberInput(attrs=NUMBER_ATTRS)
                    )
        self.fields[f"{prefix}note"] = forms.CharField(
            label=_("Note on the value"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Where the figure comes from, or why it is missing."),
        )

    @staticmethod
    def breakdowns_of(indicator) -> list[Breakdown]:
        if not can_break_down(indicator):
            return []
        prefix = indicator_prefix(indicator)
        parts = takes_parts(indicator)
        breakdowns = []
        for code in indicator.disaggregations or []:
            if code not in Dimension.values:
                continue
            breakdown = Breakdown(
                code=code, label=Dimension(code).label, key=f"{prefix}{code}", free=code not in FIXED_GROUPS
            )
            if breakdown.free:
                rows = [
                    (f"{index}", _("Group %(number)s") % {"number": index}, f"{prefix}{code}-name-{index}")
                    for index in range(1, FREE_ROWS + 1)
                ]
            else:
                rows = [(suffix, label, "") for (_key, suffix, label) in FIXED_GROUPS[code]]
            keys = {suffix: key for key, suffix, _label in FIXED_GROUPS.get(code, ())}
            for suffix, label, name_field in rows:
                base = f"{prefix}{code}-{suffix}"
                group = BreakdownGroup(key=keys.get(suffix, ""), label=label, name_field=name_field)
                if parts:
                    group.numerator_field, group.denominator_field = f"{base}-numerator", f"{base}-denominator"
                else:
                    group.value_field = f"{base}-value" if name_field else base
                breakdown.groups.append(group)
            breakdowns.append(breakdown)
        return breakdowns

    def value_input_of(self, indicator):
        """What the person typed for the indicator, as the service's ValueInput (strings, stripped)."""
        from monitoring.services.reporting import ValueInput

        data = self.cleaned_data
        prefix = indicator_prefix(indicator)

        def get(name):
            return (data.get(name) or "").strip()

        disaggregation = {}
        for breakdown in self.breakdowns_of(indicator):
            groups = {}
            for group in breakdown.groups:
                if group.numerator_field:
                    entry = {"numerator": get(group.numerator_field), "denominator": get(group.denominator_field)}
                    filled = any(entry.values())
                else:
                    entry = get(group.value_field)
                    filled = bool(entry)
                key = get(group.name_field) if group.name_field else group.key
                if filled and key:
                    groups[key] = entry
            if groups:
                disaggregation[breakdown.code] = groups
        return ValueInput(
            value=get(f"{prefix}value"),
            numerator=get(f"{prefix}numerator"),
            denominator=get(f"{prefix}denominator"),
            disaggregation=disaggregation,
            note=get(f"{prefix}note"),
        )

    def clean_breakdowns(self, indicator) -> None:
        """A free group with a value needs a name, and one name once per dimension."""
        data = self.cleaned_data
        for breakdown in self.breakdowns_of(indicator):
            seen = set()
            for group in breakdown.groups:
                if not group.name_field:
                    continue
                name = (data.get(group.name_field) or "").strip()
                filled = any(
                    (data.get(n) or "").strip()
                    for n in (group.value_field, group.numerator_field, group.denominator_field)
                    if n
                )
                if filled and not name:
                    self.add_error(group.name_field, _("Name the group this value is for."))
                elif name and name.lower() in seen:
                    self.add_error(group.name_field, _("This group is named twice: give each group once."))
                seen.add(name.lower())

    @staticmethod
    def initial_of(indicator, value) -> dict:
        """The fields of an indicator filled with its current value (None: nothing entered yet)."""
        if value is None:
            return {}
        prefix = indicator_prefix(indicator)
        initial = {f"{prefix}note": value.note}
        if value.yes_no is not None:
            initial[f"{prefix}value"] = "yes" if value.yes_no else "no"
        elif value.value is not None:
            initial[f"{prefix}value"] = plain(value.value)
        else:
            initial[f"{prefix}value"] = value.text_value
        initial[f"{prefix}numerator"] = plain(value.numerator)
        initial[f"{prefix}denominator"] = plain(value.denominator)
        stored = value.disaggregation or {}
        for breakdown in IndicatorFieldsMixin.breakdowns_of(indicator):
            groups = stored.get(breakdown.code) or {}
            if breakdown.free:
                for group, (name, entry) in zip(breakdown.groups, groups.items(), strict=False):
                    initial[group.name_field] = name
                    IndicatorFieldsMixin._initial_entry(initial, group, entry)
            else:
                for group in breakdown.groups:
                    if group.key in groups:
                        IndicatorFieldsMixin._initial_entry(initial, group, groups[group.key])
        return initial

    @staticmethod
    def _initial_entry(initial, group, entry) -> None:
        if isinstance(entry, dict):
            if group.numerator_field:
                initial[group.numerator_field] = plain(entry.get("numerator", ""))
                initial[group.denominator_field] = plain(entry.get("denominator", ""))
        elif group.value_field:
            initial[group.value_field] = plain(entry)

    def bound_indicator_fields(self, indicator) -> dict:
        """The bound fields of one indicator for the template: main fields, breakdowns with their errors, note."""
        prefix = indicator_prefix(indicator)
        main = [
            self[f"{prefix}{name}"]
            for name in ("value", "numerator", "denominator")
            if f"{prefix}{name}" in self.fields
        ]
        breakdowns = []
        for breakdown in self.breakdowns_of(indicator):
            rows = []
            for group in breakdown.groups:
                rows.append(
                    {
                        "group": group,
                        "name": self[group.name_field] if group.name_field else None,
                        "fields": [
                            self[name]
                            for name in (group.value_field, group.numerator_field, group.denominator_field)
                            if name
                        ],
                    }
                )
            breakdowns.append(
                {"breakdown": breakdown, "rows": rows, "errors": self.group_errors.get(breakdown.key, [])}
            )
        return {"main": main, "breakdowns": breakdowns, "note": self[f"{prefix}note"]}

    def add_service_errors(self, error) -> None:
        """A service's ValidationError beside the field it names; a breakdown's beside its fieldset."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            if key in self.fields:
                self.add_error(key, errors)
            elif key in self.group_keys:
                messages = [message for item in errors for message in item.messages]
                self.group_errors.setdefault(key, []).extend(messages)
            else:
                self.add_error(None, errors)

    @property
    def has_group_errors(self) -> bool:
        return bool(self.group_errors)


# ---------------------------------------------------------------------------
# The progress report
# ---------------------------------------------------------------------------


def activity_prefix(activity) -> str:
    return f"activity-{activity.pk}-"


class ReportForm(IndicatorFieldsMixin, forms.Form):
    """
    The whole report in one form: the version it was opened at (a save from an older version is refused by the
    service), every indicator's value and breakdowns, every activity's update, the challenges and next steps.
    """

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    challenges = forms.CharField(
        label=_("Challenges"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What held the work back in this period, and what would help."),
    )
    next_steps = forms.CharField(
        label=_("Next steps"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the institution will do in the next period."),
    )

    def __init__(self, *args, indicators, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        self.activities = list(activities)
        self.group_errors: dict[str, list] = {}
        self.group_keys = set()
        for indicator in self.indicators:
            self.add_indicator_fields(indicator)
            self.group_keys.update(b.key for b in self.breakdowns_of(indicator))
        for activity in self.activities:
            prefix = activity_prefix(activity)
            self.fields[f"{prefix}status"] = forms.ChoiceField(
                label=_("Status"), required=False, choices=[("", "—"), *ActivityProgress.choices]
            )
            self.fields[f"{prefix}percent_done"] = forms.IntegerField(
                label=_("Percent done"),
                required=False,
                min_value=0,
                max_value=100,
                widget=forms.NumberInput(attrs={"size": 4}),
                error_messages={
                    "min_value": _("Between 0 and 100."),
                    "max_value": _("Between 0 and 100."),
                    "invalid": _("A whole number between 0 and 100."),
                },
            )
            self.fields[f"{prefix}spent"] = forms.DecimalField(
                label=_("Spent in the period"),
                required=False,
                min_value=0,
                max_digits=16,
                decimal_places=2,
                widget=LocalizedNumberInput(attrs=NUMBER_ATTRS),
                error_messages={
                    "min_value": _("An amount spent cannot be negative."),
                    "invalid": _("Enter an amount, such as %(example)s.") % {"example": l10n.amount(Decimal("1250.5"))},
                },
            )
            self.fields[f"{prefix}narrative"] = forms.CharField(
                label=_("What happened"),
                required=False,
                max_length=20000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    @staticmethod
    def initial_for(report, items) -> dict:
        initial = {"version": report.version, "challenges": report.challenges, "next_steps": report.next_steps}
        for row in items.indicators:
            initial.update(IndicatorFieldsMixin.initial_of(row.indicator, row.value))
        for row in items.activities:
            update = row.update
            if update is None:
                continue
            prefix = activity_prefix(row.activity)
            initial[f"{prefix}status"] = update.status
            initial[f"{prefix}percent_done"] = update.percent_done
            initial[f"{prefix}spent"] = plain(update.spent)
            initial[f"{prefix}narrative"] = update.narrative
        return initial

    def clean(self):
        data = super().clean()
        for indicator in self.indicators:
            self.clean_breakdowns(indicator)
        return data

    def values(self) -> dict:
        return {indicator.pk: self.value_input_of(indicator) for indicator in self.indicators}

    def activity_inputs(self) -> dict:
        from monitoring.services.reporting import ActivityInput

        data = self.cleaned_data
        inputs = {}
        for activity in self.activities:
            prefix = activity_prefix(activity)
            percent = data.get(f"{prefix}percent_done")
            inputs[activity.pk] = ActivityInput(
                status=data.get(f"{prefix}status") or "",
                percent_done="" if percent is None else str(percent),
                narrative=(data.get(f"{prefix}narrative") or "").strip(),
                spent=plain(data.get(f"{prefix}spent")),
            )
        return inputs

    def bound_activity_fields(self, activity) -> list:
        prefix = activity_prefix(activity)
        return [self[f"{prefix}{name}"] for name in ("status", "percent_done", "spent", "narrative")]


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the reviewers (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=REASON_HELP,
    )


class ReviewForm(forms.Form):
    APPROVE, CHANGES = "approve", "changes"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (APPROVE, _("Approve the report: every ministry can then read its values")),
            (CHANGES, _("Request changes: the report goes back to the institution as a draft")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the institution"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes: say what needs to change. Kept on the report."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.CHANGES and not (data.get("note") or "").strip():
            self.add_error("note", _("Say what needs to change."))
        return data


class CorrectionForm(IndicatorFieldsMixin, forms.Form):
    """A new revision of an approved value: the corrected value and breakdowns, and why (required)."""

    def __init__(self, *args, indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.group_errors = {}
        self.add_indicator_fields(indicator)
        self.group_keys = {b.key for b in self.breakdowns_of(indicator)}
        self.fields["reason"] = forms.CharField(
            label=_("Reason for the correction"),
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Such as “the statistics office revised the figure”. Kept with the new revision."),
            error_messages={"required": _("Say why the approved value is corrected.")},
        )

    def clean(self):
        data = super().clean()
        self.clean_breakdowns(self.indicator)
        return data

    def value_input(self):
        return self.value_input_of(self.indicator)
