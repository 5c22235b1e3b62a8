"""
The situation analysis (handbook §5, Annexes B–D): the sector checklists the ministries work through, and the data
sources the analysis draws on.

A checklist template is reference content from fixtures/reference/checklists.json, versioned: when its wording
changes, a new version is added and the old one stays, so a process knows which version its own copy came from.
Each process works on its own copy (Checklist and ChecklistQuestion), which the NFP adapts (add, reword, drop
questions) without touching the template or any other process.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mainstreaming.models import BaseModel, Institution, Process, Sector, audit_trail
from situation_analysis.choices import DataSourceKind, Disaggregation, Periodicity, QuestionBlock

# ---------------------------------------------------------------------------
# Checklist templates (reference content, versioned)
# ---------------------------------------------------------------------------


class ChecklistTemplate(BaseModel):
    """One version of a handbook sector checklist (Annex C), such as C5 Health, version 1."""

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
        return f"{self.code} {self.title} (v{self.version})"


class TemplateQuestion(BaseModel):
    """A question of a checklist template, in one of the two blocks."""

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
        return f"{self.code} {self.text[:60]}"


# ---------------------------------------------------------------------------
# A process's own checklists
# ---------------------------------------------------------------------------


class Checklist(BaseModel):
    """A process's own copy of a sector checklist, adapted by its NFP."""

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
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("situation_analysis:checklist_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})


class ChecklistQuestion(BaseModel):
    """A question of a process's checklist: copied from the template, reworded, added here, or dropped."""

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
        return f"{self.code} {self.text[:60]}"

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
