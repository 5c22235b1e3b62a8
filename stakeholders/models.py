"""
The institutional set-up and consultation phases (handbook §2–§4.2): whether the conditions hold, who speaks for
each institution, the two committees and their meetings, awareness-raising and consultation events, capacity
development, and where each stakeholder stands.

Every record carries its process, so that a page can scope and check it in one step, and keeps a history.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from mainstreaming import l10n
from mainstreaming.models import BaseModel, Institution, Process, RestrictedQuerySet, TranslatableMixin, audit_trail
from mainstreaming.workflow import Reviewable
from stakeholders.choices import (
    ActionStatus,
    CapacityActivityKind,
    CommitteeKind,
    ConditionStatus,
    DecisionOutcome,
    EngagementLevel,
    MeetingStatus,
    MemberRole,
    Priority,
    RequestStatus,
    Sex,
    StakeholderCategory,
)

# ---------------------------------------------------------------------------
# Reference lists (fixtures/reference/), adaptable by the site admin
# ---------------------------------------------------------------------------


class ReferenceItem(TranslatableMixin, BaseModel):
    """An entry of a reference list loaded from fixtures/reference/: a code, a name, a description, an order."""

    translated_fields = ("name", "description")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.localized("name")


class EventKind(ReferenceItem):
    """A kind of awareness-raising or consultation event: workshop, briefing, consultation, training, peer exchange."""

    history = audit_trail()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("event kind")
        verbose_name_plural = _("event kinds")


class CapacityArea(ReferenceItem):
    """An area in which institutions may need capacity: policy and law, data analysis, negotiation, M&E, ..."""

    history = audit_trail()

    class Meta(ReferenceItem.Meta):
        verbose_name = _("capacity area")
        verbose_name_plural = _("capacity areas")


# ---------------------------------------------------------------------------
# Preconditions and the go / postpone decision
# ---------------------------------------------------------------------------


class Precondition(TranslatableMixin, BaseModel):
    """
    One condition the handbook asks for before an exercise starts, as it stands in this process. A condition
    copied from the handbook's list carries its translations until the NFP rewords it.
    """

    translated_fields = ("title", "guidance")
    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="preconditions")
    code = models.SlugField(_("code"), max_length=40, blank=True, help_text=_("Empty for a condition added here."))
    title = models.CharField(_("condition"), max_length=200)
    guidance = models.TextField(_("what to look for"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=ConditionStatus.choices, default=ConditionStatus.UNKNOWN
    )
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("What shows the condition holds, or not."))

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("precondition")
        verbose_name_plural = _("preconditions")
        constraints = [
            models.UniqueConstraint(
                fields=["process", "code"], condition=~Q(code=""), name="precondition_unique_code_per_process"
            )
        ]

    def __str__(self):
        return self.localized("title")

    def get_absolute_url(self):
        return reverse("stakeholders:precondition_list", kwargs={"process_pk": self.process_id})


class PreconditionDecision(BaseModel):
    """The NFP's decision to go ahead with the exercise or to postpone it, and why."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="precondition_decisions")
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reason"))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_on", "-created"]
        verbose_name = _("go or postpone decision")
        verbose_name_plural = _("go or postpone decisions")

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.decided_on})"

    def get_absolute_url(self):
        return reverse("stakeholders:precondition_list", kwargs={"process_pk": self.process_id})


# ---------------------------------------------------------------------------
# Focal points
# ---------------------------------------------------------------------------


class FocalPointRequestQuerySet(RestrictedQuerySet):
    def open(self):
        """The requests still awaiting an answer."""
        return self.filter(status=RequestStatus.OPEN)

    def overdue(self, today=None):
        """The requests awaiting an answer past their due date."""
        return self.open().filter(due_on__lt=today or timezone.localdate())


