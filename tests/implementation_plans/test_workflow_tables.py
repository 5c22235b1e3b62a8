"""
The plan area's workflow tables, walked step by step: each step refused for a role without its rule, refused from a
wrong status, a reason required where declared, and a history row with who and why.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from implementation_plans.choices import PlanStatus, ProposalStatus
from implementation_plans.models import Activity, Plan
from implementation_plans.workflows import PLAN, PROPOSAL
from mainstreaming.workflow import workflow_of
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_decision

NARRATIVE = {"rationale": "Why.", "roles": "Who.", "fiduciary": "Money."}
OTHERS = ("facilitator", "own", "donor", "outsider")


class PlanTableTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast)
        Plan.objects.filter(pk=cls.chain.plan.pk).update(**NARRATIVE)

    def plan(self) -> Plan:
        return Plan.objects.get(process=self.cast.process)

    def test_the_tables_are_registered_for_their_models(self):
        self.assertIs(workflow_of(Plan), PLAN)
        self.assertIs(workflow_of(Activity), PROPOSAL)

    def test_each_step_is_refused_to_roles_without_its_rule(self):
        for name in ("submit", "endorse", "publish", "return", "new_draft"):
            for role in OTHERS:
                with self.subTest(step=name, role=role), self.assertRaises(PermissionDenied):
                    PLAN.perform(self.cast.user(role), self.plan(), name, reason="x")
        self.assertEqual(self.plan().status, PlanStatus.DRAFT)

    def test_each_step_is_refused_from_a_wrong_status(self):
        for name in ("endorse", "publish", "return", "new_draft"):
            with self.subTest(step=name), self.assertRaises(ValidationError):
                PLAN.perform(self.cast.nfp, self.plan(), name, reason="x")

    def test_the_nfp_walks_the_table_and_each_step_leaves_its_history_row(self):
        nfp = self.cast.nfp
        self.assertEqual([t.name for t in self.plan().actions_for(nfp)], ["submit"])
        self.assertEqual(self.plan().actions_for(self.cast.facilitator), [])

        plan = PLAN.perform(nfp, self.plan(), "submit", reason="Ready")
        self.assertEqual((plan.status, plan.moved_version.number), (PlanStatus.IN_REVIEW, 1))
        self.assertTrue(self.plan().is_frozen)
        self.assertEqual([t.name for t in self.plan().actions_for(nfp)], ["endorse", "return"])

        with self.assertRaises(ValidationError) as caught:
            PLAN.perform(nfp, self.plan(), "return", reason=" ")
        self.assertIn("reason", caught.exception.message_dict)

        plan = self.plan()
        plan.endorsement_decision = make_decision(self.cast)
        PLAN.perform(nfp, plan, "endorse")
        self.assertTrue(self.plan().is_endorsed)
        self.assertEqual([t.name for t in self.plan().actions_for(nfp)], ["publish", "return"])

        with self.captureOnCommitCallbacks(execute=True):
            PLAN.perform(nfp, self.plan(), "publish", reason="Go")
        self.assertTrue(self.plan().is_published)
        self.assertFalse(self.plan().is_frozen)

        PLAN.perform(nfp, self.plan(), "new_draft", reason="changed after publication")
        rows = [(row.history_user, row.history_change_reason) for row in self.plan().history.order_by("history_id")][
            -4:
        ]
        self.assertEqual(
            rows,
            [
                (nfp, "plan.submitted: version 1"),
                (nfp, f"plan.endorsed: {plan.endorsement_decision.meeting}"),
                (nfp, "plan.published: version 1"),
                (nfp, "plan.new_draft: changed after publication"),
            ],
        )

    def test_a_version_returned_to_draft_keeps_the_reason(self):
        PLAN.perform(self.cast.nfp, self.plan(), "submit")
        plan = PLAN.perform(self.cast.nfp, self.plan(), "return", reason="Cost it")
        self.assertTrue(self.plan().is_draft)
        self.assertEqual(plan.moved_version.history.first().history_change_reason, "plan_version.returned: Cost it")


class ProposalTableTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast, activities=2)

    def proposal(self, index=0) -> Activity:
        activity = self.chain.activities[index]
        Activity.objects.filter(pk=activity.pk).update(proposal_status=ProposalStatus.PROPOSED)
        return Activity.objects.get(pk=activity.pk)

    def test_only_the_nfp_decides(self):
        for name in ("accept", "decline"):
            for role in OTHERS:
                with self.subTest(step=name, role=role), self.assertRaises(PermissionDenied):
                    PROPOSAL.perform(self.cast.user(role), self.proposal(), name, reason="x")

    def test_accepting_and_declining_leave_their_rows_and_cannot_repeat(self):
        nfp = self.cast.nfp
        activity = self.proposal(0)
        self.assertEqual([t.name for t in activity.actions_for(nfp)], ["accept", "decline"])
        PROPOSAL.perform(nfp, activity, "accept", reason="Good idea")
        activity.refresh_from_db()
        self.assertTrue(activity.is_accepted)
        self.assertEqual(activity.history.first().history_change_reason, "activity.accepted: Good idea")
        self.assertEqual(activity.actions_for(nfp), [])
        with self.assertRaises(ValidationError):
            PROPOSAL.perform(nfp, activity, "decline", reason="No")

        declined = self.proposal(1)
        with self.assertRaises(ValidationError) as caught:
            PROPOSAL.perform(nfp, declined, "decline", reason="")
        self.assertIn("reason", caught.exception.message_dict)
        PROPOSAL.perform(nfp, declined, "decline", reason="Out of scope")
        declined.refresh_from_db()
        self.assertEqual((declined.is_declined, declined.decision_note), (True, "Out of scope"))
        self.assertEqual(declined.history.first().history_change_reason, "activity.declined: Out of scope")
