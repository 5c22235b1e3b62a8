"""A meeting's minutes are built as a PDF by the one report pipeline; the text read back holds what was decided."""

import io
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import TestCase
from pypdf import PdfReader

from mainstreaming import report_kinds
from mainstreaming import services as core_services
from mainstreaming.choices import BuildStatus
from stakeholders.choices import ActionStatus, Sex
from stakeholders.services import committees as services
from tests.cast import make_cast
from tests.stakeholders.test_committees_services import action_point, held_meeting


def pdf_text(report) -> str:
    content = (Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()
    assert content.startswith(b"%PDF")
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)


class MeetingMinutesPdfTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.meeting = held_meeting(cls.cast)
        services.meeting_update(
            actor=cls.cast.nfp, meeting=cls.meeting, data={"minutes": "Members discussed the recruitment data."}
        )
        services.attendance_record(
            actor=cls.cast.nfp,
            meeting=cls.meeting,
            rows=[
                services.AttendanceRow(
                    key=0, data={"person_name": "Ama Mensah", "institution": cls.cast.health, "sex": Sex.FEMALE}
                ),
                services.AttendanceRow(
                    key=1, data={"person_name": "Efua Boateng", "institution": None, "sex": Sex.FEMALE}
                ),
                services.AttendanceRow(
                    key=2, data={"person_name": "Kofi Annan", "institution": cls.cast.labour, "sex": Sex.MALE}
                ),
            ],
        )
        decision = services.decision_create(
            actor=cls.cast.nfp, meeting=cls.meeting, text="The committee adopts its terms of reference."
        )
        services.decision_create(actor=cls.cast.nfp, meeting=cls.meeting, text="The work plan is endorsed.")
        done = action_point(cls.cast, cls.meeting, description="Circulate the work plan.", decision=decision)
        services.action_point_set_status(actor=cls.cast.nfp, action_point=done, status=ActionStatus.DONE)
        action_point(cls.cast, cls.meeting, owner=cls.cast.health, description="Send the health-worker figures.")

    def build(self, user=None):
        with self.captureOnCommitCallbacks(execute=True):
            report = services.meeting_minutes_request(actor=user or self.cast.nfp, meeting=self.meeting)
        report.refresh_from_db()
        return report

    def test_the_minutes_pdf_holds_the_meeting_its_decisions_and_action_points(self):
        report = self.build(self.cast.facilitator)
        self.assertEqual(report.status, BuildStatus.DONE, report.error)
        self.assertGreaterEqual(report.page_count, 2)  # cover and contents, then the minutes
        text = " ".join(pdf_text(report).split())
        for expected in (
            "National Migration and Development Committee",
            "Planning ministry",
            "Work plan",  # agenda
            "Ama Mensah",
            "Members discussed the recruitment data.",
            "The committee adopts its terms of reference.",
            "The work plan is endorsed.",
            "Circulate the work plan.",
            "Send the health-worker figures.",
            "Ministry of Health",
            "Ministry of Labour",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        # Attendance totals by sex: two women, one man, none unstated, three in all.
        self.assertIn("Female Male Not stated Total 2 1 0 3", text)

    def test_the_kind_is_registered_but_not_offered_on_the_reports_page(self):
        self.assertEqual(report_kinds.label("meeting_minutes"), "Meeting minutes")
        self.assertNotIn("meeting_minutes", [spec.kind for spec in report_kinds.listed()])

    def test_the_meeting_must_belong_to_the_process(self):
        for parameters in ({}, {"meeting": "x"}, {"meeting": 999999}):
            with self.subTest(parameters=parameters), self.assertRaises(ValidationError):
                core_services.report_request(
                    actor=self.cast.nfp, process=self.cast.process, kind="meeting_minutes", parameters=parameters
                )
        with self.assertRaises(ValidationError):
            core_services.report_request(
                actor=self.cast.outsider,
                process=self.cast.other_process,
                kind="meeting_minutes",
                parameters={"meeting": self.meeting.pk},
            )