class FocalPointRequest(Reviewable, BaseModel):
    """
    The NFP's request that an institution designate a qualified focal point, with its terms of reference. It is
    answered by a designation or cancelled (stakeholders.workflows.FOCAL_POINT_REQUEST).
    """

    history = audit_trail()
    objects = FocalPointRequestQuerySet.as_manager()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="focal_point_requests")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="focal_point_requests", verbose_name=_("institution")
    )
    requested_on = models.DateField(_("requested on"))
    due_on = models.DateField(_("answer due by"))
    terms_of_reference = models.TextField(
        _("terms of reference"), blank=True, help_text=_("The focal point's tasks, time and qualifications.")
    )
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-requested_on", "-created"]
        verbose_name = _("focal-point request")
        verbose_name_plural = _("focal-point requests")

    def __str__(self):
        return _("Request to %(institution)s of %(date)s") % {
            "institution": self.institution,
            "date": l10n.date(self.requested_on),
        }

    def clean(self):
        if self.requested_on and self.due_on and self.due_on < self.requested_on:
            raise ValidationError({"due_on": _("The answer cannot be due before the request is made.")})

    def get_absolute_url(self):
        return reverse("stakeholders:focal_point_list", kwargs={"process_pk": self.process_id})

    @property
    def is_open(self) -> bool:
        """Still awaiting an answer."""
        return self.status == RequestStatus.OPEN

    def is_overdue_on(self, today) -> bool:
        return self.is_open and self.due_on < today

    @cached_property
    def is_overdue(self) -> bool:
        """Awaiting an answer past its due date (a page reading the requests for another day sets it)."""
        return self.is_overdue_on(timezone.localdate())


