"""
Goals, priorities and the implementation plan (handbook §4, §7, §9).

From evidence to a costed plan: goals answer the situation analysis's findings and are tagged with the national
plan's pillar, SDG targets and GCM objectives; candidate priorities are scored against weighted criteria and the
NFP selects them; each priority gets SMART targets. The results chain runs goal > outcome > output > activity,
with budget lines and funding per activity. The Plan holds the narrative and the workflow; each version sent for
review is frozen as a PlanVersion snapshot, so that what was endorsed and published never changes afterwards and
any two versions can be compared.
"""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from implementation_plans.choices import (
    ActivityStatus,
    BudgetCategory,
    FundingSource,
    FundingStatus,
    Level,
    PlanStatus,
    ProposalStatus,
    VersionStatus,
)
from mainstreaming import l10n
from mainstreaming.models import (
    BaseModel,
    Institution,
    Process,
    Report,
    RestrictedQuerySet,
    Sector,
    TranslatableMixin,
    audit_trail,
)
from mainstreaming.workflow import Reviewable
from situation_analysis.models import Finding
from stakeholders.models import MeetingDecision

MONEY = {"max_digits": 16, "decimal_places": 2}
RATE = {"max_digits": 18, "decimal_places": 6}


def _url(name: str, obj) -> str:
    return reverse(f"implementation_plans:{name}", kwargs={"process_pk": obj.process_id, "pk": obj.pk})


# ---------------------------------------------------------------------------
# Reference content (fixtures/reference/)
# ---------------------------------------------------------------------------


class SdgTarget(TranslatableMixin, BaseModel):
    """A Sustainable Development Goal target relevant to migration, such as 10.7."""

    translated_fields = ("title",)
    history = audit_trail()

    code = models.CharField(_("code"), max_length=10, unique=True)
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self):
        return f"{self.code} {self.localized('title')}"


class GcmObjective(TranslatableMixin, BaseModel):
    """One of the 23 objectives of the Global Compact for Safe, Orderly and Regular Migration."""

    translated_fields = ("title",)
    history = audit_trail()

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        ordering = ["number"]
        verbose_name = _("GCM objective")
        verbose_name_plural = _("GCM objectives")

    def __str__(self):
        return f"{self.number}. {self.localized('title')}"


