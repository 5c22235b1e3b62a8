"""
The plan's workflow: draft -> in review -> endorsed -> published, who may take each step, what each step records
(who, when, why), and the version freeze: a change after publication makes a new draft, the published version's
snapshot stays as it was and development partners keep reading it.
"""

from datetime import timedelta
from decimal import Decimal as D

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from implementation_plans.choices import PlanStatus, VersionStatus
from implementation_plans.models import Plan, PlanVersion
from implementation_plans.selectors import plan as selectors
from implementation_plans.services import budget as budget_services
from implementation_plans.services import plan as services
from mainstreaming.choices import BuildStatus, Visibility
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_decision

NARRATIVE = {
    "rationale": "Information before departure comes first.",
    "roles": "The Ministry of Labour answers for the outputs.",
    "fiduciary": "Funds flow through the treasury.",
}


class PlanCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast, activities=2)
        Plan.objects.filter(pk=cls.chain.plan.pk).update(**NARRATIVE)

    @property
    def process(self):
        return self.cast.process

    def plan(self) -> Plan:
        return Plan.objects.get(process=self.process)

    def submit(self, actor=None, **kwargs):
        return services.plan_submit(actor=actor or self.cast.nfp, process=self.process, **kwargs)

    def endorse(self, decision=None):
        return services.plan_endorse(
            actor=self.cast.nfp, process=self.process, decision=decision or make_decision(self.cast)
        )

    def publish(self):
        with self.captureOnCommitCallbacks(execute=True):
            return services.plan_publish(actor=self.cast.nfp, process=self.process, reason="Validated")

    def errors(self, call, **kwargs) -> dict:
        with self.assertRaises(ValidationError) as caught:
            call(**kwargs)
        return (
            caught.exception.message_dict
            if hasattr(caught.exception, "error_dict")
            else {None: caught.exception.messages}
        )


