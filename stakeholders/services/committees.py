"""
Every write of the committees area: the two committees and their members, meetings with their attendance,
decisions and action points, and the request for a meeting's minutes as a PDF.

Each service takes the acting user, checks the permission itself, validates with full_clean() and leaves one
history row per record it changes, with who acted and why. The NFP manages all of it; the focal points of an
action point's owner institution may update its status (a guardian permission that moves with the owner).
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming.models import Institution, Process, Report
from mainstreaming.services import change_reason, position_in, report_request, save_audited
from stakeholders import permissions as rules
from stakeholders.choices import ActionStatus, MeetingStatus, MemberRole, Sex
from stakeholders.models import ActionPoint, Attendance, Committee, CommitteeMember, Meeting, MeetingDecision
from stakeholders.workflows import ACTION_POINT, MEETING, step_between

MEETING_MINUTES = "meeting_minutes"


def _check_institution(process: Process, institution: Institution | None, field_name: str) -> None:
    if institution is not None and institution.process_id != process.pk:
        raise ValidationError({field_name: _("The institution must take part in this process.")})


def _apply(obj, data: dict) -> bool:
    """Set the fields in `data` on `obj`; whether anything changed."""
    changed = False
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


# ---------------------------------------------------------------------------
# Committees and their members
# ---------------------------------------------------------------------------


def _check_one_of_each_kind(committee: Committee) -> None:
    clash = Committee.objects.filter(process_id=committee.process_id, kind=committee.kind)
    if committee.pk:
        clash = clash.exclude(pk=committee.pk)
    if clash.exists():
        raise ValidationError(
            {
                "kind": _(
                    "This process already has a committee of this kind; a process has one national committee "
                    "and one consultative committee. Edit the existing one instead."
                )
            }
        )


@transaction.atomic
def committee_create(
    *,
    actor,
    process: Process,
    kind: str,
    name: str,
    terms_of_reference: str = "",
    functions: str = "",
    chair_institution: Institution | None = None,
    chair_name: str = "",
    established_on: date | None = None,
) -> Committee:
    """Set up one of the process's two committees (the national committee or the consultative committee)."""
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    _check_institution(process, chair_institution, "chair_institution")
    committee = Committee(
        process=process,
        kind=kind,
        name=name,
        terms_of_reference=terms_of_reference,
        functions=functions,
        chair_institution=chair_institution,
        chair_name=chair_name,
        established_on=established_on,
    )
    _check_one_of_each_kind(committee)
    save_audited(committee, actor=actor, code="committee.created")
    return committee


@transaction.atomic
def committee_update(*, actor, committee: Committee, data: dict, reason: str = "") -> Committee:
    """Change a committee's name, kind, terms of reference, functions or chair."""
    permissions.require(actor, permissions.MANAGE_PROCESS, committee.process)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    _check_institution(committee.process, data.get("chair_institution"), "chair_institution")
    if not _apply(committee, data):
        return committee
    _check_one_of_each_kind(committee)
    save_audited(committee, actor=actor, code="committee.updated", reason=reason)
    return committee


def _check_one_chair(member: CommitteeMember) -> None:
    if member.member_role != MemberRole.CHAIR or not member.is_active:
        return
    clash = CommitteeMember.objects.filter(
        committee_id=member.committee_id, member_role=MemberRole.CHAIR, is_active=True
    )
    if member.pk:
        clash = clash.exclude(pk=member.pk)
    if clash.exists():
        raise ValidationError(
            {"member_role": _("This committee already has a chair; change that member's role first.")}
        )


@transaction.atomic
def committee_member_create(
    *,
    actor,
    committee: Committee,
    institution: Institution,
    person_name: str = "",
    sex: str = Sex.NOT_STATED,
    member_role: str = MemberRole.MEMBER,
) -> CommitteeMember:
    """Give an institution a seat on a committee, with the person who sits for it."""
    permissions.require(actor, permissions.MANAGE_PROCESS, committee.process)
    _check_institution(committee.process, institution, "institution")
    member = CommitteeMember(
        committee=committee, institution=institution, person_name=person_name, sex=sex, member_role=member_role
    )
    _check_one_chair(member)
    save_audited(member, actor=actor, code="committee_member.added")
    return member


