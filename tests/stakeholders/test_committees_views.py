"""
The committees area's pages: forms put errors beside the field (400, nothing lost), the attendance formset, the
action point's status page for the owner ministry only, the dashboard's overdue panel and the owner's "For you"
panel, history tabs with reasons, and development partners kept out.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mainstreaming.models import Document, Report
from stakeholders.choices import ActionStatus, CommitteeKind, MeetingStatus, Sex
from stakeholders.models import ActionPoint, Committee, Meeting
from stakeholders.services import committees as services
from tests.cast import make_cast
from tests.stakeholders.test_committees_services import action_point, held_meeting, national_committee

TODAY = timezone.localdate()


def url(name, cast, **kwargs):
    return reverse(f"stakeholders:{name}", kwargs={"process_pk": cast.process.pk, **kwargs})


class CommitteePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_the_empty_list_explains_both_committees_and_lets_the_nfp_set_them_up(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(url("committee_list", self.cast))
        self.assertContains(response, "A whole-of-government body")
        self.assertContains(response, "A multi-stakeholder body")
        self.assertContains(response, url("committee_create", self.cast) + "?kind=national")
        self.assertContains(response, url("committee_create", self.cast) + "?kind=consultative")

    def test_a_ministry_reads_the_list_but_gets_no_set_up_button(self):
        self.client.force_login(self.cast.own)
        response = self.client.get(url("committee_list", self.cast))
        self.assertContains(response, "The National Focal Point sets it up.")
        self.assertNotContains(response, url("committee_create", self.cast))

    def test_setting_up_a_committee_through_the_form(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            url("committee_create", self.cast),
            {
                "kind": CommitteeKind.NATIONAL,
                "name": "National M&D Committee",
                "terms_of_reference": "Meets quarterly.",
                "functions": "Validate the analysis.",
                "chair_institution": self.cast.health.pk,
                "chair_name": "Dr Mensah",
                "established_on": "2026-02-01",
            },
        )
        committee = Committee.objects.get()
        self.assertRedirects(response, committee.get_absolute_url())
        self.assertEqual(committee.chair_institution, self.cast.health)

    def test_a_second_national_committee_is_refused_beside_the_kind_field(self):
        national_committee(self.cast)
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            url("committee_create", self.cast), {"kind": CommitteeKind.NATIONAL, "name": "Second national"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            response.context["form"].errors["kind"][0][:52], "This process already has a committee of this kind; a"
        )
        self.assertContains(response, 'id="id_kind_error"', status_code=400)
        self.assertContains(response, 'value="Second national"', status_code=400)  # what was typed is kept
        self.assertEqual(Committee.objects.count(), 1)

    def test_the_detail_shows_members_meetings_documents_and_comments(self):
        committee = national_committee(self.cast, terms_of_reference="Meets every quarter.")
        services.committee_member_create(
            actor=self.cast.nfp, committee=committee, institution=self.cast.labour, person_name="Tomas", sex=Sex.MALE
        )
        held_meeting(self.cast, committee)
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(committee.get_absolute_url())
        self.assertContains(response, "Meets every quarter.")
        self.assertContains(response, "Tomas")
        self.assertContains(response, "Documents")
        self.assertContains(response, "Add comment")  # the facilitator reviews
        self.assertNotContains(response, url("committee_document_upload", self.cast, pk=committee.pk))

    def test_uploading_the_terms_of_reference(self):
        committee = national_committee(self.cast)
        self.client.force_login(self.cast.nfp)
        upload_url = url("committee_document_upload", self.cast, pk=committee.pk)
        self.assertContains(self.client.get(committee.get_absolute_url()), upload_url)
        response = self.client.post(
            upload_url, {"title": "Signed ToR", "file": SimpleUploadedFile("tor.txt", b"Terms of reference")}
        )
        self.assertRedirects(response, committee.get_absolute_url())
        self.assertEqual(Document.objects.get().title, "Signed ToR")
        bad = self.client.post(upload_url, {"file": SimpleUploadedFile("tor.pdf", b"MZ\x90\x00 not a pdf")})
        self.assertEqual(bad.status_code, 400)
        self.assertContains(bad, 'id="id_file_error"', status_code=400)

    def test_a_member_leaves_the_committee_with_a_reason_shown_in_its_history(self):
        committee = national_committee(self.cast)
        member = services.committee_member_create(
            actor=self.cast.nfp, committee=committee, institution=self.cast.labour, person_name="Tomas"
        )
        self.client.force_login(self.cast.nfp)
        edit_url = url("committee_member_edit", self.cast, pk=committee.pk, member_pk=member.pk)
        response = self.client.post(
            edit_url,
            {
                "institution": self.cast.labour.pk,
                "person_name": "Tomas",
                "sex": Sex.MALE,
                "member_role": "member",
                "reason": "Moved to another post",
            },
        )
        self.assertRedirects(response, committee.get_absolute_url())
        member.refresh_from_db()
        self.assertFalse(member.is_active)
        page = self.client.get(edit_url)
        self.assertContains(page, "committee_member.left")
        self.assertContains(page, "Moved to another post")

    def test_a_member_of_another_committee_is_not_found(self):
        committee = national_committee(self.cast)
        other = services.committee_create(
            actor=self.cast.nfp, process=self.cast.process, kind=CommitteeKind.CONSULTATIVE, name="Consultative"
        )
        member = services.committee_member_create(actor=self.cast.nfp, committee=other, institution=self.cast.health)
        self.client.force_login(self.cast.nfp)
        response = self.client.get(url("committee_member_edit", self.cast, pk=committee.pk, member_pk=member.pk))
        self.assertEqual(response.status_code, 404)

    def test_the_history_tab_shows_who_changed_what_and_why(self):
        committee = national_committee(self.cast)
        self.client.force_login(self.cast.nfp)
        self.client.post(
            url("committee_edit", self.cast, pk=committee.pk),
            {"kind": CommitteeKind.NATIONAL, "name": "Renamed committee", "reason": "Cabinet decree"},
        )
        response = self.client.get(url("committee_history", self.cast, pk=committee.pk))
        self.assertContains(response, "<del>National Migration and Development Committee</del>", html=True)
        self.assertContains(response, "<ins>Renamed committee</ins>", html=True)
        self.assertContains(response, "Cabinet decree")
        self.assertContains(response, "committee.updated")

    def test_development_partners_see_none_of_it(self):
        committee = national_committee(self.cast)
        meeting = held_meeting(self.cast, committee)
        point = action_point(self.cast, meeting)
        self.client.force_login(self.cast.donor)
        for page in (
            url("committee_list", self.cast),
            committee.get_absolute_url(),
            url("committee_history", self.cast, pk=committee.pk),
            meeting.get_absolute_url(),
            url("action_point_list", self.cast),
            point.get_absolute_url(),
            url("action_point_status", self.cast, pk=point.pk),
        ):
            with self.subTest(page=page):
                self.assertEqual(self.client.get(page).status_code, 403)

    def test_a_committee_of_another_process_is_not_found(self):
        theirs = services.committee_create(
            actor=self.cast.outsider, process=self.cast.other_process, kind=CommitteeKind.NATIONAL, name="Theirs"
        )
        self.client.force_login(self.cast.nfp)
        self.assertEqual(self.client.get(url("committee_detail", self.cast, pk=theirs.pk)).status_code, 404)
        self.assertEqual(self.client.post(url("committee_edit", self.cast, pk=theirs.pk)).status_code, 404)


class MeetingPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.committee = national_committee(cls.cast)

    def setUp(self):
        self.client.force_login(self.cast.nfp)

    def test_recording_a_meeting_then_its_minutes(self):
        response = self.client.post(
            url("meeting_create", self.cast, pk=self.committee.pk),
            {"held_on": TODAY.isoformat(), "place": "Room 4", "agenda": "ToR\nWork plan", "status": "held"},
        )
        meeting = Meeting.objects.get()
        self.assertRedirects(response, meeting.get_absolute_url())
        response = self.client.post(
            url("meeting_edit", self.cast, pk=meeting.pk),
            {
                "held_on": TODAY.isoformat(),
                "place": "Room 4",
                "agenda": "ToR\nWork plan",
                "minutes": "The committee agreed its work plan.",
                "status": "held",
                "reason": "Minutes approved",
            },
        )
        self.assertRedirects(response, meeting.get_absolute_url())
        page = self.client.get(meeting.get_absolute_url())
        self.assertContains(page, "The committee agreed its work plan.")
        self.assertContains(page, "<li>Work plan</li>", html=True)
        self.assertContains(page, "Build the minutes (PDF)")

    def test_a_meeting_held_in_the_future_is_refused_beside_the_status(self):
        response = self.client.post(
            url("meeting_create", self.cast, pk=self.committee.pk),
            {"held_on": (TODAY + timedelta(days=9)).isoformat(), "status": "held"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("status", response.context["form"].errors)
        self.assertFalse(Meeting.objects.exists())

    def test_a_bad_date_is_shown_beside_the_field(self):
        response = self.client.post(
            url("meeting_create", self.cast, pk=self.committee.pk), {"held_on": "31/02/2026", "status": "planned"}
        )
        self.assertContains(response, 'id="id_held_on_error"', status_code=400)

    def test_the_meeting_page_shows_attendance_by_sex_decisions_and_overdue_action_points(self):
        meeting = held_meeting(self.cast, self.committee, days_ago=40)
        services.attendance_record(
            actor=self.cast.nfp,
            meeting=meeting,
            rows=[
                services.AttendanceRow(key=0, data={"person_name": "Ama", "institution": None, "sex": Sex.FEMALE}),
                services.AttendanceRow(key=1, data={"person_name": "Kofi", "institution": None, "sex": Sex.MALE}),
                services.AttendanceRow(key=2, data={"person_name": "Efua", "institution": None, "sex": Sex.FEMALE}),
            ],
        )
        services.decision_create(actor=self.cast.nfp, meeting=meeting, text="The work plan is endorsed.")
        action_point(self.cast, meeting, due_in_days=-2, description="Late report")
        self.client.force_login(self.cast.own)
        response = self.client.get(meeting.get_absolute_url())
        self.assertContains(response, "Female: <strong>2</strong> · Male: <strong>1</strong>")
        self.assertContains(response, "Total: <strong>3</strong>")
        self.assertContains(response, "The work plan is endorsed.")
        self.assertContains(response, '<tr class="overdue">')
        self.assertContains(response, "Overdue")
        # A ministry reads; it neither records nor builds the minutes.
        self.assertNotContains(response, url("meeting_attendance", self.cast, pk=meeting.pk))
        self.assertNotContains(response, "Build the minutes (PDF)")

    def test_the_decision_form(self):
        meeting = held_meeting(self.cast, self.committee)
        response = self.client.post(url("decision_create", self.cast, pk=meeting.pk), {"text": "Adopt the ToR."})
        self.assertRedirects(response, meeting.get_absolute_url())
        empty = self.client.post(url("decision_create", self.cast, pk=meeting.pk), {"text": ""})
        self.assertContains(empty, 'id="id_text_error"', status_code=400)


class AttendanceFormsetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.meeting = held_meeting(cls.cast)

    def setUp(self):
        self.client.force_login(self.cast.nfp)
        self.url = url("meeting_attendance", self.cast, pk=self.meeting.pk)

    def management(self, total, initial):
        return {
            "attendance-TOTAL_FORMS": str(total),
            "attendance-INITIAL_FORMS": str(initial),
            "attendance-MIN_NUM_FORMS": "0",
            "attendance-MAX_NUM_FORMS": "1000",
        }

    def test_adding_changing_and_removing_attendees(self):
        data = self.management(3, 0) | {
            "attendance-0-person_name": "Amara Okafor",
            "attendance-0-institution": str(self.cast.health.pk),
            "attendance-0-sex": Sex.FEMALE,
            "attendance-1-person_name": "Tomas Veres",
            "attendance-1-institution": str(self.cast.labour.pk),
            "attendance-1-sex": Sex.MALE,
            "attendance-2-person_name": "",
            "attendance-2-institution": "",
            "attendance-2-sex": Sex.NOT_STATED,
        }
        response = self.client.post(self.url, data)
        self.assertRedirects(response, self.meeting.get_absolute_url())
        amara, tomas = self.meeting.attendance.order_by("person_name")

        page = self.client.get(self.url)
        self.assertEqual(len(page.context["formset"].forms), 5)  # two attendees and three empty rows
        self.assertContains(page, 'aria-label="Person, row 1"')

        data = self.management(3, 2) | {
            "attendance-0-id": str(amara.pk),
            "attendance-0-person_name": "Amara Okafor",
            "attendance-0-institution": str(self.cast.health.pk),
            "attendance-0-sex": Sex.FEMALE,
            "attendance-0-DELETE": "on",
            "attendance-1-id": str(tomas.pk),
            "attendance-1-person_name": "Tomas Veres",
            "attendance-1-institution": str(self.cast.health.pk),
            "attendance-1-sex": Sex.MALE,
            "attendance-2-person_name": "Lina Haddad",
            "attendance-2-institution": str(self.cast.health.pk),
            "attendance-2-sex": Sex.FEMALE,
            "reason": "Corrected from the signed list",
        }
        response = self.client.post(self.url, data)
        self.assertRedirects(response, self.meeting.get_absolute_url())
        self.assertEqual(
            list(self.meeting.attendance.order_by("person_name").values_list("person_name", "institution")),
            [("Lina Haddad", self.cast.health.pk), ("Tomas Veres", self.cast.health.pk)],
        )
        page = self.client.get(self.url)
        self.assertContains(page, "Removed from the list")
        self.assertContains(page, "attendance.removed")
        self.assertContains(page, "Corrected from the signed list")

    def test_errors_come_back_beside_the_row_and_nothing_is_saved(self):
        data = self.management(2, 0) | {
            "attendance-0-person_name": "Amara Okafor",
            "attendance-0-institution": str(self.cast.health.pk),
            "attendance-0-sex": Sex.FEMALE,
            "attendance-1-person_name": "Amara Okafor",
            "attendance-1-institution": str(self.cast.health.pk),
            "attendance-1-sex": Sex.FEMALE,
        }
        response = self.client.post(self.url, data)
        self.assertEqual(response.status_code, 400)
        forms = response.context["formset"].forms
        self.assertEqual(forms[0].errors, {})
        self.assertEqual(forms[1].errors["person_name"], ["This person is already on the attendance list."])
        self.assertContains(response, 'id="id_attendance-1-person_name_error"', status_code=400)
        self.assertContains(response, 'value="Amara Okafor"', count=2, status_code=400)
        self.assertFalse(self.meeting.attendance.exists())

    def test_a_row_without_a_name_is_refused(self):
        data = self.management(1, 0) | {
            "attendance-0-person_name": "",
            "attendance-0-institution": str(self.cast.health.pk),
            "attendance-0-sex": Sex.FEMALE,
        }
        response = self.client.post(self.url, data)
        self.assertContains(response, 'id="id_attendance-0-person_name_error"', status_code=400)

    def test_a_row_removed_meanwhile_is_reported_not_a_crash(self):
        data = self.management(1, 1) | {
            "attendance-0-id": "999999",
            "attendance-0-person_name": "Ghost",
            "attendance-0-institution": "",
            "attendance-0-sex": Sex.MALE,
        }
        response = self.client.post(self.url, data)
        self.assertContains(response, "This row was changed or removed meanwhile; reload the page.", status_code=400)

    def test_a_ministry_cannot_change_the_attendance(self):
        self.client.force_login(self.cast.own)
        self.assertEqual(self.client.get(self.url).status_code, 403)
        self.assertEqual(self.client.post(self.url, self.management(0, 0)).status_code, 403)


class ActionPointPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.meeting = held_meeting(cls.cast)

    def test_the_nfp_adds_an_action_point_for_a_ministry(self):
        decision = services.decision_create(actor=self.cast.nfp, meeting=self.meeting, text="Gather the data.")
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            url("action_point_create", self.cast, pk=self.meeting.pk),
            {
                "description": "Send the recruitment data.",
                "owner": self.cast.labour.pk,
                "due_on": (TODAY + timedelta(days=10)).isoformat(),
                "decision": decision.pk,
            },
        )
        self.assertRedirects(response, self.meeting.get_absolute_url())
        point = ActionPoint.objects.get()
        self.assertEqual((point.owner, point.decision, point.process), (self.cast.labour, decision, self.cast.process))

    def test_an_action_point_due_before_its_meeting_is_refused_beside_the_date(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            url("action_point_create", self.cast, pk=self.meeting.pk),
            {"description": "Too late", "owner": self.cast.labour.pk, "due_on": "2000-01-01"},
        )
        self.assertContains(response, 'id="id_due_on_error"', status_code=400)
        self.assertFalse(ActionPoint.objects.exists())

    def test_the_owner_ministry_marks_it_done_and_another_ministry_cannot(self):
        point = action_point(self.cast, self.meeting, owner=self.cast.labour)
        status_url = url("action_point_status", self.cast, pk=point.pk)

        self.client.force_login(self.cast.own)  # health
        self.assertNotContains(self.client.get(point.get_absolute_url()), status_url)
        self.assertEqual(self.client.get(status_url).status_code, 403)
        self.assertEqual(self.client.post(status_url, {"status": "done"}).status_code, 403)

        self.client.force_login(self.cast.facilitator)
        self.assertEqual(self.client.post(status_url, {"status": "done"}).status_code, 403)

        self.client.force_login(self.cast.other)  # labour, the owner
        self.assertContains(self.client.get(point.get_absolute_url()), status_url)
        response = self.client.post(status_url, {"status": "done", "note": "Sent on 3 May."})
        self.assertRedirects(response, point.get_absolute_url())
        point.refresh_from_db()
        self.assertEqual(point.status, ActionStatus.DONE)
        history = self.client.get(url("action_point_history", self.cast, pk=point.pk))
        self.assertContains(history, "action_point.done")
        self.assertContains(history, "Sent on 3 May.")

    def test_a_bad_status_is_shown_beside_the_field(self):
        point = action_point(self.cast, self.meeting, owner=self.cast.labour)
        self.client.force_login(self.cast.other)
        response = self.client.post(url("action_point_status", self.cast, pk=point.pk), {"status": "forgotten"})
        self.assertContains(response, 'id="id_status_error"', status_code=400)

    def test_changing_the_owner_moves_the_right_to_update(self):
        point = action_point(self.cast, self.meeting, owner=self.cast.labour)
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            url("action_point_edit", self.cast, pk=point.pk),
            {
                "description": point.description,
                "owner": self.cast.health.pk,
                "due_on": point.due_on.isoformat(),
                "reason": "Health leads",
            },
        )
        self.assertRedirects(response, point.get_absolute_url())
        status_url = url("action_point_status", self.cast, pk=point.pk)
        self.client.force_login(self.cast.other)
        self.assertEqual(self.client.get(status_url).status_code, 403)
        self.client.force_login(self.cast.own)
        self.assertEqual(self.client.get(status_url).status_code, 200)

    def test_the_list_filters_and_offers_a_ministry_its_own(self):
        mine = action_point(self.cast, self.meeting, owner=self.cast.health, description="Health task")
        action_point(self.cast, self.meeting, owner=self.cast.labour, description="Labour task")
        action_point(self.cast, self.meeting, owner=self.cast.labour, description="Late labour task", due_in_days=-1)
        self.client.force_login(self.cast.own)
        list_url = url("action_point_list", self.cast)
        response = self.client.get(list_url)
        self.assertContains(response, f"{list_url}?owner={self.cast.health.pk}")
        self.assertEqual(len(response.context["action_points"]), 3)
        response = self.client.get(list_url, {"owner": self.cast.health.pk})
        self.assertEqual(response.context["action_points"], [mine])
        # Health may update its own action point from the list, not labour's.
        self.assertContains(response, url("action_point_status", self.cast, pk=mine.pk))
        response = self.client.get(list_url, {"overdue": "on"})
        self.assertEqual([p.description for p in response.context["action_points"]], ["Late labour task"])
        response = self.client.get(list_url, {"status": "done"})
        self.assertContains(response, "No action point matches this filter.")
        # An unknown filter value is ignored, not an error.
        self.assertEqual(self.client.get(list_url, {"owner": "999999", "status": "nonsense"}).status_code, 200)

    def test_the_nfp_sees_no_my_institution_link(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(url("action_point_list", self.cast))
        self.assertIsNone(response.context["my_institution"])


class DashboardPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.meeting = held_meeting(cls.cast, days_ago=60)
        cls.later = action_point(cls.cast, cls.meeting, owner=cls.cast.labour, description="Later task", due_in_days=9)
        cls.late = action_point(cls.cast, cls.meeting, owner=cls.cast.labour, description="Late task", due_in_days=-5)
        done = action_point(cls.cast, cls.meeting, owner=cls.cast.labour, description="Done task", due_in_days=-9)
        services.action_point_set_status(actor=cls.cast.nfp, action_point=done, status=ActionStatus.DONE)
        action_point(cls.cast, cls.meeting, owner=cls.cast.health, description="Health task", due_in_days=4)

    def dashboard(self, user):
        self.client.force_login(user)
        return self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))

    def test_the_owner_ministry_sees_its_open_action_points_overdue_first_on_its_home_page(self):
        response = self.dashboard(self.cast.other)
        self.assertContains(response, "For you")
        self.assertContains(response, "Action points of MoL")
        content = response.content.decode()
        panel = content[content.index('id="my-action-points"') :]
        self.assertLess(panel.index("Late task"), panel.index("Later task"))
        self.assertNotIn("Done task", panel[: panel.index("</section>")])
        self.assertNotIn("Health task", panel[: panel.index("</section>")])
        self.assertIn('<li class="overdue">', panel)
        self.assertIn(url("action_point_status", self.cast, pk=self.late.pk), panel)

    def test_others_get_no_personal_panel(self):
        for user in (self.cast.nfp, self.cast.facilitator, self.cast.donor):
            with self.subTest(user=user.username):
                self.assertNotContains(self.dashboard(user), 'id="my-action-points"')

    def test_a_ministry_without_open_action_points_gets_no_personal_panel(self):
        services.action_point_set_status(
            actor=self.cast.nfp,
            action_point=ActionPoint.objects.get(description="Health task"),
            status=ActionStatus.CANCELLED,
        )
        self.assertNotContains(self.dashboard(self.cast.own), 'id="my-action-points"')

    def test_the_overdue_panel_shows_to_internal_readers_only(self):
        for user in (self.cast.nfp, self.cast.own, self.cast.facilitator):
            with self.subTest(user=user.username):
                response = self.dashboard(user)
                self.assertContains(response, "Overdue action points")
                self.assertContains(response, "1 action point is past its due date.")
        response = self.dashboard(self.cast.donor)
        self.assertNotContains(response, "Overdue action points")
        self.assertNotContains(response, "Late task")

    def test_the_phase_links_to_the_committees_and_action_points(self):
        response = self.dashboard(self.cast.own)
        self.assertContains(response, url("committee_list", self.cast))
        self.assertContains(response, url("action_point_list", self.cast))
        self.assertNotContains(self.dashboard(self.cast.donor), url("committee_list", self.cast))


class MinutesRequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.meeting = held_meeting(cls.cast)

    def test_the_button_queues_a_minutes_report_and_leads_to_its_page(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.post(url("meeting_minutes_pdf", self.cast, pk=self.meeting.pk))
        report = Report.objects.get()
        self.assertRedirects(response, report.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual((report.kind, report.parameters["meeting"]), ("meeting_minutes", self.meeting.pk))
        self.assertEqual(report.kind_label, "Meeting minutes")

    def test_ministries_cannot_build_the_minutes(self):
        self.client.force_login(self.cast.own)
        response = self.client.post(url("meeting_minutes_pdf", self.cast, pk=self.meeting.pk))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Report.objects.exists())

    def test_a_meeting_of_another_process_is_not_found(self):
        theirs = services.meeting_create(
            actor=self.cast.outsider,
            committee=services.committee_create(
                actor=self.cast.outsider, process=self.cast.other_process, kind=CommitteeKind.NATIONAL, name="Theirs"
            ),
            held_on=TODAY,
            status=MeetingStatus.HELD,
        )
        self.client.force_login(self.cast.nfp)
        response = self.client.post(url("meeting_minutes_pdf", self.cast, pk=theirs.pk))
        self.assertEqual(response.status_code, 404)