class SubmitTests(PlanCase):
    def test_sending_for_review_freezes_the_whole_plan_as_version_1_and_records_who_and_why(self):
        version = self.submit(reason="Ready for the facilitator")
        self.assertEqual((version.number, version.status, version.submitted_by), (1, "in_review", self.cast.nfp))
        self.assertEqual(self.plan().status, PlanStatus.IN_REVIEW)
        snapshot = version.snapshot
        self.assertEqual(snapshot["plan"]["rationale"], NARRATIVE["rationale"])
        [goal] = snapshot["goals"]
        [activity_a, activity_b] = goal["outcomes"][0]["outputs"][0]["activities"]
        self.assertEqual(activity_a["id"], self.chain.activities[0].pk)
        self.assertEqual((activity_a["starts_on"], activity_a["ends_on"]), ("2027-01-01", "2027-06-30"))
        self.assertEqual(activity_a["responsible"], str(self.cast.labour))
        self.assertEqual(activity_a["budget_lines"][0]["amount"], "10000.00")
        self.assertEqual(activity_a["funding"][0]["status"], "secured")
        self.assertEqual(snapshot["totals"]["cost"], "20000.00")
        self.assertEqual(snapshot["totals"]["funding_gap"], "12000.00")
        row = version.history.get()
        self.assertEqual(
            (row.history_user, row.history_change_reason),
            (self.cast.nfp, "plan_version.submitted: Ready for the facilitator"),
        )
        self.assertEqual(self.plan().history.first().history_change_reason, "plan.submitted: version 1")

    def test_the_snapshot_costs_a_fixed_number_of_queries_whatever_the_size(self):
        selectors.plan_snapshot(process=self.process)
        with self.assertNumQueries(SNAPSHOT_QUERIES):
            selectors.plan_snapshot(process=self.process)
        for index in range(4):
            make_chain(self.cast, activities=3, label=f"more {index}")
        with self.assertNumQueries(SNAPSHOT_QUERIES):
            snapshot = selectors.plan_snapshot(process=self.process)
        self.assertEqual(len(snapshot["goals"]), 5)

    def test_only_the_nfp_sends_for_review(self):
        for role in ("facilitator", "own", "donor", "outsider"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                self.submit(actor=self.cast.user(role))
        self.assertFalse(PlanVersion.objects.exists())

    def test_a_plan_without_its_narrative_or_goals_cannot_be_sent(self):
        Plan.objects.filter(process=self.process).update(rationale=" ", fiduciary="")
        errors = self.errors(self.submit)
        self.assertEqual(set(errors), {"rationale", "fiduciary"})
        self.assertFalse(PlanVersion.objects.exists())

    def test_a_plan_in_review_cannot_be_sent_again_nor_edited(self):
        self.submit()
        self.assertIn("only a draft", str(self.errors(self.submit)))
        with self.assertRaises(ValidationError):
            services.plan_update(actor=self.cast.nfp, process=self.process, data={"rationale": "Changed"})
        with self.assertRaises(ValidationError):
            budget_services.budget_line_create(
                actor=self.cast.nfp,
                activity=self.chain.activities[0],
                year=2027,
                category="training",
                amount=D(1),
                currency="USD",
                rate_to_plan=None,
            )


# The plan, goals (+ SDG targets, GCM objectives), selected priorities (+ targets), outcomes, outputs, the matrix
# rows (activities, partners, funding, targets), budget lines and the totals.
SNAPSHOT_QUERIES = 14


class ReturnTests(PlanCase):
    def test_the_nfp_returns_a_plan_in_review_to_draft_with_a_reason_and_the_version_stays_returned(self):
        version = self.submit()
        services.plan_return(actor=self.cast.nfp, process=self.process, reason="Cost the training")
        version.refresh_from_db()
        self.assertEqual((version.status, self.plan().status), (VersionStatus.RETURNED, PlanStatus.DRAFT))
        self.assertEqual(version.history.first().history_change_reason, "plan_version.returned: Cost the training")
        # The next submission is version 2.
        self.assertEqual(self.submit().number, 2)

    def test_returning_needs_a_reason_a_plan_in_review_and_the_nfp(self):
        self.assertIn(
            "only a plan in review",
            str(self.errors(services.plan_return, actor=self.cast.nfp, process=self.process, reason="x")),
        )
        self.submit()
        self.assertIn(
            "reason", self.errors(services.plan_return, actor=self.cast.nfp, process=self.process, reason=" ")
        )
        with self.assertRaises(PermissionDenied):
            services.plan_return(actor=self.cast.facilitator, process=self.process, reason="Not ready")

    def test_an_endorsed_plan_can_be_returned_before_it_is_published(self):
        self.submit()
        self.endorse()
        services.plan_return(actor=self.cast.nfp, process=self.process, reason="The minister asked for a change")
        self.assertEqual(self.plan().status, PlanStatus.DRAFT)


class EndorseTests(PlanCase):
    def test_the_nfp_records_the_committee_decision_that_endorsed_the_version(self):
        self.submit()
        decision = make_decision(self.cast)
        version = self.endorse(decision)
        self.assertEqual((version.status, version.endorsement_decision), (VersionStatus.ENDORSED, decision))
        self.assertIsNotNone(version.endorsed_at)
        self.assertEqual(self.plan().status, PlanStatus.ENDORSED)
        self.assertEqual(version.history.first().history_change_reason, "plan_version.endorsed")

    def test_the_decision_must_be_of_a_held_meeting_of_this_process_after_the_submission(self):
        self.submit()
        other = make_decision(self.cast)
        other.meeting.process = self.cast.other_process
        other.meeting.save()
        planned = make_decision(self.cast, status="planned")
        earlier = make_decision(self.cast, held_on=timezone.localdate() - timedelta(days=3))
        for decision in (other, planned):
            with self.subTest(decision=decision.meeting.status):
                self.assertIn("decision", self.errors(self.endorse, decision=decision))
        self.assertIn("before version 1 was sent", str(self.errors(self.endorse, decision=earlier)))
        self.assertEqual(self.plan().status, PlanStatus.IN_REVIEW)

    def test_a_draft_cannot_be_endorsed_and_the_facilitator_does_not_endorse(self):
        self.assertIn("only a plan in review", str(self.errors(self.endorse)))
        self.submit()
        with self.assertRaises(PermissionDenied):
            services.plan_endorse(actor=self.cast.facilitator, process=self.process, decision=make_decision(self.cast))


class PublishTests(PlanCase):
    def test_publishing_shows_the_version_to_partners_and_builds_its_pdf_published_to_them(self):
        self.submit()
        self.endorse()
        version = self.publish()
        version.refresh_from_db()
        self.assertEqual((version.status, version.published_by), (VersionStatus.PUBLISHED, self.cast.nfp))
        self.assertEqual(self.plan().status, PlanStatus.PUBLISHED)
        report = version.report
        self.assertEqual((report.status, report.visibility), (BuildStatus.DONE, Visibility.PUBLISHED), report.error)
        self.assertEqual(report.parameters["version"], 1)
        self.assertEqual(selectors.published_version(self.process), version)

    def test_only_an_endorsed_plan_is_published_and_only_by_the_nfp(self):
        self.submit()
        self.assertIn("only an endorsed plan", str(self.errors(self.publish)))
        self.endorse()
        with self.assertRaises(PermissionDenied):
            services.plan_publish(actor=self.cast.facilitator, process=self.process)


class FreezeTests(PlanCase):
    def test_a_change_after_publication_makes_a_new_draft_and_the_published_version_stays_as_it_was(self):
        self.submit()
        self.endorse()
        published = self.publish()
        frozen = PlanVersion.objects.get(pk=published.pk).snapshot

        services.plan_update(actor=self.cast.nfp, process=self.process, data={"rationale": "Re-sequenced"})
        budget_services.budget_line_create(
            actor=self.cast.nfp,
            activity=self.chain.activities[0],
            year=2027,
            category="travel",
            amount=D("500"),
            currency="USD",
            rate_to_plan=None,
        )
        plan = self.plan()
        self.assertEqual(plan.status, PlanStatus.DRAFT)
        self.assertEqual(plan.history.filter(history_change_reason__startswith="plan.new_draft").count(), 1)
        published.refresh_from_db()
        self.assertEqual(published.snapshot, frozen)
        self.assertEqual(published.status, VersionStatus.PUBLISHED)
        self.assertEqual(selectors.published_version(self.process), published)

        # The next cycle: version 2 is published, version 1 superseded.
        self.submit()
        self.endorse()
        second = self.publish()
        published.refresh_from_db()
        self.assertEqual((published.status, second.number), (VersionStatus.SUPERSEDED, 2))
        self.assertEqual(selectors.published_version(self.process), second)
        self.assertEqual(second.snapshot["plan"]["rationale"], "Re-sequenced")
        self.assertEqual(published.snapshot["plan"]["rationale"], NARRATIVE["rationale"])


class UpdateTests(PlanCase):
    def update(self, **data):
        return services.plan_update(actor=self.cast.nfp, process=self.process, data=data, reason="Drafting")

    def test_the_nfp_writes_the_narrative_and_the_history_says_who_and_why(self):
        plan = self.update(title="Meridia plan 2026-2030", rationale="New rationale", starts_in=2026, ends_in=2030)
        self.assertEqual(
            (plan.title, plan.rationale, plan.starts_in, plan.ends_in),
            ("Meridia plan 2026-2030", "New rationale", 2026, 2030),
        )
        row = plan.history.first()
        self.assertEqual((row.history_user, row.history_change_reason), (self.cast.nfp, "plan.updated: Drafting"))

    def test_bad_input_is_refused_with_the_field_it_concerns(self):
        cases = [
            ({"currency": "dollars"}, "currency"),
            ({"currency": "EUR"}, "currency"),  # costs are recorded with rates to USD
            ({"starts_in": 2030, "ends_in": 2026}, "ends_in"),
            ({"starts_in": 2028}, "starts_in"),  # a budget line is in 2027
            ({"ends_in": 1990}, "ends_in"),
            ({"title": " "}, "title"),
        ]
        for data, field in cases:
            with self.subTest(data=data):
                self.assertIn(field, self.errors(self.update, **data))
        self.assertEqual(self.plan().currency, "USD")

    def test_others_do_not_edit_the_plan(self):
        for role in ("facilitator", "own", "donor"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                services.plan_update(actor=self.cast.user(role), process=self.process, data={"rationale": "x"})


class DemoTests(PlanCase):
    def test_the_demo_publishes_version_1_then_starts_a_new_draft_and_loading_again_changes_nothing(self):
        from implementation_plans.demo.plan import load_demo_plan
        from mainstreaming.loaders import DemoCountry

        make_decision(self.cast)  # the national committee, as the stakeholders' demo sets it up
        demo = DemoCountry(process=self.process, institutions={}, users={"nfp": self.cast.nfp}, admin=None)
        with self.captureOnCommitCallbacks(execute=True):
            load_demo_plan(demo)
        version = PlanVersion.objects.get()
        self.assertEqual((version.number, version.status), (1, VersionStatus.PUBLISHED))
        self.assertEqual(version.report.visibility, Visibility.PUBLISHED)
        self.assertEqual(self.plan().status, PlanStatus.DRAFT)
        self.assertNotEqual(self.plan().rationale, version.snapshot["plan"]["rationale"])
        load_demo_plan(demo)
        self.assertEqual(PlanVersion.objects.count(), 1)