class FocalPointDesignation(BaseModel):
    """
    The person an institution designated as its focal point. A replacement ends the earlier designation, which
    stays on record; designating a government institution's focal point gives that person the ministry role.
    """

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="focal_point_designations")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="focal_point_designations", verbose_name=_("institution")
    )
    request = models.ForeignKey(
        FocalPointRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="designations",
        verbose_name=_("answering the request"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices, default=Sex.NOT_STATED)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    designated_on = models.DateField(_("designated on"))
    is_current = models.BooleanField(_("current"), default=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("why it ended"), blank=True)

    class Meta:
        ordering = ["institution__name", "-is_current", "-designated_on"]
        verbose_name = _("focal-point designation")
        verbose_name_plural = _("focal-point designations")
        constraints = [
            models.UniqueConstraint(
                fields=["institution"], condition=Q(is_current=True), name="designation_one_current_per_institution"
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.institution})"

    def get_absolute_url(self):
        return reverse("stakeholders:designation_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})


# ---------------------------------------------------------------------------
# Committees, meetings, decisions and action points
# ---------------------------------------------------------------------------


class Committee(BaseModel):
    """The national migration-and-development committee or the consultative committee of a process."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="committees")
    kind = models.CharField(_("kind"), max_length=20, choices=CommitteeKind.choices)
    name = models.CharField(_("name"), max_length=200)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    functions = models.TextField(
        _("functions"),
        blank=True,
        help_text=_("For example: validate the analysis, agree priorities, approve the plan, review progress."),
    )
    chair_institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chaired by (institution)"),
    )
    chair_name = models.CharField(_("chair"), max_length=200, blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [models.UniqueConstraint(fields=["process", "kind"], name="committee_one_of_each_kind")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("stakeholders:committee_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})


class CommitteeMember(BaseModel):
    """A seat on a committee: the institution and the person who sits for it."""

    history = audit_trail()

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    person_name = models.CharField(_("person"), max_length=200, blank=True)
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices, default=Sex.NOT_STATED)
    member_role = models.CharField(_("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["member_role", "institution__name"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")

    def __str__(self):
        return f"{self.institution}: {self.person_name}" if self.person_name else str(self.institution)


class Meeting(Reviewable, BaseModel):
    """
    A meeting of a committee: agenda, who attended, minutes, decisions and the action points it set. It is planned,
    then held or cancelled (stakeholders.workflows.MEETING).
    """

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="meetings")
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("committee")
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)

    class Meta:
        ordering = ["-held_on", "-created"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self):
        return f"{self.committee} — {self.held_on}"

    def get_absolute_url(self):
        return reverse("stakeholders:meeting_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    @property
    def is_planned(self) -> bool:
        return self.status == MeetingStatus.PLANNED

    @property
    def is_held(self) -> bool:
        return self.status == MeetingStatus.HELD


class Attendance(BaseModel):
    """One person who attended a meeting, for whom, and their sex (participation is reported by sex)."""

    history = audit_trail()

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person_name = models.CharField(_("person"), max_length=200)
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("institution")
    )
    sex = models.CharField(_("sex"), max_length=20, choices=Sex.choices, default=Sex.NOT_STATED)

    class Meta:
        ordering = ["person_name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")

    def __str__(self):
        return self.person_name


class MeetingDecision(BaseModel):
    """A decision a meeting took."""

    history = audit_trail()

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "created"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return self.text[:80]


ACTION_POINT_OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionPointQuerySet(RestrictedQuerySet):
    def open(self):
        """Still to be done: open or in progress."""
        return self.filter(status__in=ACTION_POINT_OPEN_STATUSES)

    def overdue(self, today=None):
        """Still to be done past the due date."""
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def with_overdue(self, today=None):
        """Annotate `is_overdue` on each row, the same predicate as `overdue()`, for lists that mark them."""
        return self.annotate(
            is_overdue=ExpressionWrapper(
                Q(status__in=ACTION_POINT_OPEN_STATUSES, due_on__lt=today or timezone.localdate()),
                output_field=BooleanField(),
            )
        )


class ActionPoint(Reviewable, BaseModel):
    """
    A task a meeting gave to an institution, with a due date. The owner institution's focal points may update
    its status (a guardian permission granted to the institution's group; stakeholders.workflows.ACTION_POINT).
    """

    history = audit_trail()
    objects = ActionPointQuerySet.as_manager()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="action_points")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_points")
    decision = models.ForeignKey(
        MeetingDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_points",
        verbose_name=_("follows from decision"),
    )
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="action_points", verbose_name=_("owner institution")
    )
    due_on = models.DateField(_("due by"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    status_note = models.TextField(_("progress note"), blank=True)

    class Meta:
        ordering = ["due_on", "created"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        permissions = [("update_status_actionpoint", _("Update the status of an action point"))]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return reverse("stakeholders:action_point_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    @property
    def is_open(self) -> bool:
        """Still to be done: open or in progress."""
        return self.status in ACTION_POINT_OPEN_STATUSES

    @cached_property
    def is_overdue(self) -> bool:
        """Still to be done past its due date (lists read it annotated: ActionPointQuerySet.with_overdue)."""
        return self.is_open and self.due_on < timezone.localdate()


# ---------------------------------------------------------------------------
# Awareness-raising and consultation events
# ---------------------------------------------------------------------------


class Event(BaseModel):
    """An awareness-raising workshop, briefing, consultation, training or peer exchange with another government."""

    history = audit_trail(m2m_fields=["target_institutions"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="events")
    kind = models.ForeignKey(EventKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind"))
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organiser")
    )
    target_institutions = models.ManyToManyField(
        Institution, blank=True, related_name="+", verbose_name=_("institutions targeted")
    )
    target_categories = models.JSONField(
        _("stakeholder categories targeted"),
        default=list,
        blank=True,
        help_text=_("Values of StakeholderCategory."),
    )
    key_messages = models.TextField(_("key messages"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    follow_ups = models.TextField(_("follow-ups"), blank=True)

    class Meta:
        ordering = ["-held_on", "-created"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def clean(self):
        unknown = set(self.target_categories or []) - set(StakeholderCategory.values)
        if unknown:
            raise ValidationError({"target_categories": _("Unknown stakeholder category.")})

    def get_absolute_url(self):
        return reverse("stakeholders:event_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})


class EventParticipation(BaseModel):
    """How many people of one stakeholder category took part in an event, by sex."""

    history = audit_trail()

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participation")
    category = models.CharField(_("category"), max_length=30, choices=StakeholderCategory.choices)
    female = models.PositiveIntegerField(_("women"), default=0)
    male = models.PositiveIntegerField(_("men"), default=0)
    not_stated = models.PositiveIntegerField(_("sex not stated"), default=0)

    class Meta:
        ordering = ["category"]
        verbose_name = _("participation")
        verbose_name_plural = _("participation")
        constraints = [models.UniqueConstraint(fields=["event", "category"], name="participation_one_row_per_category")]

    def __str__(self):
        return f"{self.get_category_display()}: {self.total}"

    @property
    def total(self) -> int:
        return self.female + self.male + self.not_stated


# ---------------------------------------------------------------------------
# Capacity development
# ---------------------------------------------------------------------------


class CapacityNeed(BaseModel):
    """A capacity an institution lacks for the process, in one area (for example M&E at the Ministry of Labour)."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="capacity_needs")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("institution")
    )
    area = models.ForeignKey(CapacityArea, on_delete=models.PROTECT, related_name="+", verbose_name=_("area"))
    description = models.TextField(_("need"))
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)

    class Meta:
        ordering = ["institution__name", "area__position"]
        verbose_name = _("capacity need")
        verbose_name_plural = _("capacity needs")

    def __str__(self):
        return f"{self.institution}: {self.area}"

    def get_absolute_url(self):
        return reverse("stakeholders:capacity_overview", kwargs={"process_pk": self.process_id})


class CapacityActivity(BaseModel):
    """A training, coaching or peer exchange, with its participants by sex and the needs it answers."""

    history = audit_trail(m2m_fields=["needs"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="capacity_activities")
    kind = models.CharField(_("kind"), max_length=20, choices=CapacityActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    provider = models.CharField(_("provided by"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    participants_female = models.PositiveIntegerField(_("women taking part"), default=0)
    participants_male = models.PositiveIntegerField(_("men taking part"), default=0)
    needs = models.ManyToManyField(
        CapacityNeed, blank=True, related_name="activities", verbose_name=_("needs answered")
    )

    class Meta:
        ordering = ["-held_on", "-created"]
        verbose_name = _("capacity activity")
        verbose_name_plural = _("capacity activities")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("stakeholders:capacity_activity_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})


# ---------------------------------------------------------------------------
# Stakeholder map
# ---------------------------------------------------------------------------


class StakeholderProfile(BaseModel):
    """Where an institution stands for the process: its interest and influence (1–5) and how it is engaged."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="stakeholder_profiles")
    institution = models.OneToOneField(
        Institution, on_delete=models.CASCADE, related_name="stakeholder_profile", verbose_name=_("institution")
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 (low) to 5 (high)")
    )
    influence = models.PositiveSmallIntegerField(
        _("influence"), validators=[MinValueValidator(1), MaxValueValidator(5)], help_text=_("1 (low) to 5 (high)")
    )
    engagement = models.CharField(_("engagement"), max_length=20, choices=EngagementLevel.choices)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["institution__name"]
        verbose_name = _("stakeholder profile")
        verbose_name_plural = _("stakeholder profiles")
        constraints = [
            models.CheckConstraint(condition=Q(interest__gte=1, interest__lte=5), name="profile_interest_1_to_5"),
            models.CheckConstraint(condition=Q(influence__gte=1, influence__lte=5), name="profile_influence_1_to_5"),
        ]

    def __str__(self):
        return str(self.institution)

    def get_absolute_url(self):
        return reverse("stakeholders:stakeholder_map", kwargs={"process_pk": self.process_id})
