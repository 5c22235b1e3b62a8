"""
The daily reminders of progress reports, sent by Celery beat: the institution a week and a day before the due
date, then weekly once overdue; after MONITORING_ESCALATE_AFTER_DAYS days overdue the NFP is told, once; one
e-mail per report a day at most, however often the task runs; nothing for reports handed in, locked periods or
processes on hold. The dashboard lists the overdue reports.
"""

from datetime import date, timedelta

from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.test import TestCase, override_settings
from django.utils import timezone

from mainstreaming.celery import app as celery_app
from mainstreaming.choices import ProcessStatus
from monitoring.choices import PeriodStatus, ReportStatus
from monitoring.models import ProgressReport, ReportingPeriod
from monitoring.selectors.reporting import overdue_reports
from monitoring.services import reporting as services
from monitoring.tasks import send_progress_report_reminders_task, send_response_reminders_task
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain
from tests.monitoring.builders import make_indicator

DUE = date(2028, 1, 31)


class BeatScheduleTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        celery_app.autodiscover_tasks(force=True)

    def test_beat_runs_the_registered_reminder_task_every_morning(self):
        entry = settings.CELERY_BEAT_SCHEDULE["send-progress-report-reminders"]
        self.assertEqual(entry["task"], "monitoring.tasks.send_progress_report_reminders_task")
        self.assertIn(entry["task"], celery_app.tasks)
        self.assertIsInstance(entry["schedule"], crontab)
        self.assertEqual(len(entry["schedule"].day_of_week), 7)
        self.assertEqual(len(entry["schedule"].hour), 1)

    def test_beat_reminds_the_owners_of_evaluation_follow_ups_every_morning(self):
        entry = settings.CELERY_BEAT_SCHEDULE["send-management-response-reminders"]
        self.assertEqual(entry["task"], "monitoring.tasks.send_response_reminders_task")
        self.assertIn(entry["task"], celery_app.tasks)
        self.assertEqual(len(entry["schedule"].day_of_week), 7)
        self.assertEqual(send_response_reminders_task.delay().get(), 0)  # nothing is due in an empty database

    def test_escalation_waits_fourteen_days_unless_configured(self):
        self.assertEqual(settings.MONITORING_ESCALATE_AFTER_DAYS, 14)


class ReminderCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        chain = make_chain(cls.cast)  # an activity of labour
        make_indicator(cls.cast, chain.outcome, name="Nurses recruited", responsible=cls.cast.health)
        cls.period = services.period_open(
            actor=cls.cast.nfp,
            process=cls.cast.process,
            label="2027",
            starts_on=date(2027, 1, 1),
            ends_on=date(2027, 12, 31),
            due_on=DUE,
        )
        cls.labour = ProgressReport.objects.get(period=cls.period, institution=cls.cast.labour)
        cls.health = ProgressReport.objects.get(period=cls.period, institution=cls.cast.health)

    def setUp(self):
        # Health has handed its report in: only labour's draft is reminded.
        ProgressReport.objects.filter(pk=self.health.pk).update(status=ReportStatus.SUBMITTED)

    def remind(self, day: date):
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            sent = services.reports_remind(today=day)
        return sent, list(mail.outbox)


