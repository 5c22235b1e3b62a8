"""
The core models: a mainstreaming process, the institutions and people taking part, the phases, and
the reports built from them.

Every model descends from BaseModel, so every model keeps a history (who changed what, when and why)
and has a `restrict()` queryset for guardian object permissions.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from guardian.shortcuts import get_objects_for_user
from simple_history.models import HistoricalRecords

from mainstreaming import l10n
from mainstreaming.choices import (
    BuildStatus,
    InstitutionKind,
    Instrument,
    Phase,
    PhaseStatus,
    ProcessStatus,
    Role,
    Visibility,
)

# ---------------------------------------------------------------------------
# Base classes
# ---------------------------------------------------------------------------


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, request_or_user, rule_name: str):
        """Only the rows the person may see under the permission rule `rule_name` (see mainstreaming.permissions)."""
        from mainstreaming import permissions

        return permissions.restrict(self, request_or_user, rule_name)

    def holding(self, user, codename: str):
        """
        Only the rows on which `user` holds the guardian object permission `codename`, through their groups or
        directly; site admins see everything. The building block of the rules' narrowing, not for selectors.
        """
        if not user.is_authenticated:
            return self.none()
        return get_objects_for_user(
            user, f"{self.model._meta.app_label}.{codename}", klass=self, accept_global_perms=False
        )


class TimeStampedMixin(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def audit_trail(**options) -> HistoricalRecords:
    """
    The history every domain model keeps: `history = audit_trail()`. The reason is free text
    ("membership.ended: left the ministry"), so it gets a text field rather than simple-history's 100 characters.
    """
    excluded = ["updated", *options.pop("excluded_fields", [])]
    return HistoricalRecords(
        excluded_fields=excluded, history_change_reason_field=models.TextField(null=True), **options
    )


class BaseModel(TimeStampedMixin):
    """
    Every domain model: timestamps and `objects.restrict(actor, rule)`; each concrete model adds
    `history = audit_trail()`.
    """

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        abstract = True


def language_of(language: str | None = None) -> str:
    """The base language ("fr" for "fr-ca") of `language`, or of the one active now."""
    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def localized_text(translations: dict | None, field: str, value, language: str | None = None):
    """
    What TranslatableMixin.localized gives, for code that read `translations` and the field without the record
    (a values() query, a frozen snapshot): the translation of `field` when it was made from `value`, else `value`.
    """
    language = language_of(language)
    source = language_of(settings.LANGUAGE_CODE)
    if language == source or not translations:
        return value
    translated = (translations.get(language) or {}).get(field)
    if translated in (None, "", []):
        return value
    if (translations.get(source) or {}).get(field, value) != value:
        return value
    return translated


class TranslatableMixin(models.Model):
    """
    Text written in English (the source language, settings.LANGUAGE_CODE) that also carries its other languages:
    the handbook's reference content, and a process's copies of it. `translations` holds, per language, the text
    of the fields named in `translated_fields`, and under the source language the English each translation was
    made from: {"en": {"title": "Health"}, "fr": {"title": "Santé"}}. `localized("title")` gives the active
    language's text and falls back to the field itself when there is none, or when the field no longer says
    what the translation was made from (an NFP reworded their copy, or the English was revised since): a
    stale translation is never shown. A new language needs only its texts, no new column.
    """

    translated_fields: tuple[str, ...] = ()

    translations = models.JSONField(
        _("translations"),
        default=dict,
        blank=True,
        help_text=_("The text of this record in other languages, by language code."),
    )

    class Meta:
        abstract = True

    def localized(self, field: str, language: str | None = None):
        """`field`'s text in `language` (the active language by default), or the field itself."""
        return localized_text(self.translations, field, getattr(self, field), language)

    def set_translations(self, translations: dict) -> None:
        """
        Store `translations` ({"fr": {"title": ...}}) for the record's current English, keeping only the
        translated fields; called by the reference loaders with a fixture row's "translations".
        """
        source = language_of(settings.LANGUAGE_CODE)
        stored = {source: {field: getattr(self, field) for field in self.translated_fields}}
        for language, texts in sorted((translations or {}).items()):
            kept = {field: text for field, text in texts.items() if field in self.translated_fields and text}
            if kept and language != source:
                stored[language] = kept
        self.translations = stored if len(stored) > 1 else {}

    def translations_for(self, fields: dict[str, str]) -> dict:
        """
        The translations a copy of this record carries: `fields` maps the copy's field names to this record's
        (often the same names), so that the copy shows the translation until someone rewords it.
        """
        copied = {}
        for language, texts in self.translations.items():
            kept = {mine: texts[theirs] for mine, theirs in fields.items() if theirs in texts}
            if kept:
                copied[language] = kept
        return copied


