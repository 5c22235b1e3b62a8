"""
The plan's pages: what each role sees (a development partner reads only the last published version, never a
draft, a version in review or an endorsed one), the workflow taken through the pages with a confirmation before
publishing, bad input answered with 400 and a message beside the field, the empty states, and the history.
"""

from django.test import TestCase
from django.urls import reverse

from implementation_plans.choices import PlanStatus, VersionStatus
from implementation_plans.models import Plan, PlanVersion
from implementation_plans.services import plan as services
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_decision, make_plan_version

PUBLISHED_RATIONALE = "Published rationale Velmora"
DRAFT_RATIONALE = "Draft-only rationale Kestrune"


def url(name, process, *args):
    return reverse(f"implementation_plans:{name}", args=[process.pk, *args])


class DonorVisibilityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        make_chain(cls.cast)
        Plan.objects.filter(process=cls.process).update(rationale=PUBLISHED_RATIONALE, roles="Roles", fiduciary="Money")
        nfp = cls.cast.nfp
        services.plan_submit(actor=nfp, process=cls.process)
        services.plan_endorse(actor=nfp, process=cls.process, decision=make_decision(cls.cast))
        cls.published = services.plan_publish(actor=nfp, process=cls.process)
        # Then a new draft, sent for review as version 2.
        services.plan_update(actor=nfp, process=cls.process, data={"rationale": DRAFT_RATIONALE})
        cls.in_review = services.plan_submit(actor=nfp, process=cls.process)

    def test_a_partner_reads_the_plan_page_as_the_last_published_version(self):
        self.client.force_login(self.cast.donor)
        response = self.client.get(url("plan_detail", self.process))
        self.assertContains(response, PUBLISHED_RATIONALE)
        self.assertContains(response, "Version 1, published on")
        self.assertNotContains(response, DRAFT_RATIONALE)
        self.assertNotContains(response, "Send for review")
        self.assertEqual(response.context["published"], self.published)

    def test_a_partner_reaches_the_published_version_but_no_other(self):
        self.client.force_login(self.cast.donor)
        self.assertContains(self.client.get(url("version_detail", self.process, 1)), PUBLISHED_RATIONALE)
        self.assertEqual(self.client.get(url("version_detail", self.process, 2)).status_code, 404)
        for status in (VersionStatus.ENDORSED, VersionStatus.RETURNED, VersionStatus.SUPERSEDED):
            PlanVersion.objects.filter(pk=self.in_review.pk).update(status=status)
            with self.subTest(status=status):
                self.assertEqual(self.client.get(url("version_detail", self.process, 2)).status_code, 404)
        for name in ("version_list", "version_compare", "plan_history", "plan_edit", "plan_publish"):
            with self.subTest(page=name):
                self.assertEqual(self.client.get(url(name, self.process)).status_code, 403)

    def test_internal_readers_see_the_plan_as_it_stands_and_every_version(self):
        for role in ("own", "facilitator", "nfp"):
            self.client.force_login(self.cast.user(role))
            with self.subTest(role=role):
                response = self.client.get(url("plan_detail", self.process))
                self.assertContains(response, DRAFT_RATIONALE)
                self.assertContains(response, "Version 2 is in review")
                self.assertContains(self.client.get(url("version_detail", self.process, 2)), DRAFT_RATIONALE)

    def test_the_facilitator_comments_on_a_version_in_review_a_ministry_reads_it(self):
        self.client.force_login(self.cast.facilitator)
        self.assertContains(self.client.get(url("version_detail", self.process, 2)), "Add comment")
        self.client.force_login(self.cast.own)
        response = self.client.get(url("version_detail", self.process, 2))
        self.assertContains(response, "Comments")
        self.assertNotContains(response, "Add comment")

    def test_the_partners_dashboard_shows_the_published_version(self):
        self.client.force_login(self.cast.donor)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.process.pk]))
        self.assertContains(response, "Version 1 published on")
        self.assertContains(response, "Read the plan and download its PDF")


class NothingPublishedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_a_partner_is_told_the_plan_is_not_published_yet(self):
        self.client.force_login(self.cast.donor)
        response = self.client.get(url("plan_detail", self.cast.process))
        self.assertContains(response, "has not been published yet")
        self.assertEqual(self.client.get(url("version_detail", self.cast.process, 1)).status_code, 404)

    def test_the_nfp_sees_what_to_do_next_without_creating_a_plan(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(url("plan_detail", self.cast.process))
        self.assertContains(response, "The plan has no goal yet")
        self.assertContains(response, "No version yet")
        self.assertFalse(Plan.objects.exists())
        self.assertContains(self.client.get(url("version_list", self.cast.process)), "No version yet")
        self.assertContains(self.client.get(url("version_compare", self.cast.process)), "nothing to compare yet")
        self.assertEqual(self.client.get(url("plan_history", self.cast.process)).status_code, 404)


class WorkflowPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        make_chain(cls.cast)

    def setUp(self):
        self.client.force_login(self.cast.nfp)

    def plan(self):
        return Plan.objects.get(process=self.process)

    def test_the_nfp_takes_the_plan_from_draft_to_published_through_the_pages(self):
        response = self.client.post(
            url("plan_edit", self.process),
            {
                "title": "Meridia plan",
                "currency": "usd",
                "starts_in": "2026",
                "ends_in": "2030",
                "rationale": "Why",
                "roles": "Who",
                "fiduciary": "Money",
                "reason": "First draft",
            },
        )
        self.assertRedirects(response, url("plan_detail", self.process))
        self.assertEqual((self.plan().title, self.plan().currency), ("Meridia plan", "USD"))

        self.assertContains(self.client.get(url("plan_submit", self.process)), "frozen as a new version")
        response = self.client.post(url("plan_submit", self.process), {"reason": ""})
        self.assertRedirects(response, url("version_detail", self.process, 1))

        decision = make_decision(self.cast)
        self.assertContains(self.client.get(url("plan_endorse", self.process)), decision.text)
        response = self.client.post(url("plan_endorse", self.process), {"decision": decision.pk})
        self.assertRedirects(response, url("version_detail", self.process, 1))

        confirmation = self.client.get(url("plan_publish", self.process))
        self.assertContains(confirmation, "Development partners taking part in this process will read version 1")
        self.assertEqual(self.plan().status, PlanStatus.ENDORSED)  # asking is not publishing
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url("plan_publish", self.process), {"reason": "Validated"})
        self.assertRedirects(response, url("version_detail", self.process, 1))
        self.assertEqual(self.plan().status, PlanStatus.PUBLISHED)
        reasons = list(self.plan().history.order_by("history_date").values_list("history_change_reason", flat=True))
        self.assertEqual(
            [reason.split(":")[0] for reason in reasons if reason and reason.startswith("plan.")],
            ["plan.updated", "plan.submitted", "plan.endorsed", "plan.published"],
        )

    def test_bad_input_comes_back_beside_the_field_with_400(self):
        response = self.client.post(url("plan_edit", self.process), {"title": "Plan", "currency": "EUR"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "can no longer change", status_code=400)

        response = self.client.post(url("plan_submit", self.process), {})
        self.assertContains(response, "Write this section of the narrative", status_code=400)

        self.assertContains(
            self.client.post(url("plan_return", self.process), {"reason": ""}),
            "This field is required",
            status_code=400,
        )
        response = self.client.post(url("plan_return", self.process), {"reason": "Not ready"})
        self.assertContains(response, "only a plan in review", status_code=400)

        response = self.client.post(url("plan_endorse", self.process), {"decision": "999"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "No committee meeting", status_code=400)

    def test_the_endorse_page_says_to_record_the_meeting_first_when_there_is_none(self):
        self.assertContains(self.client.get(url("plan_endorse", self.process)), "Go to the committees")

    def test_the_history_of_the_plan_and_of_a_version_says_who_and_why(self):
        make_plan_version(self.cast, status="published")
        services.plan_update(actor=self.cast.nfp, process=self.process, data={"rationale": "Now"}, reason="Sharper")
        response = self.client.get(url("plan_history", self.process))
        self.assertContains(response, "<code>plan.updated</code>")
        self.assertContains(response, "Reason: Sharper")
        self.client.force_login(self.cast.facilitator)
        self.assertEqual(self.client.get(url("version_history", self.process, 1)).status_code, 200)

    def test_the_plan_page_offers_the_next_step_of_the_workflow(self):
        Plan.objects.filter(process=self.process).update(rationale="Why", roles="Who", fiduciary="Money")
        self.assertContains(self.client.get(url("plan_detail", self.process)), "Send for review")
        services.plan_submit(actor=self.cast.nfp, process=self.process)
        response = self.client.get(url("plan_detail", self.process))
        self.assertContains(response, "Record the endorsement")
        self.assertContains(response, "Return to draft")
        self.assertNotContains(response, "Edit the narrative and settings")
