"""
The read side of prioritisation: the weighted ranking computed in the database with its breakdown, what each
target still lacks to be SMART (letter by letter), the list of incomplete targets and the dashboard's summary.
"""

from datetime import date

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from implementation_plans import smart
from implementation_plans.models import PriorityScore, Target
from implementation_plans.selectors import goals as selectors
from implementation_plans.services.base import plan_of
from tests.cast import make_cast
from tests.factories import UserFactory
from tests.implementation_plans.builders import make_prioritisation


class RankingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        # Relevance weighs 3, cost 1.
        cls.setup = make_prioritisation(cls.cast, priorities=3, weights=(3, 1))
        cls.p1, cls.p2, cls.p3 = cls.setup.priorities
        cls.relevance, cls.cost = cls.setup.criteria
        cls.alice, cls.bob = UserFactory(username="alice"), UserFactory(username="bob")

        def score(priority, criterion, scorer, value):
            PriorityScore.objects.create(priority=priority, criterion=criterion, scorer=scorer, score=value)

        # p1: relevance 5 and 4 (average 4.5), cost 2 and 4 (average 3): total 3 × 4.5 + 1 × 3 = 16.5.
        score(cls.p1, cls.relevance, cls.alice, 5)
        score(cls.p1, cls.relevance, cls.bob, 4)
        score(cls.p1, cls.cost, cls.alice, 2)
        score(cls.p1, cls.cost, cls.bob, 4)
        # p2: relevance 3 (one scorer), cost 5 (one scorer): 3 × 3 + 5 = 14; two scorers in all.
        score(cls.p2, cls.relevance, cls.alice, 3)
        score(cls.p2, cls.cost, cls.bob, 5)
        # p3: relevance 5 only, cost not scored: 3 × 5 = 15.

        score(cls.p3, cls.relevance, cls.alice, 5)

    def test_it_ranks_by_weighted_total_with_each_criterion_s_average_and_scorers(self):
        result = selectors.ranking(process=self.cast.process)
        self.assertEqual([p.pk for p in result.priorities], [self.p1.pk, self.p3.pk, self.p2.pk])
        self.assertEqual([p.rank for p in result.priorities], [1, 2, 3])
        first, second, third = result.priorities
        self.assertAlmostEqual(first.weighted_total, 16.5)
        self.assertAlmostEqual(first.weighted_average, 16.5 / 4)
        self.assertEqual(first.scorers, 2)
        relevance, cost = first.breakdown
        self.assertEqual((relevance.criterion, cost.criterion), (self.relevance, self.cost))
        self.assertAlmostEqual(relevance.average, 4.5)
        self.assertEqual(relevance.scorers, 2)
        self.assertAlmostEqual(relevance.weighted, 13.5)
        self.assertAlmostEqual(cost.average, 3.0)
        self.assertAlmostEqual(second.weighted_total, 15.0)
        self.assertIsNone(second.breakdown[1].average)
        self.assertEqual(second.unscored, [self.cost])
        self.assertEqual(second.scorers, 1)
        self.assertAlmostEqual(third.weighted_total, 14.0)
        self.assertEqual(third.scorers, 2)
        self.assertEqual([b.scorers for b in third.breakdown], [1, 1])
        self.assertEqual(result.total_weight, 4)
        self.assertEqual(result.max_total, 20)

    def test_a_new_weight_changes_the_ranking_at_once(self):
        self.cost.weight = 10
        self.cost.save()
        result = selectors.ranking(process=self.cast.process)
        # p1: 3 × 4.5 + 10 × 3 = 43.5; p2: 3 × 3 + 10 × 5 = 59; p3: 15.
        self.assertEqual([p.pk for p in result.priorities], [self.p2.pk, self.p1.pk, self.p3.pk])
        self.assertAlmostEqual(result.priorities[0].weighted_total, 59.0)

    def test_it_is_computed_in_two_queries(self):
        with CaptureQueriesContext(connection) as queries:
            result = selectors.ranking(process=self.cast.process)
            [p.breakdown for p in result.priorities]
        self.assertEqual(len(queries), 2)

    def test_the_priority_detail_carries_the_same_figures(self):
        detail = selectors.priority_detail(priority=self.p1)
        self.assertAlmostEqual(self.p1.weighted_total, 16.5)
        self.assertEqual([round(b.average, 2) for b in detail.breakdown], [4.5, 3.0])

    def test_the_score_sheet_shows_only_the_scorer_s_own_scores(self):
        sheet = selectors.score_sheet(process=self.cast.process, user=self.alice)
        mine = {p.pk: p.mine for p in sheet.candidates}
        self.assertEqual(mine[self.p1.pk], {self.relevance.pk: 5, self.cost.pk: 2})
        self.assertEqual(mine[self.p2.pk], {self.relevance.pk: 3})


class SmartTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.setup = make_prioritisation(cls.cast, priorities=1)
        cls.priority = cls.setup.priorities[0]

    def target(self, **values):
        return Target.objects.create(process=self.cast.process, priority=self.priority, **values)

    def complete(self, **overrides):
        values = {
            "statement": "Fill the vacant posts",
            "indicator": "vacant posts",
            "baseline": "46 (2025)",
            "target_value": "10 posts",
            "responsible": self.cast.health,
            "resources": "health budget",
            "finding": self.setup.finding,
            "due_on": date(2028, 12, 31),  # the process plans 2026-2030
        }
        return self.target(**(values | overrides))

    def letters(self, target):
        return [gap.letter for gap in smart.smart_gaps(target)]

    def needs(self, target, letter):
        return next(gap.needs for gap in smart.smart_gaps(target) if gap.letter == letter)

    def test_a_complete_target_lacks_nothing(self):
        self.assertEqual(self.letters(self.complete()), [])
        for value in ("80 %", "below 3 %", "USD 2 million", "$ 500", "12,500 workers"):
            with self.subTest(value=value):
                self.assertEqual(self.letters(self.complete(target_value=value)), [])

    def test_each_letter_names_what_it_needs(self):
        cases = {
            "S": {"statement": ""},
            "M": {"indicator": ""},
            "A": {"responsible": None},
            "R": {"finding": None},
            "T": {"due_on": None},
        }
        for letter, overrides in cases.items():
            with self.subTest(letter=letter):
                self.assertEqual(self.letters(self.complete(**overrides)), [letter])

    def test_measurable_needs_a_number_with_its_unit_against_a_baseline(self):
        no_baseline = self.complete(baseline="")
        self.assertEqual(self.letters(no_baseline), ["M"])
        self.assertEqual(self.needs(no_baseline, "M"), "a baseline with a number, to measure the target against")
        self.assertEqual(self.letters(self.complete(baseline="low")), ["M"])
        no_unit = self.complete(target_value="10")
        self.assertEqual(self.letters(no_unit), ["M"])
        self.assertIn("the unit of the target value “10”", self.needs(no_unit, "M"))
        words = self.complete(target_value="much better")
        self.assertIn("a target value that is a number with its unit", self.needs(words, "M"))
        # Filled in but weak: "below 3 %" with no baseline, due after the plan, is neither measurable nor time-bound.
        weak = self.complete(target_value="below 3 %", baseline="", due_on=date(2035, 6, 30))
        self.assertEqual(self.letters(weak), ["M", "T"])

    def test_achievable_needs_both_institution_and_resources(self):
        self.assertEqual(self.letters(self.complete(resources="")), ["A"])
        self.assertEqual(self.needs(self.target(statement="x"), "A"), "a responsible institution; the resources")

    def test_time_bound_needs_a_date_or_year_inside_the_plan_s_period(self):
        late = self.complete(due_on=date(2031, 1, 1))
        self.assertEqual(self.letters(late), ["T"])
        self.assertEqual(self.needs(late, "T"), "a date inside the plan's period 2026–2030 (2031 is outside it)")
        self.assertEqual(self.letters(self.complete(due_on=None, statement="Fill the posts by 2029")), [])
        self.assertEqual(self.letters(self.complete(due_on=None, statement="Fill the posts by 2040")), ["T"])
        self.assertEqual(
            self.needs(self.complete(due_on=None), "T"), "a date to reach it by, inside the plan's period 2026–2030"
        )

    def test_the_plan_s_own_years_narrow_the_period(self):
        plan = plan_of(self.cast.process)
        plan.starts_in, plan.ends_in = 2026, 2027
        plan.save()
        target = Target.objects.select_related(*smart.TARGET_RELATED).get(pk=self.complete().pk)
        self.assertEqual(self.needs(target, "T"), "a date inside the plan's period 2026–2027 (2028 is outside it)")

    def test_a_bare_target_lacks_all_but_specific(self):
        self.assertEqual(self.letters(self.target(statement="Do better")), ["M", "A", "R", "T"])

    def test_the_incomplete_targets_are_listed_and_counted(self):
        self.complete()
        bare = self.target(statement="Do better")
        undated = self.complete(due_on=None)
        with self.assertNumQueries(1):
            lacking = selectors.targets_lacking(process=self.cast.process)
        self.assertEqual([t.pk for t in lacking], [bare.pk, undated.pk])
        self.assertEqual([g.letter for g in lacking[1].gaps], ["T"])
        counts = selectors.smart_counts(process=self.cast.process)
        self.assertEqual(counts["total"], 3)
        self.assertEqual(counts["incomplete"], 2)
        self.assertEqual(counts["time_bound"], 2)
        self.assertEqual(counts["measurable"], 1)
        self.assertEqual(counts["specific"], 0)

    def test_the_dashboard_summary_costs_two_queries(self):
        self.target(statement="Do better")
        with CaptureQueriesContext(connection) as queries:
            summary = selectors.dashboard_summary(process=self.cast.process)
        self.assertEqual(len(queries), 2)
        self.assertEqual(summary["counts"]["goals"], 1)
        self.assertEqual(summary["counts"]["priorities"], 1)
        self.assertEqual(summary["counts"]["incomplete"], 1)
        self.assertEqual(len(summary["lacking"]), 1)

    def test_the_goal_detail_decorates_every_target(self):
        self.complete()
        self.target(statement="Do better")
        detail = selectors.goal_detail(goal=self.setup.goal)
        self.assertEqual(detail.smart, {"total": 2, "incomplete": 1})
        thread = detail.thread[0]
        self.assertEqual(thread.finding, self.setup.finding)
        self.assertTrue(thread.by_goal)
        self.assertEqual(thread.priorities, [self.priority])
