"""
The chain's pages: the whole chain on one page, the activity page (with the budget include and the progress
link for the responsible ministry only), the forms (bad input back beside the field with 400, a frozen plan
refusing), the ministry's progress form (status and dates only), proposals seen by the proposer, the delete
confirmation listing what goes with it, reorder by POST only, the catalogue (search, filters, use as a template),
the History tabs, the panels, the goal's include and the demo records.
"""

import os
from datetime import date

from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory, TestCase
from django.urls import reverse

from implementation_plans.choices import ActivityStatus, PlanStatus, ProposalStatus
from implementation_plans.demo.budget import load_demo_budget
from implementation_plans.demo.chain import load_demo_chain
from implementation_plans.models import Activity, BudgetLine, Goal, Outcome, Output, Plan, ProgrammeExample
from implementation_plans.panels.chain import chain_panel, my_activities_panel
from implementation_plans.services import chain as services
from mainstreaming.loaders import DemoCountry
from mainstreaming.permissions import RoleFlags
from tests.cast import make_cast
from tests.implementation_plans.builders import give_sector, make_owned_chain


class ChainViewCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_owned_chain(cls.cast, activities=2)
        cls.a1, cls.a2 = cls.chain.activities
        cls.sector = give_sector(cls.cast.health, "health")
        cls.proposal = services.activity_propose(
            actor=cls.cast.own,
            output=cls.chain.output,
            sector=cls.sector,
            title="Screen migrants for TB",
            proposal_note="A gap in the plan",
        )

    def url(self, name, pk=None):
        kwargs = {"process_pk": self.cast.process.pk} | ({"pk": pk} if pk is not None else {})
        return reverse(f"implementation_plans:{name}", kwargs=kwargs)

    def login(self, role):
        self.client.force_login(self.cast.user(role))


class ResultsChainPageTests(ChainViewCase):
    def test_it_shows_the_whole_chain_with_proposals_marked(self):
        self.login("facilitator")
        response = self.client.get(self.url("results_chain"))
        self.assertContains(response, "Goal 1")
        self.assertContains(response, "Outcome 1.1")
        self.assertContains(response, "Output 1.1.1")
        self.assertContains(response, self.a1.title)
        self.assertContains(response, "Screen migrants for TB")
        self.assertContains(response, "Proposed")
        self.assertNotContains(response, self.url("activity_create", self.chain.output.pk))
        self.assertNotContains(response, self.url("outcome_reorder", self.chain.outcome.pk))

    def test_the_nfp_gets_the_buttons_and_a_ministry_the_proposal_link(self):
        self.login("nfp")
        response = self.client.get(self.url("results_chain"))
        self.assertContains(response, self.url("outcome_create", self.chain.goal.pk))
        self.assertContains(response, self.url("activity_create", self.chain.output.pk))
        self.assertContains(response, self.url("activity_reorder", self.a1.pk))
        self.login("other")
        response = self.client.get(self.url("results_chain"))
        self.assertContains(response, self.url("activity_propose", self.chain.output.pk))

    def test_a_declined_proposal_leaves_the_chain(self):
        services.activity_decline(actor=self.cast.nfp, activity=self.proposal, reason="No")
        self.login("nfp")
        self.assertNotContains(self.client.get(self.url("results_chain")), "Screen migrants for TB")

    def test_without_goals_it_says_what_to_do_first(self):
        process = self.cast.other_process
        self.client.force_login(self.cast.outsider)  # the NFP of the other process
        response = self.client.get(reverse("implementation_plans:results_chain", kwargs={"process_pk": process.pk}))
        self.assertContains(response, "none has been written yet")

    def test_development_partners_read_the_published_plan_instead(self):
        self.login("donor")
        self.assertEqual(self.client.get(self.url("results_chain")).status_code, 403)


