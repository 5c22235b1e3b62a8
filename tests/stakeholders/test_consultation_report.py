"""
The "institutional set-up and consultation" PDF, the dashboard panel and phase pages, and what development
partners may see: none of the pages, only the PDF once the NFP has published it.
"""

import io
from datetime import date
from pathlib import Path
from unittest import mock

import pypdf
from django.conf import settings
from django.template.loader import render_to_string
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mainstreaming import charts, report_kinds, services
from mainstreaming.choices import BuildStatus
from mainstreaming.models import Report
from stakeholders.choices import ActionStatus, CommitteeKind, EngagementLevel, MeetingStatus, MemberRole, Sex
from stakeholders.demo.consultation import load_reference
from stakeholders.models import (
    ActionPoint,
    Attendance,
    CapacityArea,
    Committee,
    CommitteeMember,
    EventKind,
    Meeting,
    MeetingDecision,
)
from stakeholders.reports.consultation import INSTITUTIONAL_SETUP, institutional_setup_context
from stakeholders.services import consultation as consultation_services
from tests.cast import make_cast

SECTIONS = (
    "Committees and members",
    "Meetings, decisions and action points",
    "Awareness-raising and consultation events",
    "Capacity development",
    "Stakeholder map",
)


def fill(cast):
    """A little of everything the report prints; the committees are made directly (another area's services)."""
    load_reference()
    nfp = cast.nfp
    committee = Committee.objects.create(
        process=cast.process, kind=CommitteeKind.NATIONAL, name="Zenith Migration Committee", chair_name="A. Chair"
    )
    CommitteeMember.objects.create(
        committee=committee,
        institution=cast.labour,
        person_name="Tomas Veres",
        sex=Sex.MALE,
        member_role=MemberRole.CHAIR,
    )
    meeting = Meeting.objects.create(
        process=cast.process, committee=committee, held_on=date(2026, 2, 1), status=MeetingStatus.HELD
    )
    Attendance.objects.create(meeting=meeting, person_name="Lina Haddad", institution=cast.health, sex=Sex.FEMALE)
    decision = MeetingDecision.objects.create(meeting=meeting, text="Adopt the terms of reference")
    ActionPoint.objects.create(
        process=cast.process,
        meeting=meeting,
        decision=decision,
        description="Circulate the work plan",
        owner=cast.labour,
        due_on=date(2026, 3, 1),
        status=ActionStatus.OPEN,
    )
    event = consultation_services.event_create(
        actor=nfp,
        process=cast.process,
        kind=EventKind.objects.get(code="consultation"),
        title="Quorvale consultation with diaspora associations",
        held_on=date(2026, 3, 10),
        organiser=cast.health,
    )
    consultation_services.event_participation_set(
        actor=nfp, event=event, counts={"diaspora": {"female": 7, "male": 5, "not_stated": 1}}
    )
    need = consultation_services.capacity_need_create(
        actor=nfp,
        process=cast.process,
        institution=cast.health,
        area=CapacityArea.objects.get(code="data-analysis"),
        description="Survey data",
    )
    consultation_services.capacity_need_create(
        actor=nfp,
        process=cast.process,
        institution=cast.labour,
        area=CapacityArea.objects.get(code="negotiation"),
        description="Bilateral agreements",
    )
    consultation_services.capacity_activity_create(
        actor=nfp,
        process=cast.process,
        kind="training",
        title="Data training",
        held_on=date(2026, 4, 1),
        participants_female=3,
        participants_male=1,
        needs=[need],
    )
    consultation_services.stakeholder_profile_save(
        actor=nfp, institution=cast.health, interest=4, influence=4, engagement=EngagementLevel.COLLABORATE
    )


class InstitutionalSetupReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        fill(cls.cast)

    def build(self):
        with self.captureOnCommitCallbacks(execute=True):
            report = services.report_request(actor=self.cast.nfp, process=self.cast.process, kind=INSTITUTIONAL_SETUP)
        report.refresh_from_db()
        self.assertEqual(report.status, BuildStatus.DONE, report.error)
        return report

    def test_it_is_a_listed_kind_offered_on_the_dashboard(self):
        self.assertIn(INSTITUTIONAL_SETUP, {spec.kind for spec in report_kinds.listed()})
        self.client.force_login(self.cast.nfp)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertContains(response, "Build the institutional set-up and consultation (PDF)")

    def test_the_pdf_builds_and_reads_back_its_sections_an_event_and_a_committee(self):
        report = self.build()
        self.assertGreaterEqual(report.page_count, 6)
        reader = pypdf.PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        for title in SECTIONS:
            self.assertIn(title, text)
        self.assertIn("Quorvale consultation with diaspora associations", text)
        self.assertIn("Zenith Migration Committee", text)
        self.assertIn("Adopt the terms of reference", text)
        self.assertIn("Circulate the work plan", text)
        self.assertIn("1 of 2 need covered by an activity", text.replace("needs", "need"))

    def test_the_pdf_context_totals_participation_by_sex(self):
        context = institutional_setup_context(Report(process=self.cast.process), timezone.now())
        totals = context["event_totals"]
        self.assertEqual((totals.female, totals.male, totals.not_stated, totals.total), (7, 5, 1, 13))
        self.assertEqual([committee.name for committee in context["committees"]], ["Zenith Migration Committee"])
        self.assertEqual(context["meetings"][0].attendance_by_sex.female, 1)
        self.assertEqual((context["covered_count"], context["need_count"]), (1, 2))

    def test_the_map_on_screen_and_in_the_pdf_is_drawn_by_the_same_function(self):
        self.client.force_login(self.cast.nfp)
        with mock.patch.object(charts, "interest_influence_matrix", wraps=charts.interest_influence_matrix) as drawing:
            screen = self.client.get(reverse("stakeholders:stakeholder_map", args=[self.cast.process.pk]))
            self.assertEqual(drawing.call_count, 1)
            paper = institutional_setup_context(Report(process=self.cast.process), timezone.now())
            self.assertEqual(drawing.call_count, 2)
        self.assertEqual(str(screen.context["map_chart"]), str(paper["map_chart"]))
        self.assertIn(">MoH</text>", str(paper["map_chart"]))

    def test_the_pdf_reads_and_renders_its_data_in_a_fixed_number_of_queries(self):
        report = Report(process=self.cast.process, requested_by=self.cast.nfp)

        def read_and_render():
            context = {"report": report, "process": report.process, "data_read_at": timezone.now()}
            context |= institutional_setup_context(report, context["data_read_at"])
            return render_to_string("pdf/institutional_setup.html", context)

        with self.assertNumQueries(15):
            read_and_render()
        fill_more(self.cast)
        with self.assertNumQueries(15):
            html = read_and_render()
        self.assertIn("Briefing 4", html)


def fill_more(cast):
    kind = EventKind.objects.get(code="briefing")
    for i in range(5):
        event = consultation_services.event_create(
            actor=cast.nfp, process=cast.process, kind=kind, title=f"Briefing {i}", held_on=date(2026, 5, i + 1)
        )
        event.target_institutions.set([cast.health, cast.labour])
        consultation_services.event_participation_set(
            actor=cast.nfp, event=event, counts={"media": {"female": 1, "male": 1, "not_stated": 0}}
        )
    committee = Committee.objects.create(process=cast.process, kind=CommitteeKind.CONSULTATIVE, name="Consultative")
    for i in range(3):
        CommitteeMember.objects.create(committee=committee, institution=cast.health, person_name=f"Member {i}")
        meeting = Meeting.objects.create(process=cast.process, committee=committee, held_on=date(2026, 6, i + 1))
        MeetingDecision.objects.create(meeting=meeting, text=f"Decision {i}")
        Attendance.objects.create(meeting=meeting, person_name=f"Person {i}", sex=Sex.MALE)


