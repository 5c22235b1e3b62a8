"""
The daily reminders of the sector checklists, sent by Celery beat: the lead institution a week and a day before
the due date, then the lead and the NFP once a week while overdue; once a day at most, whatever how often the task
runs; nothing for checklists already submitted.
"""

from datetime import timedelta

from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from mainstreaming.celery import app as celery_app
from situation_analysis.choices import AssignmentStatus
from situation_analysis.models import Assignment
from situation_analysis.tasks import send_assignment_reminders_task
from tests.cast import make_cast
from tests.situation_analysis.test_progress import assign


class BeatScheduleTests(TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # What a worker and beat do when they start: import every app's tasks module.
        celery_app.autodiscover_tasks(force=True)

    def test_beat_runs_a_registered_task_every_morning(self):
        entry = settings.CELERY_BEAT_SCHEDULE["send-assignment-reminders"]
        self.assertEqual(entry["task"], "situation_analysis.tasks.send_assignment_reminders_task")
        self.assertIn(entry["task"], celery_app.tasks)
        schedule = entry["schedule"]
        self.assertIsInstance(schedule, crontab)
        self.assertEqual((schedule.hour, schedule.minute), ({6}, {0}))
        self.assertEqual(len(schedule.day_of_week), 7)

    def test_every_beat_entry_names_a_registered_task(self):
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            with self.subTest(entry=name):
                self.assertIn(entry["task"], celery_app.tasks)


class ReminderTaskTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        today = timezone.localdate()
        cls.in_a_week = assign(cls.cast, "RM1", "rem-health", cls.cast.health, due_on=today + timedelta(days=7))
        cls.late = assign(cls.cast, "RM2", "rem-labour", cls.cast.labour, due_on=today - timedelta(days=1))
        assign(cls.cast, "RM3", "rem-health", cls.cast.health, due_on=today + timedelta(days=3))
        assign(
            cls.cast,
            "RM4",
            "rem-labour",
            cls.cast.labour,
            status=AssignmentStatus.SUBMITTED,
            due_on=today - timedelta(days=1),
        )

    def run_task(self):
        with self.captureOnCommitCallbacks(execute=True):
            return send_assignment_reminders_task.delay().get()

    def test_it_reminds_the_lead_before_the_due_date_and_the_lead_and_nfp_once_overdue(self):
        self.assertEqual(self.run_task(), 2)
        sent = {message.subject.split(":")[0]: message for message in mail.outbox}
        self.assertEqual(set(sent), {"Reminder", "Overdue"})
        self.assertEqual(sent["Reminder"].to, ["own@example.org"])
        self.assertIn("RM1", sent["Reminder"].subject)
        self.assertEqual(sent["Overdue"].to, ["nfp@example.org", "other@example.org"])
        self.assertIn("RM2", sent["Overdue"].subject)
        self.assertIn("have not been submitted yet", sent["Overdue"].body)

    def test_running_it_again_the_same_day_sends_nothing_more(self):
        self.assertEqual(self.run_task(), 2)
        self.assertEqual(self.run_task(), 0)
        self.assertEqual(len(mail.outbox), 2)

    def test_each_reminder_is_recorded_in_the_history_without_a_person(self):
        self.run_task()
        today = timezone.localdate()
        expected = ((self.in_a_week, "assignment.reminded_before"), (self.late, "assignment.reminded_overdue"))
        for assignment, code in expected:
            with self.subTest(code=code):
                assignment = Assignment.objects.get(pk=assignment.pk)
                self.assertEqual(assignment.last_reminded_on, today)
                row = assignment.history.latest("history_date")
                self.assertEqual((row.history_user, row.history_change_reason), (None, code))

    def test_a_checklist_submitted_in_the_meantime_is_not_reminded(self):
        Assignment.objects.filter(pk=self.late.pk).update(status=AssignmentStatus.SUBMITTED)
        self.assertEqual(self.run_task(), 1)
        self.assertEqual([message.subject.split(":")[0] for message in mail.outbox], ["Reminder"])
