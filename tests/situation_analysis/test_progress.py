"""
Where the sector checklists stand: counted per sector and per lead institution (assigned, in draft, submitted,
approved, overdue, not assigned) on the situation-analysis card of the dashboard, for internal readers only; the
"For you" panel with a ministry's checklists to answer and comment on, and the reviewers' queue; the phase's pages.
Each panel costs the same few queries however many checklists there are.
"""

from datetime import timedelta

from django.test import RequestFactory, TestCase
from django.urls import reverse
from django.utils import timezone

from mainstreaming import permissions as core_permissions
from mainstreaming.phases import phase_pages
from situation_analysis.choices import AssignmentStatus
from situation_analysis.models import Assignment
from situation_analysis.panels.analysis import checklists_for_you_panel, situation_panel
from situation_analysis.selectors.progress import progress
from situation_analysis.services import assignments as services
from tests.cast import make_cast
from tests.situation_analysis.test_assignments import make_checklist

TODAY = timezone.localdate()
LATE = TODAY - timedelta(days=3)
SOON = TODAY + timedelta(days=10)


def assign(cast, code, sector, lead, *, status=AssignmentStatus.ASSIGNED, due_on=SOON, contributors=()):
    """A checklist of `sector` given to `lead`, put straight into `status` with the due date `due_on`."""
    checklist = make_checklist(cast, code, sector=sector, per_block=1)
    assignment = services.assignment_create(
        actor=cast.nfp, checklist=checklist, lead=lead, due_on=SOON, contributors=list(contributors)
    )
    submitted_at = timezone.now() if status in (AssignmentStatus.SUBMITTED, AssignmentStatus.APPROVED) else None
    Assignment.objects.filter(pk=assignment.pk).update(status=status, due_on=due_on, submitted_at=submitted_at)
    return Assignment.objects.get(pk=assignment.pk)


def fill(cast):
    """
    Health sector: PH1 (Health, assigned, overdue), PH2 (Health, in draft), PH3 (nobody yet).
    Labour sector: PL1 (Labour, submitted after its due date: not overdue), PL2 (Labour, approved),
    PL3 (Health leads, Labour contributes, in draft, overdue).
    """
    health, labour = "sap-health", "sap-labour"
    assign(cast, "PH1", health, cast.health, due_on=LATE)
    assign(cast, "PH2", health, cast.health, status=AssignmentStatus.DRAFT)
    make_checklist(cast, "PH3", sector=health, per_block=1)
    assign(cast, "PL1", labour, cast.labour, status=AssignmentStatus.SUBMITTED, due_on=LATE)
    assign(cast, "PL2", labour, cast.labour, status=AssignmentStatus.APPROVED)
    assign(cast, "PL3", labour, cast.health, status=AssignmentStatus.DRAFT, due_on=LATE, contributors=[cast.labour])


def grow(cast, size):
    """`size` more checklists in new sectors, given to the two ministries in every status."""
    statuses = AssignmentStatus.values
    for i in range(size):
        sector = f"sap-grow-{i % 4}"
        if i % 5 == 0:
            make_checklist(cast, f"PG{i}", sector=sector, per_block=1)
            continue
        lead = cast.health if i % 2 else cast.labour
        assign(cast, f"PG{i}", sector, lead, status=statuses[i % 4], due_on=LATE if i % 3 else SOON)


def counts(row):
    return {
        name: getattr(row, name)
        for name in ("checklists", "unassigned", "assigned", "draft", "submitted", "approved", "overdue")
    }


def panel_request(user, process):
    request = RequestFactory().get("/")
    request.user = user
    core_permissions.process_perms(request, process)  # the dashboard has read the user's rights already
    return request


class ProgressSelectorTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        fill(cls.cast)

    def test_it_counts_each_sector_by_status_with_the_checklists_nobody_has_yet(self):
        result = progress(process=self.cast.process)
        self.assertEqual([row.name for row in result.sectors], ["Sap-Health", "Sap-Labour"])
        health, labour = result.sectors
        self.assertEqual(
            counts(health),
            dict(checklists=3, unassigned=1, assigned=1, draft=1, submitted=0, approved=0, overdue=1),
        )
        self.assertEqual(
            counts(labour),
            dict(checklists=3, unassigned=0, assigned=0, draft=1, submitted=1, approved=1, overdue=1),
        )

    def test_it_counts_each_lead_institution_and_the_whole_process(self):
        result = progress(process=self.cast.process)
        self.assertEqual([row.label for row in result.institutions], ["MoH", "MoL"])
        health, labour = result.institutions
        self.assertEqual(
            counts(health),
            dict(checklists=3, unassigned=0, assigned=1, draft=2, submitted=0, approved=0, overdue=2),
        )
        self.assertEqual(
            counts(labour),
            dict(checklists=2, unassigned=0, assigned=0, draft=0, submitted=1, approved=1, overdue=0),
        )
        self.assertEqual(
            counts(result.total),
            dict(checklists=6, unassigned=1, assigned=1, draft=2, submitted=1, approved=1, overdue=2),
        )
        self.assertEqual(result.total.given, 5)

    def test_a_checklist_is_overdue_only_while_open_and_past_its_date(self):
        self.assertEqual(progress(process=self.cast.process, today=LATE).total.overdue, 0)
        self.assertEqual(progress(process=self.cast.process, today=SOON + timedelta(days=1)).total.overdue, 3)

    def test_another_process_counts_nothing_of_this_one(self):
        result = progress(process=self.cast.other_process)
        self.assertEqual((result.sectors, result.institutions, result.total.checklists), ([], [], 0))

    def test_it_costs_one_query_whatever_the_number_of_checklists(self):
        with self.assertNumQueries(1):
            progress(process=self.cast.process)
        grow(self.cast, 20)
        with self.assertNumQueries(1):
            result = progress(process=self.cast.process)
        self.assertEqual(result.total.checklists, 26)
        self.assertEqual(len(result.sectors), 6)


class DashboardPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        fill(cls.cast)

    def dashboard(self, user):
        self.client.force_login(user)
        return self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))

    def test_internal_readers_see_the_progress_by_sector_and_institution_with_the_overdue_flagged(self):
        list_url = reverse("situation_analysis:assignment_list", args=[self.cast.process.pk])
        for user in (self.cast.nfp, self.cast.own, self.cast.other, self.cast.facilitator):
            with self.subTest(user=user.username):
                response = self.dashboard(user)
                self.assertContains(response, "Checklists by sector")
                self.assertContains(response, "Checklists by lead institution")
                self.assertContains(response, "5 of 6 checklists assigned, 1 approved.")
                self.assertContains(response, "2 are overdue.")
                self.assertContains(response, f'href="{list_url}?institution={self.cast.health.pk}"')
                self.assertContains(response, f'href="{list_url}?status=submitted"')
                content = response.content.decode()
                table = content[content.index("Checklists by lead institution</caption>") :]
                health_row = table[: table.index("</tr>", table.index(">MoH<"))]
                self.assertIn('<tr class="overdue">', health_row[health_row.rindex("<tr") :])
                self.assertIn('<span class="badge badge-failed">2</span>', health_row)

    def test_development_partners_see_no_progress(self):
        response = self.dashboard(self.cast.donor)
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Checklists by sector")
        self.assertNotContains(response, "overdue")
        request = panel_request(self.cast.donor, self.cast.process)
        self.assertIsNone(situation_panel(process=self.cast.process, request=request))

    def test_a_process_without_checklists_shows_no_table(self):
        self.client.force_login(self.cast.outsider)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.other_process.pk]))
        self.assertContains(response, "No sector checklist adopted yet.")
        self.assertNotContains(response, "Checklists by sector")

    def test_the_panel_costs_three_queries_whatever_the_size(self):
        request = panel_request(self.cast.nfp, self.cast.process)
        with self.assertNumQueries(3):
            small = situation_panel(process=self.cast.process, request=request)
        grow(self.cast, 20)
        with self.assertNumQueries(3):
            large = situation_panel(process=self.cast.process, request=request)
        self.assertEqual((small["progress"].total.checklists, large["progress"].total.checklists), (6, 26))

    def test_the_dashboard_costs_the_same_queries_with_more_checklists(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def queries(user):
            self.dashboard(user)  # log in, warm up the session and the content types
            url = reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk])
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.client.get(url).status_code, 200)
            return len(captured)

        users = (self.cast.nfp, self.cast.own, self.cast.other)
        small = [queries(user) for user in users]
        grow(self.cast, 20)
        self.assertEqual([queries(user) for user in users], small)
        from tests.mainstreaming.test_query_budget import PAGES

        self.assertLessEqual(max(small), PAGES["process_dashboard"][1])


class ForYouPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        fill(cls.cast)

    def dashboard(self, user):
        self.client.force_login(user)
        return self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))

    def panel(self, response, panel_id):
        content = response.content.decode()
        start = content.index(f'id="{panel_id}"')
        return content[start : content.index("</section>", start)]

    def test_a_ministry_sees_the_checklists_it_leads_soonest_first_with_the_overdue_flagged(self):
        panel = self.panel(self.dashboard(self.cast.own), "my-checklists")
        self.assertIn("Checklists of MoH", panel)
        self.assertIn("3 checklists to answer.", panel)
        self.assertIn("2 are overdue.", panel)
        self.assertLess(panel.index("PH1 "), panel.index("PH2 "))
        self.assertLess(panel.index("PL3 "), panel.index("PH2 "))
        self.assertEqual(panel.count('<li class="overdue">'), 2)
        self.assertNotIn("PH3", panel)  # not assigned
        self.assertNotIn("PL1", panel)  # another ministry's

    def test_a_contributing_ministry_sees_the_checklists_it_comments_on(self):
        panel = self.panel(self.dashboard(self.cast.other), "my-checklists")
        self.assertIn("Checklists of MoL", panel)
        self.assertNotIn("to answer", panel)  # its own are submitted or approved
        self.assertIn("1 checklist to comment on, led by another institution:", panel)
        self.assertIn("PL3 ", panel)
        self.assertIn("led by MoH", panel)
        self.assertNotIn("PL1", panel)
        self.assertNotIn("PL2", panel)

    def test_the_reviewers_see_the_checklists_awaiting_their_review(self):
        pl1 = Assignment.objects.get(checklist__code="PL1")
        review_url = reverse("situation_analysis:assignment_review", args=[self.cast.process.pk, pl1.pk])
        for user in (self.cast.nfp, self.cast.facilitator):
            with self.subTest(user=user.username):
                response = self.dashboard(user)
                panel = self.panel(response, "checklists-to-review")
                self.assertIn("1 checklist submitted and awaiting review.", panel)
                self.assertIn(f'href="{review_url}"', panel)
                self.assertIn("from MoL", panel)
                self.assertNotContains(response, 'id="my-checklists"')

    def test_partners_and_people_with_nothing_to_do_get_no_panel(self):
        response = self.dashboard(self.cast.donor)
        self.assertNotContains(response, 'id="my-checklists"')
        self.assertNotContains(response, 'id="checklists-to-review"')
        Assignment.objects.filter(status=AssignmentStatus.SUBMITTED).update(status=AssignmentStatus.APPROVED)
        self.assertNotContains(self.dashboard(self.cast.facilitator), 'id="checklists-to-review"')
        Assignment.objects.filter(checklist__code="PL3").update(status=AssignmentStatus.APPROVED)
        self.assertNotContains(self.dashboard(self.cast.other), 'id="my-checklists"')

    def test_the_panel_costs_the_same_few_queries_whatever_the_size(self):
        process = self.cast.process
        budgets = {self.cast.own: 1, self.cast.other: 1, self.cast.facilitator: 1, self.cast.donor: 0}
        for user, budget in budgets.items():
            request = panel_request(user, process)
            with self.subTest(user=user.username), self.assertNumQueries(budget):
                checklists_for_you_panel(process=process, request=request)
        grow(self.cast, 20)
        for user, budget in budgets.items():
            request = panel_request(user, process)
            with self.subTest(user=user.username), self.assertNumQueries(budget):
                checklists_for_you_panel(process=process, request=request)


class PhasePagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_the_situation_analysis_phase_links_its_pages_in_the_order_of_the_work(self):
        labels = [str(page.label) for page in phase_pages("situation_analysis", {"view_internal"})]
        self.assertEqual(
            labels, ["Sector checklists", "Assignments", "Data sources", "Data series", "Data gaps", "Findings"]
        )
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(
            reverse("mainstreaming:phase_detail", args=[self.cast.process.pk, "situation_analysis"])
        )
        names = (
            "checklist_list",
            "assignment_list",
            "data_source_list",
            "series_list",
            "data_gap_list",
            "finding_list",
        )
        for name in names:
            self.assertContains(response, reverse(f"situation_analysis:{name}", args=[self.cast.process.pk]))

    def test_development_partners_get_no_links_to_internal_pages(self):
        self.client.force_login(self.cast.donor)
        response = self.client.get(
            reverse("mainstreaming:phase_detail", args=[self.cast.process.pk, "situation_analysis"])
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, reverse("situation_analysis:assignment_list", args=[self.cast.process.pk]))
