"""
Evaluations (handbook §9): a mid-term and a final evaluation of the plan, by an evaluator, against questions; its
findings and recommendations; and the management's response to each recommendation, with an owner institution
and a due date, tracked to completion. The owner institution's focal points hold the guardian permission
`update_managementresponse` to report how far its follow-up has come.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mainstreaming.models import BaseModel, Institution, Process, RestrictedQuerySet, audit_trail
from mainstreaming.workflow import Reviewable
from monitoring.choices import EvaluationKind, EvaluationStatus, ResponseDecision, ResponseStatus

# The decisions that call for a follow-up: accepted in full or in part.
FOLLOWING_UP = (ResponseDecision.ACCEPTED, ResponseDecision.PARTLY_ACCEPTED)


def open_q(prefix: str = "") -> Q:
    """
    Responses still to follow up: accepted in full or in part, their follow-up not completed. `prefix` reaches them
    from another model ("recommendations__response__"). The one definition of an open response, with `is_open`.
    """
    return Q(**{f"{prefix}decision__in": FOLLOWING_UP}) & ~Q(**{f"{prefix}status": ResponseStatus.COMPLETED})


def overdue_q(prefix: str = "", today: date | None = None) -> Q:
    """Open responses past their due date."""
    return open_q(prefix) & Q(**{f"{prefix}due_on__lt": today or timezone.localdate()})


class ManagementResponseQuerySet(RestrictedQuerySet):
    def open(self):
        return self.filter(open_q())

    def overdue(self, today: date | None = None):
        return self.filter(overdue_q(today=today))


class Evaluation(BaseModel):
    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="evaluations")
    kind = models.CharField(_("kind"), max_length=10, choices=EvaluationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    evaluator = models.CharField(_("evaluator"), max_length=200, help_text=_("The person or firm evaluating."))
    is_independent = models.BooleanField(_("independent evaluator"), default=True)
    scope = models.TextField(_("scope and purpose"), blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    due_on = models.DateField(_("report due"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.PLANNED
    )
    summary = models.TextField(_("summary of the conclusions"), blank=True)

    class Meta:
        ordering = ["due_on", "created"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("monitoring:evaluation_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    @property
    def is_completed(self) -> bool:
        return self.status == EvaluationStatus.COMPLETED

    def clean(self):
        errors = {}
        if self.starts_on and self.due_on and self.due_on < self.starts_on:
            errors["due_on"] = _("The report cannot be due before the evaluation starts.")
        if self.status == EvaluationStatus.COMPLETED and not self.completed_on:
            errors["completed_on"] = _("Give the date the evaluation was completed.")
        if errors:
            raise ValidationError(errors)


class EvaluationQuestion(BaseModel):
    """A question the evaluation answers (relevance, effectiveness, efficiency, impact, sustainability, ...)."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"))
    criterion = models.CharField(_("criterion"), max_length=60, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "created"]
        verbose_name = _("evaluation question")
        verbose_name_plural = _("evaluation questions")

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.evaluation.get_absolute_url() + "#questions"


class EvaluationFinding(BaseModel):
    """What the evaluation found, answering one of its questions where it does."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    question = models.ForeignKey(
        EvaluationQuestion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("answers the question"),
    )
    text = models.TextField(_("finding"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "created"]
        verbose_name = _("evaluation finding")
        verbose_name_plural = _("evaluation findings")

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.evaluation.get_absolute_url() + "#findings"


class Recommendation(BaseModel):
    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    addressed_to = models.CharField(_("addressed to"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "created"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return self.evaluation.get_absolute_url() + f"#recommendation-{self.pk}"


class ManagementResponse(Reviewable, BaseModel):
    """
    The management's answer to one recommendation: accepted or not and why, the follow-up action, the institution
    that owns it and its due date, and how far it has come (the steps of monitoring.workflows.RESPONSE).
    """

    history = audit_trail()
    objects = ManagementResponseQuerySet.as_manager()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="+")
    recommendation = models.OneToOneField(Recommendation, on_delete=models.CASCADE, related_name="response")
    decision = models.CharField(_("response"), max_length=20, choices=ResponseDecision.choices)
    rationale = models.TextField(_("why"), blank=True)
    action = models.TextField(_("follow-up action"), blank=True)
    owner = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner institution"),
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.NOT_STARTED
    )
    progress_note = models.TextField(_("progress note"), blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    last_reminded_on = models.DateField(_("last reminded"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "created"]
        verbose_name = _("management response")
        verbose_name_plural = _("management responses")
        permissions = [("update_managementresponse", _("Report progress on a management response"))]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.recommendation}"

    def get_absolute_url(self):
        return self.recommendation.get_absolute_url()

    @property
    def is_following_up(self) -> bool:
        """Accepted in full or in part: there is a follow-up to report on."""
        return self.decision in FOLLOWING_UP

    @property
    def is_open(self) -> bool:
        """Accepted (in full or in part) and its follow-up not completed (as `open_q` says for querysets)."""
        return self.is_following_up and self.status != ResponseStatus.COMPLETED

    def is_overdue_on(self, today: date | None = None) -> bool:
        """Open and past its due date on `today` (as `overdue_q` says for querysets)."""
        today = today or timezone.localdate()
        return self.is_open and self.due_on is not None and self.due_on < today

    def clean(self):
        errors = {}
        if self.decision in (ResponseDecision.ACCEPTED, ResponseDecision.PARTLY_ACCEPTED):
            if not self.action.strip():
                errors["action"] = _("Say what will be done about the recommendation.")
            if self.owner_id is None:
                errors["owner"] = _("Name the institution that owns the follow-up.")
            if self.due_on is None:
                errors["due_on"] = _("Give the date the follow-up is due.")
        elif self.decision == ResponseDecision.REJECTED and not self.rationale.strip():
            errors["rationale"] = _("Say why the recommendation is not accepted.")
        if self.status == ResponseStatus.COMPLETED and not self.completed_on:
            errors["completed_on"] = _("Give the date the follow-up was completed.")
        if errors:
            raise ValidationError(errors)
