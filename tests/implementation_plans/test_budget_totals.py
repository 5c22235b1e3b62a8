"""
The budget's arithmetic, summed in the database: every level of the chain and every year, with amounts in several
currencies converted line by line, funding secured, pledged or declared a gap, over-funding shown as a surplus,
and a ministry's proposed activity kept out until it is accepted.
"""

from decimal import Decimal as D

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from implementation_plans.choices import BudgetCategory, FundingSource, FundingStatus, ProposalStatus
from implementation_plans.models import Activity, BudgetLine, Funding
from implementation_plans.selectors import budget as selectors
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain


def line(activity, amount, *, year=2027, currency="USD", rate="1", category=BudgetCategory.TRAINING):
    return BudgetLine.objects.create(
        process=activity.process,
        activity=activity,
        year=year,
        category=category,
        amount=D(amount),
        currency=currency,
        rate_to_plan=D(rate),
    )


def money(activity, amount, status, *, year=None, currency="USD", rate="1", source=FundingSource.GOVERNMENT):
    return Funding.objects.create(
        process=activity.process,
        activity=activity,
        source=source,
        amount=D(amount),
        currency=currency,
        rate_to_plan=D(rate),
        status=status,
        year=year,
    )


def totals_of(obj) -> tuple:
    return tuple(D(getattr(obj, name)) for name in selectors.TOTAL_FIELDS)


