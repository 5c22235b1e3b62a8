"""
Permission-matrix rows of the stakeholders app's consultation area: events, capacity development and the
stakeholder map.

Everybody who sees internal work reads these pages (development partners get 403); only the NFP writes. POST rows
carry valid data, so that the NFP's row shows the success path (302).
"""

from datetime import date

from stakeholders.choices import CapacityActivityKind, EngagementLevel
from stakeholders.demo.consultation import load_reference
from stakeholders.models import CapacityArea, EventKind
from stakeholders.services import consultation as services
from tests.matrix import Row, internal, members, nfp_only


class RepeatableUpload:
    """A file the test client can send again and again: each role's POST gets the same bytes."""

    name = "workshop-agenda.txt"
    content_type = "text/plain"

    def read(self, *args):
        return b"Agenda of the awareness workshop for line ministries."


def objects(cast) -> dict[str, dict]:
    load_reference()
    workshop = EventKind.objects.get(code="awareness-workshop")
    data_area = CapacityArea.objects.get(code="data-analysis")
    event = services.event_create(
        actor=cast.nfp,
        process=cast.process,
        kind=workshop,
        title="Why migration matters for health planning",
        held_on=date(2026, 3, 4),
        organiser=cast.health,
        target_institutions=[cast.health, cast.labour],
    )
    need = services.capacity_need_create(
        actor=cast.nfp, process=cast.process, institution=cast.health, area=data_area, description="Survey data"
    )
    activity = services.capacity_activity_create(
        actor=cast.nfp,
        process=cast.process,
        kind=CapacityActivityKind.TRAINING,
        title="Data training",
        held_on=date(2026, 4, 1),
        participants_female=3,
        participants_male=2,
        needs=[need],
    )
    # Health is on the map; labour is not yet.
    services.stakeholder_profile_save(
        actor=cast.nfp, institution=cast.health, interest=4, influence=3, engagement=EngagementLevel.INVOLVE
    )

    # Row data that names objects can only be filled in once they exist.
    for name in ("stakeholders:event_create", "stakeholders:event_edit"):
        MATRIX[name][0].data.update(kind=workshop.pk, organiser=cast.health.pk, target_institutions=[cast.labour.pk])
    for name in ("stakeholders:capacity_need_create", "stakeholders:capacity_need_edit"):
        MATRIX[name][0].data.update(institution=cast.labour.pk, area=data_area.pk)
    for name in ("stakeholders:capacity_activity_create", "stakeholders:capacity_activity_edit"):
        MATRIX[name][0].data.update(needs=[need.pk])

    process = {"process_pk": cast.process.pk}
    return {
        "consultation_process": process,
        "consultation_event": process | {"pk": event.pk},
        "consultation_need": process | {"pk": need.pk},
        "consultation_activity": process | {"pk": activity.pk},
        "consultation_placed": process | {"institution_pk": cast.health.pk},
        "consultation_unplaced": process | {"institution_pk": cast.labour.pk},
    }


EVENT = {
    "title": "Consultation with migrant associations",
    "held_on": "2026-05-12",
    "place": "Port Alder",
    "target_categories": ["civil_society", "diaspora"],
    "key_messages": "Migrants' voices shape the plan.",
    "reason": "Corrected the date",
}
NEED = {"description": "Plan services for returnees", "priority": "high", "reason": "Agreed with the ministry"}
ACTIVITY = {
    "kind": "coaching",
    "title": "Coaching on survey weights",
    "held_on": "2026-06-02",
    "provider": "Statistics office of a partner country",
    "participants_female": "2",
    "participants_male": "1",
    "reason": "Added the provider",
}
PROFILE = {"interest": "5", "influence": "2", "engagement": "consult", "notes": "", "reason": "After the briefing"}

MATRIX: dict[str, list[Row]] = {
    "stakeholders:event_list": [Row("consultation_process", internal(), internal(405))],
    "stakeholders:event_create": [Row("consultation_process", nfp_only(), nfp_only(302), dict(EVENT))],
    "stakeholders:event_detail": [Row("consultation_event", internal(), internal(405))],
    "stakeholders:event_edit": [Row("consultation_event", nfp_only(), nfp_only(302), dict(EVENT))],
    "stakeholders:event_history": [Row("consultation_event", internal(), internal(405))],
    "stakeholders:event_participation": [
        Row(
            "consultation_event",
            nfp_only(),
            nfp_only(302),
            {"government-female": "12", "government-male": "9", "government-not_stated": "1", "media-male": "2"},
        )
    ],
    "stakeholders:event_document_upload": [
        Row("consultation_event", nfp_only(), nfp_only(302), {"title": "Agenda", "file": RepeatableUpload()})
    ],
    "stakeholders:capacity_overview": [Row("consultation_process", internal(), internal(405))],
    "stakeholders:capacity_need_create": [Row("consultation_process", nfp_only(), nfp_only(302), dict(NEED))],
    "stakeholders:capacity_need_edit": [Row("consultation_need", nfp_only(), nfp_only(302), dict(NEED))],
    "stakeholders:capacity_need_history": [Row("consultation_need", internal(), internal(405))],
    "stakeholders:capacity_activity_create": [Row("consultation_process", nfp_only(), nfp_only(302), dict(ACTIVITY))],
    "stakeholders:capacity_activity_detail": [Row("consultation_activity", internal(), internal(405))],
    "stakeholders:capacity_activity_edit": [Row("consultation_activity", nfp_only(), nfp_only(302), dict(ACTIVITY))],
    "stakeholders:capacity_activity_history": [Row("consultation_activity", internal(), internal(405))],
    "stakeholders:stakeholder_map": [Row("consultation_process", internal(), internal(405))],
    "stakeholders:stakeholder_profile_edit": [
        Row("consultation_placed", nfp_only(), nfp_only(302), dict(PROFILE), label="placed"),
        Row("consultation_unplaced", nfp_only(), nfp_only(302), dict(PROFILE), label="not yet placed"),
    ],
    "stakeholders:stakeholder_profile_history": [
        Row("consultation_placed", internal(), internal(405), label="placed"),
        # An institution not yet on the map has no profile, and so no history: 404 for everyone, whatever the role.
        Row("consultation_unplaced", members(404), members(404), label="not yet placed"),
    ],
}