@transaction.atomic
def committee_member_update(*, actor, member: CommitteeMember, data: dict, reason: str = "") -> CommitteeMember:
    """Change a seat: another person, another role, or leaving the committee (is_active False)."""
    permissions.require(actor, permissions.MANAGE_PROCESS, member.committee.process)
    member = CommitteeMember.objects.select_for_update(of=("self",)).select_related("committee").get(pk=member.pk)
    _check_institution(member.committee.process, data.get("institution"), "institution")
    was_active = member.is_active
    if not _apply(member, data):
        return member
    _check_one_chair(member)
    if was_active and not member.is_active:
        code = "committee_member.left"
    elif member.is_active and not was_active:
        code = "committee_member.rejoined"
    else:
        code = "committee_member.updated"
    save_audited(member, actor=actor, code=code, reason=reason)
    return member


# ---------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------


def _check_meeting_status(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.HELD and meeting.held_on and meeting.held_on > timezone.localdate():
        raise ValidationError({"status": _("A meeting cannot have been held after today; keep it planned.")})


@transaction.atomic
def meeting_create(
    *, actor, committee: Committee, held_on: date, place: str = "", agenda: str = "", status=MeetingStatus.PLANNED
) -> Meeting:
    """Plan (or record) a meeting of a committee."""
    permissions.require(actor, permissions.MANAGE_PROCESS, committee.process)
    meeting = Meeting(
        process_id=committee.process_id, committee=committee, held_on=held_on, place=place, agenda=agenda, status=status
    )
    _check_meeting_status(meeting)
    save_audited(meeting, actor=actor, code="meeting.created")
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, data: dict, reason: str = "") -> Meeting:
    """Change a meeting's date, place, agenda, minutes or status (planned, held, cancelled)."""
    permissions.require(actor, permissions.MANAGE_PROCESS, meeting.process)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    old_status = meeting.status
    if not _apply(meeting, data):
        return meeting
    _check_meeting_status(meeting)
    if meeting.status == old_status:
        save_audited(meeting, actor=actor, code="meeting.updated", reason=reason)
        return meeting
    # A new status is a step of the meeting's workflow: it saves the other changes with it, under the step's code.
    return MEETING.perform(actor, meeting, step_between(MEETING, old_status, meeting.status), reason=reason)


# ---------------------------------------------------------------------------
# Attendance
# ---------------------------------------------------------------------------


@dataclass
class AttendanceRow:
    """One row of the attendance form: a new attendee (pk None), a change to one, or a removal."""

    key: object  # whatever the caller uses to find the row again (the form's index)
    pk: int | None = None
    data: dict = field(default_factory=dict)
    delete: bool = False


class AttendanceRowsInvalid(ValidationError):
    """Some rows could not be saved: `row_errors` maps each row's key to its ValidationError. Nothing was saved."""

    def __init__(self, row_errors: dict):
        super().__init__(_("Some rows of the attendance could not be saved; see the marked rows."))
        self.row_errors = row_errors