class BudgetTotalsTests(TestCase):
    """
    Goal 1 > outcome > output > A1, A2 (and a proposed activity P); goal 2 > ... > B1. The builder gives every
    activity 10,000 USD of cost in 2027 and 4,000 USD secured without a year; the plan's currency is USD.

    A1: + 1,000.10 EUR at 1.083333 in 2028 (1,083.44) and 5,000 EUR pledged at 1.1 for 2028 (5,500.00).
    A2: + 7,000 USD secured for 2027, and 300 GBP at 1.25 declared a gap for 2027 (375.00): over-funded by 1,000.
    P (proposed): 99,999 USD of cost and 5 USD secured, which must count nowhere.
    """

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast, activities=2)
        cls.a1, cls.a2 = cls.chain.activities
        line(cls.a1, "1000.10", year=2028, currency="EUR", rate="1.083333", category=BudgetCategory.CONSULTANTS)
        money(cls.a1, "5000", FundingStatus.PLEDGED, year=2028, currency="EUR", rate="1.1")
        money(cls.a2, "7000", FundingStatus.SECURED, year=2027)
        money(cls.a2, "300", FundingStatus.GAP, year=2027, currency="GBP", rate="1.25")
        cls.proposed = Activity.objects.create(
            process=cls.cast.process,
            output=cls.chain.output,
            title="A proposal of the Ministry of Health",
            proposal_status=ProposalStatus.PROPOSED,
            proposed_by=cls.cast.health,
        )
        line(cls.proposed, "99999")
        money(cls.proposed, "5", FundingStatus.SECURED, year=2027)
        cls.second = make_chain(cls.cast, activities=1, label="B")
        cls.b1 = cls.second.activities[0]

    def test_each_activity_converts_every_line_into_the_plan_currency(self):
        activities = {activity.pk: activity for activity in selectors.totals_by_activity(self.cast.process)}
        # cost, secured, pledged, gap declared, funding gap, surplus
        self.assertEqual(
            totals_of(activities[self.a1.pk]), (D("11083.44"), D(4000), D("5500.00"), D(0), D("1583.44"), D(0))
        )
        self.assertEqual(totals_of(activities[self.b1.pk]), (D(10000), D(4000), D(0), D(0), D(6000), D(0)))

    def test_over_funding_shows_a_surplus_and_no_negative_gap(self):
        a2 = selectors.totals_by_activity(self.cast.process).get(pk=self.a2.pk)
        self.assertEqual(totals_of(a2), (D(10000), D(11000), D(0), D("375.00"), D(0), D(1000)))

    def test_a_proposed_activity_counts_nowhere_until_accepted(self):
        self.assertNotIn(self.proposed, list(selectors.totals_by_activity(self.cast.process)))
        self.assertEqual(selectors.plan_totals(self.cast.process).cost, D("31083.44"))
        self.proposed.proposal_status = ProposalStatus.ACCEPTED
        self.proposed.save()
        self.assertEqual(selectors.plan_totals(self.cast.process).cost, D("131082.44"))

    def test_every_level_of_the_chain_sums_its_accepted_activities(self):
        goals = selectors.totals_by_level(self.cast.process)
        self.assertEqual([goal.pk for goal in goals], [self.chain.goal.pk, self.second.goal.pk])
        first, second = goals
        outcome = first.children[0]
        output = outcome.children[0]
        expected = (D("21083.44"), D(15000), D("5500.00"), D("375.00"), D("583.44"), D(0))
        for node in (first, outcome, output):
            with self.subTest(level=node.level):
                self.assertEqual(totals_of(node), expected)
        self.assertEqual([activity.pk for activity in output.children], [self.a1.pk, self.a2.pk])
        self.assertEqual(totals_of(second), (D(10000), D(4000), D(0), D(0), D(6000), D(0)))
        self.assertEqual(
            [(row.level, row.depth) for row in selectors.flatten(goals)][:5],
            [("goal", 0), ("outcome", 1), ("output", 2), ("activity", 3), ("activity", 3)],
        )

    def test_a_level_gap_nets_surpluses_below_it(self):
        # A1 lacks 1,583.44 and A2 has 1,000 too much: their output lacks 583.44.
        output = selectors.totals_by_level(self.cast.process)[0].children[0].children[0]
        self.assertEqual((output.funding_gap, output.surplus), (D("583.44"), D(0)))

    def test_the_plan_totals(self):
        self.assertEqual(
            selectors.plan_totals(self.cast.process),
            selectors.Totals(
                cost=D("31083.44"),
                secured=D(19000),
                pledged=D("5500.00"),
                gap_declared=D("375.00"),
                funding_gap=D("6583.44"),
                surplus=D(0),
            ),
        )

    def test_each_year_and_the_funding_without_a_year(self):
        years = selectors.totals_by_year(self.cast.process)
        self.assertEqual([year.year for year in years.years], [2027, 2028])
        y2027, y2028 = years.years
        self.assertEqual(
            (y2027.cost, y2027.secured, y2027.pledged, y2027.gap_declared, y2027.funding_gap, y2027.surplus),
            (D(30000), D(7000), D(0), D("375.00"), D(23000), D(0)),
        )
        self.assertEqual(
            (y2028.cost, y2028.secured, y2028.pledged, y2028.funding_gap, y2028.surplus),
            (D("1083.44"), D(0), D("5500.00"), D(0), D("4416.56")),
        )
        self.assertEqual((years.undated_funding.secured, years.undated_funding.pledged), (D(12000), D(0)))

    def test_a_year_with_funding_but_no_cost_is_listed(self):
        money(self.b1, "2500", FundingStatus.PLEDGED, year=2029)
        y2029 = selectors.totals_by_year(self.cast.process).years[-1]
        self.assertEqual((y2029.year, y2029.cost, y2029.pledged, y2029.surplus), (2029, D(0), D(2500), D(2500)))

    def test_an_activity_page_shows_its_own_money_even_when_only_proposed(self):
        budget = selectors.activity_budget(self.proposed)
        self.assertEqual((budget["totals"].cost, budget["totals"].secured), (D(99999), D(5)))
        a1 = selectors.activity_budget(self.a1)
        self.assertEqual([item.in_plan for item in a1["lines"]], [D(10000), D("1083.44")])
        self.assertEqual(a1["totals"].funding_gap, D("1583.44"))

    def test_a_process_without_money_has_zero_totals(self):
        self.assertEqual(selectors.plan_totals(self.cast.other_process), selectors.Totals())
        self.assertEqual(selectors.totals_by_year(self.cast.other_process), selectors.YearTotals())
        self.assertEqual(selectors.totals_by_level(self.cast.other_process), [])
        self.assertEqual(selectors.plan_currency(self.cast.other_process), "USD")

    def test_the_totals_cost_the_same_queries_for_few_and_many_activities(self):
        def count(call):
            with CaptureQueriesContext(connection) as queries:
                call()
            return len(queries)

        calls = {
            "level": lambda: selectors.flatten(selectors.totals_by_level(self.cast.process)),
            "year": lambda: selectors.totals_by_year(self.cast.process),
            "plan": lambda: selectors.plan_totals(self.cast.process),
            "matrix": lambda: selectors.matrix_rows(self.cast.process),
        }
        small = {name: count(call) for name, call in calls.items()}
        make_chain(self.cast, activities=20, label="C")
        large = {name: count(call) for name, call in calls.items()}
        self.assertEqual(small, large)
        self.assertEqual(large, {"level": 4, "year": 2, "plan": 1, "matrix": 4})
