"""
Every write of the core: creating processes, institutions and memberships, moving phases, and the report
pipeline. Each service takes the acting user, runs in a transaction, validates with full_clean() and leaves
one history row carrying who acted and why (a dotted code, then the person's own reason when they gave one).
"""

import hashlib
import logging
import os
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from mainstreaming import permissions, report_kinds
from mainstreaming.choices import BuildStatus, Phase, PhaseStatus, Role, Visibility
from mainstreaming.models import Comment, Document, Institution, Membership, PhaseProgress, Process, Report
from mainstreaming.uploads import validate_upload

logger = logging.getLogger(__name__)
User = get_user_model()


# ---------------------------------------------------------------------------
# Audit helpers
# ---------------------------------------------------------------------------


def change_reason(code: str, reason: str = "") -> str:
    """The history reason of a workflow step: a dotted code for machines, then the person's words."""
    reason = (reason or "").strip()
    return f"{code}: {reason}" if reason else code


def save_audited(obj, *, actor, code: str, reason: str = "", validate: bool = True, **save_kwargs) -> None:
    """Validate and save `obj`, recording `actor` and the reason on the history row this save creates."""
    if validate:
        obj.full_clean()
    obj._history_user = actor
    obj._change_reason = change_reason(code, reason)
    obj.save(**save_kwargs)


def delete_audited(obj, *, actor, code: str, reason: str = "") -> None:
    """Delete `obj`, recording `actor` and the reason on the history row of the deletion."""
    obj._history_user = actor
    obj._change_reason = change_reason(code, reason)
    obj.delete()


