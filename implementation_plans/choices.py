"""Closed lists of the goals, priorities and implementation plan phase."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class ProposalStatus(models.TextChoices):
    """An activity a ministry proposes for its sector waits for the NFP to accept or decline it."""

    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class BudgetCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    CONSULTANTS = "consultants", _("Consultants and services")
    TRAINING = "training", _("Training and meetings")
    TRAVEL = "travel", _("Travel")
    EQUIPMENT = "equipment", _("Equipment and supplies")
    GRANTS = "grants", _("Grants and transfers")
    COMMUNICATION = "communication", _("Communication and publications")
    OTHER = "other", _("Other")


class FundingSource(models.TextChoices):
    GOVERNMENT = "government", _("Government budget")
    DONOR = "donor", _("Development partner")
    PRIVATE = "private", _("Private sector")
    DIASPORA = "diaspora", _("Diaspora")
    OTHER = "other", _("Other")


class FundingStatus(models.TextChoices):
    SECURED = "secured", _("Secured")
    PLEDGED = "pledged", _("Pledged")
    GAP = "gap", _("Gap (not yet found)")


class PlanStatus(models.TextChoices):
    """The plan's workflow: only a published version is visible to development partners."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    ENDORSED = "endorsed", _("Endorsed")
    PUBLISHED = "published", _("Published")


class VersionStatus(models.TextChoices):
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned to draft")
    ENDORSED = "endorsed", _("Endorsed")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")
