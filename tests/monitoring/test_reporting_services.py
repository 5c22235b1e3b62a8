"""
The reporting workflow's services: opening a period creates a report (and the right to fill it in) for every
responsible institution; saves are validated by type, range, fraction and breakdown, all or nothing, and refused
when stale; submitting needs a complete report; reviewers approve or return it, each step recorded; approving the
last report locks the period, which the NFP unlocks with a reason; an approved value is corrected by a new
revision only; an approved activity status reaches the plan; a ministry never fills another's report.
"""

from datetime import date
from decimal import Decimal

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from implementation_plans.choices import ActivityStatus, ProposalStatus
from implementation_plans.models import Activity
from monitoring import permissions
from monitoring.choices import PeriodStatus, ReportStatus, ReviewAction
from monitoring.models import ActivityUpdate, Indicator, IndicatorValue, ProgressReport, ReportingPeriod
from monitoring.selectors import reporting as selectors
from monitoring.services import reporting as services
from monitoring.services.reporting import ActivityInput, ValueInput
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain
from tests.monitoring.builders import make_indicator, make_percentage_indicator, make_period, make_yes_no_indicator

PERIOD = {"label": "2027", "starts_on": date(2027, 1, 1), "ends_on": date(2027, 12, 31), "due_on": date(2028, 1, 31)}


class ReportingCase(TestCase):
    """Labour answers for a number (by sex and country), a percentage from parts (by sex), a yes/no, a text and a
    qualitative indicator, and for one activity; health for one number indicator."""

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.chain = make_chain(cls.cast)
        cls.activity = cls.chain.activities[0]
        outcome = cls.chain.outcome
        cls.number = make_indicator(cls.cast, outcome, disaggregations=["sex", "country"])
        cls.share = make_percentage_indicator(
            cls.cast, outcome, numerator="oriented", denominator="departed", position=1
        )
        cls.policy = make_yes_no_indicator(cls.cast, outcome, name="Bilateral agreement in force", unit="", position=2)
        cls.story = make_indicator(
            cls.cast,
            outcome,
            name="What changed for workers",
            unit="",
            indicator_type="text",
            aggregation="latest",
            baseline_value=None,
            position=3,
        )
        cls.stage = make_indicator(
            cls.cast,
            outcome,
            name="Migration policy",
            unit="",
            indicator_type="text",
            aggregation="qualitative",
            scale=["none", "drafted", "adopted", "implemented"],
            baseline_value=None,
            baseline_text="none",
            position=4,
        )
        cls.health_indicator = make_indicator(
            cls.cast, outcome, name="Nurses recruited", responsible=cls.cast.health, position=5
        )

    def open_period(self, **changes):
        with self.captureOnCommitCallbacks(execute=True):
            return services.period_open(actor=self.cast.nfp, process=self.process, **(PERIOD | changes))

    def report_of(self, period, institution=None):
        return ProgressReport.objects.get(period=period, institution=institution or self.cast.labour)

    def complete_values(self):
        return {
            self.number.pk: ValueInput(value="42", disaggregation={"sex": {"women": "12", "men": "30"}}),
            self.share.pk: ValueInput(numerator="30", denominator="120"),
            self.policy.pk: ValueInput(value="yes"),
            self.story.pk: ValueInput(value="Orientation now reaches the northern provinces."),
            self.stage.pk: ValueInput(value="drafted"),
        }

    def save(self, report, *, actor=None, values=None, activities=None, version=None, **texts):
        report.refresh_from_db()
        return services.report_save(
            actor=actor or self.cast.other,
            report=report,
            version=report.version if version is None else version,
            challenges=texts.get("challenges", ""),
            next_steps=texts.get("next_steps", ""),
            values=values or {},
            activities=activities or {},
        )

    def fill(self, report):
        return self.save(
            report,
            values=self.complete_values(),
            activities={self.activity.pk: ActivityInput(status="on_track", percent_done="40", spent="2500")},
            challenges="Trainers left for the private sector.",
            next_steps="Train a second cohort.",
        )

    def submitted(self, period=None):
        period = period or self.open_period()
        report = self.report_of(period)
        self.fill(report)
        return services.report_submit(actor=self.cast.other, report=report, note="Complete.")

    def errors_of(self, caught) -> dict:
        return caught.exception.message_dict


# ---------------------------------------------------------------------------
# Opening periods
# ---------------------------------------------------------------------------


