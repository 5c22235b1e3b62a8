"""
Periodic progress reporting (handbook §9): reporting periods, one progress report per institution and period,
the indicator values and activity updates it carries, and the steps of its review.

Rules the models hold (the services in monitoring.services.reporting enforce the workflow):
- The NFP opens a period; a ProgressReport is created for every institution responsible for an indicator or an
  accepted activity of the plan. The institution's focal points fill it in (draft), then submit; the facilitator
  or the NFP approves it or requests changes (back to draft). Each step is a ReportStep: who, when, why.
- When the last report of a period is approved the period locks; the NFP may unlock it with a reason.
- An approved value is never edited in place. A correction adds an IndicatorValue with the next revision number
  and its reason; the earlier revision stays, no longer current. Exactly one revision per report and indicator is
  current (a partial unique constraint).
- Other institutions read a report's values only once it is approved (monitoring.permissions).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from implementation_plans.models import Activity
from mainstreaming import l10n
from mainstreaming.models import BaseModel, Institution, Process, audit_trail
from mainstreaming.workflow import Reviewable
from monitoring.choices import ActivityProgress, PeriodStatus, ReportStatus, ReviewAction
from monitoring.models.indicators import FIXED_GROUPS, MONEY, VALUE, Dimension, Indicator


class ReportingPeriod(Reviewable, BaseModel):
    """
    A stretch of the plan's implementation on which every responsible institution reports, by a due date. Locked and
    unlocked by the steps of monitoring.workflows.PERIOD.
    """

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="reporting_periods")
    label = models.CharField(_("name"), max_length=60, help_text=_("Such as 2026, 2026-Q1 or January-June 2026."))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    due_on = models.DateField(_("reports due"))
    status = models.CharField(_("status"), max_length=10, choices=PeriodStatus.choices, default=PeriodStatus.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    locked_at = models.DateTimeField(_("locked"), null=True, blank=True)
    # Why the NFP last unlocked the period (the history keeps every earlier reason).
    unlock_reason = models.TextField(_("reason for unlocking"), blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["process", "label"], name="reporting_period_label_unique"),
            models.UniqueConstraint(fields=["process", "starts_on"], name="reporting_period_start_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="reporting_period_dates"),
        ]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("monitoring:period_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    @property
    def is_locked(self) -> bool:
        return self.status == PeriodStatus.LOCKED

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The period cannot end before it starts.")
        if self.ends_on and self.due_on and self.due_on < self.ends_on:
            errors["due_on"] = _("Reports fall due after the period has ended, not before.")
        if errors:
            raise ValidationError(errors)


class ProgressReport(Reviewable, BaseModel):
    """
    One institution's report on one period: its indicators' values, its activities' status and spending, its
    challenges and next steps. The institution's focal points hold the guardian permission `fill_progressreport`.
    Submitted, approved and returned by the steps of monitoring.workflows.REPORT.
    """

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="progress_reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reports")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="progress_reports", verbose_name=_("institution")
    )
    status = models.CharField(_("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    challenges = models.TextField(_("challenges"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    # Bumped by every save of the report's content: a save that started from an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    last_reminded_on = models.DateField(_("last reminded"), null=True, blank=True)
    escalated_on = models.DateField(_("escalated to the NFP"), null=True, blank=True)

    class Meta:
        ordering = ["period", "institution__name"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        permissions = [("fill_progressreport", _("Fill in and submit the progress report"))]
        constraints = [
            models.UniqueConstraint(fields=["period", "institution"], name="progress_report_one_per_institution")
        ]

    def __str__(self):
        return f"{self.institution} — {self.period}"

    def get_absolute_url(self):
        return reverse("monitoring:report_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    @property
    def is_open(self) -> bool:
        """Its institution can still change it."""
        return self.status == ReportStatus.DRAFT

    @property
    def is_submitted(self) -> bool:
        """Handed in and waiting for review."""
        return self.status == ReportStatus.SUBMITTED

    @property
    def is_approved(self) -> bool:
        """Accepted by a reviewer: its values count and every internal reader reads them."""
        return self.status == ReportStatus.APPROVED

    @property
    def status_badge(self) -> str:
        """The badge's style for the report's status."""
        return {ReportStatus.APPROVED: "badge-done", ReportStatus.SUBMITTED: "badge-running"}.get(
            self.status, "badge-planned"
        )


class ReportStep(BaseModel):
    """One step of a report's review, shown on the report: submitted, returned with comments, approved, corrected."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="steps")
    action = models.CharField(_("step"), max_length=20, choices=ReviewAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    note = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["created"]
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")

    def __str__(self):
        return self.get_action_display()

    def get_absolute_url(self):
        return self.report.get_absolute_url() + "#steps"


@dataclass(frozen=True)
class Breakdown:
    """One dimension of a stored value, ready to show: its label and its groups as (label, amount) pairs."""

    label: str
    groups: list[tuple[str, str]]


def _amount(entry) -> str:
    """A group's stored figure (or numerator and denominator) in the reader's language; text as it is."""
    if isinstance(entry, dict):
        return f"{_amount(entry.get('numerator', ''))} / {_amount(entry.get('denominator', ''))}"
    return l10n.number(entry) or str(entry)


def breakdowns_of(disaggregation: dict) -> list[Breakdown]:
    """
    A stored disaggregation in reading order: dimensions in Dimension's order, fixed groups in their order (women
    before men, the age bands upwards), named groups as stored. Never the storage order: PostgreSQL's jsonb keeps
    a dict's keys sorted, not as they were entered.
    """
    order = {code: index for index, code in enumerate(Dimension.values)}
    shown = []
    for code in sorted(disaggregation or {}, key=lambda code: (order.get(code, len(order)), code)):
        groups = disaggregation[code] or {}
        fixed = FIXED_GROUPS.get(code, ())
        keys = [key for key, _suffix, _label in fixed if key in groups] + [
            key for key in groups if key not in {key for key, _suffix, _label in fixed}
        ]
        labels = {key: str(label) for key, _suffix, label in fixed}
        label = str(Dimension(code).label) if code in Dimension.values else code
        shown.append(Breakdown(label=label, groups=[(labels.get(key, key), _amount(groups[key])) for key in keys]))
    return shown


class IndicatorValue(BaseModel):
    """
    An indicator's value for one period, as one report gives it, with its breakdowns.

    The value's column depends on the indicator's type: `value` for numbers and percentages, `yes_no` for yes/no,
    `text_value` for text and qualitative levels; percentage indicators aggregated from parts carry `numerator`
    and `denominator` (and `value` holds their percentage for display).

    `disaggregation` maps a dimension code to its groups: {"sex": {"women": "120", "men": "310"}} for numbers, and
    {"sex": {"women": {"numerator": "30", "denominator": "120"}}} for percentages from parts; amounts are decimal
    strings, as JSON has no decimal type.
    """

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    is_current = models.BooleanField(_("current"), default=True)
    value = models.DecimalField(_("value"), null=True, blank=True, **VALUE)
    numerator = models.DecimalField(_("numerator"), null=True, blank=True, **VALUE)
    denominator = models.DecimalField(_("denominator"), null=True, blank=True, **VALUE)
    yes_no = models.BooleanField(_("yes or no"), null=True, blank=True)
    text_value = models.CharField(_("value (text)"), max_length=300, blank=True)
    disaggregation = models.JSONField(_("breakdowns"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Why this revision replaced the previous one (empty for revision 1).
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("corrected by"),
    )

    class Meta:
        ordering = ["indicator__position", "indicator__created", "revision"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator", "revision"], name="indicator_value_revision"),
            models.UniqueConstraint(
                fields=["report", "indicator"], condition=Q(is_current=True), name="indicator_value_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.display_value}"

    def get_absolute_url(self):
        return self.report.get_absolute_url() + f"#indicator-{self.indicator_id}"

    @property
    def display_value(self) -> str:
        if self.yes_no is not None:
            return str(_("Yes") if self.yes_no else _("No"))
        if self.value is not None:
            return f"{self.value.normalize():f}"
        return self.text_value

    @property
    def breakdowns(self) -> list[Breakdown]:
        return breakdowns_of(self.disaggregation)

    @property
    def is_empty(self) -> bool:
        return (
            self.value is None
            and self.yes_no is None
            and not self.text_value
            and self.numerator is None
            and self.denominator is None
        )


class ActivityUpdate(BaseModel):
    """How one activity stood in the period: status, percent done, what happened, and what was spent."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="activity_updates")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(_("status"), max_length=20, choices=ActivityProgress.choices, blank=True)
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    narrative = models.TextField(_("what happened"), blank=True)
    # In the plan's currency, spent during this period (not to date).
    spent = models.DecimalField(
        _("spent in the period"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )

    class Meta:
        ordering = ["activity__output__position", "activity__position", "activity__created"]
        verbose_name = _("activity update")
        verbose_name_plural = _("activity updates")
        constraints = [
            models.UniqueConstraint(fields=["report", "activity"], name="activity_update_one_per_report"),
            models.CheckConstraint(
                condition=Q(percent_done__isnull=True) | Q(percent_done__lte=100), name="activity_update_percent"
            ),
        ]

    def __str__(self):
        return f"{self.activity}: {self.get_status_display() or '—'}"

    def get_absolute_url(self):
        return self.report.get_absolute_url() + f"#activity-{self.activity_id}"

    def clean(self):
        errors = {}
        if self.status == ActivityProgress.COMPLETED and self.percent_done is not None and self.percent_done < 100:
            errors["percent_done"] = _("A completed activity is 100% done.")
        if self.status == ActivityProgress.NOT_STARTED and self.percent_done:
            errors["percent_done"] = _("An activity not started yet is 0% done.")
        if errors:
            raise ValidationError(errors)
