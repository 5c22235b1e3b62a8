"""What of the stakeholders app appears in the process's audit trail, and how each record is named and linked."""

from mainstreaming.history import TrailSource, register_trail_source
from stakeholders import models


def _short(text: str, length: int = 60) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def register() -> None:
    for source in (
        TrailSource(
            models.Precondition, lambda r: _short(r.title), "stakeholders:precondition_list", url_pk_field=None
        ),
        TrailSource(
            models.PreconditionDecision,
            lambda r: str(r.decided_on),
            "stakeholders:precondition_list",
            url_pk_field=None,
        ),
        TrailSource(models.FocalPointRequest, lambda r: str(r.requested_on), "stakeholders:focal_point_request_detail"),
        TrailSource(models.FocalPointDesignation, lambda r: r.full_name, "stakeholders:designation_detail"),
        TrailSource(models.Committee, lambda r: r.name, "stakeholders:committee_detail"),
        TrailSource(
            models.CommitteeMember,
            lambda r: r.person_name or "—",
            "stakeholders:committee_detail",
            process_lookup="committee__process_id",
            url_pk_field="committee_id",
        ),
        TrailSource(models.Meeting, lambda r: str(r.held_on), "stakeholders:meeting_detail"),
        TrailSource(
            models.Attendance,
            lambda r: r.person_name,
            "stakeholders:meeting_detail",
            process_lookup="meeting__process_id",
            url_pk_field="meeting_id",
        ),
        TrailSource(
            models.MeetingDecision,
            lambda r: _short(r.text),
            "stakeholders:meeting_detail",
            process_lookup="meeting__process_id",
            url_pk_field="meeting_id",
        ),
        TrailSource(models.ActionPoint, lambda r: _short(r.description), "stakeholders:action_point_detail"),
        TrailSource(models.Event, lambda r: r.title, "stakeholders:event_detail"),
        TrailSource(
            models.EventParticipation,
            lambda r: r.category,
            "stakeholders:event_detail",
            process_lookup="event__process_id",
            url_pk_field="event_id",
        ),
        TrailSource(
            models.CapacityNeed, lambda r: _short(r.description), "stakeholders:capacity_overview", url_pk_field=None
        ),
        TrailSource(models.CapacityActivity, lambda r: r.title, "stakeholders:capacity_activity_detail"),
        TrailSource(
            models.StakeholderProfile,
            lambda r: f"{r.interest}/{r.influence}",
            "stakeholders:stakeholder_map",
            url_pk_field=None,
        ),
    ):
        register_trail_source(source)
