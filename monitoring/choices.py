"""Closed lists of the monitoring and evaluation phase: indicator types, directions and how values add up."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorType(models.TextChoices):
    """What kind of value an indicator takes; decides how a reported value is validated."""

    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes/no")
    TEXT = "text", _("Text")


class Direction(models.TextChoices):
    """Which way is progress; a context indicator is monitored but has no good or bad direction."""

    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    CONTEXT = "context", _("Context (no direction)")


class Aggregation(models.TextChoices):
    """How the values of several reporting periods add up into the value to date."""

    INCREMENTAL = "incremental", _("Incremental (sum of periods)")
    CUMULATIVE = "cumulative", _("Cumulative (running total)")
    LATEST = "latest", _("Latest value")
    PERCENTAGE = "percentage", _("Percentage (numerator over denominator)")
    QUALITATIVE = "qualitative", _("Qualitative scale")


class ProgressStatus(models.TextChoices):
    """Where an indicator stands against its target; worked out by `monitoring.arithmetic.progress`."""

    ACHIEVED = "achieved", _("Achieved")
    ON_TRACK = "on_track", _("On track")
    OFF_TRACK = "off_track", _("Off track")
    NOT_YET_ACHIEVED = "not_yet_achieved", _("Not yet achieved")
    NO_DATA = "no_data", _("No data")
    NOT_APPLICABLE = "not_applicable", _("Not applicable (context indicator)")


class PeriodStatus(models.TextChoices):
    """A reporting period is open for reports until all are approved; then it locks (the NFP may unlock it)."""

    OPEN = "open", _("Open")
    LOCKED = "locked", _("Locked")


class ReportStatus(models.TextChoices):
    """Where one institution's progress report for one period stands. Requesting changes sends it back to draft."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


class ReviewAction(models.TextChoices):
    """The steps of a progress report's review, each recorded with who, when and why (ReportStep)."""

    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Changes requested")
    APPROVED = "approved", _("Approved")
    CORRECTED = "corrected", _("Approved value corrected")


class ActivityProgress(models.TextChoices):
    """How an activity stands in a reporting period, as its responsible institution reports it."""

    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class EvaluationKind(models.TextChoices):
    MIDTERM = "midterm", _("Mid-term evaluation")
    FINAL = "final", _("Final evaluation")


class EvaluationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")


class ResponseDecision(models.TextChoices):
    """The management's answer to an evaluation's recommendation."""

    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    REJECTED = "rejected", _("Not accepted")


class ResponseStatus(models.TextChoices):
    """How far the follow-up action of a management response has come."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


# The kinds of PDF this app builds (mainstreaming.report_kinds), named here so that the read side can find its
# reports without importing monitoring.reports, which reads the selectors.
PROGRESS_REPORT = "progress_report"
DONOR_REPORT = "donor_report"
