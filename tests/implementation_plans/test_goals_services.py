"""
The goals area's services: pillars, goals, criteria, priorities, scores and targets; who may do each; the history
each write leaves; the selection workflow; and the freeze of a plan in review.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from implementation_plans.choices import PlanStatus
from implementation_plans.models import Goal, Plan, PlanPillar, Priority, PriorityCriterion, PriorityScore, Target
from implementation_plans.permissions import SCORE
from implementation_plans.services import goals as services
from mainstreaming.permissions import allows
from situation_analysis.services.findings import finding_delete
from tests.cast import make_cast
from tests.factories import ProcessFactory
from tests.implementation_plans.builders import make_finding, make_prioritisation, seat_on_national_committee


class GoalServiceCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.finding = make_finding(cls.process)


class PillarTests(GoalServiceCase):
    def test_it_creates_updates_and_deletes_a_pillar_with_history(self):
        pillar = services.pillar_create(actor=self.cast.nfp, process=self.process, code=" P1 ", name="Human capital")
        self.assertEqual(pillar.code, "P1")
        services.pillar_update(actor=self.cast.nfp, pillar=pillar, data={"name": "Human development"}, reason="NDS")
        latest = pillar.history.first()
        self.assertEqual(latest.history_user, self.cast.nfp)
        self.assertEqual(latest.history_change_reason, "pillar.updated: NDS")
        services.pillar_delete(actor=self.cast.nfp, pillar=pillar, reason="merged")
        self.assertFalse(PlanPillar.objects.filter(pk=pillar.pk).exists())

    def test_it_refuses_a_duplicate_name_beside_the_field(self):
        services.pillar_create(actor=self.cast.nfp, process=self.process, name="Jobs")
        with self.assertRaises(ValidationError) as raised:
            services.pillar_create(actor=self.cast.nfp, process=self.process, name="jobs")
        self.assertIn("name", raised.exception.message_dict)

    def test_it_refuses_to_delete_a_pillar_goals_are_tagged_with(self):
        pillar = services.pillar_create(actor=self.cast.nfp, process=self.process, name="Jobs")
        services.goal_create(actor=self.cast.nfp, process=self.process, statement="Decent work", pillar=pillar)
        with self.assertRaises(ValidationError):
            services.pillar_delete(actor=self.cast.nfp, pillar=pillar, reason="gone")

    def test_it_rejects_a_ministry(self):
        with self.assertRaises(PermissionDenied):
            services.pillar_create(actor=self.cast.own, process=self.process, name="Jobs")


class GoalTests(GoalServiceCase):
    def test_it_records_a_goal_with_its_links_on_its_history(self):
        goal = services.goal_create(
            actor=self.cast.nfp,
            process=self.process,
            statement="  Health services keep their staff ",
            rationale="Vacancies",
            findings=[self.finding],
        )
        self.assertEqual(goal.statement, "Health services keep their staff")
        self.assertEqual(list(goal.findings.all()), [self.finding])
        records = list(goal.history.order_by("history_id"))
        self.assertEqual([r.history_change_reason for r in records], ["goal.created", "goal.created"])
        self.assertEqual(records[-1].history_user, self.cast.nfp)

    def test_an_update_that_changes_nothing_writes_no_history(self):
        goal = services.goal_create(actor=self.cast.nfp, process=self.process, statement="Jobs")
        count = goal.history.count()
        services.goal_update(actor=self.cast.nfp, goal=goal, data={"statement": "Jobs", "findings": []})
        self.assertEqual(goal.history.count(), count)
        services.goal_update(actor=self.cast.nfp, goal=goal, data={"findings": [self.finding]}, reason="evidence")
        self.assertEqual(goal.history.count(), count + 1)
        self.assertEqual(goal.history.first().history_change_reason, "goal.updated: evidence")

    def test_it_refuses_an_empty_statement_and_another_process_s_finding(self):
        elsewhere = make_finding(self.cast.other_process, "Elsewhere")
        with self.assertRaises(ValidationError) as raised:
            services.goal_create(actor=self.cast.nfp, process=self.process, statement=" ", findings=[elsewhere])
        self.assertEqual(set(raised.exception.message_dict), {"statement", "findings"})

    def test_it_refuses_another_process_s_pillar(self):
        pillar = PlanPillar.objects.create(process=self.cast.other_process, name="Elsewhere")
        with self.assertRaises(ValidationError) as raised:
            services.goal_create(actor=self.cast.nfp, process=self.process, statement="Jobs", pillar=pillar)
        self.assertIn("pillar", raised.exception.message_dict)

    def test_a_goal_with_priorities_is_not_deleted(self):
        setup = make_prioritisation(self.cast)
        with self.assertRaises(ValidationError):
            services.goal_delete(actor=self.cast.nfp, goal=setup.goal, reason="gone")
        self.assertTrue(Goal.objects.filter(pk=setup.goal.pk).exists())

    def test_delete_asks_for_a_reason(self):
        goal = services.goal_create(actor=self.cast.nfp, process=self.process, statement="Jobs")
        with self.assertRaises(ValidationError) as raised:
            services.goal_delete(actor=self.cast.nfp, goal=goal, reason=" ")
        self.assertIn("reason", raised.exception.message_dict)

    def test_the_facilitator_and_a_ministry_cannot_write_goals(self):
        for actor in (self.cast.own, self.cast.facilitator, self.cast.donor, self.cast.outsider):
            with self.subTest(actor=actor.username), self.assertRaises(PermissionDenied):
                services.goal_create(actor=actor, process=self.process, statement="Jobs")


class FreezeTests(GoalServiceCase):
    def test_a_plan_in_review_refuses_every_change(self):
        Plan.objects.create(process=self.process, title="Plan", status=PlanStatus.IN_REVIEW)
        with self.assertRaises(ValidationError):
            services.goal_create(actor=self.cast.nfp, process=self.process, statement="Jobs")
        with self.assertRaises(ValidationError):
            services.criterion_create(actor=self.cast.nfp, process=self.process, name="Cost")

    def test_a_change_to_a_published_plan_starts_a_new_draft(self):
        plan = Plan.objects.create(process=self.process, title="Plan", status=PlanStatus.PUBLISHED)
        services.goal_create(actor=self.cast.nfp, process=self.process, statement="Jobs")
        plan.refresh_from_db()
        self.assertEqual(plan.status, PlanStatus.DRAFT)


class PriorityTests(GoalServiceCase):
    def setUp(self):
        self.goal = services.goal_create(actor=self.cast.nfp, process=self.process, statement="Jobs")

    def test_it_proposes_a_priority_citing_findings(self):
        priority = services.priority_create(
            actor=self.cast.nfp, goal=self.goal, title="Fair recruitment", findings=[self.finding]
        )
        self.assertEqual(priority.process, self.process)
        self.assertFalse(priority.is_selected)
        self.assertEqual(list(self.finding.priorities.all()), [priority])

    def test_select_and_unselect_record_who_when_and_why(self):
        priority = services.priority_create(actor=self.cast.nfp, goal=self.goal, title="Fair recruitment")
        with self.assertRaises(ValidationError) as raised:
            services.priority_select(actor=self.cast.nfp, priority=priority, reason="")
        self.assertIn("reason", raised.exception.message_dict)
        services.priority_select(actor=self.cast.nfp, priority=priority, reason="committee, 2nd meeting")
        priority.refresh_from_db()
        self.assertTrue(priority.is_selected)
        self.assertEqual(priority.selected_by, self.cast.nfp)
        self.assertIsNotNone(priority.selected_at)
        record = priority.history.first()
        self.assertEqual(record.history_change_reason, "priority.selected: committee, 2nd meeting")
        self.assertEqual(record.history_user, self.cast.nfp)
        with self.assertRaises(ValidationError):
            services.priority_select(actor=self.cast.nfp, priority=priority, reason="again")
        services.priority_unselect(actor=self.cast.nfp, priority=priority, reason="no funding")
        priority.refresh_from_db()
        self.assertFalse(priority.is_selected)
        self.assertIsNone(priority.selected_by)
        self.assertEqual(priority.history.first().history_change_reason, "priority.unselected: no funding")

    def test_only_the_nfp_selects(self):
        priority = services.priority_create(actor=self.cast.nfp, goal=self.goal, title="Fair recruitment")
        for actor in (self.cast.own, self.cast.facilitator):
            with self.subTest(actor=actor.username), self.assertRaises(PermissionDenied):
                services.priority_select(actor=actor, priority=priority, reason="why not")

    def test_a_selected_priority_is_not_deleted(self):
        priority = services.priority_create(actor=self.cast.nfp, goal=self.goal, title="Fair recruitment")
        services.priority_select(actor=self.cast.nfp, priority=priority, reason="agreed")
        priority.refresh_from_db()
        with self.assertRaises(ValidationError):
            services.priority_delete(actor=self.cast.nfp, priority=priority, reason="gone")

    def test_a_finding_cited_by_the_plan_is_not_deleted(self):
        services.priority_create(actor=self.cast.nfp, goal=self.goal, title="Fair recruitment", findings=[self.finding])
        with self.assertRaises(ValidationError):
            finding_delete(actor=self.cast.nfp, finding=self.finding, reason="wrong")


class ScorerTests(GoalServiceCase):
    def test_the_nfp_and_seated_ministries_score_no_one_else(self):
        self.assertTrue(allows(self.cast.nfp, SCORE, self.process))
        self.assertFalse(allows(self.cast.own, SCORE, self.process))
        seat_on_national_committee(self.process, self.cast.health)
        self.assertTrue(allows(self.cast.own, SCORE, self.process))
        self.assertFalse(allows(self.cast.other, SCORE, self.process))
        self.assertFalse(allows(self.cast.facilitator, SCORE, self.process))
        self.assertFalse(allows(self.cast.donor, SCORE, self.process))
        self.assertFalse(allows(self.cast.outsider, SCORE, self.process))

    def test_a_seat_on_the_consultative_committee_or_an_inactive_seat_does_not_count(self):
        from stakeholders.choices import CommitteeKind
        from stakeholders.models import Committee, CommitteeMember

        consultative = Committee.objects.create(process=self.process, kind=CommitteeKind.CONSULTATIVE, name="C")
        CommitteeMember.objects.create(committee=consultative, institution=self.cast.health)
        self.assertFalse(allows(self.cast.own, SCORE, self.process))
        seat = seat_on_national_committee(self.process, self.cast.health)
        seat.is_active = False
        seat.save()
        self.assertFalse(allows(self.cast.own, SCORE, self.process))

    def test_a_seat_in_another_process_does_not_count(self):
        other = ProcessFactory()
        seat_on_national_committee(other, self.cast.health)
        self.assertFalse(allows(self.cast.own, SCORE, self.process))


class ScoreTests(GoalServiceCase):
    def setUp(self):
        self.setup = make_prioritisation(self.cast)
        self.p1, self.p2 = self.setup.priorities
        self.relevance, self.cost = self.setup.criteria

    def test_it_gives_changes_and_withdraws_scores_with_history(self):
        nfp = self.cast.nfp
        changed = services.scores_save(
            actor=nfp, process=self.process, scores={(self.p1.pk, self.relevance.pk): 4, (self.p1.pk, self.cost.pk): 2}
        )
        self.assertEqual(changed, 2)
        score = PriorityScore.objects.get(priority=self.p1, criterion=self.relevance, scorer=nfp)
        self.assertEqual(score.history.first().history_change_reason, "score.given")
        changed = services.scores_save(
            actor=nfp, process=self.process, scores={(self.p1.pk, self.relevance.pk): 5, (self.p1.pk, self.cost.pk): 2}
        )
        self.assertEqual(changed, 1)
        score.refresh_from_db()
        self.assertEqual(score.score, 5)
        services.scores_save(actor=nfp, process=self.process, scores={(self.p1.pk, self.cost.pk): None})
        self.assertFalse(PriorityScore.objects.filter(criterion=self.cost).exists())

    def test_scoring_waits_for_a_draft_and_never_reopens_a_published_plan(self):
        for status in (PlanStatus.IN_REVIEW, PlanStatus.ENDORSED, PlanStatus.PUBLISHED):
            Plan.objects.update_or_create(process=self.process, defaults={"title": "Plan", "status": status})
            with self.subTest(status=status), self.assertRaises(ValidationError):
                services.scores_save(actor=self.cast.nfp, process=self.process, scores={(self.p1.pk, self.cost.pk): 3})
            self.assertEqual(Plan.objects.get(process=self.process).status, status)
        self.assertFalse(PriorityScore.objects.exists())

    def test_it_refuses_scores_out_of_range_or_for_a_selected_priority(self):
        with self.assertRaises(ValidationError):
            services.scores_save(actor=self.cast.nfp, process=self.process, scores={(self.p1.pk, self.cost.pk): 6})
        Priority.objects.filter(pk=self.p2.pk).update(is_selected=True)
        with self.assertRaises(ValidationError):
            services.scores_save(actor=self.cast.nfp, process=self.process, scores={(self.p2.pk, self.cost.pk): 3})
        self.assertFalse(PriorityScore.objects.exists())

    def test_an_unseated_ministry_cannot_score(self):
        with self.assertRaises(PermissionDenied):
            services.scores_save(actor=self.cast.own, process=self.process, scores={(self.p1.pk, self.cost.pk): 3})

    def test_deleting_a_criterion_removes_its_scores_and_keeps_their_history(self):
        services.scores_save(actor=self.cast.nfp, process=self.process, scores={(self.p1.pk, self.cost.pk): 3})
        services.criterion_delete(actor=self.cast.nfp, criterion=self.cost, reason="not agreed")
        self.assertFalse(PriorityCriterion.objects.filter(pk=self.cost.pk).exists())
        self.assertFalse(PriorityScore.objects.exists())
        self.assertEqual(
            PriorityScore.history.filter(history_type="-").get().history_change_reason,
            "score.deleted: its criterion was removed",
        )


class TargetTests(GoalServiceCase):
    def setUp(self):
        self.priority = make_prioritisation(self.cast, priorities=1).priorities[0]

    def test_it_creates_and_updates_a_target_with_history(self):
        target = services.target_create(
            actor=self.cast.nfp, priority=self.priority, statement="Fill the vacant posts", indicator=" posts "
        )
        self.assertEqual(target.indicator, "posts")
        self.assertEqual(target.process, self.process)
        services.target_update(
            actor=self.cast.nfp, target=target, data={"finding": self.finding, "target_value": "10"}, reason="agreed"
        )
        self.assertEqual(target.history.first().history_change_reason, "target.updated: agreed")
        services.target_delete(actor=self.cast.nfp, target=target, reason="merged")
        self.assertFalse(Target.objects.exists())

    def test_it_refuses_another_process_s_institution_or_finding(self):
        from tests.factories import InstitutionFactory

        institution = InstitutionFactory(process=self.cast.other_process)
        finding = make_finding(self.cast.other_process, "Elsewhere")
        with self.assertRaises(ValidationError) as raised:
            services.target_create(
                actor=self.cast.nfp, priority=self.priority, statement="x", responsible=institution, finding=finding
            )
        self.assertEqual(set(raised.exception.message_dict), {"responsible", "finding"})

    def test_a_ministry_cannot_add_a_target(self):
        with self.assertRaises(PermissionDenied):
            services.target_create(actor=self.cast.own, priority=self.priority, statement="x")


class PlacementTests(GoalServiceCase):
    """A new record of an ordered kind goes last unless it is placed; an edit left unplaced keeps its place."""

    def test_new_goals_pillars_criteria_priorities_and_targets_go_last(self):
        nfp, process = self.cast.nfp, self.process
        goals = [services.goal_create(actor=nfp, process=process, statement=f"Goal {n}") for n in range(3)]
        self.assertEqual([goal.position for goal in goals], [0, 1, 2])
        pillars = [services.pillar_create(actor=nfp, process=process, name=f"Pillar {n}") for n in range(2)]
        self.assertEqual([pillar.position for pillar in pillars], [0, 1])
        criteria = [services.criterion_create(actor=nfp, process=process, name=f"Criterion {n}") for n in range(2)]
        self.assertEqual([criterion.position for criterion in criteria], [0, 1])
        priorities = [services.priority_create(actor=nfp, goal=goals[0], title=f"Priority {n}") for n in range(2)]
        self.assertEqual([priority.position for priority in priorities], [0, 1])
        # Another goal's priorities are numbered on their own.
        self.assertEqual(services.priority_create(actor=nfp, goal=goals[1], title="Elsewhere").position, 0)
        targets = [services.target_create(actor=nfp, priority=priorities[0], statement=f"Target {n}") for n in range(2)]
        self.assertEqual([target.position for target in targets], [0, 1])
        self.assertEqual(
            list(Goal.objects.filter(process=process).values_list("statement", flat=True)),
            ["Goal 0", "Goal 1", "Goal 2"],
        )

    def test_a_position_given_is_kept_and_an_edit_without_one_keeps_the_place(self):
        nfp, process = self.cast.nfp, self.process
        services.goal_create(actor=nfp, process=process, statement="First")
        placed = services.goal_create(actor=nfp, process=process, statement="Placed", position=0)
        self.assertEqual(placed.position, 0)
        later = services.goal_create(actor=nfp, process=process, statement="Later")
        services.goal_update(actor=nfp, goal=later, data={"statement": "Later still", "position": None})
        later.refresh_from_db()
        self.assertEqual((later.statement, later.position), ("Later still", 1))
        target = services.target_create(actor=nfp, priority=make_priority(later), statement="Target", position=5)
        services.target_update(actor=nfp, target=target, data={"statement": "Target!", "position": None})
        target.refresh_from_db()
        self.assertEqual(target.position, 5)


def make_priority(goal):
    return Priority.objects.create(process=goal.process, goal=goal, title="Priority", position=0)