def required_reason(reason: str, message: str = "") -> str:
    """The person's reason for a removal, stripped; refused when empty, since the history keeps it."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message or _("Say why it is removed; the reason is kept in the history.")})
    return reason


def position_in(siblings, position: int | None = None, *, first: int = 0) -> int:
    """
    The position a new record of an ordered kind takes among `siblings` (a queryset of the records it is ordered
    with): the one given, else after the last of them (`first` when there is none; kinds whose positions are shown
    as numbers, such as a meeting's decisions, count from 1). New records go last unless they are placed, so that
    adding one never moves those already there. One query when no position is given.
    """
    if position is not None:
        return position
    last = siblings.aggregate(last=Max("position"))["last"]
    return first if last is None else max(last + 1, first)


# ---------------------------------------------------------------------------
# Processes and phases
# ---------------------------------------------------------------------------


@transaction.atomic
def process_create(
    *, actor, country: str, title: str, instrument: str, period_start: int, period_end: int, first_nfp=None
) -> Process:
    """Open a process: its seven phases, one group per role with that role's rights, and optionally its first NFP."""
    process = Process(
        country=country, title=title, instrument=instrument, period_start=period_start, period_end=period_end
    )
    save_audited(process, actor=actor, code="process.created")
    process_set_up(process=process, actor=actor)
    if first_nfp is not None:
        membership_create(actor=actor, process=process, user=first_nfp, role=Role.NFP, check_actor=False)
    return process


@transaction.atomic
def process_set_up(*, process: Process, actor) -> None:
    """Create what a process needs around it (phases, role groups and grants); safe to run again."""
    existing = set(process.phases.values_list("phase", flat=True))
    for phase in Phase.values:
        if phase not in existing:
            progress = PhaseProgress(process=process, phase=phase)
            if phase == process.current_phase:
                progress.status = PhaseStatus.IN_PROGRESS
            save_audited(progress, actor=actor, code="phase.created")
    permissions.grant_role_permissions(process)


@transaction.atomic
def phase_update(*, actor, process: Process, phase: str, status: str, note: str, reason: str = "") -> PhaseProgress:
    """Record where a phase stands. Starting a phase makes it the process's current phase."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    progress = PhaseProgress.objects.select_for_update().get(process=process, phase=phase)
    if progress.status == status and progress.note == note:
        return progress
    progress.status = status
    progress.note = note
    save_audited(progress, actor=actor, code=f"phase.{status}", reason=reason)
    if status == PhaseStatus.IN_PROGRESS and process.current_phase != phase:
        process.current_phase = phase
        save_audited(process, actor=actor, code="process.phase_changed", reason=reason)
    return progress


@transaction.atomic
def process_set_status(*, actor, process: Process, status: str, reason: str) -> Process:
    """Mark a process active, postponed or closed (for example after the go or postpone decision), saying why."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    if process.status != status:
        process.status = status
        save_audited(process, actor=actor, code=f"process.{status}", reason=reason)
    return process


# ---------------------------------------------------------------------------
# Institutions
# ---------------------------------------------------------------------------


@transaction.atomic
def institution_create(
    *,
    actor,
    process: Process,
    name: str,
    kind: str,
    acronym: str = "",
    parent=None,
    sectors=(),
    check_actor: bool = True,
    **contacts,
) -> Institution:
    """Add an institution with its own group, and grant that group and the NFP their rights on its record."""
    if check_actor:
        permissions.require(actor, permissions.MANAGE_PROCESS, process)
    institution = Institution(process=process, name=name, acronym=acronym, kind=kind, parent=parent, **contacts)
    _validate_unique_name(institution)
    institution.group = permissions.new_institution_group(process)
    save_audited(institution, actor=actor, code="institution.created")
    if sectors:
        institution._history_user = actor
        institution._change_reason = "institution.sectors_changed"
        institution.sectors.set(sectors)
    permissions.grant_institution_permissions(institution)
    return institution


@transaction.atomic
def institution_update(*, actor, institution: Institution, data: dict, sectors=None) -> Institution:
    """Change an institution's profile (the NFP for any, a focal point for their own)."""
    permissions.require(actor, permissions.CHANGE_INSTITUTION, institution)
    for field, value in data.items():
        setattr(institution, field, value)
    _validate_unique_name(institution)
    save_audited(institution, actor=actor, code="institution.updated")
    if sectors is not None and set(sectors) != set(institution.sectors.all()):
        institution._history_user = actor
        institution._change_reason = "institution.sectors_changed"
        institution.sectors.set(sectors)
    return institution


def _validate_unique_name(institution: Institution) -> None:
    clash = Institution.objects.filter(process_id=institution.process_id, name__iexact=institution.name)
    if institution.pk:
        clash = clash.exclude(pk=institution.pk)
    if clash.exists():
        raise ValidationError({"name": _("This process already has an institution with this name.")})


# ---------------------------------------------------------------------------
# People and roles
# ---------------------------------------------------------------------------


@transaction.atomic
def membership_create(
    *, actor, process: Process, user, role: str, institution=None, reason: str = "", check_actor: bool = True
) -> Membership:
    """Give a person a role in a process; the role's rights come with the groups they join."""
    if check_actor:
        permissions.require(actor, permissions.MANAGE_PROCESS, process)
    if Membership.objects.filter(process=process, user=user, is_active=True).exists():
        raise ValidationError(
            {"email": _("This person already takes part in this process; change their role instead.")}
        )
    membership = Membership(process=process, user=user, role=role, institution=institution)
    save_audited(membership, actor=actor, code="membership.created", reason=reason)
    permissions.add_member_to_groups(membership)
    return membership


@transaction.atomic
def person_invite(
    *,
    actor,
    process: Process,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    institution=None,
    set_password_url_builder=None,
) -> Membership:
    """
    Invite a person by e-mail. A newcomer gets an account without a password and a link to choose one; a person
    who already has an account is told they were added.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
    is_new = user is None
    if is_new:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
    membership = membership_create(
        actor=actor, process=process, user=user, role=role, institution=institution, reason=_("invited by e-mail")
    )
    link = ""
    if is_new and set_password_url_builder is not None:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = set_password_url_builder(reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token}))
    subject = _("You are invited to the migration mainstreaming process: %(process)s") % {"process": process}
    lines = [
        _("%(actor)s has given you the role “%(role)s” in “%(process)s”.")
        % {"actor": actor.get_full_name() or actor.username, "role": membership.get_role_display(), "process": process},
    ]
    if institution is not None:
        lines.append(_("You speak for: %(institution)s.") % {"institution": institution})
    if link:
        lines.append(_("Choose your password here (the link is valid for 7 days): %(link)s") % {"link": link})
        lines.append(_("Your user name is: %(username)s") % {"username": user.username})
    notify(recipients=[email], subject=subject, body="\n\n".join(lines))
    return membership


@transaction.atomic
def membership_change(*, actor, membership: Membership, role: str, institution=None, reason: str = "") -> Membership:
    """Change a person's role or institution; their group memberships, and so their rights, follow."""
    permissions.require(actor, permissions.MANAGE_PROCESS, membership.process)
    if not membership.is_active:
        raise ValidationError(_("This membership has ended; invite the person again instead."))
    if membership.user_id == actor.pk and membership.role == Role.NFP and role != Role.NFP:
        _ensure_another_nfp(membership)
    permissions.remove_member_from_groups(membership)
    membership.role = role
    membership.institution = institution
    save_audited(membership, actor=actor, code="membership.role_changed", reason=reason)
    permissions.add_member_to_groups(membership)
    return membership


@transaction.atomic
def membership_end(*, actor, membership: Membership, reason: str) -> Membership:
    """End a person's part in a process; they leave its groups, so their rights end with it."""
    permissions.require(actor, permissions.MANAGE_PROCESS, membership.process)
    if not membership.is_active:
        raise ValidationError(_("This membership has already ended."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why this membership ends; the reason is kept in the history.")})
    if membership.role == Role.NFP:
        _ensure_another_nfp(membership)
    permissions.remove_member_from_groups(membership)
    membership.is_active = False
    membership.ended_at = timezone.now()
    save_audited(membership, actor=actor, code="membership.ended", reason=reason)
    return membership


def _ensure_another_nfp(membership: Membership) -> None:
    others = Membership.objects.filter(process=membership.process, role=Role.NFP, is_active=True).exclude(
        pk=membership.pk
    )
    if not others.exists():
        raise ValidationError(_("A process needs at least one National Focal Point: appoint another one first."))


# ---------------------------------------------------------------------------
# Notifications
# ---------------------------------------------------------------------------


def notify(*, recipients: list[str], subject: str, body: str) -> None:
    """Send an e-mail from a Celery worker once the transaction that caused it has committed."""
    from mainstreaming.tasks import send_email_task

    recipients = [address for address in recipients if address]
    if recipients:
        transaction.on_commit(lambda: send_email_task.delay(recipients=recipients, subject=subject, body=body))


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------

# Errors worth another try: the database or the disk was briefly unavailable.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OSError,)
try:  # pragma: no branch
    TRANSIENT_ERRORS += (OperationalError, InterfaceError)
except ImportError:  # pragma: no cover
    pass


@transaction.atomic
def report_request(
    *, actor, process: Process, kind: str = report_kinds.PROCESS_OVERVIEW, parameters: dict | None = None
) -> Report:
    """Queue a report build; the worker starts once this transaction has committed."""
    from mainstreaming.tasks import build_report_pdf_task

    permissions.require(actor, permissions.REQUEST_REPORT, process)
    spec = report_kinds.get(kind)
    if spec.validate_parameters is not None:
        spec.validate_parameters(process, parameters or {})
    parameters = {"language": translation.get_language() or settings.LANGUAGE_CODE, **(parameters or {})}
    report = Report(process=process, kind=kind, parameters=parameters, requested_by=actor, queued_at=timezone.now())
    save_audited(report, actor=actor, code="report.requested")
    transaction.on_commit(lambda: build_report_pdf_task.delay(str(report.pk)))
    return report


def report_claim(*, report_id) -> Report | None:
    """
    Take a queued report for building, or None when there is nothing to do: it was built already, or another
    worker holds it. A build left "running" past the hard time limit was lost with its worker and may be taken
    again. This is what makes a task delivered twice harmless.
    """
    stale_before = timezone.now() - timedelta(seconds=settings.REPORT_BUILD_TIME_LIMIT)
    with transaction.atomic():
        claimed = Report.objects.filter(
            Q(status=BuildStatus.QUEUED) | Q(status=BuildStatus.RUNNING, started_at__lt=stale_before),
            pk=report_id,
        ).update(status=BuildStatus.RUNNING, started_at=timezone.now(), progress=5, attempts=F("attempts") + 1)
        if not claimed:
            return None
        report = Report.objects.get(pk=report_id)
        report._history_user = report.requested_by
        report._change_reason = "report.started"
        report.save(update_fields=["status"])  # one history row for the start, with the claim already in place
    return report


def report_build(*, report_id) -> Report | None:
    """Build a claimed report: read the data, render the PDF, write it atomically, record its hash."""
    from mainstreaming import pdf

    report = report_claim(report_id=report_id)
    if report is None:
        return None
    data_read_at = timezone.now()
    # The worker speaks the language of the person who asked for the report.
    with translation.override(report.parameters.get("language") or settings.LANGUAGE_CODE):
        spec = report_kinds.get(report.kind)
        context = {"report": report, "process": report.process, "data_read_at": data_read_at}
        context |= spec.build_context(report, data_read_at)
        Report.objects.filter(pk=report.pk).update(progress=40)
        rendered = pdf.render_pdf(template_name=spec.template, context=context)
    Report.objects.filter(pk=report.pk).update(progress=80)
    relative_name = report.file.field.upload_to(report, "")
    write_atomically(Path(settings.MEDIA_ROOT) / relative_name, rendered.content)

    report.refresh_from_db()
    report.file.name = relative_name
    report.sha256 = hashlib.sha256(rendered.content).hexdigest()
    report.file_size = len(rendered.content)
    report.page_count = rendered.page_count
    report.data_read_at = data_read_at
    report.status = BuildStatus.DONE
    report.progress = 100
    report.finished_at = timezone.now()
    report.error = ""
    save_audited(report, actor=report.requested_by, code="report.built", validate=False)
    if spec.on_built is not None:
        spec.on_built(report)
    return report


def report_requeue_stalled(
    *, queued_for: timedelta = timedelta(minutes=15), give_up_after: timedelta = timedelta(days=1)
) -> list[str]:
    """
    Queue again the builds no worker has taken for a while (a broker restarted without its messages) and those
    whose worker died mid-build, at most once per `queued_for`; fail those still waiting after `give_up_after`,
    so that nobody watches a progress bar forever. The claim in report_build keeps a build that is in fact
    still alive from running twice.
    """
    from mainstreaming.tasks import build_report_pdf_task

    now = timezone.now()
    lost_with_worker = Q(
        status=BuildStatus.RUNNING, started_at__lt=now - timedelta(seconds=settings.REPORT_BUILD_TIME_LIMIT)
    )
    Report.objects.filter(lost_with_worker).update(status=BuildStatus.QUEUED, progress=0, queued_at=None)

    for report_id in Report.objects.filter(status=BuildStatus.QUEUED, created__lt=now - give_up_after).values_list(
        "pk", flat=True
    ):
        report_fail(report_id=report_id, error="No worker built this report within a day; please ask for a new one.")

    waiting = Report.objects.filter(status=BuildStatus.QUEUED).filter(
        Q(queued_at__isnull=True) | Q(queued_at__lt=now - queued_for)
    )
    report_ids = [str(pk) for pk in waiting.values_list("pk", flat=True)[:100]]
    Report.objects.filter(pk__in=report_ids).update(queued_at=now)
    for report_id in report_ids:
        build_report_pdf_task.delay(report_id)
    return report_ids


def report_release(*, report_id) -> None:
    """Put a build that hit a transient error back in the queue, so that its retry can claim it again."""
    Report.objects.filter(pk=report_id, status=BuildStatus.RUNNING).update(
        status=BuildStatus.QUEUED, progress=0, queued_at=timezone.now()
    )


def report_fail(*, report_id, error: str) -> None:
    """Record that a build failed for good, with a message the requester can act on."""
    report = Report.objects.filter(pk=report_id).exclude(status=BuildStatus.DONE).first()
    if report is None:
        return
    report.status = BuildStatus.FAILED
    report.finished_at = timezone.now()
    report.error = error[:2000]
    save_audited(report, actor=report.requested_by, code="report.failed", validate=False)


@transaction.atomic
def report_publish(*, actor, report: Report, reason: str = "") -> Report:
    """Make a built report visible to development partners; the file itself never changes."""
    permissions.require(actor, permissions.PUBLISH_REPORT, report.process)
    if report.status != BuildStatus.DONE:
        raise ValidationError(_("Only a report that has been built can be published."))
    if report.visibility == Visibility.PUBLISHED:
        raise ValidationError(_("This report is already published."))
    report.visibility = Visibility.PUBLISHED
    report.published_at = timezone.now()
    save_audited(report, actor=actor, code="report.published", reason=reason)
    return report


@transaction.atomic
def report_unpublish(*, actor, report: Report, reason: str) -> Report:
    """Withdraw a report from development partners, saying why."""
    permissions.require(actor, permissions.PUBLISH_REPORT, report.process)
    if report.visibility != Visibility.PUBLISHED:
        raise ValidationError(_("This report is not published."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the report is withdrawn; the reason is kept in the history.")})
    report.visibility = Visibility.INTERNAL
    report.published_at = None
    save_audited(report, actor=actor, code="report.withdrawn", reason=reason)
    return report


def report_file_bytes(*, report: Report) -> bytes:
    """The stored file, checked against the hash recorded when it was built."""
    return stored_file_bytes(name=report.file.name, sha256=report.sha256)


def stored_file_bytes(*, name: str, sha256: str) -> bytes:
    """A stored file's bytes, refused when they no longer match the hash recorded when the file was written."""
    content = (Path(settings.MEDIA_ROOT) / name).read_bytes()
    if hashlib.sha256(content).hexdigest() != sha256:
        raise ValidationError(_("The stored file no longer matches the one that was saved; it will not be served."))
    return content


# ---------------------------------------------------------------------------
# Documents and comments
# ---------------------------------------------------------------------------


@transaction.atomic
def document_attach(*, actor, process: Process, owner, uploaded, title: str = "", check_actor: bool = True) -> Document:
    """
    Keep an uploaded file with a record of the process; the file is checked by content and size first. The NFP
    attaches papers to any record; a phase service that lets others attach (a ministry's evidence) checks its own
    rule and passes check_actor=False.
    """
    if check_actor:
        permissions.require(actor, permissions.MANAGE_PROCESS, process)
    try:
        kind = validate_upload(uploaded)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    content = uploaded.read()
    document = Document(
        process=process,
        owner=owner,
        title=(title or "").strip() or Path(uploaded.name).name[:200],
        original_name=Path(uploaded.name).name[:255],
        mime_type=kind.mime,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor,
    )
    document.file.name = document.file.field.upload_to(document, uploaded.name)
    write_atomically(Path(settings.MEDIA_ROOT) / document.file.name, content)
    save_audited(document, actor=actor, code="document.uploaded")
    return document


@transaction.atomic
def comment_add(*, actor, target, text: str) -> Comment:
    """
    Add a remark to a record of a process: the NFP and the facilitator review any record they can read; a phase
    app's rule may let others comment on its records too (see permissions.register_object_rules).
    """
    if not permissions.can_comment(actor, target):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the comment before sending it.")})
    comment = Comment(process=target.process, target=target, author=actor, text=text)
    save_audited(comment, actor=actor, code="comment.added")
    return comment


def write_atomically(path: Path, content: bytes) -> None:
    """Write a whole file or nothing: readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