class ActivityPageTests(ChainViewCase):
    def test_it_includes_the_budget_and_offers_the_update_to_the_responsible_ministry(self):
        self.login("own")
        response = self.client.get(self.url("activity_detail", self.a1.pk))
        self.assertContains(response, "Budget lines of the activity")
        self.assertContains(response, "10,000.00")
        self.assertContains(response, self.url("activity_progress", self.a1.pk))
        self.assertNotContains(response, self.url("activity_edit", self.a1.pk))
        self.login("other")
        response = self.client.get(self.url("activity_detail", self.a1.pk))
        self.assertNotContains(response, self.url("activity_progress", self.a1.pk))

    def test_the_proposer_reads_the_decision(self):
        services.activity_decline(actor=self.cast.nfp, activity=self.proposal, reason="Beyond the budget")
        self.login("own")
        response = self.client.get(self.url("activity_detail", self.proposal.pk))
        self.assertContains(response, "was declined")
        self.assertContains(response, "Beyond the budget")
        response = self.client.get(self.url("proposal_list"))
        self.assertContains(response, "Declined")
        self.assertContains(response, "Beyond the budget")

    def test_the_facilitator_comments_on_it(self):
        self.login("facilitator")
        response = self.client.get(self.url("activity_detail", self.a1.pk))
        self.assertContains(response, "Add comment")
        self.login("own")
        self.assertNotContains(self.client.get(self.url("activity_detail", self.a1.pk)), "Add comment")

    def test_the_history_tab_lists_the_changes(self):
        services.activity_progress_update(
            actor=self.cast.own,
            activity=self.a1,
            status=ActivityStatus.ONGOING,
            starts_on=self.a1.starts_on,
            ends_on=self.a1.ends_on,
            note="Started",
        )
        self.login("facilitator")
        response = self.client.get(self.url("activity_history", self.a1.pk))
        self.assertContains(response, "Started")


