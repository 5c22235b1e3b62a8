"""
Permission-matrix rows of the stakeholders app's committees area: committees, members, meetings, attendance,
decisions, action points and the minutes PDF.

The NFP manages everything; ministries and the facilitator read; development partners get 403 everywhere. An
action point's status may be changed by the NFP and by the owner institution's focal points: the action point
here belongs to the Ministry of Health, so "own" may and "other" (the Ministry of Labour) may not. The minutes
PDF is requested by those who request reports (the NFP and the facilitator).
"""

from datetime import timedelta

from django.utils import timezone

from stakeholders.choices import CommitteeKind, MeetingStatus, Sex
from stakeholders.services import committees as services
from tests.matrix import Row, internal, members, nfp_only

# Primary keys are known only once objects(cast) has run; rows name them through Ref, read when a request is sent.
_REFS: dict[str, int] = {}


class Ref:
    """A value of the posted form that is only known once the cast exists (an institution's primary key)."""

    def __init__(self, key: str):
        self.key = key

    def __str__(self):
        return str(_REFS[self.key])


class Day:
    """A date relative to the day the test runs, as a form posts it."""

    def __init__(self, days: int):
        self.days = days

    def __str__(self):
        return (timezone.localdate() + timedelta(days=self.days)).isoformat()


class Upload:
    """A small text file that can be posted again and again (the test client reads a file once per request)."""

    name = "terms-of-reference.txt"
    content_type = "text/plain"

    def read(self):
        return b"Terms of reference of the committee."


def objects(cast) -> dict[str, dict]:
    committee = services.committee_create(
        actor=cast.nfp, process=cast.process, kind=CommitteeKind.NATIONAL, name="National committee"
    )
    member = services.committee_member_create(
        actor=cast.nfp, committee=committee, institution=cast.labour, person_name="Tomas", sex=Sex.MALE
    )
    meeting = services.meeting_create(
        actor=cast.nfp,
        committee=committee,
        held_on=timezone.localdate() - timedelta(days=10),
        status=MeetingStatus.HELD,
    )
    services.attendance_record(
        actor=cast.nfp,
        meeting=meeting,
        rows=[
            services.AttendanceRow(key=0, data={"person_name": "Lina", "institution": cast.health, "sex": Sex.FEMALE})
        ],
    )
    services.decision_create(actor=cast.nfp, meeting=meeting, text="Gather the data.")
    action_point = services.action_point_create(
        actor=cast.nfp,
        meeting=meeting,
        description="Send the health-worker figures.",
        owner=cast.health,
        due_on=timezone.localdate() + timedelta(days=20),
    )
    _REFS.update(health=cast.health.pk, labour=cast.labour.pk)
    process = {"process_pk": cast.process.pk}
    return {
        "committees_process": process,
        "committees_committee": process | {"pk": committee.pk},
        "committees_member": process | {"pk": committee.pk, "member_pk": member.pk},
        "committees_meeting": process | {"pk": meeting.pk},
        "committees_action_point": process | {"pk": action_point.pk},
    }


ATTENDANCE = {
    "attendance-TOTAL_FORMS": "1",
    "attendance-INITIAL_FORMS": "0",
    "attendance-MIN_NUM_FORMS": "0",
    "attendance-MAX_NUM_FORMS": "1000",
    "attendance-0-person_name": "Ama Mensah",
    "attendance-0-institution": "",
    "attendance-0-sex": Sex.FEMALE,
    "reason": "From the signed list",
}
ACTION_POINT = {"description": "Share the recruitment data.", "owner": Ref("health"), "due_on": Day(30)}

MATRIX: dict[str, list[Row]] = {
    "stakeholders:committee_list": [Row("committees_process", internal(), internal(405))],
    "stakeholders:committee_create": [
        Row("committees_process", nfp_only(), nfp_only(302), {"kind": "consultative", "name": "Consultative committee"})
    ],
    "stakeholders:committee_detail": [Row("committees_committee", internal(), internal(405))],
    "stakeholders:committee_edit": [
        Row(
            "committees_committee",
            nfp_only(),
            nfp_only(302),
            {"kind": "national", "name": "National M&D committee", "reason": "Renamed by decree"},
        )
    ],
    "stakeholders:committee_history": [Row("committees_committee", internal(), internal(405))],
    "stakeholders:committee_document_upload": [
        Row("committees_committee", nfp_only(), nfp_only(302), {"title": "Signed ToR", "file": Upload()})
    ],
    "stakeholders:committee_member_create": [
        Row(
            "committees_committee",
            nfp_only(),
            nfp_only(302),
            {"institution": Ref("health"), "person_name": "Lina", "sex": "female", "member_role": "member"},
        )
    ],
    "stakeholders:committee_member_edit": [
        Row(
            "committees_member",
            nfp_only(),
            nfp_only(302),
            {
                "institution": Ref("labour"),
                "person_name": "Tomas Veres",
                "sex": "male",
                "member_role": "vice_chair",
                "is_active": "on",
                "reason": "Elected vice-chair",
            },
        )
    ],
    "stakeholders:meeting_create": [
        Row(
            "committees_committee",
            nfp_only(),
            nfp_only(302),
            {"held_on": Day(14), "place": "Room 4", "agenda": "Work plan", "status": "planned"},
        )
    ],
    "stakeholders:meeting_detail": [Row("committees_meeting", internal(), internal(405))],
    "stakeholders:meeting_edit": [
        Row(
            "committees_meeting",
            nfp_only(),
            nfp_only(302),
            {"held_on": Day(-10), "minutes": "The work plan was agreed.", "status": "held", "reason": "Minutes"},
        )
    ],
    "stakeholders:meeting_history": [Row("committees_meeting", internal(), internal(405))],
    "stakeholders:meeting_attendance": [Row("committees_meeting", nfp_only(), nfp_only(302), ATTENDANCE)],
    "stakeholders:decision_create": [
        Row("committees_meeting", nfp_only(), nfp_only(302), {"text": "The work plan is endorsed."})
    ],
    "stakeholders:action_point_create": [Row("committees_meeting", nfp_only(), nfp_only(302), ACTION_POINT)],
    "stakeholders:meeting_document_upload": [
        Row("committees_meeting", nfp_only(), nfp_only(302), {"title": "Signed minutes", "file": Upload()})
    ],
    # POST only; asked for by those who request reports.
    "stakeholders:meeting_minutes_pdf": [
        Row(
            "committees_meeting",
            members(405, own=403, other=403, donor=403),
            members(403, nfp=302, facilitator=302),
        )
    ],
    "stakeholders:action_point_list": [Row("committees_process", internal(), internal(405))],
    "stakeholders:action_point_detail": [Row("committees_action_point", internal(), internal(405))],
    "stakeholders:action_point_history": [Row("committees_action_point", internal(), internal(405))],
    # The owner institution (health: "own") and the NFP update the status; another ministry and the facilitator
    # may not.
    "stakeholders:action_point_status": [
        Row(
            "committees_action_point",
            internal(other=403, facilitator=403),
            internal(302, other=403, facilitator=403),
            {"status": "in_progress", "note": "Figures requested from the regions."},
        )
    ],
    "stakeholders:action_point_edit": [
        Row("committees_action_point", nfp_only(), nfp_only(302), ACTION_POINT | {"reason": "Clearer wording"})
    ],
}