class PartnersTests(TestCase):
    """Development partners see none of the consultation area's pages, only the PDF the NFP publishes."""

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        fill(cls.cast)

    def pages(self):
        from stakeholders.models import CapacityActivity, CapacityNeed, Event

        process = self.cast.process.pk
        event = Event.objects.get().pk
        need = CapacityNeed.objects.first().pk
        activity = CapacityActivity.objects.get().pk
        health = self.cast.health.pk
        return [
            ("event_list", [process]),
            ("event_create", [process]),
            ("event_detail", [process, event]),
            ("event_edit", [process, event]),
            ("event_history", [process, event]),
            ("event_participation", [process, event]),
            ("event_document_upload", [process, event]),
            ("capacity_overview", [process]),
            ("capacity_need_create", [process]),
            ("capacity_need_edit", [process, need]),
            ("capacity_need_history", [process, need]),
            ("capacity_activity_create", [process]),
            ("capacity_activity_detail", [process, activity]),
            ("capacity_activity_edit", [process, activity]),
            ("capacity_activity_history", [process, activity]),
            ("stakeholder_map", [process]),
            ("stakeholder_profile_edit", [process, health]),
            ("stakeholder_profile_history", [process, health]),
        ]

    def test_a_partner_gets_403_on_every_page_and_no_panel_or_link(self):
        self.client.force_login(self.cast.donor)
        for name, args in self.pages():
            with self.subTest(page=name):
                self.assertEqual(self.client.get(reverse(f"stakeholders:{name}", args=args)).status_code, 403)
        dashboard = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertNotContains(dashboard, "Events and capacity")
        self.assertNotContains(dashboard, reverse("stakeholders:event_list", args=[self.cast.process.pk]))
        self.assertNotContains(dashboard, "Build the institutional set-up")

    def test_a_partner_downloads_the_pdf_only_once_the_nfp_has_published_it(self):
        with self.captureOnCommitCallbacks(execute=True):
            report = services.report_request(actor=self.cast.nfp, process=self.cast.process, kind=INSTITUTIONAL_SETUP)
        download = reverse("mainstreaming:report_download", args=[self.cast.process.pk, report.pk])
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(download).status_code, 404)

        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("mainstreaming:report_publish", args=[self.cast.process.pk, report.pk]), {"reason": "For partners"}
        )
        self.assertEqual(response.status_code, 302)

        self.client.force_login(self.cast.donor)
        response = self.client.get(download)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        listing = self.client.get(reverse("mainstreaming:report_list", args=[self.cast.process.pk]))
        self.assertContains(listing, "Institutional set-up and consultation")


class DashboardTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        fill(cls.cast)

    def test_the_awareness_card_counts_events_participants_by_sex_and_needs_covered(self):
        self.client.force_login(self.cast.own)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertContains(response, "1 event, 13 participants: 7 women, 5 men.")
        self.assertContains(response, "Capacity needs covered: 1 of 2.")
        for name in ("event_list", "capacity_overview", "stakeholder_map"):
            self.assertContains(response, reverse(f"stakeholders:{name}", args=[self.cast.process.pk]))

    def test_the_phase_page_links_the_three_pages(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(reverse("mainstreaming:phase_detail", args=[self.cast.process.pk, "awareness"]))
        for label in ("Events", "Capacity development", "Stakeholder map"):
            self.assertContains(response, f">{label}</a>")

    def test_the_panel_costs_two_queries_whatever_the_size(self):
        from django.test import RequestFactory

        from mainstreaming import permissions
        from stakeholders.panels.consultation import awareness_panel

        request = RequestFactory().get("/")
        request.user = self.cast.nfp
        permissions.process_perms(request, self.cast.process)  # the dashboard has read the user's rights already
        with self.assertNumQueries(2):
            small = awareness_panel(process=self.cast.process, request=request)
        fill_more(self.cast)
        with self.assertNumQueries(2):
            large = awareness_panel(process=self.cast.process, request=request)
        self.assertEqual((small["event_count"], large["event_count"]), (1, 6))
        self.assertEqual(large["participants"].total, 13 + 10)

        request.user = self.cast.donor
        permissions.process_perms(request, self.cast.process)
        self.assertIsNone(awareness_panel(process=self.cast.process, request=request))
