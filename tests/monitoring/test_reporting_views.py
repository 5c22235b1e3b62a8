"""
The reporting workflow's pages: the NFP opens a period; the Ministry of Labour ("other" in the cast) fills in its
report through the one form and submits it; a bad value comes back beside its field with what was typed kept; a
save over someone else's is refused; the facilitator returns it with a reason and the NFP approves it; the period
locks and unlocks; a reviewer corrects an approved value with a new revision; the Ministry of Health ("own") sees
another ministry's draft only as a notice but reads it once approved; empty states; the dashboard panels; and
query budgets at two data sizes.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from implementation_plans.models import Activity, BudgetLine
from monitoring.choices import PeriodStatus, ReportStatus, ReviewAction
from monitoring.models import IndicatorValue, ProgressReport, ReportingPeriod
from monitoring.services import reporting as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory
from tests.implementation_plans.builders import make_chain
from tests.monitoring.builders import (
    make_indicator,
    make_percentage_indicator,
    make_period,
    make_report,
    make_value,
    make_yes_no_indicator,
)


def url(name, process, **kwargs):
    return reverse(f"monitoring:{name}", kwargs={"process_pk": process.pk, **kwargs})


PERIOD = {"label": "2027", "starts_on": "2027-01-01", "ends_on": "2027-12-31", "due_on": "2028-01-31"}


class ReportingCase(TestCase):
    """Labour is responsible for a number indicator (by sex and age), a percentage from its parts (by sex), a
    yes/no indicator, a qualitative one and a number by country, and for one activity of 2027."""

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.chain = make_chain(cls.cast)
        cls.activity = cls.chain.activities[0]
        outcome = cls.chain.outcome
        cls.number = make_indicator(cls.cast, outcome, disaggregations=["sex", "age"], position=1)
        cls.share = make_percentage_indicator(cls.cast, outcome, position=2)
        cls.law = make_yes_no_indicator(cls.cast, outcome, position=3)
        cls.policy = make_indicator(
            cls.cast,
            outcome,
            name="Diaspora policy stage",
            unit="level",
            indicator_type="text",
            aggregation="qualitative",
            scale=["none", "drafted", "adopted"],
            baseline_value=None,
            baseline_text="none",
            position=4,
        )
        cls.remittances = make_indicator(
            cls.cast, outcome, name="Remittances received", unit="USD", disaggregations=["country"], position=5
        )

    def login(self, role):
        self.client.force_login(getattr(self.cast, role))

    def get(self, role, name, **kwargs):
        self.login(role)
        return self.client.get(url(name, self.process, **kwargs))

    def post(self, role, name, data, follow=False, **kwargs):
        self.login(role)
        return self.client.post(url(name, self.process, **kwargs), data, follow=follow)

    def open_period(self):
        period = services.period_open(
            actor=self.cast.nfp,
            process=self.process,
            label="2027",
            starts_on=date(2027, 1, 1),
            ends_on=date(2027, 12, 31),
            due_on=date(2028, 1, 31),
        )
        return period, ProgressReport.objects.get(period=period, institution=self.cast.labour)

    def filled(self, report, **overrides) -> dict:
        """A complete, valid report form."""
        n, s, law, policy, money, activity = (
            self.number.pk,
            self.share.pk,
            self.law.pk,
            self.policy.pk,
            self.remittances.pk,
            self.activity.pk,
        )
        data = {
            "version": str(report.version),
            f"indicator-{n}-value": "100",
            f"indicator-{n}-sex-women": "40",
            f"indicator-{n}-sex-men": "60",
            f"indicator-{n}-age-15_24": "30",
            f"indicator-{n}-age-25_64": "70",
            f"indicator-{s}-numerator": "30",
            f"indicator-{s}-denominator": "120",
            f"indicator-{s}-sex-women-numerator": "10",
            f"indicator-{s}-sex-women-denominator": "50",
            f"indicator-{s}-sex-men-numerator": "20",
            f"indicator-{s}-sex-men-denominator": "70",
            f"indicator-{law}-value": "yes",
            f"indicator-{policy}-value": "drafted",
            f"indicator-{money}-value": "5000",
            f"indicator-{money}-country-name-1": "Qatar",
            f"indicator-{money}-country-1-value": "3000",
            f"activity-{activity}-status": "on_track",
            f"activity-{activity}-percent_done": "40",
            f"activity-{activity}-spent": "2500",
            f"activity-{activity}-narrative": "Two of five trainings held.",
            "challenges": "Trainers were hard to recruit.",
            "next_steps": "Hold the remaining trainings.",
        }
        return data | overrides

    def save_and_submit(self, report):
        response = self.post("other", "report_edit", self.filled(report), pk=report.pk)
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context["form"].errors
        )
        report.refresh_from_db()
        services.report_submit(actor=self.cast.other, report=report)
        return report


class PeriodPageTests(ReportingCase):
    def test_the_empty_list_tells_the_nfp_to_open_a_period_and_the_others_to_wait(self):
        response = self.get("nfp", "period_list")
        self.assertContains(response, "No reporting period has been opened yet.")
        self.assertContains(response, url("period_open", self.process))
        response = self.get("other", "period_list")
        self.assertNotContains(response, url("period_open", self.process))
        self.assertContains(response, "The National Focal Point opens each reporting period")

    def test_the_nfp_opens_a_period_through_the_page(self):
        response = self.post("nfp", "period_open", PERIOD)
        period = ReportingPeriod.objects.get(process=self.process)
        self.assertRedirects(response, period.get_absolute_url())
        report = ProgressReport.objects.get(period=period)
        self.assertEqual(report.institution, self.cast.labour)
        response = self.client.get(period.get_absolute_url())
        self.assertContains(response, "Ministry of Labour")
        self.assertContains(response, "Draft")
        self.assertContains(response, url("period_edit", self.process, pk=period.pk))
        listing = self.client.get(url("period_list", self.process))
        self.assertContains(listing, period.get_absolute_url())

    def test_bad_dates_come_back_beside_their_fields(self):
        response = self.post("nfp", "period_open", PERIOD | {"ends_on": "2026-12-31"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("ends_on", response.context["form"].errors)
        self.assertContains(response, 'value="2027"', status_code=400)
        self.assertFalse(ReportingPeriod.objects.exists())

    def test_an_overlapping_period_is_refused_beside_the_start(self):
        self.open_period()
        response = self.post("nfp", "period_open", PERIOD | {"label": "2027-bis"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("starts_on", response.context["form"].errors)

    def test_a_period_nobody_reports_in_says_what_to_do(self):
        from monitoring.models import Indicator

        Indicator.objects.filter(process=self.process).update(responsible=None)
        Activity.objects.filter(process=self.process).update(responsible=None)
        response = self.post("nfp", "period_open", PERIOD)
        self.assertContains(response, "give indicators or activities a responsible institution first", status_code=400)
        self.assertFalse(ReportingPeriod.objects.exists())

    def test_the_period_detail_shows_who_submitted_and_approved_and_overdue_reports(self):
        period = make_period(
            self.cast, label="2025", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), due_on=date(2026, 1, 31)
        )
        make_report(self.cast, period, self.cast.labour)
        make_report(self.cast, period, self.cast.health, status=ReportStatus.APPROVED)
        response = self.get("own", "period_detail", pk=period.pk)
        self.assertContains(response, "Overdue")
        self.assertContains(response, "1 report is overdue.")
        self.assertContains(response, f"by {self.cast.facilitator.get_full_name() or 'facilitator'}")

    def test_the_nfp_changes_the_due_date_with_a_reason_kept_in_the_history(self):
        period, _report = self.open_period()
        response = self.post(
            "nfp", "period_edit", PERIOD | {"due_on": "2028-02-28", "reason": "Data late"}, pk=period.pk
        )
        self.assertRedirects(response, period.get_absolute_url())
        period.refresh_from_db()
        self.assertEqual(period.due_on, date(2028, 2, 28))
        history = self.client.get(url("period_history", self.process, pk=period.pk))
        self.assertContains(history, "Data late")

    def test_saving_a_period_unchanged_creates_the_missing_reports_and_says_so(self):
        period, _report = self.open_period()
        make_indicator(self.cast, self.chain.outcome, responsible=self.cast.health, name="Nurses retained", position=6)
        response = self.post("nfp", "period_edit", PERIOD, pk=period.pk, follow=True)
        self.assertContains(response, "No change to the period; reports created for Ministry of Health (MoH)")
        self.assertNotContains(response, "The period has been changed")
        self.assertTrue(ProgressReport.objects.filter(period=period, institution=self.cast.health).exists())
        again = self.post("nfp", "period_edit", PERIOD, pk=period.pk, follow=True)
        self.assertContains(again, "Nothing changed: the period is as it was")

    def test_changing_a_period_says_which_reports_it_created(self):
        period, _report = self.open_period()
        make_indicator(self.cast, self.chain.outcome, responsible=self.cast.health, name="Nurses retained", position=6)
        response = self.post("nfp", "period_edit", PERIOD | {"label": "Year 2027"}, pk=period.pk, follow=True)
        self.assertContains(response, "The period has been changed; reports created for Ministry of Health (MoH)")
        unchanged_reports = self.post("nfp", "period_edit", PERIOD, pk=period.pk, follow=True)
        self.assertContains(unchanged_reports, "The period has been changed.")

    def test_a_development_partner_gets_403_and_an_outsider_404(self):
        period, report = self.open_period()
        for name, kwargs in (
            ("period_list", {}),
            ("period_detail", {"pk": period.pk}),
            ("report_detail", {"pk": report.pk}),
        ):
            with self.subTest(name=name):
                self.assertEqual(self.get("donor", name, **kwargs).status_code, 403)
                self.assertEqual(self.get("outsider", name, **kwargs).status_code, 404)


class FillingTests(ReportingCase):
    def test_a_ministry_fills_in_and_submits_its_report_through_the_pages(self):
        period, report = self.open_period()
        page = self.get("other", "report_detail", pk=report.pk)
        self.assertContains(page, "No value entered yet.")
        self.assertContains(page, url("report_edit", self.process, pk=report.pk))
        form = self.client.get(url("report_edit", self.process, pk=report.pk))
        self.assertContains(form, f'name="indicator-{self.number.pk}-sex-women"')
        self.assertContains(form, f'name="indicator-{self.share.pk}-numerator"')
        self.assertContains(form, f'<select name="indicator-{self.law.pk}-value"')
        self.assertContains(form, '<option value="drafted">drafted</option>')
        self.assertContains(form, f'name="indicator-{self.remittances.pk}-country-name-5"')
        self.assertContains(form, f'<select name="activity-{self.activity.pk}-status"')
        self.assertContains(form, "Budget for the period: 10,000.00 USD")

        response = self.client.post(url("report_edit", self.process, pk=report.pk), self.filled(report))
        self.assertRedirects(response, report.get_absolute_url())
        value = IndicatorValue.objects.get(report=report, indicator=self.number)
        self.assertEqual(value.value, Decimal("100"))
        self.assertEqual(value.disaggregation["sex"], {"women": "40", "men": "60"})
        self.assertEqual(value.disaggregation["age"], {"15-24": "30", "25-64": "70"})
        share = IndicatorValue.objects.get(report=report, indicator=self.share)
        self.assertEqual((share.numerator, share.denominator), (Decimal("30"), Decimal("120")))
        self.assertEqual(IndicatorValue.objects.get(report=report, indicator=self.law).yes_no, True)
        self.assertEqual(
            IndicatorValue.objects.get(report=report, indicator=self.remittances).disaggregation,
            {"country": {"Qatar": "3000"}},
        )
        report.refresh_from_db()
        self.assertEqual(report.challenges, "Trainers were hard to recruit.")
        self.assertEqual(report.version, 2)

        # The form opens again with what was saved.
        form = self.client.get(url("report_edit", self.process, pk=report.pk))
        self.assertContains(form, 'value="Qatar"')
        self.assertContains(form, f'name="indicator-{self.number.pk}-sex-women" value="40"')

        page = self.client.get(report.get_absolute_url())
        self.assertContains(page, "Two of five trainings held.")
        self.assertContains(page, "2,500.00")

        submit = self.client.get(url("report_submit", self.process, pk=report.pk))
        self.assertNotContains(submit, "Still missing")
        response = self.client.post(url("report_submit", self.process, pk=report.pk), {"note": "All in."})
        self.assertRedirects(response, report.get_absolute_url())
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.SUBMITTED)
        self.assertEqual(report.submitted_by, self.cast.other)
        page = self.client.get(report.get_absolute_url())
        self.assertContains(page, "All in.")
        self.assertContains(page, "waits for review")
        # Submitted: the form is closed.
        self.assertContains(self.client.get(url("report_edit", self.process, pk=report.pk)), "cannot be changed now")

    def test_save_and_submit_goes_to_the_confirmation_which_lists_what_is_missing(self):
        _period, report = self.open_period()
        data = {"version": "1", f"indicator-{self.number.pk}-value": "100", "submit": "1"}
        response = self.post("other", "report_edit", data, pk=report.pk)
        self.assertRedirects(response, url("report_submit", self.process, pk=report.pk))
        page = self.client.get(response["Location"])
        self.assertContains(page, "Still missing")
        self.assertContains(page, "No status yet for the activity")
        response = self.client.post(url("report_submit", self.process, pk=report.pk), {})
        self.assertEqual(response.status_code, 400)
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.DRAFT)

    def test_a_bad_value_shows_its_message_beside_the_field_and_nothing_is_lost(self):
        _period, report = self.open_period()
        # A comma that groups no thousands is a mistake in English, shown back rather than guessed at.
        data = self.filled(report, **{f"indicator-{self.number.pk}-value": "12,50"})
        response = self.post("other", "report_edit", data, pk=report.pk)
        self.assertEqual(response.status_code, 400)
        field = f"indicator-{self.number.pk}-value"
        self.assertIn(field, response.context["form"].errors)
        self.assertContains(response, f'id="id_{field}_error"', status_code=400)
        self.assertContains(response, f'aria-describedby="id_{field}_helptext id_{field}_error"', status_code=400)
        self.assertContains(response, 'value="12,50"', status_code=400)
        self.assertContains(response, "Trainers were hard to recruit.", status_code=400)
        self.assertContains(response, 'value="Qatar"', status_code=400)
        self.assertFalse(IndicatorValue.objects.filter(report=report).exists())

    def test_a_breakdown_that_does_not_add_up_is_shown_on_its_fieldset(self):
        _period, report = self.open_period()
        data = self.filled(report, **{f"indicator-{self.number.pk}-sex-men": "50"})
        response = self.post("other", "report_edit", data, pk=report.pk)
        self.assertEqual(response.status_code, 400)
        key = f"indicator-{self.number.pk}-sex"
        self.assertIn(key, response.context["form"].group_errors)
        self.assertContains(response, f'aria-describedby="{key}-error"', status_code=400)
        self.assertContains(response, f'id="{key}-error"', status_code=400)
        self.assertFalse(IndicatorValue.objects.filter(report=report).exists())

    def test_the_forms_own_checks_come_back_beside_the_field(self):
        _period, report = self.open_period()
        data = self.filled(
            report,
            **{
                f"activity-{self.activity.pk}-percent_done": "140",
                f"indicator-{self.remittances.pk}-country-name-1": "",
            },
        )
        response = self.post("other", "report_edit", data, pk=report.pk)
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn(f"activity-{self.activity.pk}-percent_done", errors)
        self.assertIn(f"indicator-{self.remittances.pk}-country-name-1", errors)

    def test_a_save_over_someone_elses_is_refused_and_the_typed_input_kept(self):
        _period, report = self.open_period()
        stale = self.filled(report, challenges="My version of the challenges.")
        services.report_save(
            actor=self.cast.other,
            report=report,
            version=1,
            challenges="Theirs",
            next_steps="",
            values={},
            activities={},
        )
        response = self.post("other", "report_edit", stale, pk=report.pk)
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "Someone else saved this report", status_code=409)
        self.assertContains(response, "My version of the challenges.", status_code=409)
        self.assertContains(response, 'name="version" value="2"', status_code=409)
        report.refresh_from_db()
        self.assertEqual(report.challenges, "Theirs")
        # Saving again, having seen the warning, applies.
        again = self.client.post(url("report_edit", self.process, pk=report.pk), stale | {"version": "2"})
        self.assertEqual(again.status_code, 302)

    def test_only_the_institution_fills_in_its_report(self):
        _period, report = self.open_period()
        for role in ("nfp", "own", "facilitator"):
            with self.subTest(role=role):
                self.assertEqual(self.get(role, "report_edit", pk=report.pk).status_code, 403)
                self.assertEqual(self.post(role, "report_submit", {}, pk=report.pk).status_code, 403)


class ReviewTests(ReportingCase):
    def test_the_facilitator_returns_the_report_with_a_reason_and_the_nfp_approves_it(self):
        period, report = self.open_period()
        self.save_and_submit(report)
        response = self.post("facilitator", "report_review", {"decision": "changes"}, pk=report.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("note", response.context["form"].errors)
        response = self.post(
            "facilitator", "report_review", {"decision": "changes", "note": "Give the age breakdown."}, pk=report.pk
        )
        self.assertRedirects(response, report.get_absolute_url())
        report.refresh_from_db()
        self.assertEqual(report.status, ReportStatus.DRAFT)
        page = self.get("other", "report_detail", pk=report.pk)
        self.assertContains(page, "Changes requested")
        self.assertContains(page, "Give the age breakdown.")

        services.report_submit(actor=self.cast.other, report=report)
        self.assertContains(self.get("nfp", "report_review", pk=report.pk), "Record the decision")
        response = self.post("nfp", "report_review", {"decision": "approve", "note": "Thank you."}, pk=report.pk)
        self.assertRedirects(response, report.get_absolute_url())
        report.refresh_from_db()
        self.assertEqual((report.status, report.approved_by), (ReportStatus.APPROVED, self.cast.nfp))
        page = self.client.get(report.get_absolute_url())
        steps = [step.action for step in report.steps.all()]
        self.assertEqual(
            steps, [ReviewAction.SUBMITTED, ReviewAction.RETURNED, ReviewAction.SUBMITTED, ReviewAction.APPROVED]
        )
        self.assertContains(page, "Thank you.")
        # The only report approved: the period locked itself.
        period.refresh_from_db()
        self.assertEqual(period.status, PeriodStatus.LOCKED)

    def test_a_ministry_cannot_review(self):
        _period, report = self.open_period()
        self.save_and_submit(report)
        self.assertEqual(self.post("other", "report_review", {"decision": "approve"}, pk=report.pk).status_code, 403)

    def test_a_report_not_submitted_cannot_be_reviewed(self):
        _period, report = self.open_period()
        self.assertContains(self.get("facilitator", "report_review", pk=report.pk), "only a submitted report")
        response = self.client.post(url("report_review", self.process, pk=report.pk), {"decision": "approve"})
        self.assertEqual(response.status_code, 400)

    def test_lock_and_unlock_with_a_reason(self):
        period, report = self.open_period()
        self.save_and_submit(report)
        services.report_approve(actor=self.cast.facilitator, report=report)
        period.refresh_from_db()
        self.assertTrue(period.is_locked)
        self.assertContains(
            self.get("nfp", "period_detail", pk=period.pk), url("period_unlock", self.process, pk=period.pk)
        )
        response = self.post("nfp", "period_unlock", {"reason": ""}, pk=period.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        response = self.post("nfp", "period_unlock", {"reason": "The statistics office revised 2027."}, pk=period.pk)
        self.assertRedirects(response, period.get_absolute_url())
        period.refresh_from_db()
        self.assertEqual(
            (period.status, period.unlock_reason), (PeriodStatus.OPEN, "The statistics office revised 2027.")
        )
        self.assertContains(self.client.get(period.get_absolute_url()), "The statistics office revised 2027.")
        self.assertContains(self.get("nfp", "period_lock", pk=period.pk), "Lock the period")
        response = self.post("nfp", "period_lock", {"reason": "Corrections done"}, pk=period.pk)
        self.assertRedirects(response, period.get_absolute_url())
        period.refresh_from_db()
        self.assertTrue(period.is_locked)
        self.assertContains(self.client.get(url("period_history", self.process, pk=period.pk)), "Corrections done")

    def test_a_period_with_reports_waiting_cannot_be_locked(self):
        period, _report = self.open_period()
        page = self.get("nfp", "period_lock", pk=period.pk)
        self.assertContains(page, "Still waiting")
        response = self.post("nfp", "period_lock", {}, pk=period.pk)
        self.assertEqual(response.status_code, 400)
        period.refresh_from_db()
        self.assertFalse(period.is_locked)

    def test_a_correction_creates_a_revision_with_its_reason(self):
        period, report = self.open_period()
        self.save_and_submit(report)
        services.report_approve(actor=self.cast.facilitator, report=report)
        correct = url("value_correct", self.process, pk=report.pk, indicator_pk=self.number.pk)
        self.login("facilitator")
        self.assertContains(self.client.get(correct), "The reporting period is locked")
        services.period_unlock(actor=self.cast.nfp, period=period, reason="Revised figures")
        page = self.client.get(correct)
        self.assertContains(page, "Revisions of this value")
        self.assertContains(page, f'name="indicator-{self.number.pk}-value" value="100"')
        data = {
            f"indicator-{self.number.pk}-value": "110",
            f"indicator-{self.number.pk}-sex-women": "50",
            f"indicator-{self.number.pk}-sex-men": "60",
        }
        response = self.client.post(correct, data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        self.assertContains(response, 'value="110"', status_code=400)
        response = self.client.post(correct, data | {"reason": "The statistics office revised the figure."})
        self.assertEqual(response.status_code, 302)
        revisions = list(IndicatorValue.objects.filter(report=report, indicator=self.number).order_by("revision"))
        self.assertEqual([(v.revision, v.is_current, v.value) for v in revisions], [(1, False, 100), (2, True, 110)])
        self.assertEqual(revisions[1].corrected_by, self.cast.facilitator)
        page = self.client.get(report.get_absolute_url())
        self.assertContains(page, "revision 2")
        self.assertContains(page, "The statistics office revised the figure.")
        self.assertContains(self.client.get(correct), "The statistics office revised the figure.")
        # A ministry does not correct.
        self.assertEqual(self.get("other", "value_correct", pk=report.pk, indicator_pk=self.number.pk).status_code, 403)

    def test_correcting_an_indicator_without_a_value_answers_404(self):
        _period, report = self.open_period()
        response = self.get("facilitator", "value_correct", pk=report.pk, indicator_pk=self.number.pk)
        self.assertEqual(response.status_code, 404)


class ReadingTests(ReportingCase):
    def test_another_ministry_cannot_read_a_draft_but_reads_an_approved_report(self):
        _period, report = self.open_period()
        self.post("other", "report_edit", self.filled(report), pk=report.pk)
        page = self.get("own", "report_detail", pk=report.pk)
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "become visible to every ministry once")
        self.assertNotContains(page, "Trainers were hard to recruit.")
        self.assertNotContains(page, "Two of five trainings held.")
        self.assertEqual(self.get("own", "report_history", pk=report.pk).status_code, 403)
        self.assertEqual(self.get("own", "report_edit", pk=report.pk).status_code, 403)

        report.refresh_from_db()
        services.report_submit(actor=self.cast.other, report=report)
        services.report_approve(actor=self.cast.facilitator, report=report)
        page = self.get("own", "report_detail", pk=report.pk)
        self.assertContains(page, "Trainers were hard to recruit.")
        self.assertContains(page, "Two of five trainings held.")
        self.assertNotContains(page, "become visible to every ministry once")
        self.assertEqual(self.get("own", "report_history", pk=report.pk).status_code, 200)

    def test_the_report_history_lists_the_values_and_steps(self):
        _period, report = self.open_period()
        self.save_and_submit(report)
        page = self.get("other", "report_history", pk=report.pk)
        self.assertContains(page, "Workers oriented before departure, revision 1")
        self.assertContains(page, "progress_report.submitted")


class PanelTests(ReportingCase):
    def test_the_dashboard_shows_overdue_reports_and_reports_awaiting_review(self):
        period = make_period(
            self.cast, label="2025", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31), due_on=date(2026, 1, 31)
        )
        make_report(self.cast, period, self.cast.labour)
        make_report(self.cast, period, self.cast.health, status=ReportStatus.SUBMITTED)
        dashboard = reverse("mainstreaming:process_dashboard", args=[self.process.pk])
        self.login("facilitator")
        page = self.client.get(dashboard)
        self.assertContains(page, "1 report is overdue:")
        self.assertContains(page, "1 report awaits review:")
        self.assertContains(page, url("period_list", self.process))

    def test_a_ministry_focal_point_sees_its_reports_to_fill_in(self):
        _period, report = self.open_period()
        dashboard = reverse("mainstreaming:process_dashboard", args=[self.process.pk])
        self.login("other")
        page = self.client.get(dashboard)
        self.assertContains(page, "Progress reports to fill in")
        self.assertContains(page, report.get_absolute_url())
        self.login("own")
        self.assertNotContains(self.client.get(dashboard), "Progress reports to fill in")


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------

BUDGETS = {"period_list": 8, "period_detail": 9, "report_detail": 20, "report_edit": 16}


def _grow(cast, size: int, year: int) -> dict[str, dict]:
    """A period of `year` with `size` other institutions' approved reports, and labour's draft report covering
    `size` more indicators (by sex, with values) and `size` more activities (with budgets and updates)."""
    from monitoring.models import ActivityUpdate

    chain = make_chain(cast, label=f"size {size}")
    period = make_period(
        cast, label=str(year), starts_on=date(year, 1, 1), ends_on=date(year, 12, 31), due_on=date(year + 1, 1, 31)
    )
    for index in range(size):
        institution = InstitutionFactory(process=cast.process, name=f"Institution {size}.{index}")
        make_report(cast, period, institution, status=ReportStatus.APPROVED)
    report = make_report(cast, period, cast.labour)
    for index in range(size):
        indicator = make_indicator(cast, chain.outcome, name=f"Indicator {size}.{index}", disaggregations=["sex"])
        make_value(report, indicator, 30, disaggregation={"sex": {"women": "10", "men": "20"}})
        activity = Activity.objects.create(
            process=cast.process,
            output=chain.output,
            title=f"Activity {size}.{index}",
            responsible=cast.labour,
            starts_on=date(year, 1, 1),
            ends_on=date(year, 12, 31),
        )
        BudgetLine.objects.create(
            process=cast.process, activity=activity, year=year, category="training", amount=1000, currency="USD"
        )
        ActivityUpdate.objects.create(
            process=cast.process, report=report, activity=activity, status="on_track", spent=Decimal("100")
        )
    return {
        "period_list": {},
        "period_detail": {"pk": period.pk},
        "report_detail": {"pk": report.pk},
        "report_edit": {"pk": report.pk},
    }


def _count(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


@pytest.mark.django_db
def test_the_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries):
    cast = make_cast()
    client.force_login(cast.other)
    small_urls = {name: url(name, cast.process, **kwargs) for name, kwargs in _grow(cast, 2, 2030).items()}
    small = {name: _count(client, address) for name, address in small_urls.items()}
    large_urls = {name: url(name, cast.process, **kwargs) for name, kwargs in _grow(cast, 20, 2031).items()}
    large = {name: _count(client, address) for name, address in large_urls.items()}
    assert large == small, "pages whose query count grows with the data: " + ", ".join(
        f"{name} ({small[name]} -> {large[name]})" for name in small if small[name] != large[name]
    )
    for name, address in large_urls.items():
        with django_assert_max_num_queries(BUDGETS[name], info=name):
            client.get(address)


def test_overdue_is_a_draft_past_its_due_date():
    from monitoring.selectors.reporting import is_overdue

    today = timezone.localdate()
    period = ReportingPeriod(due_on=today - timedelta(days=1))
    assert is_overdue(ProgressReport(status=ReportStatus.DRAFT), period)
    assert not is_overdue(ProgressReport(status=ReportStatus.SUBMITTED), period)
    assert not is_overdue(ProgressReport(status=ReportStatus.DRAFT), ReportingPeriod(due_on=today))
