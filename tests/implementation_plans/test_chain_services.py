"""
The chain's services: creating and editing the chain with its history, reorder, move, copy with children, delete
with children, the responsible institution's grant (given, moved, taken away), a ministry's progress update (its
own activity's status and dates only, in every state of the plan), proposals (accept, decline), "use as a
template", the plan's workflow guard, and the model's rules coming back beside the field.
"""

from datetime import date
from decimal import Decimal as D

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from implementation_plans.choices import ActivityStatus, Level, PlanStatus, ProposalStatus
from implementation_plans.models import Activity, BudgetLine, Funding, Outcome, Output, Plan, ProgrammeExample, Risk
from implementation_plans.permissions import UPDATE
from implementation_plans.services import chain as services
from mainstreaming.permissions import allows
from tests.cast import make_cast
from tests.implementation_plans.builders import give_sector, make_owned_chain


class ChainCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_owned_chain(cls.cast, activities=3)
        cls.a1, cls.a2, cls.a3 = cls.chain.activities
        cls.nfp = cls.cast.nfp

    def errors(self, call, **kwargs) -> dict:
        with self.assertRaises(ValidationError) as caught:
            call(**kwargs)
        return caught.exception.message_dict

    def set_plan(self, status):
        Plan.objects.filter(process=self.cast.process).update(status=status)

    def order(self, output=None):
        output = output or self.chain.output
        return list(output.activities.order_by("position", "created").values_list("pk", flat=True))