class PeriodOpenTests(ReportingCase):
    def test_opening_creates_a_draft_report_for_each_responsible_institution_with_the_right_to_fill_it(self):
        period = self.open_period()
        reports = {report.institution: report for report in ProgressReport.objects.filter(period=period)}
        self.assertEqual(set(reports), {self.cast.health, self.cast.labour})
        labour, health = reports[self.cast.labour], reports[self.cast.health]
        self.assertEqual(labour.status, ReportStatus.DRAFT)
        self.assertTrue(permissions.can_fill(self.cast.other, labour))
        self.assertFalse(permissions.can_fill(self.cast.own, labour))
        self.assertTrue(permissions.can_fill(self.cast.own, health))
        self.assertFalse(permissions.can_fill(self.cast.nfp, labour))
        (record,) = period.history.all()
        self.assertEqual(
            (record.history_user, record.history_change_reason), (self.cast.nfp, "reporting_period.opened: 2027")
        )
        self.assertEqual(
            labour.history.get().history_change_reason, "progress_report.created: Ministry of Labour (MoL)"
        )

    def test_the_focal_points_are_told_by_email(self):
        self.open_period()
        recipients = sorted(message.to[0] for message in mail.outbox)
        self.assertEqual(recipients, ["other@example.org", "own@example.org"])
        self.assertIn("Progress report to fill in: 2027", mail.outbox[0].subject)
        self.assertIn("by 31 Jan 2028", mail.outbox[0].body)

    def test_an_activity_counts_when_accepted_not_cancelled_and_overlapping_or_undated(self):
        Indicator.objects.filter(responsible=self.cast.health).update(responsible=self.cast.labour)
        activity = Activity.objects.create(
            process=self.process, output=self.chain.output, title="Health activity", responsible=self.cast.health
        )

        def institutions(**dates):
            return services.responsible_institutions(
                self.process, **(dict(starts_on=date(2027, 1, 1), ends_on=date(2027, 12, 31)) | dates)
            )

        self.assertIn(self.cast.health, institutions())  # undated
        Activity.objects.filter(pk=activity.pk).update(starts_on=date(2029, 1, 1), ends_on=date(2029, 6, 30))
        self.assertNotIn(self.cast.health, institutions())  # outside the period
        Activity.objects.filter(pk=activity.pk).update(starts_on=date(2027, 6, 1), ends_on=None)
        self.assertIn(self.cast.health, institutions())
        Activity.objects.filter(pk=activity.pk).update(status=ActivityStatus.CANCELLED)
        self.assertNotIn(self.cast.health, institutions())
        Activity.objects.filter(pk=activity.pk).update(
            status=ActivityStatus.ONGOING, proposal_status=ProposalStatus.PROPOSED
        )
        self.assertNotIn(self.cast.health, institutions())

    def test_nobody_responsible_is_refused_with_what_to_do(self):
        Indicator.objects.update(responsible=None)
        Activity.objects.update(responsible=None)
        with self.assertRaises(ValidationError) as caught:
            self.open_period()
        self.assertIn("give indicators or activities a responsible institution first", caught.exception.messages[0])
        self.assertFalse(ReportingPeriod.objects.exists())

    def test_overlapping_periods_and_duplicate_names_are_refused(self):
        self.open_period()
        with self.assertRaises(ValidationError) as caught:
            self.open_period(
                label="2027-H2", starts_on=date(2027, 7, 1), ends_on=date(2028, 6, 30), due_on=date(2028, 7, 31)
            )
        self.assertIn("overlaps the reporting period 2027", self.errors_of(caught)["starts_on"][0])
        with self.assertRaises(ValidationError) as caught:
            self.open_period(starts_on=date(2028, 1, 1), ends_on=date(2028, 12, 31), due_on=date(2029, 1, 31))
        self.assertIn("label", self.errors_of(caught))
        self.assertEqual(ReportingPeriod.objects.count(), 1)

    def test_dates_must_make_sense(self):
        with self.assertRaises(ValidationError) as caught:
            self.open_period(due_on=date(2027, 6, 1))
        self.assertIn("due_on", self.errors_of(caught))
        with self.assertRaises(ValidationError) as caught:
            self.open_period(ends_on=date(2026, 6, 1))
        self.assertIn("ends_on", self.errors_of(caught))

    def test_only_the_nfp_opens_updates_and_locks(self):
        for role in ("facilitator", "own", "other", "donor", "outsider"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                services.period_open(actor=self.cast.user(role), process=self.process, **PERIOD)
        period = self.open_period()
        with self.assertRaises(PermissionDenied):
            services.period_update(actor=self.cast.facilitator, period=period, **PERIOD)
        with self.assertRaises(PermissionDenied):
            services.period_unlock(actor=self.cast.facilitator, period=period, reason="x")

    def test_updating_a_period_renames_it_and_reaches_newly_responsible_institutions(self):
        Indicator.objects.filter(responsible=self.cast.health).update(responsible=None)
        period = self.open_period()
        self.assertEqual(ProgressReport.objects.filter(period=period).count(), 1)
        Indicator.objects.filter(pk=self.health_indicator.pk).update(responsible=self.cast.health)
        services.period_update(
            actor=self.cast.nfp,
            period=period,
            **(PERIOD | {"label": "Year 2027", "due_on": date(2028, 2, 28)}),
            reason="later",
        )
        period.refresh_from_db()
        self.assertEqual((period.label, period.due_on), ("Year 2027", date(2028, 2, 28)))
        self.assertEqual(period.history.first().history_change_reason, "reporting_period.updated: later")
        self.assertTrue(ProgressReport.objects.filter(period=period, institution=self.cast.health).exists())

    def test_saving_a_period_unchanged_still_reaches_newly_responsible_institutions(self):
        Indicator.objects.filter(responsible=self.cast.health).update(responsible=None)
        period = self.open_period()
        Indicator.objects.filter(pk=self.health_indicator.pk).update(responsible=self.cast.health)
        history_rows = period.history.count()
        update = services.period_update(actor=self.cast.nfp, period=period, **PERIOD)
        self.assertFalse(update.changed)
        self.assertEqual([report.institution for report in update.created], [self.cast.health])
        self.assertEqual(period.history.count(), history_rows)  # the period itself is not written again
        again = services.period_update(actor=self.cast.nfp, period=period, **PERIOD)
        self.assertEqual((again.changed, again.created), (False, []))


# ---------------------------------------------------------------------------
# Saving: validation of every kind
# ---------------------------------------------------------------------------


class SaveValidationTests(ReportingCase):
    def setUp(self):
        self.period = self.open_period()
        self.report = self.report_of(self.period)

    def refused(self, values=None, activities=None) -> dict:
        with self.assertRaises(ValidationError) as caught:
            self.save(self.report, values=values, activities=activities)
        self.assertFalse(IndicatorValue.objects.filter(report=self.report).exists())
        self.assertFalse(ActivityUpdate.objects.filter(report=self.report).exists())
        return self.errors_of(caught)

    def test_a_complete_save_stores_every_kind_of_value(self):
        self.fill(self.report)
        values = {v.indicator_id: v for v in IndicatorValue.objects.filter(report=self.report)}
        self.assertEqual(values[self.number.pk].value, Decimal("42"))
        self.assertEqual(values[self.number.pk].disaggregation, {"sex": {"women": "12", "men": "30"}})
        self.assertEqual(
            (values[self.share.pk].numerator, values[self.share.pk].denominator, values[self.share.pk].value),
            (Decimal("30"), Decimal("120"), Decimal("25")),
        )
        self.assertIs(values[self.policy.pk].yes_no, True)
        self.assertEqual(values[self.story.pk].text_value, "Orientation now reaches the northern provinces.")
        self.assertEqual(values[self.stage.pk].text_value, "drafted")
        update = ActivityUpdate.objects.get(report=self.report)
        self.assertEqual((update.status, update.percent_done, update.spent), ("on_track", 40, Decimal("2500")))
        self.report.refresh_from_db()
        self.assertEqual(self.report.version, 2)
        self.assertEqual(self.report.challenges, "Trainers left for the private sector.")
        self.assertEqual(self.report.history.first().history_change_reason, "progress_report.saved")
        self.assertEqual(values[self.number.pk].history.get().history_user, self.cast.other)

    def test_a_number_must_be_a_number(self):
        errors = self.refused({self.number.pk: ValueInput(value="1,250")})
        self.assertEqual(errors[f"indicator-{self.number.pk}-value"], ["Enter a number."])

    def test_a_number_must_fit_the_column(self):
        errors = self.refused({self.number.pk: ValueInput(value="1.23456")})
        self.assertIn("decimal places", errors[f"indicator-{self.number.pk}-value"][0])

    def test_a_percentage_lies_between_0_and_100(self):
        Indicator.objects.filter(pk=self.share.pk).update(aggregation="latest")
        errors = self.refused({self.share.pk: ValueInput(value="120")})
        self.assertEqual(errors[f"indicator-{self.share.pk}-value"], ["Enter a value of at most 100."])
        errors = self.refused({self.share.pk: ValueInput(value="-1")})
        self.assertEqual(errors[f"indicator-{self.share.pk}-value"], ["Enter a value of at least 0."])

    def test_yes_no_takes_yes_or_no(self):
        errors = self.refused({self.policy.pk: ValueInput(value="maybe")})
        self.assertEqual(errors[f"indicator-{self.policy.pk}-value"], ["Answer yes or no."])
        self.save(self.report, values={self.policy.pk: ValueInput(value="No")})
        self.assertIs(IndicatorValue.objects.get(report=self.report).yes_no, False)

    def test_text_must_be_short_enough(self):
        errors = self.refused({self.story.pk: ValueInput(value="x" * 301)})
        self.assertIn("300 characters", errors[f"indicator-{self.story.pk}-value"][0])

    def test_a_qualitative_level_must_be_on_the_scale(self):
        errors = self.refused({self.stage.pk: ValueInput(value="approved")})
        self.assertIn("none, drafted, adopted, implemented", errors[f"indicator-{self.stage.pk}-value"][0])

    def test_a_fraction_needs_both_parts_and_a_numerator_within_the_denominator(self):
        errors = self.refused({self.share.pk: ValueInput(numerator="130", denominator="120")})
        self.assertIn("cannot be larger than the denominator", errors[f"indicator-{self.share.pk}-numerator"][0])
        errors = self.refused({self.share.pk: ValueInput(numerator="30")})
        self.assertIn(f"indicator-{self.share.pk}-denominator", errors)
        errors = self.refused({self.share.pk: ValueInput(value="25")})
        self.assertIn(f"indicator-{self.share.pk}-numerator", errors)

    def test_a_partitioning_breakdown_must_add_up(self):
        errors = self.refused(
            {self.number.pk: ValueInput(value="42", disaggregation={"sex": {"women": "12", "men": "20"}})}
        )
        self.assertIn("add up to 32, not to the total of 42", errors[f"indicator-{self.number.pk}-sex"][0])

    def test_a_partial_breakdown_may_not_exceed_the_total(self):
        self.save(
            self.report,
            values={self.number.pk: ValueInput(value="42", disaggregation={"sex": {"women": "12", "men": ""}})},
        )
        self.assertEqual(IndicatorValue.objects.get(report=self.report).disaggregation, {"sex": {"women": "12"}})
        IndicatorValue.objects.all().delete()
        errors = self.refused(
            {self.number.pk: ValueInput(value="42", disaggregation={"sex": {"women": "50", "men": ""}})}
        )
        self.assertIn(f"indicator-{self.number.pk}-sex", errors)

    def test_a_breakdown_by_country_need_not_add_up(self):
        self.save(
            self.report,
            values={self.number.pk: ValueInput(value="42", disaggregation={"country": {"Gulf": "10", "EU": "5"}})},
        )
        self.assertEqual(
            IndicatorValue.objects.get(report=self.report).disaggregation["country"], {"Gulf": "10", "EU": "5"}
        )

    def test_a_breakdown_the_indicator_does_not_have_or_a_bad_part_is_refused(self):
        errors = self.refused({self.number.pk: ValueInput(value="42", disaggregation={"age": {"young": "4"}})})
        self.assertIn(f"indicator-{self.number.pk}-age", errors)
        errors = self.refused({self.number.pk: ValueInput(value="42", disaggregation={"sex": {"women": "a lot"}})})
        self.assertEqual(errors[f"indicator-{self.number.pk}-sex"], ["Enter a number."])
        errors = self.refused({self.number.pk: ValueInput(disaggregation={"sex": {"women": "4"}})})
        self.assertIn(f"indicator-{self.number.pk}-value", errors)

    def test_a_percentage_from_parts_checks_the_groups_counts(self):
        good = {"women": {"numerator": "10", "denominator": "50"}, "men": {"numerator": "20", "denominator": "70"}}
        self.save(
            self.report,
            values={self.share.pk: ValueInput(numerator="30", denominator="120", disaggregation={"sex": good})},
        )
        self.assertEqual(
            IndicatorValue.objects.get(report=self.report).disaggregation["sex"]["men"],
            {"numerator": "20", "denominator": "70"},
        )
        IndicatorValue.objects.all().delete()
        bad = {"women": {"numerator": "10", "denominator": "50"}, "men": {"numerator": "10", "denominator": "70"}}
        errors = self.refused(
            {self.share.pk: ValueInput(numerator="30", denominator="120", disaggregation={"sex": bad})}
        )
        self.assertIn("numerators by sex add up to 20", errors[f"indicator-{self.share.pk}-sex"][0])
        upside_down = {"women": {"numerator": "60", "denominator": "50"}}
        errors = self.refused(
            {self.share.pk: ValueInput(numerator="30", denominator="120", disaggregation={"sex": upside_down})}
        )
        self.assertIn("cannot be larger", errors[f"indicator-{self.share.pk}-sex"][0])

    def test_activity_status_and_percent_must_agree(self):
        key = f"activity-{self.activity.pk}"
        for data, field in (
            (ActivityInput(status="completed", percent_done="80"), "percent_done"),
            (ActivityInput(status="not_started", percent_done="10"), "percent_done"),
            (ActivityInput(status="on_track", percent_done="100"), "status"),
            (ActivityInput(status="on_track", percent_done="140"), "percent_done"),
            (ActivityInput(status="on_track", percent_done="4.5"), "percent_done"),
            (ActivityInput(status="finished"), "status"),
            (ActivityInput(status="delayed"), "narrative"),
        ):
            with self.subTest(data=data):
                errors = self.refused(activities={self.activity.pk: data})
                self.assertIn(f"{key}-{field}", errors)

    def test_spending_cannot_be_negative_or_nonsense(self):
        key = f"activity-{self.activity.pk}-spent"
        errors = self.refused(activities={self.activity.pk: ActivityInput(status="on_track", spent="-5")})
        self.assertEqual(errors[key], ["The amount spent cannot be negative."])
        errors = self.refused(activities={self.activity.pk: ActivityInput(status="on_track", spent="12.345")})
        self.assertIn("decimal places", errors[key][0])

    def test_a_completed_activity_without_a_percent_is_100_done(self):
        self.save(self.report, activities={self.activity.pk: ActivityInput(status="completed")})
        self.assertEqual(ActivityUpdate.objects.get(report=self.report).percent_done, 100)

    def test_one_bad_entry_saves_nothing(self):
        values = self.complete_values() | {self.stage.pk: ValueInput(value="approved")}
        errors = self.refused(values, {self.activity.pk: ActivityInput(status="on_track")})
        self.assertEqual(list(errors), [f"indicator-{self.stage.pk}-value"])
        self.report.refresh_from_db()
        self.assertEqual(self.report.version, 1)

    def test_an_item_the_report_does_not_cover_is_refused(self):
        errors = self.refused({self.health_indicator.pk: ValueInput(value="3")})
        self.assertIn("__all__", errors)

    def test_an_empty_input_clears_what_was_entered(self):
        self.fill(self.report)
        self.save(self.report, values={self.number.pk: ValueInput()}, activities={self.activity.pk: ActivityInput()})
        self.assertFalse(IndicatorValue.objects.filter(report=self.report, indicator=self.number).exists())
        self.assertFalse(ActivityUpdate.objects.filter(report=self.report).exists())
        items = selectors.report_items(self.report)
        self.assertIsNone(items.indicators[0].value)
        self.assertIsNone(items.activities[0].update)

    def test_a_stale_version_is_refused_and_nothing_saved(self):
        self.save(self.report, values={self.number.pk: ValueInput(value="10")})
        with self.assertRaises(ValidationError) as caught:
            self.save(self.report, version=1, values={self.number.pk: ValueInput(value="99")}, challenges="mine")
        self.assertIn("Someone else saved this report", caught.exception.messages[0])
        self.assertEqual(IndicatorValue.objects.get(report=self.report).value, Decimal("10"))
        self.report.refresh_from_db()
        self.assertEqual((self.report.version, self.report.challenges), (2, ""))

    def test_a_ministry_can_never_fill_another_ministrys_report(self):
        health = self.report_of(self.period, self.cast.health)
        for role in ("other", "nfp", "facilitator", "donor", "outsider"):
            with self.subTest(role=role):
                with self.assertRaises(PermissionDenied):
                    self.save(
                        health, actor=self.cast.user(role), values={self.health_indicator.pk: ValueInput(value="3")}
                    )
                with self.assertRaises(PermissionDenied):
                    services.report_submit(actor=self.cast.user(role), report=health)
        self.save(health, actor=self.cast.own, values={self.health_indicator.pk: ValueInput(value="3")})


class ReportItemsTests(ReportingCase):
    def test_items_carry_the_current_values_updates_and_the_periods_budget(self):
        period = self.open_period()
        report = self.report_of(period)
        self.fill(report)
        with self.assertNumQueries(6):
            items = selectors.report_items(report)
        self.assertEqual(
            [row.indicator for row in items.indicators], [self.number, self.share, self.policy, self.story, self.stage]
        )
        self.assertTrue(all(row.entered for row in items.indicators))
        (row,) = items.activities
        self.assertEqual(
            (row.activity, row.update.status, row.budget), (self.activity, "on_track", Decimal("10000.00"))
        )
        self.assertEqual((items.currency, items.spent, items.missing), ("USD", Decimal("2500"), 0))

    def test_items_cost_the_same_queries_whatever_the_size(self):
        period = self.open_period()
        report = self.report_of(period)
        self.fill(report)
        with self.assertNumQueries(6):
            selectors.report_items(report)
        for index in range(4):
            make_indicator(self.cast, self.chain.output, name=f"More {index}", position=10 + index)
        more = make_chain(self.cast, activities=3, label="more")
        self.save(
            report,
            values={self.number.pk: ValueInput(value="43")},
            activities={more.activities[0].pk: ActivityInput(status="on_track")},
        )
        with self.assertNumQueries(6):
            items = selectors.report_items(report)
        self.assertEqual((len(items.indicators), len(items.activities)), (9, 4))

    def test_reading_the_reports_costs_the_same_queries_whatever_their_number(self):
        self.open_period()

        def count(user):
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            user = type(user).objects.get(pk=user.pk)  # no permission cache from an earlier count
            with CaptureQueriesContext(connection) as queries:
                list(selectors.reports_visible_to(user, self.process))
            return len(queries)

        count(self.cast.own)  # warms the content types' cache
        small = {role: count(self.cast.user(role)) for role in ("nfp", "own")}
        for year in (2028, 2029, 2030):
            self.open_period(
                label=str(year), starts_on=date(year, 1, 1), ends_on=date(year, 12, 31), due_on=date(year + 1, 1, 31)
            )
        self.assertEqual({role: count(self.cast.user(role)) for role in ("nfp", "own")}, small)

    def test_the_budget_is_the_periods_years_only(self):
        period = self.open_period(
            label="2028", starts_on=date(2028, 1, 1), ends_on=date(2028, 12, 31), due_on=date(2029, 1, 31)
        )
        Activity.objects.filter(pk=self.activity.pk).update(ends_on=None)
        (row,) = selectors.report_items(self.report_of(period)).activities
        self.assertEqual(row.budget, Decimal("0.00"))


# ---------------------------------------------------------------------------
# Submitting and reviewing
# ---------------------------------------------------------------------------


class SubmitAndReviewTests(ReportingCase):
    def test_submitting_needs_every_value_and_every_status(self):
        period = self.open_period()
        report = self.report_of(period)
        self.save(report, values={self.number.pk: ValueInput(value="42")})
        with self.assertRaises(ValidationError) as caught:
            services.report_submit(actor=self.cast.other, report=report)
        messages = caught.exception.messages
        self.assertIn("before submitting", messages[0])
        self.assertIn("No value yet for the indicator Share of workers oriented.", messages)
        self.assertIn(f"No status yet for the activity {self.activity}.", messages)
        self.assertNotIn(f"No value yet for the indicator {self.number}.", messages)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.DRAFT)

    def test_submitting_records_who_and_tells_the_reviewers(self):
        period = self.open_period()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            report = self.submitted(period)
        report.refresh_from_db()
        self.assertEqual((report.status, report.submitted_by), (ReportStatus.SUBMITTED, self.cast.other))
        self.assertIsNotNone(report.submitted_at)
        (step,) = report.steps.all()
        self.assertEqual((step.action, step.actor, step.note), (ReviewAction.SUBMITTED, self.cast.other, "Complete."))
        self.assertEqual(report.history.first().history_change_reason, "progress_report.submitted: Complete.")
        self.assertEqual(mail.outbox[-1].to, ["facilitator@example.org", "nfp@example.org"])
        self.assertIn("Ministry of Labour (MoL) has submitted its progress report for 2027", mail.outbox[-1].body)

    def test_a_submitted_report_cannot_be_saved_or_submitted_again(self):
        report = self.submitted()
        with self.assertRaises(ValidationError):
            self.save(report, values={self.number.pk: ValueInput(value="1")})
        with self.assertRaises(ValidationError):
            services.report_submit(actor=self.cast.other, report=report)

    def test_only_reviewers_approve_or_request_changes(self):
        report = self.submitted()
        for role in ("own", "other", "donor", "outsider"):
            with self.subTest(role=role):
                with self.assertRaises(PermissionDenied):
                    services.report_approve(actor=self.cast.user(role), report=report)
                with self.assertRaises(PermissionDenied):
                    services.report_request_changes(actor=self.cast.user(role), report=report, reason="no")
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.SUBMITTED)

    def test_requesting_changes_needs_a_reason_and_returns_the_report_to_draft(self):
        report = self.submitted()
        with self.assertRaises(ValidationError) as caught:
            services.report_request_changes(actor=self.cast.facilitator, report=report, reason="  ")
        self.assertIn("reason", self.errors_of(caught))
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.report_request_changes(actor=self.cast.facilitator, report=report, reason="Split by sex.")
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.DRAFT)
        steps = list(report.steps.values_list("action", "actor__username", "note"))
        self.assertEqual(
            steps,
            [(ReviewAction.SUBMITTED, "other", "Complete."), (ReviewAction.RETURNED, "facilitator", "Split by sex.")],
        )
        self.assertEqual(report.submitted_by, self.cast.other)  # who submitted stays visible
        self.assertEqual(mail.outbox[-1].to, ["other@example.org"])
        self.assertIn("Split by sex.", mail.outbox[-1].body)
        # The institution can edit again and resubmit.
        self.save(report, values={self.number.pk: ValueInput(value="43")})
        services.report_submit(actor=self.cast.other, report=report)

    def test_only_a_submitted_report_is_reviewed(self):
        report = self.report_of(self.open_period())
        with self.assertRaises(ValidationError):
            services.report_approve(actor=self.cast.nfp, report=report)

    def test_approving_records_who_and_copies_the_activity_status_onto_the_plan(self):
        report = self.submitted()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.report_approve(actor=self.cast.facilitator, report=report, note="Thanks.")
        report.refresh_from_db()
        self.assertEqual((report.status, report.approved_by), (ReportStatus.APPROVED, self.cast.facilitator))
        self.assertEqual(report.steps.last().action, ReviewAction.APPROVED)
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.status, ActivityStatus.ONGOING)
        record = self.activity.history.first()
        self.assertEqual(
            (record.history_user, record.history_change_reason.split(":")[0]),
            (self.cast.facilitator, "activity.ongoing"),
        )
        self.assertEqual(mail.outbox[-1].to, ["other@example.org"])
        self.assertIn("approved", mail.outbox[-1].subject)

    def test_every_reported_status_maps_to_a_plan_status(self):
        self.assertEqual(
            {k.value: v.value for k, v in services.PLAN_STATUS.items()},
            {
                "not_started": "planned",
                "on_track": "ongoing",
                "delayed": "delayed",
                "completed": "completed",
                "cancelled": "cancelled",
            },
        )

    def test_a_cancelled_activity_stays_on_its_approved_report(self):
        period = self.open_period()
        report = self.report_of(period)
        values = self.complete_values()
        self.save(
            report,
            values=values,
            activities={self.activity.pk: ActivityInput(status="cancelled", narrative="No trainers.")},
        )
        services.report_submit(actor=self.cast.other, report=report)
        services.report_approve(actor=self.cast.nfp, report=report)
        self.activity.refresh_from_db()
        self.assertEqual(self.activity.status, ActivityStatus.CANCELLED)
        self.assertEqual([row.activity for row in selectors.report_items(report).activities], [self.activity])


