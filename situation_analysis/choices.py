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