class ProgrammeExample(TranslatableMixin, BaseModel):
    """
    A programme experience from the handbook's Part 3 catalogue: what was done, by whom, where, for whom, when,
    and with what outcome. "Use as a template" copies it into a plan as a draft output with its activities.
    """

    translated_fields = (
        "title",
        "activity",
        "actors",
        "countries",
        "target_group",
        "time_span",
        "outcomes",
        "template_activities",
    )
    history = audit_trail()

    code = models.SlugField(_("code"), max_length=60, unique=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector"))
    title = models.CharField(_("title"), max_length=200)
    activity = models.TextField(_("activity"))
    actors = models.TextField(_("actors"))
    countries = models.CharField(_("countries"), max_length=300)
    target_group = models.CharField(_("target group"), max_length=300)
    time_span = models.CharField(_("time span"), max_length=120)
    outcomes = models.TextField(_("outcomes"))
    # The activities "use as a template" creates: [{"title": ..., "target_group": ...}, ...]
    template_activities = models.JSONField(_("activities to copy"), default=list, blank=True)

    class Meta:
        ordering = ["sector__position", "title"]
        verbose_name = _("programme experience")
        verbose_name_plural = _("programme experiences")

    def __str__(self):
        return self.localized("title")


# ---------------------------------------------------------------------------
# Goals, priorities and targets
# ---------------------------------------------------------------------------


class PlanPillar(BaseModel):
    """A pillar of the country's national development plan, to tag goals with (a per-process list)."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="plan_pillars")
    code = models.CharField(_("code"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("national plan pillar")
        verbose_name_plural = _("national plan pillars")
        constraints = [models.UniqueConstraint(fields=["process", "name"], name="plan_pillar_unique_name")]

    def __str__(self):
        return f"{self.code} {self.name}".strip()


class Goal(BaseModel):
    """A goal statement with its rationale, answering findings of the situation analysis."""

    history = audit_trail(m2m_fields=["sectors", "findings", "sdg_targets", "gcm_objectives"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="goals")
    statement = models.TextField(_("goal"))
    rationale = models.TextField(_("rationale"), blank=True)
    pillar = models.ForeignKey(
        PlanPillar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name=_("national plan pillar"),
    )
    sectors = models.ManyToManyField(Sector, blank=True, related_name="+", verbose_name=_("sectors"))
    findings = models.ManyToManyField(Finding, blank=True, related_name="goals", verbose_name=_("findings answered"))
    sdg_targets = models.ManyToManyField(SdgTarget, blank=True, related_name="+", verbose_name=_("SDG targets"))
    gcm_objectives = models.ManyToManyField(
        GcmObjective, blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "created"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.statement[:80]

    def get_absolute_url(self):
        return _url("goal_detail", self)


class PriorityCriterion(BaseModel):
    """A criterion candidate priorities are scored against, with its weight (relevance, feasibility, cost ...)."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="priority_criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("prioritisation criterion")
        verbose_name_plural = _("prioritisation criteria")
        constraints = [models.UniqueConstraint(fields=["process", "name"], name="priority_criterion_unique_name")]

    def __str__(self):
        return self.name


class Priority(BaseModel):
    """A candidate priority under a goal; once the NFP selects it, it gets SMART targets and an outcome chain."""

    history = audit_trail(m2m_fields=["findings"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="priorities")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="priorities", verbose_name=_("goal"))
    title = models.CharField(_("priority"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    findings = models.ManyToManyField(Finding, blank=True, related_name="priorities", verbose_name=_("findings cited"))
    is_selected = models.BooleanField(_("selected"), default=False)
    selected_at = models.DateTimeField(_("selected"), null=True, blank=True)
    selected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["goal__position", "position", "created"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return _url("priority_detail", self)


class PriorityScore(BaseModel):
    """One committee member's score of one candidate priority against one criterion (1 to 5)."""

    history = audit_trail()

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(PriorityCriterion, on_delete=models.CASCADE, related_name="scores")
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["priority", "criterion", "scorer"]
        verbose_name = _("priority score")
        verbose_name_plural = _("priority scores")
        constraints = [
            models.UniqueConstraint(fields=["priority", "criterion", "scorer"], name="priority_score_one_per_scorer")
        ]

    def __str__(self):
        return f"{self.priority} / {self.criterion}: {self.score}"


class Target(BaseModel):
    """
    A target of a priority. SMART (implementation_plans.smart): specific (a statement), measurable (an indicator,
    and a target value that is a number with its unit, against a baseline with a number), achievable (a responsible
    institution and resources), relevant (a linked finding), time-bound (a date inside the plan's period).
    """

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="targets")
    statement = models.TextField(_("target"))
    indicator = models.CharField(_("indicator"), max_length=300, blank=True)
    baseline = models.CharField(_("baseline"), max_length=120, blank=True)
    target_value = models.CharField(_("target value"), max_length=120, blank=True)
    responsible = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible institution"),
    )
    resources = models.TextField(_("resources"), blank=True)
    finding = models.ForeignKey(
        Finding, on_delete=models.PROTECT, null=True, blank=True, related_name="targets", verbose_name=_("finding")
    )
    due_on = models.DateField(_("to be reached by"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["priority", "position", "created"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self):
        return self.statement[:80]

    def get_absolute_url(self):
        return self.priority.get_absolute_url() + f"#target-{self.pk}"


# ---------------------------------------------------------------------------
# The results chain
# ---------------------------------------------------------------------------


class Outcome(BaseModel):
    """A change the plan aims at under a goal, optionally delivering one of its selected priorities."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="outcomes")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="outcomes", verbose_name=_("goal"))
    priority = models.ForeignKey(
        Priority, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcomes", verbose_name=_("priority")
    )
    title = models.TextField(_("outcome"))
    assumptions = models.TextField(_("assumptions"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["goal__position", "position", "created"]
        verbose_name = pgettext_lazy("results chain", "outcome")
        verbose_name_plural = pgettext_lazy("results chain", "outcomes")

    def __str__(self):
        return self.title[:80]

    def get_absolute_url(self):
        return _url("outcome_detail", self)


class Output(BaseModel):
    """What the activities deliver towards an outcome: a service, a law drafted, people trained."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="outputs")
    outcome = models.ForeignKey(Outcome, on_delete=models.PROTECT, related_name="outputs", verbose_name=_("outcome"))
    title = models.TextField(_("output"))
    assumptions = models.TextField(_("assumptions"), blank=True)
    copied_from = models.ForeignKey(
        ProgrammeExample,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from programme experience"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["outcome__position", "position", "created"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")

    def __str__(self):
        return self.title[:80]

    def get_absolute_url(self):
        return _url("output_detail", self)


class Risk(BaseModel):
    """A risk to an outcome or an output, with its likelihood, impact and mitigation."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, null=True, blank=True, related_name="risks")
    output = models.ForeignKey(Output, on_delete=models.CASCADE, null=True, blank=True, related_name="risks")
    description = models.TextField(_("risk"))
    likelihood = models.CharField(_("likelihood"), max_length=10, choices=Level.choices, default=Level.MEDIUM)
    impact = models.CharField(_("impact"), max_length=10, choices=Level.choices, default=Level.MEDIUM)
    mitigation = models.TextField(_("mitigation"), blank=True)

    class Meta:
        ordering = ["created"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__isnull=False, output__isnull=True) | Q(outcome__isnull=True, output__isnull=False),
                name="risk_on_outcome_or_output",
            )
        ]

    def __str__(self):
        return self.description[:80]

    def get_absolute_url(self):
        return (self.outcome or self.output).get_absolute_url()


class Activity(Reviewable, BaseModel):
    """
    What an institution does to deliver an output, when and where, for whom. The responsible institution's focal
    points hold the guardian permission `update_activity` on it (status and dates). A ministry may propose an
    activity for its sectors; it stays out of the plan until the NFP accepts it (the proposal's workflow, on
    `proposal_status`, is in implementation_plans.workflows).
    """

    history = audit_trail(m2m_fields=["partners"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="activities")
    output = models.ForeignKey(Output, on_delete=models.PROTECT, related_name="activities", verbose_name=_("output"))
    title = models.CharField(_("activity"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible institution"),
    )
    partners = models.ManyToManyField(Institution, blank=True, related_name="+", verbose_name=_("partners"))
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    is_national = models.BooleanField(_("national"), default=True)
    region = models.CharField(_("region"), max_length=120, blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    # The sector the activity serves; a ministry proposes activities for one of its institution's sectors.
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    proposal_status = models.CharField(
        _("proposal"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.ACCEPTED
    )
    proposed_by = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("proposed by")
    )
    proposal_note = models.TextField(_("why this activity"), blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["output__position", "position", "created"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        permissions = [("update_activity", _("Update the status and dates of the activity"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot come before the start date.")})
        if not self.is_national and not self.region.strip():
            raise ValidationError({"region": _("Name the region, or mark the activity as national.")})

    def get_absolute_url(self):
        return _url("activity_detail", self)

    @property
    def is_proposed(self) -> bool:
        """A ministry's proposal waiting for the NFP's decision."""
        return self.proposal_status == ProposalStatus.PROPOSED

    @property
    def is_accepted(self) -> bool:
        """In the plan: its cost counts, its responsible institution updates its status and dates."""
        return self.proposal_status == ProposalStatus.ACCEPTED

    @property
    def is_declined(self) -> bool:
        return self.proposal_status == ProposalStatus.DECLINED


class BudgetLine(BaseModel):
    """A cost of an activity in one year, in any currency, with its rate to the plan's currency."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="budget_lines")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    category = models.CharField(_("category"), max_length=20, choices=BudgetCategory.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount = models.DecimalField(_("amount"), validators=[MinValueValidator(0)], **MONEY)
    currency = models.CharField(_("currency"), max_length=3, help_text=_("ISO code, such as USD or EUR."))
    rate_to_plan = models.DecimalField(
        _("rate to the plan's currency"),
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("How much one unit of this currency is worth in the plan's currency."),
        **RATE,
    )

    class Meta:
        ordering = ["year", "category", "created"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.year} {self.get_category_display()}: {self.amount} {self.currency}"

    def get_absolute_url(self):
        return self.activity.get_absolute_url() + "#budget"


def _written_amount(amount, currency: str) -> str:
    """An amount in the reader's language; a plan snapshot's amounts may already be written out ("4 000,00")."""
    try:
        Decimal(str(amount))
    except InvalidOperation:
        return f"{amount}{l10n.NBSP}{currency}"
    return l10n.amount(amount, currency)


def funding_line(*, source: str, amount, currency: str, status: str) -> str:
    """
    One funding as a line of text, "Government budget: 1,000.00 USD, pledged", the same on the pages, in the PDFs and
    in the exports. The status follows a comma, not in brackets, because a status label may hold brackets itself
    ("Gap (not yet found)").
    """
    return gettext("%(source)s: %(amount)s, %(status)s") % {
        "source": source,
        "amount": _written_amount(amount, currency),
        "status": str(status).lower(),
    }


class Funding(BaseModel):
    """Money for an activity: from whom (government, a development partner, ...) and whether secured or pledged."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    donor = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("development partner"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(_("amount"), validators=[MinValueValidator(0)], **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    rate_to_plan = models.DecimalField(
        _("rate to the plan's currency"), default=1, validators=[MinValueValidator(0)], **RATE
    )
    status = models.CharField(_("status"), max_length=10, choices=FundingStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["status", "created"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")

    def __str__(self):
        source = str(self.donor) if self.donor_id else self.get_source_display()
        return funding_line(source=source, amount=self.amount, currency=self.currency, status=self.get_status_display())

    def clean(self):
        if self.source == FundingSource.DONOR and self.donor_id is None:
            raise ValidationError({"donor": _("Name the development partner.")})

    def get_absolute_url(self):
        return self.activity.get_absolute_url() + "#funding"


# ---------------------------------------------------------------------------
# The plan document and its versions
# ---------------------------------------------------------------------------


# A plan in review or endorsed is frozen: nothing in it changes until it is published or returned to draft.
FROZEN_STATUSES = (PlanStatus.IN_REVIEW, PlanStatus.ENDORSED)


class PlanQuerySet(RestrictedQuerySet):
    def frozen(self):
        """Plans in review or endorsed (see Plan.is_frozen)."""
        return self.filter(status__in=FROZEN_STATUSES)


class Plan(Reviewable, BaseModel):
    """
    The process's implementation plan: its narrative, currency and where it stands in its workflow (the table of
    steps is in implementation_plans.workflows).
    """

    history = audit_trail()
    objects = PlanQuerySet.as_manager()

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="plan")
    title = models.CharField(_("title"), max_length=200)
    currency = models.CharField(_("plan currency"), max_length=3, default="USD")
    starts_in = models.PositiveSmallIntegerField(_("first year"), null=True, blank=True)
    ends_in = models.PositiveSmallIntegerField(_("last year"), null=True, blank=True)
    rationale = models.TextField(
        _("rationale and sequencing"),
        blank=True,
        help_text=_("Why these activities and agents, in what order, and how the plan was prepared with others."),
    )
    roles = models.TextField(
        _("roles, accountabilities and decision rules"),
        blank=True,
        help_text=_("Who answers for each result, how the plan is managed, how unresolved issues are decided."),
    )
    fiduciary = models.TextField(
        _("budgetary and fiduciary arrangements"),
        blank=True,
        help_text=_("How the resources mobilised are managed, accounted for and audited."),
    )
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)

    class Meta:
        verbose_name = _("implementation plan")
        verbose_name_plural = _("implementation plans")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("implementation_plans:plan_detail", kwargs={"process_pk": self.process_id})

    @property
    def is_frozen(self) -> bool:
        """In review or endorsed: the plan's content cannot change until it is published or returned to draft."""
        return self.status in FROZEN_STATUSES

    @property
    def is_editable(self) -> bool:
        """The NFP may change its content: a draft, or a published plan (the change starts a new draft)."""
        return not self.is_frozen

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def is_endorsed(self) -> bool:
        return self.status == PlanStatus.ENDORSED

    @property
    def is_published(self) -> bool:
        return self.status == PlanStatus.PUBLISHED


class PlanVersion(BaseModel):
    """
    A frozen copy of the whole plan (narrative, chain, targets, budgets, funding, dates) taken when it was sent for
    review. Its snapshot never changes; endorsing and publishing move its status. Development partners read the
    last published version only.
    """

    # The snapshot is written once and never changes: each workflow step's history row need not copy it again.
    history = audit_trail(excluded_fields=["snapshot"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="plan_versions")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices)
    snapshot = models.JSONField(_("snapshot"), editable=False)
    submitted_at = models.DateTimeField(_("sent for review"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    endorsed_at = models.DateTimeField(_("endorsed"), null=True, blank=True)
    endorsement_decision = models.ForeignKey(
        MeetingDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("committee decision"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    report = models.ForeignKey(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("PDF")
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique_number")]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse(
            "implementation_plans:version_detail", kwargs={"process_pk": self.process_id, "number": self.number}
        )

    @property
    def is_current(self) -> bool:
        """The version in review or endorsed, while the plan is frozen on it."""
        return self.status in CURRENT_VERSION_STATUSES

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


CURRENT_VERSION_STATUSES = (VersionStatus.IN_REVIEW, VersionStatus.ENDORSED)