class ReminderTests(ReminderCase):
    def test_a_week_and_a_day_before_the_due_date_the_institution_is_reminded(self):
        for days in (7, 1):
            with self.subTest(days=days):
                sent, outbox = self.remind(DUE - timedelta(days=days))
                self.assertEqual(sent, 1)
                self.assertEqual(outbox[0].to, ["other@example.org"])
                self.assertEqual(outbox[0].subject, "Reminder: progress report 2027 due on 31 Jan 2028")
                self.assertIn("Ministry of Labour (MoL)", outbox[0].body)
        for days in (10, 6, 3, 0):
            with self.subTest(days=days):
                self.assertEqual(self.remind(DUE - timedelta(days=days)), (0, []))

    def test_the_reminder_is_recorded_by_the_system(self):
        self.remind(DUE - timedelta(days=7))
        self.labour.refresh_from_db()
        self.assertEqual(self.labour.last_reminded_on, DUE - timedelta(days=7))
        record = self.labour.history.first()
        self.assertEqual((record.history_user, record.history_change_reason), (None, "progress_report.reminded_before"))

    def test_once_overdue_the_institution_is_reminded_every_week(self):
        sent, outbox = self.remind(DUE + timedelta(days=1))
        self.assertEqual(sent, 1)
        self.assertEqual(outbox[0].to, ["other@example.org"])
        self.assertTrue(outbox[0].subject.startswith("Overdue: progress report 2027"))
        self.assertIn("has not been submitted yet", outbox[0].body)
        for days in (2, 5, 7):
            with self.subTest(days=days):
                self.assertEqual(self.remind(DUE + timedelta(days=days))[0], 0)
        self.assertEqual(self.remind(DUE + timedelta(days=8))[0], 1)

    def test_at_most_one_email_a_day_however_often_it_runs(self):
        self.assertEqual(self.remind(DUE - timedelta(days=1))[0], 1)
        self.assertEqual(self.remind(DUE - timedelta(days=1)), (0, []))

    def test_after_fourteen_days_overdue_the_nfp_is_told_once(self):
        self.remind(DUE + timedelta(days=1))
        self.remind(DUE + timedelta(days=8))
        sent, outbox = self.remind(DUE + timedelta(days=14))
        self.assertEqual(sent, 1)
        (message,) = outbox
        self.assertEqual(message.to, ["nfp@example.org", "other@example.org"])
        self.assertIn("14 days late", message.subject)
        self.labour.refresh_from_db()
        self.assertEqual(self.labour.escalated_on, DUE + timedelta(days=14))
        self.assertEqual(self.labour.history.first().history_change_reason, "progress_report.reminded_escalate")
        # Afterwards the weekly reminders go on, to the institution only; the NFP is not told again.
        sent, outbox = self.remind(DUE + timedelta(days=21))
        self.assertEqual((sent, outbox[0].to), (1, ["other@example.org"]))
        self.assertTrue(outbox[0].subject.startswith("Overdue"))
        sent, outbox = self.remind(DUE + timedelta(days=28))
        self.assertNotIn("nfp@example.org", outbox[0].to)

    def test_a_late_first_run_escalates_at_once(self):
        sent, outbox = self.remind(DUE + timedelta(days=30))
        self.assertEqual(sent, 1)
        self.assertIn("nfp@example.org", outbox[0].to)

    @override_settings(MONITORING_ESCALATE_AFTER_DAYS=3)
    def test_the_number_of_days_before_escalation_is_a_setting(self):
        self.remind(DUE + timedelta(days=1))
        sent, outbox = self.remind(DUE + timedelta(days=3))
        self.assertEqual(sent, 1)
        self.assertIn("nfp@example.org", outbox[0].to)

    def test_reports_handed_in_locked_periods_and_paused_processes_get_nothing(self):
        ProgressReport.objects.filter(pk=self.labour.pk).update(status=ReportStatus.SUBMITTED)
        self.assertEqual(self.remind(DUE - timedelta(days=7)), (0, []))
        ProgressReport.objects.filter(pk=self.labour.pk).update(status=ReportStatus.DRAFT)
        ReportingPeriod.objects.filter(pk=self.period.pk).update(status=PeriodStatus.LOCKED)
        self.assertEqual(self.remind(DUE - timedelta(days=7)), (0, []))
        ReportingPeriod.objects.filter(pk=self.period.pk).update(status=PeriodStatus.OPEN)
        type(self.cast.process).objects.filter(pk=self.cast.process.pk).update(status=ProcessStatus.POSTPONED)
        self.assertEqual(self.remind(DUE - timedelta(days=7)), (0, []))

    def test_a_new_due_date_starts_the_reminders_again(self):
        self.remind(DUE + timedelta(days=20))
        period = ReportingPeriod.objects.get(pk=self.period.pk)
        services.period_update(
            actor=self.cast.nfp,
            period=period,
            label="2027",
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            due_on=DUE + timedelta(days=60),
            reason="More time for the survey.",
        )
        self.labour.refresh_from_db()
        self.assertEqual((self.labour.last_reminded_on, self.labour.escalated_on), (None, None))
        sent, outbox = self.remind(DUE + timedelta(days=53))
        self.assertEqual((sent, outbox[0].to), (1, ["other@example.org"]))


class ReminderTaskTests(ReminderCase):
    def test_the_task_reminds_the_reports_due_in_a_week(self):
        today = timezone.localdate()
        ReportingPeriod.objects.filter(pk=self.period.pk).update(
            starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=30), due_on=today + timedelta(days=7)
        )
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(send_progress_report_reminders_task.delay().get(), 1)
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(send_progress_report_reminders_task.delay().get(), 0)
        self.assertEqual([message.to for message in mail.outbox], [["other@example.org"]])


class OverdueSelectorTests(ReminderCase):
    def test_the_dashboard_lists_draft_reports_past_their_due_date(self):
        self.assertEqual(overdue_reports(self.cast.process, DUE), [])
        with self.assertNumQueries(1):
            (row,) = overdue_reports(self.cast.process, DUE + timedelta(days=5))
        self.assertEqual((row.report, row.days_overdue), (self.labour, 5))
        self.assertEqual(row.report.institution, self.cast.labour)
        ReportingPeriod.objects.filter(pk=self.period.pk).update(status=PeriodStatus.LOCKED)
        self.assertEqual(overdue_reports(self.cast.process, DUE + timedelta(days=5)), [])
