"""
The progress selectors (monitoring.selectors.progress): only approved reports' current revisions count; values to
date add up as each indicator's aggregation says (sums, running totals, percentages pooled from their parts,
lower-is-better shares, qualitative levels, yes/no and text); missing periods; activity status at a glance;
spending against the budget; the submission grid; the golden thread back to the checklist answer. Each with a
fixed number of queries.
"""

from datetime import date
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from implementation_plans.models import Activity, Target
from monitoring.choices import ActivityProgress, ProgressStatus, ReportStatus
from monitoring.models import ActivityUpdate, IndicatorTarget, IndicatorValue
from monitoring.selectors import progress
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_finding
from tests.monitoring.builders import (
    make_checklist_answer,
    make_indicator,
    make_period,
    make_report,
    make_reported_indicator,
    make_value,
)


def summary_of(process, indicator, **kwargs):
    (summary,) = progress.indicator_summaries(process, indicators=[indicator], **kwargs)
    return summary


class IndicatorSummaryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.chain = make_chain(cls.cast)

    def test_incremental_values_add_up_and_progress_runs_from_baseline_to_the_final_target(self):
        reported = make_reported_indicator(self.cast, self.chain.outcome, values=(Decimal("40"), Decimal("70")))
        summary = summary_of(self.process, reported.indicator, today=date(2028, 12, 31))
        self.assertEqual(summary.to_date, Decimal("110"))
        self.assertEqual([pv.period for pv in summary.series], [date(2027, 1, 1), date(2028, 1, 1)])
        self.assertEqual(summary.periods, reported.periods)
        self.assertEqual(summary.running, [Decimal("40"), Decimal("110")])
        self.assertEqual(summary.latest_target.year, 2028)
        # (110 - 100) / (200 - 100): the final target, not the first year's.
        self.assertEqual(summary.progress.share, Decimal("10.00"))
        self.assertEqual(summary.progress.status, ProgressStatus.OFF_TRACK)
        self.assertEqual(summary.elapsed, Decimal("100.00"))
        self.assertEqual(summary.missing, [])
        self.assertIn("<svg", summary.chart_svg)

    def test_elapsed_time_runs_from_the_baseline_date_to_the_end_of_the_target_year(self):
        reported = make_reported_indicator(self.cast, self.chain.outcome, values=(Decimal("80"),))
        summary = summary_of(self.process, reported.indicator, today=date(2027, 1, 1))
        # 2026-01-01 to 2028-12-31 is 1095 days; 365 of them have passed.
        self.assertEqual(summary.elapsed, Decimal("33.33"))
        self.assertEqual(summary.progress.share, Decimal("-20.00"))  # 80 is below the baseline of 100
        self.assertEqual(summary.progress.status, ProgressStatus.OFF_TRACK)

    def test_drafts_submitted_and_returned_reports_never_count(self):
        indicator = make_indicator(self.cast, self.chain.outcome, targets={2028: Decimal("200")})
        for index, status in enumerate((ReportStatus.DRAFT, ReportStatus.SUBMITTED)):
            year = 2027 + index
            period = make_period(self.cast, label=str(year), starts_on=date(year, 1, 1), ends_on=date(year, 12, 31))
            make_value(make_report(self.cast, period, status=status), indicator, "500")
        summary = summary_of(self.process, indicator)
        self.assertEqual(summary.series, [])
        self.assertIsNone(summary.to_date)
        self.assertEqual(summary.progress.status, ProgressStatus.NO_DATA)
        self.assertEqual([period.label for period in summary.missing], ["2027", "2028"])

    def test_only_the_current_revision_counts(self):
        reported = make_reported_indicator(self.cast, self.chain.outcome, values=(Decimal("40"),))
        first = reported.values[0]
        first.is_current = False
        first.save()
        IndicatorValue.objects.create(
            process=self.process,
            report=first.report,
            indicator=first.indicator,
            revision=2,
            value=Decimal("45"),
            correction_reason="Double counted a district",
            corrected_by=self.cast.facilitator,
        )
        summary = summary_of(self.process, reported.indicator)
        self.assertEqual(summary.to_date, Decimal("45"))
        self.assertEqual([row.revision for row in summary.values], [2])

    def test_cumulative_takes_the_latest_running_total(self):
        reported = make_reported_indicator(
            self.cast, self.chain.outcome, values=(Decimal("120"), Decimal("150")), aggregation="cumulative"
        )
        summary = summary_of(self.process, reported.indicator)
        self.assertEqual(summary.to_date, Decimal("150"))
        self.assertEqual(summary.progress.share, Decimal("50.00"))

    def test_percentages_are_pooled_from_their_parts(self):
        indicator = make_indicator(
            self.cast,
            self.chain.outcome,
            indicator_type="percentage",
            aggregation="percentage",
            numerator="oriented",
            denominator="departed",
            baseline_value=Decimal("20"),
            targets={2028: Decimal("60")},
        )
        for year, (num, den) in ((2027, ("1", "10")), (2028, ("90", "90"))):
            period = make_period(self.cast, label=str(year), starts_on=date(year, 1, 1), ends_on=date(year, 12, 31))
            report = make_report(self.cast, period, status=ReportStatus.APPROVED)
            make_value(report, indicator, Decimal(num) * 100 / Decimal(den), numerator=num, denominator=den)
        summary = summary_of(self.process, indicator)
        # 91 / 100, not the mean of 10 % and 100 %.
        self.assertEqual(summary.to_date, Decimal("91.00"))
        self.assertEqual(summary.running, [Decimal("10.00"), Decimal("91.00")])
        self.assertEqual(summary.progress.status, ProgressStatus.ACHIEVED)

    def test_lower_is_better_counts_the_way_down(self):
        indicator = make_indicator(
            self.cast,
            self.chain.outcome,
            aggregation="latest",
            direction="lower",
            baseline_value=Decimal("30"),
            targets={2027: Decimal("20"), 2028: Decimal("10")},
        )
        period = make_period(self.cast)
        make_value(make_report(self.cast, period, status=ReportStatus.APPROVED), indicator, "20")
        summary = summary_of(self.process, indicator, today=date(2027, 6, 1))
        self.assertEqual(summary.progress.share, Decimal("50.00"))
        self.assertEqual(summary.progress.status, ProgressStatus.ON_TRACK)

    def test_qualitative_levels_count_steps_on_the_scale(self):
        indicator = make_indicator(
            self.cast,
            self.chain.goal,
            indicator_type="text",
            aggregation="qualitative",
            scale=["none", "drafted", "adopted", "implemented"],
            baseline_value=None,
            baseline_text="none",
        )
        IndicatorTarget.objects.create(process=self.process, indicator=indicator, year=2028, text_value="implemented")
        period = make_period(self.cast)
        make_value(make_report(self.cast, period, status=ReportStatus.APPROVED), indicator, text_value="adopted")
        summary = summary_of(self.process, indicator)
        self.assertEqual(summary.to_date, "adopted")
        self.assertEqual(summary.progress.share, Decimal("66.67"))
        self.assertEqual(summary.chart_svg, "")

    def test_yes_no_and_text_take_the_latest_value_without_a_share(self):
        yes_no = make_indicator(self.cast, self.chain.output, indicator_type="yes_no", aggregation="latest",
                                baseline_value=None, baseline_text="no")  # fmt: skip
        IndicatorTarget.objects.create(process=self.process, indicator=yes_no, year=2028, text_value="yes")
        text = make_indicator(self.cast, self.chain.output, indicator_type="text", aggregation="latest",
                              baseline_value=None, name="What changed")  # fmt: skip
        report = make_report(self.cast, make_period(self.cast), status=ReportStatus.APPROVED)
        make_value(report, yes_no, yes_no=True)
        make_value(report, text, text_value="The law passed")
        by_indicator = {s.indicator: s for s in progress.indicator_summaries(self.process)}
        self.assertEqual(by_indicator[yes_no].to_date, True)
        self.assertEqual(by_indicator[yes_no].to_date_display, "Yes")
        self.assertIsNone(by_indicator[yes_no].progress.share)
        self.assertEqual(by_indicator[yes_no].progress.status, ProgressStatus.ACHIEVED)
        self.assertEqual(by_indicator[text].to_date, "The law passed")
        self.assertIsNone(by_indicator[text].progress.share)

    def test_missing_periods_are_those_asked_of_the_responsible_institution(self):
        reported = make_reported_indicator(self.cast, self.chain.outcome, values=(Decimal("40"),))
        later = make_period(self.cast, label="2028", starts_on=date(2028, 1, 1), ends_on=date(2028, 12, 31))
        make_report(self.cast, later, status=ReportStatus.DRAFT)  # labour's report, still a draft
        other = make_period(self.cast, label="2029", starts_on=date(2029, 1, 1), ends_on=date(2029, 12, 31))
        make_report(self.cast, other, self.cast.health)  # asks nothing of labour
        summary = summary_of(self.process, reported.indicator)
        self.assertEqual(summary.missing, [later])

    def test_until_a_period_leaves_later_periods_out(self):
        reported = make_reported_indicator(self.cast, self.chain.outcome, values=(Decimal("40"), Decimal("70")))
        summary = summary_of(self.process, reported.indicator, until_period=reported.periods[0])
        self.assertEqual(summary.to_date, Decimal("40"))
        self.assertEqual(summary.elapsed, Decimal("66.58"))  # 729 of 1,095 days, as of 2027-12-31

    def test_two_reports_for_one_period_the_responsible_institution_s_value_stands(self):
        indicator = make_indicator(self.cast, self.chain.outcome, responsible=self.cast.health)
        period = make_period(self.cast)
        make_value(make_report(self.cast, period, self.cast.labour, status=ReportStatus.APPROVED), indicator, "5")
        make_value(make_report(self.cast, period, self.cast.health, status=ReportStatus.APPROVED), indicator, "7")
        summary = summary_of(self.process, indicator)
        self.assertEqual(summary.to_date, Decimal("7"))
        self.assertEqual(len(summary.series), 1)

    def test_a_fixed_number_of_queries(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                progress.indicator_summaries(self.process)
            return len(queries)

        make_reported_indicator(self.cast, self.chain.outcome)
        small = count()
        for index in range(4):
            make_reported_indicator(self.cast, self.chain.output, values=(index, index + 1, index + 2))
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 5)


class ActivityAndSpendingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.chain = make_chain(cls.cast, activities=3)
        cls.first, cls.second, cls.third = cls.chain.activities
        cls.p2027 = make_period(cls.cast)
        cls.p2028 = make_period(cls.cast, label="2028", starts_on=date(2028, 1, 1), ends_on=date(2028, 12, 31))
        approved = make_report(cls.cast, cls.p2027, status=ReportStatus.APPROVED)
        later = make_report(cls.cast, cls.p2028, status=ReportStatus.APPROVED)
        draft = make_report(cls.cast, cls.p2028, cls.cast.health)
        for report, activity, status, spent in (
            (approved, cls.first, ActivityProgress.ON_TRACK, "2500"),
            (later, cls.first, ActivityProgress.COMPLETED, "1500"),
            (approved, cls.second, ActivityProgress.DELAYED, "1000"),
            (draft, cls.third, ActivityProgress.COMPLETED, "9000"),
        ):
            ActivityUpdate.objects.create(
                process=cls.process, report=report, activity=activity, status=status, spent=Decimal(spent)
            )

    def test_activities_by_the_status_of_their_latest_approved_update(self):
        overview = progress.activity_status_overview(self.process)
        counts = {count.status: count.count for count in overview.counts}
        self.assertEqual(overview.total, 3)
        self.assertEqual(counts[ActivityProgress.COMPLETED], 1)  # the first, in 2028; the third's is a draft
        self.assertEqual(counts[ActivityProgress.DELAYED], 1)
        self.assertEqual(counts[ActivityProgress.ON_TRACK], 0)
        self.assertEqual(overview.without_update, 1)
        self.assertEqual(overview.latest[self.first.pk].report.period, self.p2028)
        (outcome,) = overview.by_outcome
        self.assertEqual((outcome.outcome, outcome.total), (self.chain.outcome, 3))

    def test_proposed_activities_are_left_out(self):
        Activity.objects.create(
            process=self.process, output=self.chain.output, title="A proposal", proposal_status="proposed"
        )
        self.assertEqual(progress.activity_status_overview(self.process).total, 3)

    def test_spending_against_the_budget_per_goal_and_outcome(self):
        spending = progress.spending_overview(self.process)
        goal, outcome = spending.rows
        self.assertEqual((goal.level, goal.result), ("goal", self.chain.goal))
        self.assertEqual((outcome.level, outcome.result), ("outcome", self.chain.outcome))
        for row in (goal, outcome):
            self.assertEqual(row.budget, Decimal("30000.00"))
            self.assertEqual(row.spent, Decimal("5000.00"))  # the draft's 9,000 does not count
            self.assertEqual(row.share, Decimal("16.67"))
        self.assertEqual(
            (spending.budget, spending.spent, spending.currency), (Decimal("30000.00"), Decimal("5000.00"), "USD")
        )

    def test_the_submission_grid(self):
        grid = progress.submission_grid(self.process, today=date(2029, 2, 15))
        self.assertEqual(grid.periods, [self.p2027, self.p2028])
        health, labour = grid.rows
        self.assertEqual((health.institution, labour.institution), (self.cast.health, self.cast.labour))
        self.assertIsNone(health.cells[0].report)
        self.assertEqual(health.cells[1].report.status, ReportStatus.DRAFT)
        self.assertTrue(health.cells[1].overdue)  # due 2029-01-31
        self.assertEqual([cell.report.status for cell in labour.cells], [ReportStatus.APPROVED] * 2)
        self.assertFalse(any(cell.overdue for cell in labour.cells))
        self.assertEqual(grid.overdue, 1)
        self.assertEqual(progress.submission_grid(self.process, today=date(2029, 1, 31)).overdue, 0)

    def test_the_grid_costs_two_queries(self):
        with self.assertNumQueries(2):
            progress.submission_grid(self.process)


class GoldenThreadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.chain = make_chain(cls.cast, activities=2)
        cls.finding = make_finding(cls.process)
        cls.target_finding = make_finding(cls.process, "Recruitment fees are high.")
        cls.chain.goal.findings.add(cls.finding)
        Target.objects.create(
            process=cls.process, priority=cls.chain.priority, statement="Fees halved", finding=cls.target_finding
        )
        cls.answer = make_checklist_answer(cls.cast)
        cls.finding.answers.add(cls.answer)
        cls.reported = make_reported_indicator(cls.cast, cls.chain.output, values=(Decimal("40"),))
        ActivityUpdate.objects.create(
            process=cls.process,
            report=cls.reported.reports[0],
            activity=cls.chain.activities[0],
            status=ActivityProgress.ON_TRACK,
        )

    def test_from_the_value_back_to_the_checklist_answer(self):
        with CaptureQueriesContext(connection) as queries:
            thread = progress.golden_thread(self.reported.values[0])
            answers = thread.answers
        self.assertEqual(thread.result, self.chain.output)
        self.assertEqual(
            (thread.output, thread.outcome, thread.goal), (self.chain.output, self.chain.outcome, self.chain.goal)
        )
        self.assertEqual([row.activity for row in thread.activities], self.chain.activities)
        self.assertEqual(thread.activities[0].update.status, ActivityProgress.ON_TRACK)
        self.assertIsNone(thread.activities[1].update)
        self.assertEqual(thread.priorities, [self.chain.priority])
        self.assertEqual(set(thread.findings), {self.finding, self.target_finding})
        self.assertEqual(answers, [self.answer])
        self.assertLessEqual(len(queries), 12)

    def test_a_goal_indicator_reaches_the_goal_s_activities_and_selected_priorities(self):
        reported = make_reported_indicator(self.cast, self.chain.goal, values=(Decimal("5"),), name="Goal indicator")
        thread = progress.golden_thread(reported.values[0])
        self.assertIsNone(thread.outcome)
        self.assertEqual(len(thread.activities), 2)
        self.assertEqual(thread.priorities, [self.chain.priority])
        self.assertEqual(thread.answers, [self.answer])


class GoldenThreadFallbackTests(TestCase):
    def test_an_outcome_naming_no_priority_falls_back_on_the_goal_s_selected_priorities(self):
        cast = make_cast()
        chain = make_chain(cast)
        chain.outcome.priority = None
        chain.outcome.save()
        finding = make_finding(cast.process, "Priority finding")
        chain.priority.findings.add(finding)
        reported = make_reported_indicator(cast, chain.outcome, values=(Decimal("40"),))
        thread = progress.golden_thread(reported.values[0])
        self.assertEqual(thread.priorities, [chain.priority])
        self.assertEqual(thread.findings, [finding])
        self.assertEqual(thread.answers, [])
