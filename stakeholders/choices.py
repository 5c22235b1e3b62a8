"""Closed lists of the institutional set-up and consultation phase."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConditionStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Unknown")


class DecisionOutcome(models.TextChoices):
    GO = "go", _("Go ahead")
    POSTPONE = "postpone", _("Postpone")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Awaiting designation")
    DESIGNATED = "designated", _("Focal point designated")
    CANCELLED = "cancelled", _("Cancelled")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    NOT_STATED = "not_stated", _("Not stated")


class CommitteeKind(models.TextChoices):
    NATIONAL = "national", _("National migration and development committee (inter-ministerial)")
    CONSULTATIVE = "consultative", _("Consultative committee (multi-stakeholder)")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARIAT = "secretariat", _("Secretariat")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class StakeholderCategory(models.TextChoices):
    """Who takes part in an event, as the handbook's consultation asks to reach them."""

    GOVERNMENT = "government", _("Central government")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    PARLIAMENT = "parliament", _("Parliament")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia and research")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    SOCIAL_PARTNERS = "social_partners", _("Trade unions and employers")
    DIASPORA = "diaspora", _("Diaspora and migrant associations")
    INTERNATIONAL = "international", _("International organisations")
    DONORS = "donors", _("Development partners")
    MEDIA = "media", _("Media")


class EngagementLevel(models.TextChoices):
    """How closely a stakeholder is engaged, from being kept informed to sharing decisions."""

    INFORM = "inform", _("Keep informed")
    CONSULT = "consult", _("Consult")
    INVOLVE = "involve", _("Involve")
    COLLABORATE = "collaborate", _("Collaborate")
    EMPOWER = "empower", _("Share decisions")


class CapacityActivityKind(models.TextChoices):
    TRAINING = "training", _("Training")
    COACHING = "coaching", _("Coaching")
    PEER_EXCHANGE = "peer_exchange", _("Peer exchange")


class Priority(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