# ---------------------------------------------------------------------------
# Locking, unlocking, corrections
# ---------------------------------------------------------------------------


class LockAndCorrectionTests(ReportingCase):
    def approve_all(self):
        period = self.open_period()
        labour = self.submitted(period)
        services.report_approve(actor=self.cast.nfp, report=labour)
        period.refresh_from_db()
        self.assertEqual(period.status, PeriodStatus.OPEN)  # health has not reported yet
        health = self.report_of(period, self.cast.health)
        self.save(health, actor=self.cast.own, values={self.health_indicator.pk: ValueInput(value="7")})
        services.report_submit(actor=self.cast.own, report=health)
        services.report_approve(actor=self.cast.facilitator, report=health)
        period.refresh_from_db()
        return period, labour, health

    def test_approving_the_last_report_locks_the_period_in_its_history(self):
        period, _labour, _health = self.approve_all()
        self.assertEqual(period.status, PeriodStatus.LOCKED)
        self.assertIsNotNone(period.locked_at)
        record = period.history.first()
        self.assertEqual(
            (record.history_user, record.history_change_reason),
            (self.cast.facilitator, "reporting_period.locked: every report approved"),
        )

    def test_the_nfp_locks_by_hand_only_when_every_report_is_approved(self):
        period = self.open_period()
        with self.assertRaises(ValidationError) as caught:
            services.period_lock(actor=self.cast.nfp, period=period)
        self.assertIn("Ministry of Health", caught.exception.messages[0])

    def test_a_locked_period_refuses_edits_submissions_and_changes(self):
        period, labour, _health = self.approve_all()
        labour.status = ReportStatus.DRAFT
        ProgressReport.objects.filter(pk=labour.pk).update(status=ReportStatus.DRAFT)  # even a stray draft
        with self.assertRaises(ValidationError) as caught:
            self.save(labour, values={self.number.pk: ValueInput(value="1")})
        self.assertIn("locked", caught.exception.messages[0])
        with self.assertRaises(ValidationError):
            services.report_submit(actor=self.cast.other, report=labour)
        with self.assertRaises(ValidationError):
            services.period_update(actor=self.cast.nfp, period=period, **PERIOD)

    def test_unlocking_needs_a_reason_which_is_kept(self):
        period, _labour, _health = self.approve_all()
        with self.assertRaises(ValidationError) as caught:
            services.period_unlock(actor=self.cast.nfp, period=period, reason="")
        self.assertIn("reason", self.errors_of(caught))
        services.period_unlock(actor=self.cast.nfp, period=period, reason="The survey was revised.")
        period.refresh_from_db()
        self.assertEqual((period.status, period.unlock_reason), (PeriodStatus.OPEN, "The survey was revised."))
        self.assertEqual(
            period.history.first().history_change_reason, "reporting_period.unlocked: The survey was revised."
        )
        services.period_lock(actor=self.cast.nfp, period=period, reason="Corrected.")
        period.refresh_from_db()
        self.assertTrue(period.is_locked)

    def test_a_correction_is_a_new_revision_and_the_old_one_is_kept(self):
        period, labour, _health = self.approve_all()
        original = IndicatorValue.objects.get(report=labour, indicator=self.number)
        data = ValueInput(value="45", disaggregation={"sex": {"women": "15", "men": "30"}})
        with self.assertRaises(ValidationError) as caught:
            services.value_correct(actor=self.cast.nfp, value=original, data=data, reason="Late records.")
        self.assertIn("unlock it", caught.exception.messages[0])
        services.period_unlock(actor=self.cast.nfp, period=period, reason="Late records arrived.")
        with self.assertRaises(ValidationError) as caught:
            services.value_correct(actor=self.cast.nfp, value=original, data=data, reason="")
        self.assertIn("reason", self.errors_of(caught))
        corrected = services.value_correct(
            actor=self.cast.facilitator, value=original, data=data, reason="Late records."
        )
        original.refresh_from_db()
        self.assertEqual((original.revision, original.is_current, original.value), (1, False, Decimal("42")))
        self.assertEqual(
            (
                corrected.revision,
                corrected.is_current,
                corrected.value,
                corrected.corrected_by,
                corrected.correction_reason,
            ),
            (2, True, Decimal("45"), self.cast.facilitator, "Late records."),
        )
        self.assertEqual([v.revision for v in selectors.value_revisions(labour, self.number)], [1, 2])
        self.assertEqual(selectors.report_items(labour).indicators[0].value, corrected)
        self.assertEqual(original.history.first().history_change_reason, "indicator_value.superseded: Late records.")
        self.assertEqual(corrected.history.get().history_change_reason, "indicator_value.corrected: Late records.")
        in_history = IndicatorValue.history.filter(report_id=labour.pk, indicator_id=self.number.pk)
        self.assertEqual(set(in_history.values_list("id", flat=True)), {original.pk, corrected.pk})
        step = labour.steps.last()
        self.assertEqual(
            (step.action, step.actor, step.note), (ReviewAction.CORRECTED, self.cast.facilitator, "Late records.")
        )
        # The corrected revision cannot be corrected again; the current one can.
        with self.assertRaises(ValidationError):
            services.value_correct(actor=self.cast.nfp, value=original, data=ValueInput(value="46"), reason="again")
        third = services.value_correct(
            actor=self.cast.nfp, value=corrected, data=ValueInput(value="46"), reason="again"
        )
        self.assertEqual(third.revision, 3)

    def test_a_correction_is_validated_like_a_save(self):
        period, labour, _health = self.approve_all()
        services.period_unlock(actor=self.cast.nfp, period=period, reason="Check.")
        original = IndicatorValue.objects.get(report=labour, indicator=self.share)
        with self.assertRaises(ValidationError) as caught:
            services.value_correct(
                actor=self.cast.nfp, value=original, data=ValueInput(numerator="200", denominator="120"), reason="x"
            )
        self.assertIn(f"indicator-{self.share.pk}-numerator", self.errors_of(caught))
        self.assertEqual(IndicatorValue.objects.filter(report=labour, indicator=self.share).count(), 1)

    def test_only_reviewers_correct_and_only_approved_values(self):
        period, labour, _health = self.approve_all()
        services.period_unlock(actor=self.cast.nfp, period=period, reason="Check.")
        original = IndicatorValue.objects.get(report=labour, indicator=self.number)
        for role in ("own", "other", "donor", "outsider"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                services.value_correct(
                    actor=self.cast.user(role), value=original, data=ValueInput(value="1"), reason="x"
                )
        draft_period = self.open_period(
            label="2028", starts_on=date(2028, 1, 1), ends_on=date(2028, 12, 31), due_on=date(2029, 1, 31)
        )
        draft = self.report_of(draft_period)
        self.save(draft, values={self.number.pk: ValueInput(value="5")})
        with self.assertRaises(ValidationError):
            services.value_correct(
                actor=self.cast.nfp,
                value=IndicatorValue.objects.get(report=draft),
                data=ValueInput(value="6"),
                reason="x",
            )


# ---------------------------------------------------------------------------
# Who reads which reports
# ---------------------------------------------------------------------------


class VisibilityTests(ReportingCase):
    def test_a_ministry_reads_its_own_reports_and_others_approved_ones(self):
        period = self.open_period()
        labour = self.submitted(period)
        health = self.report_of(period, self.cast.health)
        other_period = make_period(self.cast, label="2029", starts_on=date(2029, 1, 1), ends_on=date(2029, 12, 31))
        self.assertEqual(set(selectors.reports_visible_to(self.cast.own, self.process)), {health})
        self.assertEqual(set(selectors.reports_visible_to(self.cast.other, self.process)), {labour})
        for role in ("nfp", "facilitator"):
            self.assertEqual(set(selectors.reports_visible_to(self.cast.user(role), self.process)), {labour, health})
        for role in ("donor", "outsider"):
            self.assertEqual(list(selectors.reports_visible_to(self.cast.user(role), self.process)), [])
        services.report_approve(actor=self.cast.nfp, report=labour)
        self.assertEqual(set(selectors.reports_visible_to(self.cast.own, self.process)), {health, labour})
        for report in selectors.reports_visible_to(self.cast.own, self.process):
            self.assertTrue(permissions.can_read_report(self.cast.own, report))
        self.assertFalse(ProgressReport.objects.filter(period=other_period).exists())

    def test_periods_are_counted_by_status_in_one_query(self):
        period = self.open_period()
        self.submitted(period)
        with self.assertNumQueries(1):
            (row,) = selectors.periods_of(self.process)
        self.assertEqual(
            (row.reports_total, row.reports_draft, row.reports_submitted, row.reports_approved), (2, 1, 1, 0)
        )
        with self.assertNumQueries(1):
            reports = selectors.period_reports(period)
        self.assertEqual([r.institution for r in reports], [self.cast.health, self.cast.labour])


class DemoTests(ReportingCase):
    def test_the_demo_quarters_have_approved_reports_and_one_resubmitted_through_the_services_once(self):
        from mainstreaming.loaders import DemoCountry
        from monitoring.demo.reporting import load_demo_reporting

        demo = DemoCountry(
            process=self.process,
            institutions={"MoLSP": self.cast.labour, "MoH": self.cast.health},
            users={
                "nfp": self.cast.nfp,
                "labour": self.cast.other,
                "health": self.cast.own,
                "facilitator": self.cast.facilitator,
            },
            admin=None,
        )
        load_demo_reporting(demo)
        periods = list(ReportingPeriod.objects.filter(process=self.process).order_by("starts_on"))
        year = self.process.period_start
        self.assertEqual([period.label for period in periods], [f"{year}-Q1", f"{year}-Q2", f"{year}-Q3"])
        for earlier in periods[:2]:
            statuses = (self.report_of(earlier).status, self.report_of(earlier, self.cast.health).status)
            self.assertEqual(statuses, (ReportStatus.APPROVED, ReportStatus.APPROVED))
        period = periods[-1]
        labour = self.report_of(period)
        health = self.report_of(period, self.cast.health)
        self.assertEqual((labour.status, health.status), (ReportStatus.APPROVED, ReportStatus.SUBMITTED))
        # Reported after the quarter ended, as a ministry would.
        self.assertGreater(timezone.localtime(labour.submitted_at).date(), period.ends_on)
        self.assertEqual(IndicatorValue.objects.filter(report=labour).count(), 5)
        self.assertEqual(
            list(health.steps.values_list("action", flat=True)),
            [ReviewAction.SUBMITTED, ReviewAction.RETURNED, ReviewAction.SUBMITTED],
        )
        self.assertEqual(labour.approved_by, self.cast.facilitator)
        load_demo_reporting(demo)
        self.assertEqual(ReportingPeriod.objects.filter(process=self.process).count(), 3)
