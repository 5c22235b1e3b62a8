"""Closed lists of the situation analysis."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionBlock(models.TextChoices):
    """The two blocks of every sector checklist (handbook Annex C)."""

    SECTOR_ON_MIGRATION = "sector_on_migration", _("Effect of the sector on migration")
    MIGRATION_ON_SECTOR = "migration_on_sector", _("Effect of migration on the sector")


class DataSourceKind(models.TextChoices):
    """Kinds of data source for the situation analysis (handbook Annex D1)."""

    CENSUS = "census", _("Population census")
    HOUSEHOLD_SURVEY = "household_survey", _("Household survey")
    LABOUR_FORCE_SURVEY = "labour_force_survey", _("Labour-force survey")
    MIGRATION_SURVEY = "migration_survey", _("Migration or remittance survey")
    ADMINISTRATIVE_REGISTER = "administrative_register", _("Administrative register")
    CENTRAL_BANK = "central_bank", _("Central-bank remittance data")
    CONSULAR = "consular", _("Consular data")
    INTERNATIONAL = "international", _("International dataset")
    MIGRATION_PROFILE = "migration_profile", _("Migration profile")
    STUDY = "study", _("Study or research")
    OTHER = "other", _("Other")


class Disaggregation(models.TextChoices):
    """Dimensions a data source or series can be broken down by (handbook: sex, age, migratory status ...)."""

    SEX = "sex", _("Sex")
    AGE = "age", _("Age")
    REGION = "region", _("Region")
    MIGRATORY_STATUS = "migratory_status", _("Migratory status")
    SKILL_LEVEL = "skill_level", _("Skill level")
    COUNTRY = "country", _("Country of origin or destination")


class Periodicity(models.TextChoices):
    CONTINUOUS = "continuous", _("Continuous")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    ANNUAL = "annual", _("Annual")
    MULTI_YEAR = "multi_year", _("Every few years")
    DECENNIAL = "decennial", _("About every ten years")
    AD_HOC = "ad_hoc", _("Ad hoc")


class AssignmentStatus(models.TextChoices):
    """Where a ministry's work on a checklist stands. Requesting changes sends it back to draft."""

    ASSIGNED = "assigned", _("Assigned")
    DRAFT = "draft", _("In draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")


class Assessment(models.TextChoices):
    """The ministry's short answer to a checklist question, before its narrative."""

    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")
    DONT_KNOW = "dont_know", _("Don't know")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class SeriesTopic(models.TextChoices):
    """What a migration-profile data series measures (handbook §5 and Annex D)."""

    STOCKS = "stocks", _("Migrant stocks")
    FLOWS = "flows", _("Migration flows")
    REMITTANCES = "remittances", _("Remittances")
    RETURNS = "returns", _("Return migration")
    DIASPORA = "diaspora", _("Diaspora")
    LABOUR_MARKET = "labour_market", _("Labour market")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    CHILDREN_LEFT_BEHIND = "children_left_behind", _("Children left behind")
    OTHER = "other", _("Other")


class Significance(models.TextChoices):
    """How much a finding matters for the choice of priorities."""

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
