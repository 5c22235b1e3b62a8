"""
The situation analysis (handbook §5, Annexes B–D): the sector checklists the ministries work through, the data
sources and migration-profile series the analysis draws on, and the findings drawn from both.

A checklist template is reference content from fixtures/reference/checklists.json, versioned: when its wording
changes, a new version is added and the old one stays, so a process knows which version its own copy came from.
Each process works on its own copy (Checklist and ChecklistQuestion), which the NFP adapts (add, reword, drop
questions) without touching the template or any other process.

The NFP assigns a checklist to a lead institution (Assignment); its focal points answer each question (Answer),
submit, and the facilitator or the NFP approves or sends it back. The assignment's version counter refuses a save
made on top of answers someone else has changed meanwhile, so that nothing is silently overwritten.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mainstreaming.models import (
    BaseModel,
    Institution,
    Process,
    RestrictedQuerySet,
    Sector,
    TranslatableMixin,
    audit_trail,
)
from mainstreaming.workflow import Reviewable
from situation_analysis.choices import (
    Assessment,
    AssignmentStatus,
    DataSourceKind,
    Disaggregation,
    Periodicity,
    QuestionBlock,
    SeriesTopic,
    Significance,
)

# ---------------------------------------------------------------------------
# Checklist templates (reference content, versioned)
# ---------------------------------------------------------------------------


class ChecklistTemplate(TranslatableMixin, BaseModel):
    """One version of a handbook sector checklist (Annex C), such as C5 Health, version 1."""

    translated_fields = ("title", "introduction", "suggested_stakeholders")
    history = audit_trail()

    code = models.CharField(_("code"), max_length=10, help_text=_("The handbook's code, such as C5."))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector"))
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    suggested_stakeholders = models.TextField(
        _("suggested stakeholders"), blank=True, help_text=_("Who to involve; one per line.")
    )

    class Meta:
        ordering = ["sector__position", "code", "-version"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="checklist_template_unique_version"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(is_current=True), name="checklist_template_one_current_version"
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.localized('title')} (v{self.version})"


class TemplateQuestion(TranslatableMixin, BaseModel):
    """A question of a checklist template, in one of the two blocks."""

    translated_fields = ("text",)
    history = audit_trail()

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="questions")
    block = models.CharField(_("block"), max_length=30, choices=QuestionBlock.choices)
    code = models.CharField(
        _("code"), max_length=10, help_text=_("A1, A2 ... for the first block, B1 ... for the second.")
    )
    text = models.TextField(_("question"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["template", "block", "position"]
        verbose_name = _("template question")
        verbose_name_plural = _("template questions")
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="template_question_unique_code")]

    def __str__(self):
        return f"{self.code} {self.localized('text')[:60]}"


# ---------------------------------------------------------------------------
# A process's own checklists
# ---------------------------------------------------------------------------


class Checklist(TranslatableMixin, BaseModel):
    """A process's own copy of a sector checklist, adapted by its NFP; it keeps the template's translations."""

    translated_fields = ("title", "introduction", "suggested_stakeholders")
    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="checklists")
    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.PROTECT, related_name="copies", verbose_name=_("copied from")
    )
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="+", verbose_name=_("sector"))
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    suggested_stakeholders = models.TextField(_("suggested stakeholders"), blank=True)

    class Meta:
        ordering = ["sector__position", "code"]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        constraints = [models.UniqueConstraint(fields=["process", "code"], name="checklist_one_copy_per_process")]

    def __str__(self):
        return f"{self.code} {self.localized('title')}"

    def get_absolute_url(self):
        return reverse("situation_analysis:checklist_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})


class ChecklistQuestion(TranslatableMixin, BaseModel):
    """
    A question of a process's checklist: copied from the template, reworded, added here, or dropped. A copied
    question carries the template's translations, shown until the NFP rewords it.
    """

    translated_fields = ("text",)
    history = audit_trail()

    checklist = models.ForeignKey(Checklist, on_delete=models.CASCADE, related_name="questions")
    source = models.ForeignKey(
        TemplateQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("template question"),
    )
    block = models.CharField(_("block"), max_length=30, choices=QuestionBlock.choices)
    code = models.CharField(_("code"), max_length=10)
    text = models.TextField(_("question"))
    guidance = models.TextField(_("guidance"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Dropped questions stay, so that answers given before keep their question and the history stays whole.
    is_dropped = models.BooleanField(_("dropped"), default=False)

    class Meta:
        ordering = ["checklist", "block", "position", "code"]
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist questions")
        constraints = [models.UniqueConstraint(fields=["checklist", "code"], name="checklist_question_unique_code")]

    def __str__(self):
        return f"{self.code} {self.localized('text')[:60]}"

    def get_absolute_url(self):
        return self.checklist.get_absolute_url()

    @property
    def is_reworded(self) -> bool:
        return self.source_id is not None and self.source.text != self.text


# ---------------------------------------------------------------------------
# Data sources (handbook Annex D1)
# ---------------------------------------------------------------------------


class DataSource(BaseModel):
    """A source of data for the analysis: a census, a survey, a register, a central bank's series, a dataset."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="data_sources")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=DataSourceKind.choices)
    owner = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner institution"),
    )
    periodicity = models.CharField(_("periodicity"), max_length=20, choices=Periodicity.choices, blank=True)
    latest_year = models.PositiveSmallIntegerField(
        _("latest year available"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    disaggregations = models.JSONField(_("can be broken down by"), default=list, blank=True)
    access_notes = models.TextField(_("access"), blank=True, help_text=_("Who may use it, on what terms, how."))
    quality_notes = models.TextField(_("quality"), blank=True, help_text=_("Coverage, definitions, known gaps."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")
        constraints = [models.UniqueConstraint(fields=["process", "name"], name="data_source_unique_name")]

    def __str__(self):
        return self.name

    def clean(self):
        unknown = set(self.disaggregations or []) - set(Disaggregation.values)
        if unknown:
            raise ValidationError({"disaggregations": _("Unknown breakdown.")})
        if self.owner_id and self.owner.process_id != self.process_id:
            raise ValidationError({"owner": _("The owner must be an institution of this process.")})

    def get_absolute_url(self):
        return reverse("situation_analysis:data_source_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})


# ---------------------------------------------------------------------------
# Assignments and answers
# ---------------------------------------------------------------------------


class AssignmentQuerySet(RestrictedQuerySet):
    def open(self):
        """Answers that can still be changed: neither submitted nor approved."""
        return self.filter(status__in=Assignment.OPEN_STATUSES)

    def overdue(self, today: date):
        """Open past their due date."""
        return self.open().filter(due_on__lt=today)


class Assignment(Reviewable, BaseModel):
    """
    A checklist given to a lead institution to answer by a due date, with institutions that contribute comments.
    The lead's focal points hold the guardian permission `answer_assignment` on it; contributing institutions hold
    `comment_assignment`. Both move with the lead and the contributors. Its review (submit, approve, request
    changes, reopen) is the table in situation_analysis.workflows.
    """

    OPEN_STATUSES = (AssignmentStatus.ASSIGNED, AssignmentStatus.DRAFT)

    history = audit_trail(m2m_fields=["contributors"])
    objects = AssignmentQuerySet.as_manager()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="assignments")
    checklist = models.OneToOneField(
        Checklist, on_delete=models.CASCADE, related_name="assignment", verbose_name=_("checklist")
    )
    lead = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="+", verbose_name=_("lead institution")
    )
    contributors = models.ManyToManyField(
        Institution, blank=True, related_name="+", verbose_name=_("contributing institutions")
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.ASSIGNED
    )
    # Raised by one on every save of the answers; a save that started from an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_note = models.TextField(_("review note"), blank=True)
    last_reminded_on = models.DateField(_("last reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "checklist__code"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        permissions = [
            ("answer_assignment", _("Answer the checklist and submit it")),
            ("comment_assignment", _("Comment on the answers")),
        ]

    def __str__(self):
        return f"{self.checklist} → {self.lead}"

    def get_absolute_url(self):
        return reverse("situation_analysis:assignment_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    @property
    def is_open(self) -> bool:
        """Answers can still be changed: neither submitted nor approved."""
        return self.status in self.OPEN_STATUSES

    @property
    def is_awaiting_review(self) -> bool:
        """Submitted, waiting for the facilitator or the NFP to approve them or send them back."""
        return self.status == AssignmentStatus.SUBMITTED

    @property
    def is_approved(self) -> bool:
        """Approved: every internal reader reads the answers."""
        return self.status == AssignmentStatus.APPROVED

    def is_overdue_on(self, today: date) -> bool:
        """Still open on `today`, past the due date."""
        return self.is_open and self.due_on < today

    @property
    def is_overdue(self) -> bool:
        """Still open today, past the due date."""
        return self.is_overdue_on(timezone.localdate())


class Answer(BaseModel):
    """The lead institution's answer to one question: an assessment, a narrative and its evidence."""

    history = audit_trail(m2m_fields=["data_sources"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="answers")
    question = models.OneToOneField(
        ChecklistQuestion, on_delete=models.CASCADE, related_name="answer", verbose_name=_("question")
    )
    assessment = models.CharField(_("assessment"), max_length=20, choices=Assessment.choices, blank=True)
    narrative = models.TextField(
        _("narrative"), blank=True, help_text=_("What the situation is, and why you assess it so.")
    )
    evidence = models.TextField(
        _("other evidence"), blank=True, help_text=_("Studies, laws, reports or links that support the answer.")
    )
    data_sources = models.ManyToManyField(
        DataSource, blank=True, related_name="answers", verbose_name=_("data sources")
    )
    # The assignment's version this answer was last saved at: what another editor changed is what is newer.
    saved_version = models.PositiveIntegerField(default=0)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )

    class Meta:
        ordering = ["question__block", "question__position", "question__code"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.question.code}: {self.get_assessment_display() or '—'}"

    def get_absolute_url(self):
        return self.assignment.get_absolute_url() + f"#answer-{self.question_id}"


# ---------------------------------------------------------------------------
# Migration-profile data
# ---------------------------------------------------------------------------


class DataSeries(BaseModel):
    """A series of the migration profile, such as remittance inflows per year, with the breakdowns it carries."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="data_series")
    title = models.CharField(_("title"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=60,
        blank=True,
        help_text=_("The publisher's code of the series, such as SM.POP.TOTL; an import file names the series by it."),
    )
    topic = models.CharField(_("topic"), max_length=30, choices=SeriesTopic.choices)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("Such as persons, USD million, or percent."))
    source = models.ForeignKey(
        DataSource,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="series",
        verbose_name=_("data source"),
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    dimensions = models.JSONField(_("broken down by"), default=list, blank=True)
    # Blank: as often as its data source is updated. A series of an annual source may still be published every few
    # years (a survey module), and the data gaps must not count the years between as missing.
    periodicity = models.CharField(
        _("periodicity"),
        max_length=20,
        choices=Periodicity.choices,
        blank=True,
        help_text=_("How often a value is published; leave empty for the periodicity of its data source."),
    )
    # A share of GDP or the cost of sending remittances has no sex: such a series is never listed as lacking a
    # breakdown by sex.
    sex_not_applicable = models.BooleanField(
        _("a breakdown by sex does not apply"),
        default=False,
        help_text=_("For measures such as a share of GDP or a cost, which cannot be broken down by sex."),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Definitions, coverage, breaks in the series."))

    class Meta:
        ordering = ["topic", "title"]
        verbose_name = _("data series")
        verbose_name_plural = _("data series")
        constraints = [
            models.UniqueConstraint(fields=["process", "title"], name="data_series_unique_title"),
            models.UniqueConstraint(fields=["process", "code"], condition=~Q(code=""), name="data_series_unique_code"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        unknown = set(self.dimensions or []) - set(Disaggregation.values)
        if unknown:
            raise ValidationError({"dimensions": _("Unknown breakdown.")})
        if self.source_id and self.source.process_id != self.process_id:
            raise ValidationError({"source": _("The data source must be one of this process.")})
        if self.sex_not_applicable and Disaggregation.SEX in (self.dimensions or []):
            raise ValidationError(
                {"sex_not_applicable": _("The series is broken down by sex: a breakdown by sex does apply.")}
            )

    @property
    def expected_periodicity(self) -> str:
        """How often a value is expected: the series' own periodicity, else its source's ("" when neither says)."""
        if self.periodicity:
            return self.periodicity
        return self.source.periodicity if self.source_id else ""

    def get_absolute_url(self):
        return reverse("situation_analysis:series_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})


class Observation(BaseModel):
    """
    One value of a series for a period, either the total (no breakdown) or one cell of its breakdowns, such as
    {"sex": "female", "region": "North"}. `breakdown_key` is the breakdown written canonically ("" for the total),
    so that a period holds one value per cell.
    """

    history = audit_trail()

    series = models.ForeignKey(DataSeries, on_delete=models.CASCADE, related_name="observations")
    period = models.CharField(
        _("period"), max_length=10, help_text=_("A year (2024), a quarter (2024-Q2) or a month (2024-06).")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    breakdown = models.JSONField(_("breakdown"), default=dict, blank=True)
    breakdown_key = models.CharField(max_length=300, blank=True, default="")
    # Ten decimals: statistical offices publish shares such as 25.130243 (the World Bank up to 13 decimals);
    # an import says which values it had to round.
    value = models.DecimalField(_("value"), max_digits=28, decimal_places=10)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["series", "period", "breakdown_key"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(fields=["series", "period", "breakdown_key"], name="observation_one_value_per_cell")
        ]

    def __str__(self):
        return f"{self.series}: {self.period} {self.breakdown_key or _('total')} = {self.value}"

    def get_absolute_url(self):
        return self.series.get_absolute_url()

    @property
    def process_id(self):
        return self.series.process_id


# ---------------------------------------------------------------------------
# Findings
# ---------------------------------------------------------------------------


class Finding(BaseModel):
    """A statement the analysis draws from checklist answers and data series; the plan's priorities cite it."""

    history = audit_trail(m2m_fields=["answers", "series"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="findings")
    sector = models.ForeignKey(
        Sector,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sector"),
        help_text=_("Leave empty for a finding that cuts across sectors."),
    )
    statement = models.TextField(_("statement"))
    detail = models.TextField(_("detail"), blank=True)
    significance = models.CharField(
        _("significance"), max_length=10, choices=Significance.choices, default=Significance.MEDIUM
    )
    answers = models.ManyToManyField(Answer, blank=True, related_name="findings", verbose_name=_("checklist answers"))
    series = models.ManyToManyField(DataSeries, blank=True, related_name="findings", verbose_name=_("data series"))

    class Meta:
        ordering = ["sector__position", "-created"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return self.statement[:80]

    def get_absolute_url(self):
        return reverse("situation_analysis:finding_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})