def _same_person(attendance: Attendance) -> tuple:
    return (" ".join(attendance.person_name.split()).casefold(), attendance.institution_id)


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, rows: list[AttendanceRow], reason: str = "") -> dict[str, int]:
    """
    Add, change and remove attendees of a meeting in one step: all rows are saved, or none. Each attendee keeps
    its own history (a removal leaves a "deleted" row with who removed it and why). The same person cannot be
    listed twice for the same institution.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, meeting.process)
    existing = {a.pk: a for a in Attendance.objects.select_for_update().filter(meeting=meeting)}
    errors: dict = {}
    to_add, to_change, to_remove = [], [], []
    for row in rows:
        if row.pk is not None and row.pk not in existing:
            errors[row.key] = ValidationError(_("This attendee is no longer on the list; reload the page."))
            continue
        if row.delete:
            if row.pk is not None:
                to_remove.append(existing[row.pk])
            continue
        attendance = existing[row.pk] if row.pk is not None else Attendance(meeting=meeting)
        changed = _apply(attendance, row.data)
        if row.pk is not None and not changed:
            continue
        try:
            _check_institution(meeting.process, attendance.institution, "institution")
            attendance.full_clean()
        except ValidationError as error:
            errors[row.key] = error
            continue
        (to_change if row.pk is not None else to_add).append((row.key, attendance))

    # Nobody twice: compare the list as it will be once every row is applied, unchanged rows first, so that the
    # error lands on the row being added or changed.
    touched = {attendance.pk for attendance in to_remove} | {attendance.pk for _key, attendance in to_change}
    final = [(None, attendance) for pk, attendance in existing.items() if pk not in touched] + to_change + to_add
    seen = set()
    for key, attendance in final:
        person = _same_person(attendance)
        if person in seen and key is not None:
            errors.setdefault(
                key, ValidationError({"person_name": _("This person is already on the attendance list.")})
            )
        seen.add(person)
    if errors:
        raise AttendanceRowsInvalid(errors)

    for attendance in to_remove:
        attendance._history_user = actor
        attendance._change_reason = change_reason("attendance.removed", reason)
        attendance.delete()
    for _key, attendance in to_change:
        save_audited(attendance, actor=actor, code="attendance.changed", reason=reason, validate=False)
    for _key, attendance in to_add:
        save_audited(attendance, actor=actor, code="attendance.added", reason=reason, validate=False)
    return {"added": len(to_add), "changed": len(to_change), "removed": len(to_remove)}


# ---------------------------------------------------------------------------
# Decisions and action points
# ---------------------------------------------------------------------------


@transaction.atomic
def decision_create(*, actor, meeting: Meeting, text: str, position: int | None = None) -> MeetingDecision:
    """Record a decision a meeting took; without a position it goes after the others."""
    permissions.require(actor, permissions.MANAGE_PROCESS, meeting.process)
    position = position_in(meeting.decisions.all(), position, first=1)
    decision = MeetingDecision(meeting=meeting, text=(text or "").strip(), position=position)
    save_audited(decision, actor=actor, code="decision.created")
    return decision


def _check_action_point(action_point: ActionPoint) -> None:
    meeting = action_point.meeting
    _check_institution(meeting.process, action_point.owner, "owner")
    if action_point.decision is not None and action_point.decision.meeting_id != meeting.pk:
        raise ValidationError({"decision": _("Choose a decision of this meeting.")})
    if action_point.due_on and meeting.held_on and action_point.due_on < meeting.held_on:
        raise ValidationError({"due_on": _("An action point cannot be due before the meeting that set it.")})


@transaction.atomic
def action_point_create(
    *,
    actor,
    meeting: Meeting,
    description: str,
    owner: Institution,
    due_on: date,
    decision: MeetingDecision | None = None,
) -> ActionPoint:
    """
    Give an institution a task from a meeting. The owner institution's focal points may then update its status:
    its group is granted the permission on this action point.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, meeting.process)
    action_point = ActionPoint(
        process_id=meeting.process_id,
        meeting=meeting,
        description=(description or "").strip(),
        owner=owner,
        due_on=due_on,
        decision=decision,
    )
    _check_action_point(action_point)
    save_audited(action_point, actor=actor, code="action_point.created")
    rules.grant_action_point_owner(action_point)
    return action_point


@transaction.atomic
def action_point_update(*, actor, action_point: ActionPoint, data: dict, reason: str = "") -> ActionPoint:
    """
    Change an action point's task, owner, due date or decision. A new owner takes over the right to update its
    status: the permission is revoked from the old owner's group and granted to the new one's.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, action_point.process)
    action_point = (
        ActionPoint.objects.select_for_update(of=("self",)).select_related("owner", "meeting").get(pk=action_point.pk)
    )
    old_owner = action_point.owner
    if not _apply(action_point, data):
        return action_point
    _check_action_point(action_point)
    owner_changed = action_point.owner_id != old_owner.pk
    code = "action_point.owner_changed" if owner_changed else "action_point.updated"
    save_audited(action_point, actor=actor, code=code, reason=reason)
    if owner_changed:
        rules.revoke_action_point_owner(action_point, old_owner)
        rules.grant_action_point_owner(action_point)
    return action_point


@transaction.atomic
def action_point_set_status(*, actor, action_point: ActionPoint, status: str, note: str = "") -> ActionPoint:
    """
    Record where an action point stands (open, in progress, done, cancelled) with a progress note: the NFP, or
    the focal points of the owner institution.
    """
    permissions.require(actor, rules.ACTION_POINT_UPDATE, action_point)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    action_point = ActionPoint.objects.select_for_update().get(pk=action_point.pk)
    note = (note or "").strip()
    if action_point.status == status:
        # Only the progress note changes: not a step, but the history reads it the same way.
        if action_point.status_note != note:
            action_point.status_note = note
            save_audited(action_point, actor=actor, code=f"action_point.{status}", reason=note)
        return action_point
    return ACTION_POINT.perform(
        actor, action_point, step_between(ACTION_POINT, action_point.status, status), reason=note
    )


# ---------------------------------------------------------------------------
# Documents and the minutes PDF
# ---------------------------------------------------------------------------


@transaction.atomic
def meeting_minutes_request(*, actor, meeting: Meeting) -> Report:
    """Queue the build of a meeting's minutes as a PDF, through the one report pipeline."""
    return report_request(
        actor=actor, process=meeting.process, kind=MEETING_MINUTES, parameters={"meeting": meeting.pk}
    )
