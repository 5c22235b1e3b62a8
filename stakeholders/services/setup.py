"""
Writes of the setup area: the preconditions check with its go or postpone decision, and the focal points each
institution designates at the NFP's request.

Every service takes the acting user, checks that they run the process (the NFP), validates, and leaves one
history row per record it changes, with a dotted code and the person's reason. Designating a government
institution's focal point gives that person the ministry role for it through the core's membership services, so
their rights (the institution's guardian grants) come and go with the designation.
"""

import json
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming import services as core
from mainstreaming.choices import Phase, PhaseStatus, ProcessStatus, Role
from mainstreaming.models import Institution, Membership, PhaseProgress, Process
from mainstreaming.selectors import GOVERNMENT_KINDS
from stakeholders.choices import ConditionStatus, DecisionOutcome, Sex
from stakeholders.models import FocalPointDesignation, FocalPointRequest, Precondition, PreconditionDecision
from stakeholders.workflows import FOCAL_POINT_REQUEST

User = get_user_model()

PRECONDITIONS_FIXTURE = settings.BASE_DIR / "fixtures" / "reference" / "preconditions.json"


def _require_reason(reason: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": message})
    return reason


def _same_process(obj, process: Process, field: str) -> None:
    if obj is not None and obj.process_id != process.pk:
        raise ValidationError({field: _("Choose one of this process's records.")})


# ---------------------------------------------------------------------------
# Preconditions
# ---------------------------------------------------------------------------


def handbook_preconditions() -> list[dict]:
    """The handbook's list of preconditions (fixtures/reference/preconditions.json), in its order."""
    rows = json.loads(PRECONDITIONS_FIXTURE.read_text(encoding="utf-8"))
    return sorted(rows, key=lambda row: row["position"])


@transaction.atomic
def precondition_load(*, actor, process: Process) -> int:
    """
    Copy the handbook's conditions into the process, to be adapted there. Conditions whose code the process
    already has are skipped, so loading again adds only what is new. Returns how many were added.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    existing = set(process.preconditions.exclude(code="").values_list("code", flat=True))
    added = 0
    for row in handbook_preconditions():
        if row["code"] in existing:
            continue
        condition = Precondition(
            process=process,
            code=row["code"],
            title=row["title"],
            guidance=row["guidance"],
            position=row["position"],
        )
        # Shown in the reader's language until the NFP rewords it (TranslatableMixin.localized).
        condition.set_translations(row.get("translations") or {})
        core.save_audited(condition, actor=actor, code="precondition.loaded")
        added += 1
    return added


@transaction.atomic
def precondition_create(
    *,
    actor,
    process: Process,
    title: str,
    guidance: str = "",
    status: str = ConditionStatus.UNKNOWN,
    evidence: str = "",
    reason: str = "",
) -> Precondition:
    """Add a condition specific to this country (it has no code: it does not come from the handbook's list)."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    condition = Precondition(
        process=process,
        code="",
        title=(title or "").strip(),
        guidance=guidance,
        status=status,
        evidence=evidence,
        position=core.position_in(process.preconditions.all(), first=1),
    )
    core.save_audited(condition, actor=actor, code="precondition.created", reason=reason)
    return condition


@transaction.atomic
def precondition_update(*, actor, precondition: Precondition, data: dict, reason: str = "") -> Precondition:
    """Change a condition's wording, its status or the evidence for it."""
    permissions.require(actor, permissions.MANAGE_PROCESS, precondition.process)
    changed = False
    for field in ("title", "guidance", "status", "evidence"):
        if field in data and getattr(precondition, field) != data[field]:
            setattr(precondition, field, data[field])
            changed = True
    if changed:
        core.save_audited(precondition, actor=actor, code="precondition.updated", reason=reason)
    return precondition


@transaction.atomic
def precondition_delete(*, actor, precondition: Precondition, reason: str) -> None:
    """Remove a condition that does not apply to this country; the history keeps it, with who removed it and why."""
    permissions.require(actor, permissions.MANAGE_PROCESS, precondition.process)
    reason = _require_reason(reason, _("Say why this condition is removed; the reason is kept in the history."))
    precondition._history_user = actor
    precondition._change_reason = core.change_reason("precondition.deleted", reason)
    precondition.delete()


@transaction.atomic
def precondition_decide(
    *, actor, process: Process, outcome: str, reason: str, decided_on: date | None = None
) -> PreconditionDecision:
    """
    Record the decision to go ahead or to postpone, and apply it: "go" completes the preparation phase and makes
    the process active; "postpone" marks the process postponed. Both carry the reason into the history.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    reason = _require_reason(reason, _("Say why; the reason is kept with the decision and in the history."))
    decided_on = decided_on or timezone.localdate()
    if decided_on > timezone.localdate():
        raise ValidationError({"decided_on": _("A decision cannot be dated in the future.")})
    decision = PreconditionDecision(
        process=process, outcome=outcome, reason=reason, decided_on=decided_on, decided_by=actor
    )
    core.save_audited(decision, actor=actor, code=f"precondition_decision.{outcome}", reason=reason)
    if outcome == DecisionOutcome.GO:
        preparation = PhaseProgress.objects.get(process=process, phase=Phase.PREPARATION)
        core.phase_update(
            actor=actor,
            process=process,
            phase=Phase.PREPARATION,
            status=PhaseStatus.COMPLETED,
            note=preparation.note or reason,
            reason=reason,
        )
        core.process_set_status(actor=actor, process=process, status=ProcessStatus.ACTIVE, reason=reason)
    else:
        core.process_set_status(actor=actor, process=process, status=ProcessStatus.POSTPONED, reason=reason)
    return decision


# ---------------------------------------------------------------------------
# Focal-point requests
# ---------------------------------------------------------------------------


@transaction.atomic
def focal_point_request_create(
    *,
    actor,
    process: Process,
    institution: Institution,
    requested_on: date,
    due_on: date,
    terms_of_reference: str = "",
    tor_file=None,
) -> FocalPointRequest:
    """
    Ask an institution to designate a qualified focal point by a date, with the terms of reference as text and,
    optionally, as a document. An institution has at most one request awaiting an answer at a time.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    _same_process(institution, process, "institution")
    pending = process.focal_point_requests.open().filter(institution=institution).first()
    if pending is not None:
        raise ValidationError(
            {
                "institution": _(
                    "This institution already has a request awaiting an answer (due by %(date)s): record the "
                    "designation, or cancel that request first."
                )
                % {"date": pending.due_on}
            }
        )
    request = FocalPointRequest(
        process=process,
        institution=institution,
        requested_on=requested_on,
        due_on=due_on,
        terms_of_reference=terms_of_reference,
        requested_by=actor,
    )
    core.save_audited(request, actor=actor, code="focal_point_request.created")
    if tor_file is not None:
        core.document_attach(
            actor=actor, process=process, owner=request, uploaded=tor_file, title=_("Terms of reference")
        )
    return request


@transaction.atomic
def focal_point_request_cancel(*, actor, request: FocalPointRequest, reason: str) -> FocalPointRequest:
    """Withdraw a request that is still awaiting an answer, saying why."""
    return FOCAL_POINT_REQUEST.perform(actor, request, "cancel", reason=reason)


# ---------------------------------------------------------------------------
# Designations
# ---------------------------------------------------------------------------


def _split_name(full_name: str) -> tuple[str, str]:
    first, _sep, last = full_name.strip().partition(" ")
    return first[:150], last.strip()[:150]


def _find_account(email: str):
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()


def _ministry_membership(process: Process, user, institution: Institution) -> Membership | None:
    """The person's active ministry membership for this institution, if they have one."""
    if user is None:
        return None
    return Membership.objects.filter(
        process=process, user=user, is_active=True, role=Role.MINISTRY, institution=institution
    ).first()


def _grant_ministry_role(
    *, actor, process: Process, institution: Institution, email: str, full_name: str, set_password_url_builder
):
    """
    Make the designated person a ministry focal point of `institution`; return their account and whether they
    were invited (given the role) just now. A newcomer is
    invited by e-mail; a person already speaking for this institution keeps their membership; a person who takes
    part in another capacity is refused, beside the e-mail field.
    """
    user = _find_account(email)
    membership = None
    if user is not None:
        membership = (
            Membership.objects.filter(process=process, user=user, is_active=True).select_related("institution").first()
        )
    if membership is None:
        first_name, last_name = _split_name(full_name)
        membership = core.person_invite(
            actor=actor,
            process=process,
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=Role.MINISTRY,
            institution=institution,
            set_password_url_builder=set_password_url_builder,
        )
        return membership.user, True
    if membership.role == Role.MINISTRY and membership.institution_id == institution.pk:
        return user, False
    if membership.role == Role.MINISTRY:
        message = _(
            "This person is already the focal point of %(institution)s in this process. End that designation, "
            "or change their role under People and roles, before designating them here."
        ) % {"institution": membership.institution}
    else:
        message = _(
            "This person already takes part in this process as %(role)s; a ministry focal point must be someone "
            "else, or their role must be changed first under People and roles."
        ) % {"role": membership.get_role_display()}
    raise ValidationError({"email": message})


def _end_ministry_role(*, actor, designation: FocalPointDesignation, reason: str) -> None:
    """Take the ministry role for this institution from the person a designation named, if they still hold it."""
    membership = _ministry_membership(designation.process, designation.user, designation.institution)
    if membership is not None:
        core.membership_end(actor=actor, membership=membership, reason=reason)


@transaction.atomic
def designation_create(
    *,
    actor,
    process: Process,
    institution: Institution,
    full_name: str,
    email: str,
    designated_on: date | None = None,
    request: FocalPointRequest | None = None,
    position: str = "",
    sex: str = Sex.NOT_STATED,
    phone: str = "",
    tor_file=None,
    set_password_url_builder=None,
) -> FocalPointDesignation:
    """
    Record the focal point an institution designated.

    * For a government institution the person gets the ministry role for it, so the institution's rights follow:
      a newcomer is invited by e-mail; someone who already speaks for this institution is kept as they are; someone
      who takes part in the process in any other capacity is refused.
    * The institution's current focal point, if any, is replaced: that designation ends ("replaced by ...") and,
      unless it is the same person, so does their ministry membership. Both stay in the history.
    * The request answered (the one named, or else the institution's request awaiting an answer) is marked
      designated.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    _same_process(institution, process, "institution")
    _same_process(request, process, "request")
    full_name = " ".join((full_name or "").split())
    email = User.objects.normalize_email(email or "").strip().lower()
    if request is None:
        request = process.focal_point_requests.open().filter(institution=institution).first()
    elif request.institution_id != institution.pk:
        raise ValidationError({"request": _("This request was sent to another institution.")})
    elif not request.is_open:
        raise ValidationError({"request": _("This request has already been answered or cancelled.")})

    designation = FocalPointDesignation(
        process=process,
        institution=institution,
        request=request,
        full_name=full_name,
        position=position,
        sex=sex,
        email=email,
        phone=phone,
        designated_on=designated_on or timezone.localdate(),
    )
    # Bad input is reported before anything changes; the one-current-per-institution constraint is checked on
    # save, once the earlier designation has ended.
    designation.full_clean(validate_constraints=False)

    government = institution.kind in GOVERNMENT_KINDS
    invited = False
    if government:
        designation.user, invited = _grant_ministry_role(
            actor=actor,
            process=process,
            institution=institution,
            email=email,
            full_name=full_name,
            set_password_url_builder=set_password_url_builder,
        )
    else:
        designation.user = _find_account(email)

    earlier = (
        FocalPointDesignation.objects.select_for_update(of=("self",))
        .filter(institution=institution, is_current=True)
        .select_related("process", "institution", "user")
        .first()
    )
    if earlier is not None:
        replaced = _("replaced by %(name)s") % {"name": full_name}
        earlier.is_current = False
        earlier.ended_on = timezone.localdate()
        earlier.end_reason = replaced
        core.save_audited(earlier, actor=actor, code="designation.replaced", reason=replaced)
        if government and earlier.user_id and earlier.user_id != designation.user_id:
            _end_ministry_role(
                actor=actor,
                designation=earlier,
                reason=_("replaced as focal point of %(institution)s by %(name)s")
                % {"institution": institution, "name": full_name},
            )

    core.save_audited(designation, actor=actor, code="designation.created")
    if request is not None:
        FOCAL_POINT_REQUEST.perform(actor, request, "designate", reason=full_name)
    if tor_file is not None:
        core.document_attach(
            actor=actor, process=process, owner=designation, uploaded=tor_file, title=_("Terms of reference")
        )
    designation.invited = invited  # for the view's message: the person was given the ministry role just now
    return designation


@transaction.atomic
def designation_end(*, actor, designation: FocalPointDesignation, reason: str) -> FocalPointDesignation:
    """
    End a focal point's designation without naming a successor (the person left, the institution withdrew). For a
    government institution the person's ministry role for it ends too, and their rights with it.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, designation.process)
    if not designation.is_current:
        raise ValidationError(_("This designation has already ended."))
    reason = _require_reason(reason, _("Say why the designation ends; the reason is kept in the history."))
    designation.is_current = False
    designation.ended_on = timezone.localdate()
    designation.end_reason = reason
    core.save_audited(designation, actor=actor, code="designation.ended", reason=reason)
    if designation.institution.kind in GOVERNMENT_KINDS:
        _end_ministry_role(actor=actor, designation=designation, reason=reason)
    return designation