# ---------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------


class Sector(TranslatableMixin, BaseModel):
    """A development-planning sector, as the handbook's sector checklists divide government work."""

    translated_fields = ("name",)
    history = audit_trail()

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.localized("name")


class InstitutionKindGuide(TranslatableMixin, BaseModel):
    """What a kind of institution does in a mainstreaming process: guidance shown when institutions are added."""

    translated_fields = ("description",)
    history = audit_trail()

    kind = models.CharField(_("kind"), max_length=30, choices=InstitutionKind.choices, unique=True)
    description = models.TextField(_("role in the process"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("institution kind guide")
        verbose_name_plural = _("institution kind guides")

    def __str__(self):
        return self.get_kind_display()


# ---------------------------------------------------------------------------
# The process
# ---------------------------------------------------------------------------


class Process(BaseModel):
    """One country's exercise of mainstreaming migration into one planning instrument over one planning period."""

    history = audit_trail()

    country = models.CharField(_("country"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    instrument = models.CharField(
        _("planning instrument"),
        max_length=20,
        choices=Instrument.choices,
        help_text=_("The plan this process feeds, or a stand-alone strategy when the timelines do not match."),
    )
    period_start = models.PositiveSmallIntegerField(_("planning period from"))
    period_end = models.PositiveSmallIntegerField(_("planning period to"))
    current_phase = models.CharField(
        _("current phase"), max_length=30, choices=Phase.choices, default=Phase.PREPARATION
    )
    status = models.CharField(_("status"), max_length=20, choices=ProcessStatus.choices, default=ProcessStatus.ACTIVE)

    class Meta:
        ordering = ["country", "-period_start", "title"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        permissions = [
            ("view_internal", _("See the process's internal work: people, institutions, drafts")),
            ("manage_process", _("Run the process: institutions, people, phases, publication")),
            ("review_process", _("Review and comment on the process's work")),
            ("request_report", _("Request PDF reports")),
            ("publish_report", _("Publish reports to development partners")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="process_period_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.country}: {self.title}"

    def get_absolute_url(self):
        return reverse("mainstreaming:process_dashboard", kwargs={"process_pk": self.pk})

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The planning period cannot end before it starts.")})

    @property
    def period(self) -> str:
        return f"{self.period_start}–{self.period_end}"


class PhaseProgress(BaseModel):
    """Where one phase of a process stands, as the NFP records it."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="phases", verbose_name=_("process"))
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices)
    status = models.CharField(_("status"), max_length=20, choices=PhaseStatus.choices, default=PhaseStatus.NOT_STARTED)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("phase progress")
        verbose_name_plural = _("phase progress")
        constraints = [models.UniqueConstraint(fields=["process", "phase"], name="phase_progress_unique_phase")]

    def __str__(self):
        return f"{self.get_phase_display()}: {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("mainstreaming:phase_detail", kwargs={"process_pk": self.process_id, "phase": self.phase})

    @property
    def position(self) -> int:
        return Phase.values.index(self.phase)


# ---------------------------------------------------------------------------
# Institutions and people
# ---------------------------------------------------------------------------


class Institution(BaseModel):
    """A ministry, agency, partner or civil-society body taking part in a process, with a group for its people."""

    history = audit_trail(m2m_fields=["sectors"])

    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="institutions", verbose_name=_("process")
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=InstitutionKind.choices)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="institutions", verbose_name=_("sectors"))
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent institution"),
        help_text=_("For a department or agency that answers to a ministry."),
    )
    email = models.EmailField(_("general e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # The institution's people share this group; per-ministry object permissions are granted to it.
    group = models.OneToOneField(Group, on_delete=models.PROTECT, null=True, editable=False, related_name="+")

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [models.UniqueConstraint(fields=["process", "name"], name="institution_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("mainstreaming:institution_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    def clean(self):
        if self.parent_id:
            if self.parent.process_id != self.process_id:
                raise ValidationError({"parent": _("The parent institution must belong to the same process.")})
            ancestor, seen = self.parent, set()
            while ancestor is not None and ancestor.pk not in seen:
                if self.pk and ancestor.pk == self.pk:
                    raise ValidationError({"parent": _("An institution cannot be its own parent or ancestor.")})
                seen.add(ancestor.pk)
                ancestor = ancestor.parent


class Membership(BaseModel):
    """A person's role in one process; for a ministry focal point, also the institution they speak for."""

    history = audit_trail()

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("process")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("institution"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["role", "user__last_name", "user__first_name", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "process"], condition=Q(is_active=True), name="membership_one_active_per_process"
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.MINISTRY) | Q(institution__isnull=False),
                name="membership_ministry_has_institution",
            ),
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.username} – {self.get_role_display()}"

    def get_absolute_url(self):
        return reverse("mainstreaming:membership_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    def clean(self):
        if self.role == Role.MINISTRY and not self.institution_id:
            raise ValidationError({"institution": _("A ministry focal point must speak for an institution.")})
        if self.institution_id and self.institution.process_id != self.process_id:
            raise ValidationError({"institution": _("The institution must belong to the same process.")})


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------


def report_upload_to(report, filename):
    return f"reports/{report.process_id}/{report.pk}.pdf"


class Report(BaseModel):
    """
    A PDF document built from a process's data in the background: a frozen record of what the data said at
    `data_read_at`, with the SHA-256 of its file so that a later download can be shown to be the same bytes.
    """

    history = audit_trail()

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="reports", verbose_name=_("process"))
    kind = models.CharField(_("kind"), max_length=40, help_text=_("One of the kinds registered in report_kinds."))
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    queued_at = models.DateTimeField(_("last queued"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    data_read_at = models.DateTimeField(_("data read at"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=report_upload_to, blank=True, max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    file_size = models.PositiveIntegerField(_("size in bytes"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(visibility=Visibility.PUBLISHED) | Q(status=BuildStatus.DONE),
                name="report_only_built_reports_are_published",
            ),
        ]

    def __str__(self):
        return f"{self.kind_label} ({l10n.date_time(self.created)})" if self.created else self.kind_label

    def get_absolute_url(self):
        return reverse("mainstreaming:report_detail", kwargs={"process_pk": self.process_id, "pk": self.pk})

    @property
    def kind_label(self) -> str:
        from mainstreaming import report_kinds

        return report_kinds.label(self.kind)

    @property
    def is_finished(self) -> bool:
        return self.status in (BuildStatus.DONE, BuildStatus.FAILED)

    @property
    def is_queued(self) -> bool:
        return self.status == BuildStatus.QUEUED

    @property
    def is_running(self) -> bool:
        return self.status == BuildStatus.RUNNING

    @property
    def is_failed(self) -> bool:
        return self.status == BuildStatus.FAILED

    @property
    def is_ready(self) -> bool:
        """Built: the PDF can be downloaded (and, by those who may, published)."""
        return self.status == BuildStatus.DONE

    @property
    def download_name(self) -> str:
        stamp = self.data_read_at or self.created
        return f"{self.kind.replace('_', '-')}-{stamp:%Y%m%d-%H%M}.pdf"


# ---------------------------------------------------------------------------
# Documents and comments, attachable to any record of a process
# ---------------------------------------------------------------------------


def document_upload_to(document, filename):
    return f"documents/{document.process_id}/{document.pk}{PurePath(filename).suffix.lower()}"


class Document(BaseModel):
    """
    A file uploaded to a record of a process (terms of reference, minutes, workshop materials). Its content was
    checked on upload, and it is served only through a view that checks permission again.
    """

    history = audit_trail()

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="documents", verbose_name=_("process"))
    owner_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    owner_id = models.CharField(max_length=64)
    owner = GenericForeignKey("owner_type", "owner_id")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=255)
    original_name = models.CharField(_("original file name"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )

    class Meta:
        ordering = ["-created"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="document_owner_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mainstreaming:document_download", kwargs={"process_pk": self.process_id, "pk": self.pk})


class Comment(BaseModel):
    """A remark on any record of a process, such as the facilitator's review of a ministry's work."""

    history = audit_trail()

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="comments", verbose_name=_("process"))
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))

    class Meta:
        ordering = ["created"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["target_type", "target_id"], name="comment_target_idx")]

    def __str__(self):
        return self.text[:60]
