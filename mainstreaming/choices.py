"""Every closed list of the core, as TextChoices, so that code, forms and fixtures share one spelling."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Instrument(models.TextChoices):
    """The planning instrument a process feeds (handbook §1: build migration in, or write a stand-alone strategy)."""

    NATIONAL_DEVELOPMENT_STRATEGY = "nds", _("National development strategy")
    PRSP = "prsp", _("Poverty reduction strategy paper (PRSP)")
    UN_COOPERATION_FRAMEWORK = "uncf", _("UN cooperation framework (UNDAF)")
    SECTOR_STRATEGY = "sector", _("Sector strategy")
    STANDALONE = "standalone", _("Stand-alone migration-and-development strategy")


class ProcessStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    POSTPONED = "postponed", _("Postponed")
    CLOSED = "closed", _("Closed")


class Phase(models.TextChoices):
    """The seven phases of the handbook's process, in the order a country goes through them."""

    PREPARATION = "preparation", _("Preparation")
    INSTITUTIONAL_SETUP = "institutional_setup", _("Institutional set-up")
    AWARENESS = "awareness", _("Awareness raising and consultation")
    SITUATION_ANALYSIS = "situation_analysis", _("Situation analysis")
    GOALS = "goals", _("Goals and priorities")
    IMPLEMENTATION_PLAN = "implementation_plan", _("Implementation plan")
    MONITORING = "monitoring", _("Monitoring and evaluation")


class PhaseStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class InstitutionKind(models.TextChoices):
    LINE_MINISTRY = "line_ministry", _("Line ministry")
    AGENCY = "agency", _("Government agency")
    STATISTICS_OFFICE = "statistics_office", _("Statistics office")
    CENTRAL_BANK = "central_bank", _("Central bank")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    PARLIAMENT = "parliament", _("Parliament")
    CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
    ACADEMIA = "academia", _("Academia and research")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    EMPLOYERS = "employers", _("Employers' organisation")
    TRADE_UNION = "trade_union", _("Trade union")
    DIASPORA = "diaspora", _("Diaspora or migrant association")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    DONOR = "donor", _("Donor or development partner")


class Role(models.TextChoices):
    """A person's role in one process (DESIGN.md, "Who uses it")."""

    NFP = "nfp", _("National Focal Point")
    MINISTRY = "ministry", _("Ministry focal point")
    FACILITATOR = "facilitator", _("Expert facilitator")
    DONOR = "donor", _("Development partner")


class BuildStatus(models.TextChoices):
    """Where the background build of a document (a PDF) stands (a progress report's review is monitoring's)."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being built")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Visibility(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    PUBLISHED = "published", _("Published")
