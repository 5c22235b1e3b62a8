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