class CreateAndEditTests(ChainCase):
    def test_the_nfp_builds_the_chain_and_the_history_says_who_and_why(self):
        outcome = services.outcome_create(actor=self.nfp, goal=self.chain.goal, title="Families use remittances well")
        output = services.output_create(actor=self.nfp, outcome=outcome, title="Financial literacy courses")
        activity = services.activity_create(
            actor=self.nfp,
            output=output,
            title="Run courses",
            responsible=self.cast.labour,
            partners=[self.cast.health],
            starts_on=date(2027, 1, 1),
            ends_on=date(2027, 3, 1),
        )
        self.assertEqual((outcome.position, output.position, activity.position), (1, 0, 0))  # after the builder's
        self.assertEqual(list(activity.partners.all()), [self.cast.health])
        row = activity.history.earliest()
        self.assertEqual((row.history_user, row.history_change_reason), (self.nfp, "activity.created"))
        # The responsible institution's focal point may update it; the other ministry's may not.
        self.assertTrue(allows(self.cast.other, UPDATE, activity))
        self.assertFalse(allows(self.cast.own, UPDATE, activity))

    def test_no_one_but_the_nfp_writes_the_chain(self):
        for role in ("own", "facilitator", "donor", "outsider"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                services.outcome_create(actor=self.cast.user(role), goal=self.chain.goal, title="X")
        with self.assertRaises(PermissionDenied):
            services.activity_update(actor=self.cast.own, activity=self.a1, data={"title": "Mine now"})

    def test_an_end_before_the_start_comes_back_beside_the_end(self):
        errors = self.errors(
            services.activity_create,
            actor=self.nfp,
            output=self.chain.output,
            title="Backwards",
            starts_on=date(2027, 5, 1),
            ends_on=date(2027, 4, 1),
        )
        self.assertIn("ends_on", errors)

    def test_a_regional_activity_names_its_region(self):
        errors = self.errors(
            services.activity_create, actor=self.nfp, output=self.chain.output, title="Somewhere", is_national=False
        )
        self.assertIn("region", errors)

    def test_a_new_responsible_institution_takes_the_right_over(self):
        services.activity_update(
            actor=self.nfp, activity=self.a1, data={"responsible": self.cast.labour}, reason="Labour leads now"
        )
        self.a1.refresh_from_db()
        self.assertFalse(allows(self.cast.own, UPDATE, self.a1))
        self.assertTrue(allows(self.cast.other, UPDATE, self.a1))
        self.assertEqual(
            self.a1.history.latest().history_change_reason, "activity.responsible_changed: Labour leads now"
        )

    def test_an_outcome_delivers_a_priority_of_its_own_goal_only(self):
        other = make_owned_chain(self.cast, activities=0, label="B")
        errors = self.errors(
            services.outcome_update, actor=self.nfp, outcome=self.chain.outcome, data={"priority": other.priority}
        )
        self.assertIn("priority", errors)


class ReorderTests(ChainCase):
    def test_up_and_down_swap_neighbours_and_renumber(self):
        services.chain_item_reorder(actor=self.nfp, item=self.a3, direction="up")
        self.assertEqual(self.order(), [self.a1.pk, self.a3.pk, self.a2.pk])
        services.chain_item_reorder(actor=self.nfp, item=self.a1, direction="down")
        self.assertEqual(self.order(), [self.a3.pk, self.a1.pk, self.a2.pk])
        self.assertEqual(self.a3.history.latest().history_change_reason, "activity.reordered")

    def test_a_position_moves_it_there_and_the_ends_stay_put(self):
        services.chain_item_reorder(actor=self.nfp, item=self.a3, position=1)
        self.assertEqual(self.order(), [self.a3.pk, self.a1.pk, self.a2.pk])
        services.chain_item_reorder(actor=self.nfp, item=self.a3, direction="up")  # already first
        services.chain_item_reorder(actor=self.nfp, item=self.a2, position=99)
        self.assertEqual(self.order(), [self.a3.pk, self.a1.pk, self.a2.pk])

    def test_outcomes_and_outputs_reorder_too(self):
        second = services.outcome_create(actor=self.nfp, goal=self.chain.goal, title="Second")
        services.chain_item_reorder(actor=self.nfp, item=second, direction="up")
        self.assertEqual(list(self.chain.goal.outcomes.order_by("position")), [second, self.chain.outcome])
        with self.assertRaises(PermissionDenied):
            services.chain_item_reorder(actor=self.cast.own, item=second, direction="down")


class MoveTests(ChainCase):
    def test_an_output_moves_to_another_outcome_with_its_activities(self):
        target = services.outcome_create(actor=self.nfp, goal=self.chain.goal, title="Target")
        services.output_create(actor=self.nfp, outcome=target, title="Already there")
        services.output_move(actor=self.nfp, output=self.chain.output, outcome=target, reason="fits better")
        self.chain.output.refresh_from_db()
        self.assertEqual((self.chain.output.outcome, self.chain.output.position), (target, 1))
        self.assertEqual(self.chain.output.activities.count(), 3)
        self.assertEqual(self.chain.output.history.latest().history_change_reason, "output.moved: fits better")

    def test_an_activity_moves_to_another_output_with_its_money(self):
        target = services.output_create(actor=self.nfp, outcome=self.chain.outcome, title="Other output")
        services.activity_move(actor=self.nfp, activity=self.a2, output=target)
        self.a2.refresh_from_db()
        self.assertEqual(self.a2.output, target)
        self.assertEqual(self.a2.budget_lines.count(), 1)

    def test_nothing_moves_into_another_process(self):
        elsewhere = make_owned_chain(self.cast, activities=0, label="E")
        Output.objects.filter(pk=elsewhere.output.pk).update(process=self.cast.other_process)
        elsewhere.output.refresh_from_db()
        errors = self.errors(services.activity_move, actor=self.nfp, activity=self.a1, output=elsewhere.output)
        self.assertIn("target", errors)

    def test_an_outcome_moved_to_another_goal_leaves_the_old_goals_priority(self):
        other = make_owned_chain(self.cast, activities=0, label="B")
        services.outcome_move(actor=self.nfp, outcome=self.chain.outcome, goal=other.goal)
        self.chain.outcome.refresh_from_db()
        self.assertEqual((self.chain.outcome.goal, self.chain.outcome.priority), (other.goal, None))


class CopyTests(ChainCase):
    def test_an_outcome_is_copied_with_its_risks_outputs_and_accepted_activities_but_no_money(self):
        Risk.objects.create(process=self.cast.process, outcome=self.chain.outcome, description="Rain")
        Risk.objects.create(process=self.cast.process, output=self.chain.output, description="Strike")
        Activity.objects.filter(pk=self.a3.pk).update(proposal_status=ProposalStatus.PROPOSED)
        Activity.objects.filter(pk=self.a1.pk).update(status=ActivityStatus.COMPLETED)
        copy = services.outcome_copy(actor=self.nfp, outcome=self.chain.outcome)
        self.assertEqual(copy.title, "Workers leave informed (copy)")
        self.assertEqual(copy.risks.get().description, "Rain")
        output = copy.outputs.get()
        self.assertEqual(output.title, "Pre-departure orientation in place")
        self.assertEqual(output.risks.get().description, "Strike")
        activities = list(output.activities.order_by("position"))
        self.assertEqual([a.title for a in activities], [self.a1.title, self.a2.title])
        self.assertEqual({a.status for a in activities}, {ActivityStatus.PLANNED})
        self.assertFalse(BudgetLine.objects.filter(activity__in=activities).exists())
        self.assertTrue(allows(self.cast.own, UPDATE, activities[0]))  # the responsible keeps its right
        self.assertEqual(
            copy.history.get().history_change_reason, f"outcome.copied: copied from #{self.chain.outcome.pk}"
        )
        # The original is untouched.
        self.assertEqual(self.chain.outcome.outputs.get().activities.count(), 3)

    def test_an_activity_copy_lands_last_under_the_same_output(self):
        copy = services.activity_copy(actor=self.nfp, activity=self.a1)
        self.assertEqual((copy.output, copy.position, copy.title), (self.chain.output, 3, f"{self.a1.title} (copy)"))

    def test_a_proposal_cannot_be_copied(self):
        Activity.objects.filter(pk=self.a1.pk).update(proposal_status=ProposalStatus.PROPOSED)
        self.a1.refresh_from_db()
        with self.assertRaises(ValidationError):
            services.activity_copy(actor=self.nfp, activity=self.a1)


class DeleteTests(ChainCase):
    def test_deleting_an_outcome_takes_its_outputs_activities_money_and_risks_and_the_history_says_why(self):
        Risk.objects.create(process=self.cast.process, output=self.chain.output, description="Strike")
        services.outcome_delete(actor=self.nfp, outcome=self.chain.outcome, reason="Merged into another")
        self.assertFalse(Outcome.objects.filter(pk=self.chain.outcome.pk).exists())
        self.assertFalse(Activity.objects.filter(pk__in=[self.a1.pk, self.a2.pk, self.a3.pk]).exists())
        self.assertFalse(BudgetLine.objects.filter(process=self.cast.process).exists())
        self.assertFalse(Funding.objects.filter(process=self.cast.process).exists())
        self.assertFalse(Risk.objects.filter(process=self.cast.process).exists())
        gone = Activity.history.filter(id=self.a1.pk, history_type="-").get()
        self.assertEqual(
            (gone.history_user, gone.history_change_reason),
            (self.nfp, "activity.deleted_with_output: Merged into another"),
        )

    def test_a_delete_needs_a_reason(self):
        errors = self.errors(services.activity_delete, actor=self.nfp, activity=self.a1, reason=" ")
        self.assertIn("reason", errors)
        self.assertTrue(Activity.objects.filter(pk=self.a1.pk).exists())


class ProgressTests(ChainCase):
    def update(self, actor, activity=None, **changes):
        activity = activity or self.a1
        data = {"status": activity.status, "starts_on": activity.starts_on, "ends_on": activity.ends_on} | changes
        return services.activity_progress_update(actor=actor, activity=activity, **data)

    def test_the_responsible_ministry_updates_its_activitys_status_and_dates(self):
        self.update(self.cast.own, status=ActivityStatus.DELAYED, ends_on=date(2027, 9, 30), note="Trainers late")
        self.a1.refresh_from_db()
        self.assertEqual((self.a1.status, self.a1.ends_on), (ActivityStatus.DELAYED, date(2027, 9, 30)))
        row = self.a1.history.latest()
        self.assertEqual(
            (row.history_user, row.history_change_reason), (self.cast.own, "activity.delayed: Trainers late")
        )

    def test_another_ministry_and_the_facilitator_may_not(self):
        for role in ("other", "facilitator", "donor"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                self.update(self.cast.user(role), status=ActivityStatus.ONGOING)

    def test_no_other_field_can_be_changed_through_it(self):
        with self.assertRaises(TypeError):
            self.update(self.cast.own, title="Renamed")

    def test_an_end_before_the_start_is_refused(self):
        errors = self.errors(self.update, actor=self.cast.own, ends_on=date(2026, 1, 1))
        self.assertIn("ends_on", errors)

    def test_a_published_plan_takes_status_updates_and_stays_published(self):
        self.set_plan(PlanStatus.PUBLISHED)
        self.update(self.cast.own, status=ActivityStatus.ONGOING, starts_on=date(2027, 2, 1))
        self.assertEqual(Plan.objects.get(process=self.cast.process).status, PlanStatus.PUBLISHED)

    def test_in_review_the_status_is_taken_but_not_the_dates(self):
        self.set_plan(PlanStatus.IN_REVIEW)
        self.update(self.cast.own, status=ActivityStatus.ONGOING)
        self.a1.refresh_from_db()
        self.assertEqual(self.a1.status, ActivityStatus.ONGOING)
        errors = self.errors(self.update, actor=self.cast.own, activity=self.a1, ends_on=date(2028, 1, 1))
        self.assertIn("starts_on", errors)


class FrozenPlanTests(ChainCase):
    def test_a_plan_in_review_or_endorsed_refuses_changes_to_the_chain(self):
        for status in (PlanStatus.IN_REVIEW, PlanStatus.ENDORSED):
            self.set_plan(status)
            calls = [
                lambda: services.outcome_create(actor=self.nfp, goal=self.chain.goal, title="Late"),
                lambda: services.activity_update(actor=self.nfp, activity=self.a1, data={"title": "Late"}),
                lambda: services.chain_item_reorder(actor=self.nfp, item=self.a2, direction="up"),
                lambda: services.output_copy(actor=self.nfp, output=self.chain.output),
                lambda: services.activity_delete(actor=self.nfp, activity=self.a1, reason="Late"),
            ]
            for call in calls:
                with self.subTest(status=status), self.assertRaises(ValidationError):
                    call()
        self.assertEqual(Activity.objects.get(pk=self.a1.pk).title, self.a1.title)

    def test_a_change_to_a_published_plan_starts_a_new_draft(self):
        self.set_plan(PlanStatus.PUBLISHED)
        services.output_update(actor=self.nfp, output=self.chain.output, data={"title": "Sharper"})
        self.assertEqual(Plan.objects.get(process=self.cast.process).status, PlanStatus.DRAFT)


class ProposalTests(ChainCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.health_sector = give_sector(cls.cast.health, "health")

    def propose(self, actor=None, **changes):
        data = {"title": "Screen migrants for TB", "proposal_note": "A gap in the plan", "sector": self.health_sector}
        return services.activity_propose(actor=actor or self.cast.own, output=self.chain.output, **data | changes)

    def test_a_ministry_proposes_and_it_waits_outside_the_plan(self):
        activity = self.propose()
        self.assertEqual(
            (activity.proposal_status, activity.proposed_by, activity.responsible),
            (ProposalStatus.PROPOSED, self.cast.health, self.cast.health),
        )
        self.assertFalse(allows(self.cast.own, UPDATE, activity))
        self.assertEqual(activity.history.get().history_change_reason, "activity.proposed")

    def test_only_a_ministry_proposes_and_only_for_its_sectors(self):
        for role in ("nfp", "facilitator", "donor"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                self.propose(self.cast.user(role))
        errors = self.errors(self.propose, actor=self.cast.other)  # labour has no health sector
        self.assertIn("sector", errors)

    def test_the_nfp_accepts_it_into_the_plan_and_the_ministry_may_then_update_it(self):
        activity = self.propose()
        services.activity_accept(actor=self.nfp, activity=activity, note="Good idea")
        activity.refresh_from_db()
        self.assertEqual((activity.proposal_status, activity.decision_note), (ProposalStatus.ACCEPTED, "Good idea"))
        self.assertTrue(allows(self.cast.own, UPDATE, activity))
        with self.assertRaises(ValidationError):
            services.activity_accept(actor=self.nfp, activity=activity)

    def test_the_nfp_declines_it_with_a_reason_the_ministry_reads(self):
        activity = self.propose()
        self.assertIn("reason", self.errors(services.activity_decline, actor=self.nfp, activity=activity, reason=""))
        services.activity_decline(actor=self.nfp, activity=activity, reason="Out of scope")
        activity.refresh_from_db()
        self.assertEqual((activity.proposal_status, activity.decision_note), (ProposalStatus.DECLINED, "Out of scope"))
        self.assertEqual(activity.history.latest().history_change_reason, "activity.declined: Out of scope")
        with self.assertRaises(PermissionDenied):
            services.activity_decline(actor=self.cast.own, activity=activity, reason="No")

    def test_a_proposal_is_open_even_while_the_plan_is_in_review(self):
        self.set_plan(PlanStatus.IN_REVIEW)
        self.assertEqual(self.propose().proposal_status, ProposalStatus.PROPOSED)


class TemplateUseTests(ChainCase):
    def test_an_experience_becomes_a_draft_output_with_its_activities(self):
        sector = give_sector(self.cast.labour, "employment")
        example = ProgrammeExample.objects.create(
            code="test-example",
            sector=sector,
            title="Pre-departure orientation in the Philippines",
            activity="Orientation seminars",
            actors="POEA",
            countries="The Philippines",
            target_group="Workers leaving",
            time_span="since 1983",
            outcomes="Better informed workers",
            template_activities=[{"title": "Design the seminar", "target_group": "Workers"}, {"title": "Run it"}],
        )
        use = services.programme_example_use(actor=self.nfp, example=example, outcome=self.chain.outcome)
        self.assertEqual((use.output.outcome, use.output.copied_from), (self.chain.outcome, example))
        self.assertEqual([a.title for a in use.activities], ["Design the seminar", "Run it"])
        self.assertEqual({a.sector for a in use.activities}, {sector})
        self.assertEqual(use.output.history.get().history_change_reason, "output.from_template: test-example")
        with self.assertRaises(PermissionDenied):
            services.programme_example_use(actor=self.cast.own, example=example, outcome=self.chain.outcome)


class RiskTests(ChainCase):
    def test_risks_hang_on_an_outcome_or_an_output(self):
        risk = services.risk_create(
            actor=self.nfp, output=self.chain.output, description="Strike", likelihood=Level.LOW, impact=Level.HIGH
        )
        self.assertEqual(risk.get_absolute_url(), self.chain.output.get_absolute_url())
        services.risk_update(actor=self.nfp, risk=risk, data={"mitigation": "Talk early"}, reason="after the meeting")
        self.assertEqual(risk.history.latest().history_change_reason, "risk.updated: after the meeting")
        with self.assertRaises(TypeError):
            services.risk_create(actor=self.nfp, description="Nowhere")
        services.risk_delete(actor=self.nfp, risk=risk, reason="Passed")
        self.assertFalse(Risk.objects.exists())


class MoneyStaysTests(ChainCase):
    def test_moving_an_activity_keeps_its_budget(self):
        target = services.output_create(actor=self.nfp, outcome=self.chain.outcome, title="Other")
        services.activity_move(actor=self.nfp, activity=self.a1, output=target)
        self.assertEqual(BudgetLine.objects.get(activity=self.a1).amount, D("10000"))