class ProgressFormTests(ChainViewCase):
    def test_the_ministry_updates_status_and_dates_and_nothing_else(self):
        self.login("own")
        response = self.client.post(
            self.url("activity_progress", self.a1.pk),
            {"status": "ongoing", "starts_on": "2027-02-01", "ends_on": "2027-08-31", "title": "Hijacked"},
        )
        self.assertRedirects(response, self.a1.get_absolute_url(), fetch_redirect_response=False)
        self.a1.refresh_from_db()
        self.assertEqual(
            (self.a1.status, self.a1.ends_on, self.a1.title),
            ("ongoing", date(2027, 8, 31), "Train orientation trainers 1"),
        )

    def test_an_end_before_the_start_comes_back_beside_the_field(self):
        self.login("own")
        response = self.client.post(
            self.url("activity_progress", self.a1.pk),
            {"status": "ongoing", "starts_on": "2027-05-01", "ends_on": "2027-01-01"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "The end date cannot come before the start date.", status_code=400)
        self.assertContains(response, 'id="id_ends_on_error"', status_code=400)

    def test_the_ministry_may_not_open_the_nfps_form_or_another_ministrys_update(self):
        self.login("own")
        self.assertEqual(self.client.get(self.url("activity_edit", self.a1.pk)).status_code, 403)
        self.login("other")
        self.assertEqual(
            self.client.post(self.url("activity_progress", self.a1.pk), {"status": "completed"}).status_code, 403
        )


class NfpFormTests(ChainViewCase):
    def test_bad_input_shows_the_errors_beside_the_fields(self):
        self.login("nfp")
        response = self.client.post(
            self.url("activity_create", self.chain.output.pk),
            {"title": "Backwards", "status": "planned", "starts_on": "2027-05-01", "ends_on": "2027-04-01"},
        )
        self.assertContains(response, "The end date cannot come before the start date.", status_code=400)
        response = self.client.post(
            self.url("activity_create", self.chain.output.pk), {"title": "", "status": "planned"}
        )
        self.assertContains(response, 'id="id_title_error"', status_code=400)

    def test_a_frozen_plan_refuses_with_a_notice(self):
        Plan.objects.filter(process=self.cast.process).update(status=PlanStatus.IN_REVIEW)
        self.login("nfp")
        url = self.url("outcome_create", self.chain.goal.pk)
        self.assertContains(self.client.get(url), "cannot change until it is returned to draft")
        response = self.client.post(url, {"title": "Late outcome"})
        self.assertContains(response, "return it to draft", status_code=400)
        self.assertFalse(Outcome.objects.filter(title="Late outcome").exists())

    def test_the_delete_page_lists_what_goes_with_the_outcome(self):
        self.login("nfp")
        response = self.client.get(self.url("outcome_delete", self.chain.outcome.pk))
        self.assertContains(response, "Output: Pre-departure orientation in place")
        self.assertContains(response, f"Activity: {self.a1.title}")
        response = self.client.post(self.url("outcome_delete", self.chain.outcome.pk), {"reason": ""})
        self.assertEqual(response.status_code, 400)
        response = self.client.post(self.url("outcome_delete", self.chain.outcome.pk), {"reason": "Merged"})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(Output.objects.filter(pk=self.chain.output.pk).exists())

    def test_reorder_is_post_only_and_goes_back_to_the_item(self):
        self.login("nfp")
        url = self.url("activity_reorder", self.a2.pk)
        self.assertEqual(self.client.get(url).status_code, 405)
        response = self.client.post(url, {"direction": "up", "return_to": "parent"})
        self.assertRedirects(
            response, self.chain.output.get_absolute_url() + f"#activity-{self.a2.pk}", fetch_redirect_response=False
        )
        self.assertEqual(list(self.chain.output.activities.order_by("position"))[0], self.a2)

    def test_copy_and_move_go_through_their_pages(self):
        self.login("nfp")
        self.assertContains(self.client.get(self.url("output_copy", self.chain.output.pk)), "not copied")
        self.client.post(self.url("output_copy", self.chain.output.pk))
        self.assertTrue(Output.objects.filter(title="Pre-departure orientation in place (copy)").exists())
        other = Outcome.objects.create(process=self.cast.process, goal=self.chain.goal, title="Elsewhere")
        self.client.post(self.url("activity_move", self.a1.pk), {"target": ""})
        response = self.client.post(self.url("output_move", self.chain.output.pk), {"target": other.pk})
        self.assertEqual(response.status_code, 302)
        self.chain.output.refresh_from_db()
        self.assertEqual(self.chain.output.outcome, other)

    def test_the_nfp_accepts_a_proposal(self):
        self.login("nfp")
        response = self.client.get(self.url("proposal_list"))
        self.assertContains(response, self.url("activity_accept", self.proposal.pk))
        self.client.post(self.url("activity_accept", self.proposal.pk), {"note": ""})
        self.proposal.refresh_from_db()
        self.assertEqual(self.proposal.proposal_status, ProposalStatus.ACCEPTED)


class ProposalFormTests(ChainViewCase):
    def test_a_ministry_proposes_for_its_sector(self):
        self.login("own")
        response = self.client.post(
            self.url("activity_propose", self.chain.output.pk),
            {
                "sector": self.sector.pk,
                "title": "Vaccinate seasonal workers",
                "proposal_note": "Outbreaks",
                "is_national": "on",
            },
        )
        self.assertEqual(response.status_code, 302)
        activity = Activity.objects.get(title="Vaccinate seasonal workers")
        self.assertEqual((activity.proposal_status, activity.proposed_by), (ProposalStatus.PROPOSED, self.cast.health))

    def test_a_ministry_without_sectors_is_told_what_to_do(self):
        self.login("other")
        response = self.client.get(self.url("activity_propose", self.chain.output.pk))
        self.assertContains(response, "has no sector recorded yet")


class CatalogueTests(ChainViewCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        call_command("load_reference", stdout=open(os.devnull, "w"))

    def test_the_catalogue_holds_at_least_twenty_experiences_across_the_sectors(self):
        self.assertGreaterEqual(ProgrammeExample.objects.count(), 20)
        self.assertGreaterEqual(ProgrammeExample.objects.values("sector").distinct().count(), 10)
        for example in ProgrammeExample.objects.all():
            with self.subTest(example=example.code):
                for field in ("activity", "actors", "countries", "target_group", "time_span", "outcomes"):
                    self.assertTrue(getattr(example, field).strip(), field)

    def test_search_and_filters_narrow_the_list(self):
        self.login("donor")
        url = self.url("programme_example_list")
        everything = self.client.get(url)
        self.assertContains(everything, "31 experiences")
        response = self.client.get(url, {"q": "Afghan"})
        self.assertContains(response, "1 experience.")
        health = ProgrammeExample.objects.filter(sector__code="health")
        response = self.client.get(url, {"sector": health.first().sector_id})
        self.assertContains(response, f"{health.count()} experiences")
        response = self.client.get(url, {"country": "Moldova"})
        moldova = ProgrammeExample.objects.filter(countries__icontains="Moldova").count()
        self.assertContains(response, f"{moldova} experiences")
        self.assertContains(response, '<option value="Netherlands">Netherlands</option>', html=True)
        response = self.client.get(url, {"q": "zzzz-nothing"})
        self.assertContains(response, "No experience matches")

    def test_use_as_a_template_copies_it_into_the_plan(self):
        example = ProgrammeExample.objects.get(code="labour-migration-capacity-north-west-africa")
        self.login("nfp")
        page = self.client.get(self.url("programme_example_detail", example.pk))
        self.assertContains(page, "Use as a template")
        response = self.client.post(self.url("programme_example_use", example.pk), {"outcome": self.chain.outcome.pk})
        output = Output.objects.get(copied_from=example)
        self.assertRedirects(response, output.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(output.activities.count(), 2)
        self.login("facilitator")
        self.assertNotContains(self.client.get(self.url("programme_example_detail", example.pk)), "Use as a template")


class PanelTests(ChainViewCase):
    def request(self, role):
        request = RequestFactory().get("/")
        request.user = self.cast.user(role)
        return request

    def test_the_chain_panel_counts_for_internal_readers(self):
        panel = chain_panel(process=self.cast.process, request=self.request("facilitator"))
        self.assertEqual((panel["outcomes"], panel["outputs"], panel["activities"], panel["pending"]), (1, 1, 2, 1))
        self.assertIsNone(chain_panel(process=self.cast.process, request=self.request("donor")))
        html = render_to_string(panel["template"], {"panel": panel, "process": self.cast.process})
        self.assertIn("Proposals waiting for a decision", html)

    def test_a_ministry_sees_its_activities_and_proposals(self):
        panel = my_activities_panel(process=self.cast.process, request=self.request("own"))
        self.assertEqual(panel["activities"], [self.a1, self.a2])
        self.assertEqual(panel["proposals"]["pending"], 1)
        html = render_to_string(panel["template"], {"panel": panel, "process": self.cast.process})
        self.assertIn(self.url("activity_progress", self.a1.pk), html)
        self.assertIsNone(my_activities_panel(process=self.cast.process, request=self.request("other")))
        self.assertIsNone(my_activities_panel(process=self.cast.process, request=self.request("nfp")))


class GoalIncludeTests(ChainViewCase):
    def test_the_goal_page_can_include_its_outcomes(self):
        request = RequestFactory().get("/")
        request.user = self.cast.nfp
        context = {"goal": self.chain.goal, "process": self.cast.process, "may": RoleFlags({"manage_process"})}
        html = render_to_string("implementation_plans/inc/goal_outcomes.html", context, request=request)
        self.assertIn("Workers leave informed", html)
        self.assertIn(self.a1.title, html)
        self.assertIn(self.url("outcome_create", self.chain.goal.pk), html)


class DemoTests(TestCase):
    def test_the_demo_builds_a_chain_the_budget_demo_costs_and_loads_twice_harmlessly(self):
        call_command("load_reference", stdout=open(os.devnull, "w"))
        cast = make_cast()
        give_sector(cast.health, "health")
        demo = DemoCountry(
            process=cast.process,
            institutions={"MoH": cast.health, "MoLSP": cast.labour},
            users={"nfp": cast.nfp, "health": cast.own},
            admin=None,
        )
        load_demo_chain(demo)  # no goal yet: nothing to do
        self.assertFalse(Outcome.objects.filter(process=cast.process).exists())
        Goal.objects.create(process=cast.process, statement="Labour migration benefits development")
        Goal.objects.create(process=cast.process, statement="Health workers stay")
        load_demo_chain(demo)
        counts = (Outcome.objects.count(), Output.objects.count(), Activity.objects.count())
        self.assertEqual(counts[0], 3)
        accepted = Activity.objects.filter(proposal_status=ProposalStatus.ACCEPTED)
        self.assertTrue(accepted.filter(responsible=cast.health).exists())
        self.assertTrue(accepted.filter(responsible=cast.labour).exists())
        self.assertTrue(Activity.objects.filter(proposal_status=ProposalStatus.PROPOSED).exists())
        self.assertTrue(Activity.objects.filter(proposal_status=ProposalStatus.DECLINED).exists())
        self.assertTrue(Output.objects.filter(copied_from__isnull=False).exists())
        load_demo_chain(demo)
        self.assertEqual((Outcome.objects.count(), Output.objects.count(), Activity.objects.count()), counts)
        load_demo_budget(demo)
        self.assertTrue(BudgetLine.objects.filter(process=cast.process).exists())
