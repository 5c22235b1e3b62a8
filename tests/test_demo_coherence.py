"""
The demo country tells one coherent story: every record agrees with the others.

The demo is loaded once for the class (loading takes a while) and every check walks all the records of its kind,
so that a record added to the demo later is checked too. The rules, as a planner reading the demo would expect:

- the chain: each outcome delivers a selected priority of its own goal (so the results matrix prints that
  priority's indicator, baseline and target beside it), and the institutions and sectors of its activities are
  those of its goal; each finding cites answers of its own sector's checklist; each priority cites a finding;
- the indicators: baseline, targets and reported values are on one basis. A level indicator's baseline is a level
  measured before the plan; an incremental indicator's value to date is the sum of the periods since reporting
  began, so its baseline is what had been counted before the first period (zero: counting starts with the plan)
  and its yearly targets are sums to date, which never go down. Targets move the indicator's way from the baseline;
- the calendar: the go decision, then the preparation (committees, consultations, meetings, the plan's review,
  endorsement and publication) before the plan's first day, then activities, budget years and reporting periods
  inside the plan's years, evaluations on the dates the M&E plan gives them, and nothing done or completed after
  today;
- the money: each activity's funding stays within its cost, in the years it runs;
- the dashboard: the progress of every indicator lies between 0 and 100 % of the way to its final target.
"""

import datetime
import os
from decimal import Decimal

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from implementation_plans.choices import ActivityStatus, ProposalStatus
from implementation_plans.models import Activity, Outcome, PlanVersion, Priority
from implementation_plans.selectors.plan import plan_snapshot, snapshot_document
from mainstreaming.models import Process
from monitoring import arithmetic
from monitoring.choices import Aggregation, Direction, EvaluationKind, EvaluationStatus, ReportStatus
from monitoring.models import Evaluation, Indicator, IndicatorValue, ManagementResponse, ReportingPeriod
from monitoring.selectors.progress import indicator_summaries
from situation_analysis.models import Finding
from stakeholders.choices import MeetingStatus
from stakeholders.models import (
    ActionPoint,
    CapacityActivity,
    Committee,
    Event,
    FocalPointDesignation,
    Meeting,
    PreconditionDecision,
)

# How long a reporting period of each M&E reporting frequency lasts, in days (shortest, longest).
PERIOD_DAYS = {"monthly": (28, 31), "quarterly": (90, 92), "annual": (365, 366)}


def in_plan_currency(row) -> Decimal:
    return row.amount * (row.rate_to_plan or Decimal(1))


class DemoCoherenceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
        cls.process = Process.objects.get(country="Republic of Meridia")
        cls.today = timezone.localdate()
        cls.plan_start = datetime.date(cls.process.period_start, 1, 1)
        cls.plan_end = datetime.date(cls.process.period_end, 12, 31)
        cls.go_decision = PreconditionDecision.objects.filter(process=cls.process).earliest("decided_on").decided_on
        first = PlanVersion.objects.get(process=cls.process, number=1)
        cls.endorsement = first.endorsement_decision.meeting

    # The chain ------------------------------------------------------------------------------------------------

    def test_each_outcome_delivers_a_selected_priority_of_its_own_goal(self):
        outcomes = Outcome.objects.filter(process=self.process).select_related("goal", "priority")
        self.assertTrue(outcomes)
        for outcome in outcomes:
            with self.subTest(outcome=outcome.title):
                self.assertIsNotNone(outcome.priority)
                self.assertEqual(outcome.priority.goal_id, outcome.goal_id)
                self.assertTrue(outcome.priority.is_selected)

    def test_each_activity_sits_under_the_goal_of_its_institution_and_sector(self):
        activities = Activity.objects.filter(process=self.process).select_related("output__outcome__goal", "sector")
        for activity in activities.prefetch_related("responsible__sectors", "output__outcome__goal__sectors"):
            goal = activity.output.outcome.goal
            sectors = {sector.pk for sector in goal.sectors.all()}
            with self.subTest(activity=activity.title):
                self.assertIsNotNone(activity.responsible)
                self.assertTrue(sectors & {sector.pk for sector in activity.responsible.sectors.all()})
                if activity.sector_id:
                    self.assertIn(activity.sector_id, sectors)

    def test_the_results_matrix_prints_an_indicator_baseline_and_target_beside_every_outcome(self):
        document = snapshot_document(plan_snapshot(process=self.process))
        rows = [row for row in document["matrix"] if row.outcome]
        self.assertEqual(len(rows), Outcome.objects.filter(process=self.process).count())
        for row in rows:
            with self.subTest(outcome=row.outcome):
                self.assertTrue(row.indicators)
                self.assertEqual(len(row.indicators), len(row.baselines))
                self.assertEqual(len(row.indicators), len(row.targets))

    def test_findings_cite_answers_of_their_own_sector_and_priorities_cite_findings(self):
        findings = Finding.objects.filter(process=self.process).prefetch_related("answers__question__checklist")
        for finding in findings:
            for answer in finding.answers.all():
                with self.subTest(finding=finding.statement, answer=answer.pk):
                    if finding.sector_id:
                        self.assertEqual(answer.question.checklist.sector_id, finding.sector_id)
        for priority in Priority.objects.filter(process=self.process):
            with self.subTest(priority=priority.title):
                self.assertTrue(priority.findings.exists())

    # Indicators -----------------------------------------------------------------------------------------------

    def test_baselines_targets_and_values_are_on_one_basis(self):
        periods = ReportingPeriod.objects.filter(process=self.process)
        first_period = min(period.starts_on for period in periods)
        for indicator in Indicator.objects.filter(process=self.process).prefetch_related("targets"):
            targets = [target.value for target in indicator.targets.order_by("year")]
            with self.subTest(indicator=indicator.code):
                self.assertTrue(indicator.takes_number)
                self.assertIsNotNone(indicator.baseline_value)
                self.assertLess(indicator.baseline_date, first_period)
                self.assertTrue(targets)
                self.assertNotIn(None, targets)
                if indicator.aggregation == Aggregation.INCREMENTAL:
                    # A sum to date: nothing counted before the plan, and sums that never go down.
                    self.assertEqual(indicator.baseline_value, 0)
                    self.assertEqual(targets, sorted(targets))

    def test_targets_move_the_indicators_way_from_the_baseline(self):
        for indicator in Indicator.objects.filter(process=self.process).prefetch_related("targets"):
            targets = [target.value for target in indicator.targets.order_by("year")]
            years = [target.year for target in indicator.targets.all()]
            with self.subTest(indicator=indicator.code):
                self.assertTrue(all(self.process.period_start <= year <= self.process.period_end for year in years))
                for target in targets:
                    arithmetic.validate_target(
                        baseline=indicator.baseline_value, target=target, direction=indicator.direction
                    )
                path = [indicator.baseline_value, *targets]
                if indicator.direction == Direction.HIGHER:
                    self.assertEqual(path, sorted(path))
                elif indicator.direction == Direction.LOWER:
                    self.assertEqual(path, sorted(path, reverse=True))

    def test_reported_values_lie_on_the_way_from_the_baseline_to_the_final_target(self):
        values = IndicatorValue.objects.filter(process=self.process, is_current=True).select_related("indicator")
        self.assertTrue(values)
        for value in values:
            indicator = value.indicator
            final = indicator.targets.order_by("-year").first().value
            with self.subTest(indicator=indicator.code, value=value.pk):
                self.assertIsNotNone(value.value)
                if indicator.aggregation == Aggregation.INCREMENTAL:
                    # One period's count: a part of the sum the plan aims at, never the sum itself.
                    self.assertGreater(value.value, 0)
                    self.assertLess(value.value, final - indicator.baseline_value)
                else:
                    low, high = sorted([indicator.baseline_value, final])
                    self.assertTrue(low <= value.value <= high, f"{value.value} is not between {low} and {high}")
                if value.numerator is not None:
                    self.assertEqual(
                        arithmetic.percentage_of(numerator=value.numerator, denominator=value.denominator), value.value
                    )

    def test_the_dashboard_shows_progress_between_none_and_all_of_the_way(self):
        summaries = indicator_summaries(self.process, today=self.today)
        self.assertTrue(any(summary.progress.share is not None for summary in summaries))
        for summary in summaries:
            with self.subTest(indicator=summary.indicator.code):
                if summary.series:
                    self.assertIsNotNone(summary.progress.share)
                if summary.progress.share is not None:
                    self.assertTrue(0 <= summary.progress.share <= 100, summary.progress.share)

    # The calendar ---------------------------------------------------------------------------------------------

    def test_the_preparation_runs_from_the_go_decision_to_the_endorsement_before_the_plan_starts(self):
        dated = [
            ("committee", committee.established_on) for committee in Committee.objects.filter(process=self.process)
        ]
        dated += [("event", event.held_on) for event in Event.objects.filter(process=self.process)]
        dated += [("capacity", activity.held_on) for activity in CapacityActivity.objects.filter(process=self.process)]
        dated += [
            ("designation", designation.designated_on)
            for designation in FocalPointDesignation.objects.filter(process=self.process)
        ]
        for what, day in dated:
            with self.subTest(what=what, day=day):
                self.assertTrue(self.go_decision <= day <= self.endorsement.held_on)

        first = PlanVersion.objects.get(process=self.process, number=1)
        steps = [self.go_decision, first.submitted_at.date(), self.endorsement.held_on, first.endorsed_at.date()]
        steps += [first.published_at.date(), self.plan_start]
        self.assertEqual(steps, sorted(steps))
        self.assertLess(first.published_at.date(), self.plan_start)

    def test_meetings_follow_their_committee_and_come_before_today(self):
        meetings = Meeting.objects.filter(committee__process=self.process).select_related("committee")
        for meeting in meetings:
            with self.subTest(meeting=str(meeting)):
                self.assertLessEqual(meeting.committee.established_on, meeting.held_on)
                if meeting.status == MeetingStatus.HELD:
                    self.assertLessEqual(meeting.held_on, self.today)
                # The meetings of the preparation come before the one that endorses the plan; later ones review it.
                self.assertTrue(meeting.held_on <= self.endorsement.held_on or meeting.held_on >= self.plan_start)
        for point in ActionPoint.objects.filter(meeting__committee__process=self.process).select_related("meeting"):
            with self.subTest(action_point=point.description):
                self.assertLessEqual(point.meeting.held_on, point.due_on)

    def test_activities_run_inside_the_plan_and_are_done_only_once_they_have_ended(self):
        for activity in Activity.objects.filter(process=self.process).exclude(proposal_status=ProposalStatus.DECLINED):
            with self.subTest(activity=activity.title):
                self.assertTrue(self.plan_start <= activity.starts_on <= activity.ends_on <= self.plan_end)
                if activity.status == ActivityStatus.COMPLETED:
                    self.assertLessEqual(activity.ends_on, self.today)
                if activity.status in (ActivityStatus.ONGOING, ActivityStatus.DELAYED, ActivityStatus.COMPLETED):
                    self.assertLessEqual(activity.starts_on, self.today)

    def test_budgets_and_funding_fall_in_the_activitys_years_and_funding_stays_within_the_cost(self):
        activities = Activity.objects.filter(process=self.process, proposal_status=ProposalStatus.ACCEPTED)
        for activity in activities.prefetch_related("budget_lines", "funding"):
            years = range(activity.starts_on.year, activity.ends_on.year + 1)
            cost = sum((in_plan_currency(line) for line in activity.budget_lines.all()), Decimal(0))
            funded = sum((in_plan_currency(row) for row in activity.funding.all()), Decimal(0))
            with self.subTest(activity=activity.title):
                self.assertGreater(cost, 0)
                self.assertLessEqual(funded, cost)
                for row in [*activity.budget_lines.all(), *activity.funding.all()]:
                    self.assertIn(row.year, years)

    def test_reporting_periods_follow_the_me_plan_and_reports_come_after_their_period(self):
        me_plan = self.process.me_plan
        shortest, longest = PERIOD_DAYS[me_plan.reporting_frequency]
        periods = ReportingPeriod.objects.filter(process=self.process).prefetch_related("reports")
        self.assertTrue(periods)
        for period in periods:
            with self.subTest(period=period.label):
                self.assertTrue(me_plan.first_period_starts_on <= period.starts_on and period.ends_on <= self.plan_end)
                self.assertTrue(shortest <= (period.ends_on - period.starts_on).days + 1 <= longest)
                for report in period.reports.all():
                    if report.status != ReportStatus.DRAFT:
                        # Only a period that has ended is reported on.
                        self.assertLess(period.ends_on, timezone.localtime(report.submitted_at).date())
                        self.assertLessEqual(timezone.localtime(report.submitted_at).date(), self.today)
                    if report.status == ReportStatus.APPROVED:
                        self.assertLessEqual(report.submitted_at, report.approved_at)
                        self.assertLessEqual(timezone.localtime(report.approved_at).date(), self.today)

    def test_evaluations_fall_on_the_me_plans_dates_and_are_completed_only_once_past(self):
        me_plan = self.process.me_plan
        self.assertTrue(self.plan_start < me_plan.midterm_evaluation_on < me_plan.final_evaluation_on <= self.plan_end)
        scheduled = {
            EvaluationKind.MIDTERM: me_plan.midterm_evaluation_on,
            EvaluationKind.FINAL: me_plan.final_evaluation_on,
        }
        for evaluation in Evaluation.objects.filter(process=self.process):
            with self.subTest(evaluation=evaluation.title):
                self.assertEqual(evaluation.due_on, scheduled[evaluation.kind])
                if evaluation.starts_on:
                    self.assertGreaterEqual(evaluation.starts_on, self.plan_start)
                if evaluation.status == EvaluationStatus.COMPLETED:
                    self.assertLessEqual(evaluation.completed_on, self.today)
                else:
                    self.assertIsNone(evaluation.completed_on)
                if evaluation.status != EvaluationStatus.PLANNED:
                    self.assertLessEqual(evaluation.starts_on, self.today)
        for response in ManagementResponse.objects.filter(recommendation__evaluation__process=self.process):
            if response.completed_on:
                self.assertLessEqual(response.completed_on, self.today)
