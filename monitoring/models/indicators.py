"""
Monitoring and evaluation (handbook §9 and §10; the plan's M&E section).

The indicator bank is reference content (fixtures/reference/indicator_bank.json): the migration-relevant SDG
indicators and national migration-and-development indicators, with their units, standard disaggregations and
custodians. The NFP copies an entry into the plan as an Indicator attached to exactly one goal, outcome or output,
then gives it a baseline and targets by year. The process's MEPlan says how often progress is reported, when the
evaluations fall, what M&E costs and which national systems it draws on.

Reporting periods and progress reports (monitoring.models.reporting) hang on Indicator: its type, direction
and aggregation say how a value is validated and how several periods add up (monitoring.arithmetic).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from implementation_plans.models import GcmObjective, Goal, Outcome, Output, SdgTarget
from mainstreaming.models import BaseModel, Institution, Process, TranslatableMixin, audit_trail
from monitoring.choices import Aggregation, Direction, IndicatorType
from situation_analysis.choices import Disaggregation, Periodicity
from situation_analysis.models import DataSource

VALUE = {"max_digits": 18, "decimal_places": 4}
MONEY = {"max_digits": 16, "decimal_places": 2}
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class Dimension(models.TextChoices):
    """
    What an indicator's values can be broken down by. The situation analysis's Disaggregation (sex, age, region,
    migratory status, skill level, country of origin or destination) with the same codes, so that a data source's
    dimensions and an indicator's can be compared; plus the dimensions the SDG indicators are reported by
    (corridor, occupation, route, form of exploitation, MGI domain, health-worker cadre) and disability and income
    (handbook §10). A TextChoices cannot extend another, hence the repetition.
    """

    SEX = Disaggregation.SEX.value, Disaggregation.SEX.label
    AGE = Disaggregation.AGE.value, Disaggregation.AGE.label
    REGION = Disaggregation.REGION.value, Disaggregation.REGION.label
    MIGRATORY_STATUS = Disaggregation.MIGRATORY_STATUS.value, Disaggregation.MIGRATORY_STATUS.label
    SKILL_LEVEL = Disaggregation.SKILL_LEVEL.value, Disaggregation.SKILL_LEVEL.label
    COUNTRY = Disaggregation.COUNTRY.value, Disaggregation.COUNTRY.label
    CORRIDOR = "corridor", _("Remittance or migration corridor")
    OCCUPATION = "occupation", _("Occupation")
    ROUTE = "route", _("Migration route")
    EXPLOITATION = "exploitation", _("Form of exploitation")
    DOMAIN = "domain", _("Policy domain")
    CADRE = "cadre", _("Health-worker cadre")
    DISABILITY = "disability", _("Disability")
    INCOME = "income", _("Income group")


# The dimensions whose groups are fixed, in the order they are entered and shown: (key stored in
# IndicatorValue.disaggregation, suffix of the report form's field name, label). Sex and age take these groups
# (the UN's usual age bands); every other dimension takes groups the person names.
FIXED_GROUPS: dict[str, tuple[tuple[str, str, object], ...]] = {
    Dimension.SEX: (("women", "women", _("Women")), ("men", "men", _("Men"))),
    Dimension.AGE: (
        ("0-14", "0_14", _("0–14 years")),
        ("15-24", "15_24", _("15–24 years")),
        ("25-64", "25_64", _("25–64 years")),
        ("65+", "65_plus", _("65 years and over")),
    ),
}


def _check_dimensions(values) -> None:
    unknown = sorted(set(values or []) - set(Dimension.values))
    if unknown:
        raise ValidationError({"disaggregations": _("Unknown dimensions: %(codes)s.") % {"codes": ", ".join(unknown)}})


# ---------------------------------------------------------------------------
# Reference content: the indicator bank
# ---------------------------------------------------------------------------


class IndicatorTemplate(TranslatableMixin, BaseModel):
    """An entry of the indicator bank: an SDG or national migration indicator a plan can copy and adapt."""

    translated_fields = ("name", "definition", "unit", "numerator", "denominator")

    history = audit_trail(m2m_fields=["sdg_targets", "gcm_objectives"])

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=60)
    indicator_type = models.CharField(_("type"), max_length=20, choices=IndicatorType.choices)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    aggregation = models.CharField(_("how values add up"), max_length=20, choices=Aggregation.choices)
    numerator = models.CharField(_("numerator"), max_length=300, blank=True)
    denominator = models.CharField(_("denominator"), max_length=300, blank=True)
    scale = models.JSONField(_("qualitative scale"), default=list, blank=True)
    disaggregations = models.JSONField(_("standard disaggregations"), default=list, blank=True)
    custodian = models.CharField(_("custodian agency"), max_length=200, blank=True)
    sdg_targets = models.ManyToManyField(SdgTarget, blank=True, related_name="+", verbose_name=_("SDG targets"))
    gcm_objectives = models.ManyToManyField(
        GcmObjective, blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator bank entry")
        verbose_name_plural = _("indicator bank")

    def __str__(self):
        return f"{self.code} {self.localized('name')}"

    def clean(self):
        _check_dimensions(self.disaggregations)

    @property
    def disaggregation_labels(self) -> list[str]:
        return [str(Dimension(code).label) for code in self.disaggregations if code in Dimension.values]


# ---------------------------------------------------------------------------
# The plan's indicators and their targets
# ---------------------------------------------------------------------------


class Indicator(TranslatableMixin, BaseModel):
    """
    How the plan measures one goal, outcome or output: what is counted, in what unit, which way is better, how the
    values of several periods add up, broken down by what, from which baseline towards which yearly targets, from
    which data source, how often, by whom and verified how. An indicator copied from the bank carries the bank
    entry's translations, shown until the NFP rewords it.
    """

    translated_fields = ("name", "definition", "unit", "numerator", "denominator")
    history = audit_trail(m2m_fields=["sdg_targets", "gcm_objectives"])

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="indicators")
    # Exactly one of the three (the named constraint below). A goal is PROTECTed: the goals service refuses to
    # remove a goal others hang on, with a message. Outcomes and outputs CASCADE: the chain's services remove an
    # outcome or output with its whole tree (outputs, activities, risks) without catching ProtectedError, so
    # PROTECT would answer 500; the indicators go with the tree, and simple-history records their deletion.
    goal = models.ForeignKey(
        Goal, on_delete=models.PROTECT, null=True, blank=True, related_name="indicators", verbose_name=_("goal")
    )
    outcome = models.ForeignKey(
        Outcome, on_delete=models.PROTECT, null=True, blank=True, related_name="indicators", verbose_name=_("outcome")
    )
    output = models.ForeignKey(
        Output, on_delete=models.PROTECT, null=True, blank=True, related_name="indicators", verbose_name=_("output")
    )
    code = models.CharField(_("code"), max_length=40, blank=True)
    name = models.CharField(_("indicator"), max_length=300)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=60)
    indicator_type = models.CharField(
        _("type"), max_length=20, choices=IndicatorType.choices, default=IndicatorType.NUMBER
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    aggregation = models.CharField(
        _("how values add up"), max_length=20, choices=Aggregation.choices, default=Aggregation.INCREMENTAL
    )
    numerator = models.CharField(_("numerator"), max_length=300, blank=True)
    denominator = models.CharField(_("denominator"), max_length=300, blank=True)
    # The levels of a qualitative scale, lowest first: ["none", "drafted", "adopted", "implemented"].
    scale = models.JSONField(_("qualitative scale"), default=list, blank=True)
    disaggregations = models.JSONField(_("disaggregated by"), default=list, blank=True)
    baseline_value = models.DecimalField(_("baseline value"), null=True, blank=True, **VALUE)
    baseline_text = models.CharField(_("baseline (text)"), max_length=200, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    baseline_source = models.CharField(_("baseline source"), max_length=300, blank=True)
    data_source = models.ForeignKey(
        DataSource,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("data source"),
    )
    frequency = models.CharField(_("frequency"), max_length=20, choices=Periodicity.choices, blank=True)
    responsible = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible institution"),
    )
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    sdg_targets = models.ManyToManyField(SdgTarget, blank=True, related_name="+", verbose_name=_("SDG targets"))
    gcm_objectives = models.ManyToManyField(
        GcmObjective, blank=True, related_name="+", verbose_name=_("GCM objectives")
    )
    copied_from = models.ForeignKey(
        IndicatorTemplate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from the indicator bank"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "created"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__isnull=False, outcome__isnull=True, output__isnull=True)
                | Q(goal__isnull=True, outcome__isnull=False, output__isnull=True)
                | Q(goal__isnull=True, outcome__isnull=True, output__isnull=False),
                name="indicator_on_one_result",
            )
        ]

    def __str__(self):
        return f"{self.code} {self.localized('name')}".strip()

    def get_absolute_url(self):
        return reverse("monitoring:indicator_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    @property
    def result(self):
        """The goal, outcome or output the indicator measures."""
        return self.goal or self.outcome or self.output

    @property
    def level(self) -> str:
        return "goal" if self.goal_id else "outcome" if self.outcome_id else "output"

    @property
    def baseline_display(self) -> str:
        if self.baseline_value is None:
            return self.baseline_text
        return f"{self.baseline_value.normalize():f}"

    @property
    def takes_number(self) -> bool:
        return self.indicator_type in (IndicatorType.NUMBER, IndicatorType.PERCENTAGE)

    @property
    def disaggregation_labels(self) -> list[str]:
        return [str(Dimension(code).label) for code in self.disaggregations if code in Dimension.values]

    def clean(self):
        errors: dict[str, str] = {}
        parents = [name for name in ("goal", "outcome", "output") if getattr(self, f"{name}_id")]
        if len(parents) != 1:
            errors["result"] = _("Attach the indicator to one goal, outcome or output.")
        try:
            _check_dimensions(self.disaggregations)
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
        if self.aggregation == Aggregation.PERCENTAGE and not (self.numerator.strip() and self.denominator.strip()):
            errors["numerator"] = _("A percentage recomputed from its parts needs a numerator and a denominator.")
        if self.aggregation == Aggregation.QUALITATIVE and len(self.scale or []) < 2:
            errors["scale"] = _("A qualitative scale needs at least two levels, lowest first.")
        if self.baseline_value is not None:
            if not self.takes_number:
                errors["baseline_value"] = _("This indicator's values are not numbers: write the baseline as text.")
            elif self.indicator_type == IndicatorType.PERCENTAGE and not 0 <= self.baseline_value <= 100:
                errors["baseline_value"] = _("A percentage lies between 0 and 100.")
        if self.baseline_text and self.takes_number:
            errors["baseline_text"] = _("This indicator takes numbers: give the baseline as a value.")
        if self.indicator_type == IndicatorType.YES_NO and self.baseline_text and self.baseline_text not in YES_NO:
            errors["baseline_text"] = _("Answer yes or no.")
        if errors:
            raise ValidationError(errors)


YES_NO = ("yes", "no")


class IndicatorTarget(BaseModel):
    """What the indicator should reach by the end of one year of the plan (one target per year)."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR)
    value = models.DecimalField(_("target value"), null=True, blank=True, **VALUE)
    text_value = models.CharField(_("target (text)"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_one_per_year")]

    def __str__(self):
        return f"{self.year}: {self.display_value}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url() + "#targets"

    @property
    def display_value(self) -> str:
        if self.value is None:
            return self.text_value
        return f"{self.value.normalize():f}"

    def clean(self):
        indicator = self.indicator
        if indicator.takes_number:
            if self.value is None:
                raise ValidationError({"value": _("Give the target as a number.")})
            if indicator.indicator_type == IndicatorType.PERCENTAGE and not 0 <= self.value <= 100:
                raise ValidationError({"value": _("A percentage target lies between 0 and 100.")})
        else:
            if self.value is not None:
                raise ValidationError({"value": _("This indicator's values are not numbers: write the target.")})
            if not self.text_value.strip():
                raise ValidationError({"text_value": _("Write the target.")})
            if indicator.indicator_type == IndicatorType.YES_NO and self.text_value not in YES_NO:
                raise ValidationError({"text_value": _("Answer yes or no.")})
            if indicator.aggregation == Aggregation.QUALITATIVE and self.text_value not in (indicator.scale or []):
                raise ValidationError({"text_value": _("Choose a level of the indicator's scale.")})


# ---------------------------------------------------------------------------
# The M&E plan
# ---------------------------------------------------------------------------


class MEPlan(BaseModel):
    """
    The process's monitoring and evaluation arrangements: how often progress is reported and from when, when the
    evaluations fall, what M&E costs, and the national M&E systems it builds on rather than duplicates.
    """

    history = audit_trail()

    process = models.OneToOneField(Process, on_delete=models.CASCADE, related_name="me_plan")
    reporting_frequency = models.CharField(
        _("reporting frequency"), max_length=20, choices=Periodicity.choices, default=Periodicity.ANNUAL
    )
    first_period_starts_on = models.DateField(_("first reporting period starts"), null=True, blank=True)
    midterm_evaluation_on = models.DateField(_("mid-term evaluation"), null=True, blank=True)
    final_evaluation_on = models.DateField(_("final evaluation"), null=True, blank=True)
    evaluation_schedule = models.TextField(_("evaluation schedule"), blank=True)
    budget_amount = models.DecimalField(
        _("M&E budget"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    national_systems = models.TextField(_("national M&E systems drawn on"), blank=True)

    class Meta:
        verbose_name = _("M&E plan")
        verbose_name_plural = _("M&E plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(midterm_evaluation_on__isnull=True)
                | Q(final_evaluation_on__isnull=True)
                | Q(final_evaluation_on__gt=models.F("midterm_evaluation_on")),
                name="me_plan_final_after_midterm",
            )
        ]

    def __str__(self):
        return str(_("M&E plan"))

    def get_absolute_url(self):
        return reverse("monitoring:me_plan_detail", kwargs={"process_pk": self.process_id})

    def clean(self):
        errors = {}
        if self.midterm_evaluation_on and self.final_evaluation_on:
            if self.final_evaluation_on <= self.midterm_evaluation_on:
                errors["final_evaluation_on"] = _("The final evaluation comes after the mid-term one.")
        if self.budget_amount is not None and not self.currency:
            errors["currency"] = _("Give the budget's currency, such as USD.")
        if errors:
            raise ValidationError(errors)
