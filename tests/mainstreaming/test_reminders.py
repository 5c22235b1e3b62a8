"""
The one due-date reminder helper: a declared schedule per kind (days before, on the due date, every N days after,
escalation after M days), decided from the dates alone; at most one reminder per record a day; records reminded
in batches, soonest due first, each reminder recorded on the record by the system.
"""

from datetime import date, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import SimpleTestCase, TestCase
from django.test.utils import CaptureQueriesContext

from mainstreaming import reminders
from mainstreaming.reminders import BEFORE, ESCALATE, OVERDUE, Schedule, reminder_due
from monitoring.services.evaluations import RESPONSE_REMINDERS
from monitoring.services.reporting import REPORT_REMINDERS
from situation_analysis.models import Assignment
from situation_analysis.services.assignments import ASSIGNMENT_REMINDERS
from tests.cast import make_cast
from tests.situation_analysis.test_progress import assign

DUE = date(2030, 6, 30)


def day(offset: int) -> date:
    """The day `offset` days after the due date (negative: before it)."""
    return DUE + timedelta(days=offset)


def walk(schedule: Schedule, first: int, last: int, *, escalated: bool = False) -> dict[int, str]:
    """Run the schedule every day from `first` to `last` (offsets from DUE) as the daily task would."""
    last_reminded_on, sent = None, {}
    for offset in range(first, last + 1):
        kind = reminder_due(schedule, DUE, day(offset), last_reminded_on, escalated=escalated)
        if kind:
            sent[offset] = kind
            last_reminded_on = day(offset)
            escalated = escalated or kind == ESCALATE
    return sent


class ScheduleTests(SimpleTestCase):
    def test_a_week_and_a_day_before_then_the_day_after_and_weekly(self):
        self.assertEqual(
            walk(Schedule(days_before=(7, 1), every_days_after=7), -10, 22),
            {-7: BEFORE, -1: BEFORE, 1: OVERDUE, 8: OVERDUE, 15: OVERDUE, 22: OVERDUE},
        )

    def test_on_the_due_date_when_the_schedule_says_so(self):
        self.assertEqual(walk(Schedule(days_before=(3,), on_due_date=True), -5, 0), {-3: BEFORE, 0: BEFORE})
        self.assertEqual(walk(Schedule(days_before=(3,)), 0, 0), {})

    def test_no_reminder_after_the_due_date_when_the_schedule_has_none(self):
        self.assertEqual(walk(Schedule(days_before=(7,), every_days_after=None), -8, 30), {-7: BEFORE})

    def test_a_missed_day_delays_the_next_overdue_reminder_by_a_day_not_a_week(self):
        schedule = Schedule(every_days_after=7)
        self.assertEqual(reminder_due(schedule, DUE, day(9), day(1)), OVERDUE)
        self.assertEqual(reminder_due(schedule, DUE, day(10), day(9)), "")
        self.assertEqual(reminder_due(schedule, DUE, day(16), day(9)), OVERDUE)

    def test_at_most_one_reminder_a_day(self):
        schedule = Schedule(days_before=(7, 1), every_days_after=1, escalate_after_days=3)
        for offset in (-7, -1, 1, 3, 5):
            with self.subTest(offset=offset):
                self.assertTrue(reminder_due(schedule, DUE, day(offset), None))
                self.assertEqual(reminder_due(schedule, DUE, day(offset), day(offset)), "")

    def test_a_record_without_a_due_date_is_never_reminded(self):
        self.assertEqual(reminder_due(Schedule(), None, DUE, None), "")

    def test_escalation_once_after_m_days_then_the_weekly_reminders_go_on(self):
        self.assertEqual(
            walk(Schedule(days_before=(7, 1), every_days_after=7, escalate_after_days=14), 0, 28),
            {1: OVERDUE, 8: OVERDUE, 14: ESCALATE, 21: OVERDUE, 28: OVERDUE},
        )

    def test_a_late_first_look_escalates_at_once(self):
        schedule = Schedule(escalate_after_days=14)
        self.assertEqual(reminder_due(schedule, DUE, day(30), None), ESCALATE)
        self.assertEqual(reminder_due(schedule, DUE, day(30), None, escalated=True), OVERDUE)

    def test_the_escalation_delay_may_be_read_when_it_is_needed(self):
        days = [3]
        schedule = Schedule(escalate_after_days=lambda: days[0])
        self.assertEqual(reminder_due(schedule, DUE, day(3), day(1)), ESCALATE)
        days[0] = 10
        self.assertEqual(reminder_due(schedule, DUE, day(3), day(1)), "")

    def test_every_kind_shares_the_one_schedule_and_only_progress_reports_escalate(self):
        for schedule in (ASSIGNMENT_REMINDERS, REPORT_REMINDERS, RESPONSE_REMINDERS):
            with self.subTest(schedule=schedule):
                self.assertEqual(
                    (tuple(schedule.days_before), schedule.on_due_date, schedule.every_days_after), ((7, 1), False, 7)
                )
        self.assertIsNone(ASSIGNMENT_REMINDERS.escalation_days)
        self.assertIsNone(RESPONSE_REMINDERS.escalation_days)
        self.assertEqual(REPORT_REMINDERS.escalation_days, 14)  # MONITORING_ESCALATE_AFTER_DAYS


class SendRemindersTests(TestCase):
    """send_reminders over real records (checklist assignments), with a recording `send`."""

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.week = assign(cls.cast, "RB1", "rb-health", cls.cast.health, due_on=day(7))
        cls.tomorrow = assign(cls.cast, "RB2", "rb-health", cls.cast.health, due_on=day(1))
        cls.late = assign(cls.cast, "RB3", "rb-labour", cls.cast.labour, due_on=day(-20))
        assign(cls.cast, "RB4", "rb-labour", cls.cast.labour, due_on=day(3))  # no reminder today

    def send(self, *, batch_size=reminders.BATCH_SIZE, refuse=()):
        calls = []

        def record(assignment, kind, today):
            calls.append((assignment.checklist.code, kind))
            if assignment.pk in refuse:
                return False  # nobody to tell
            return None

        with self.captureOnCommitCallbacks(execute=True):
            sent = reminders.send_reminders(
                Assignment.objects.select_related("checklist"),
                schedule=Schedule(days_before=(7, 1), every_days_after=7),
                due_field="due_on",
                send=record,
                audit_prefix="assignment",
                today=DUE,
                batch_size=batch_size,
            )
        return sent, calls

    def test_soonest_due_first_in_batches_each_reminder_recorded_by_the_system(self):
        with CaptureQueriesContext(connection) as queries:
            sent, calls = self.send(batch_size=3)
        # Four candidates within a week of their due date (one of them not reminded today): two batches, each its
        # own transaction with one locked read of its records.
        transactions = [query for query in queries if query["sql"].startswith("SAVEPOINT")]
        self.assertEqual(len(transactions), 2)
        self.assertEqual(sent, 3)
        self.assertEqual(calls, [("RB3", OVERDUE), ("RB2", BEFORE), ("RB1", BEFORE)])
        late = Assignment.objects.get(pk=self.late.pk)
        self.assertEqual(late.last_reminded_on, DUE)
        row = late.history.latest("history_date")
        self.assertEqual((row.history_user, row.history_change_reason), (None, "assignment.reminded_overdue"))

    def test_a_second_run_the_same_day_sends_nothing(self):
        self.assertEqual(self.send()[0], 3)
        self.assertEqual(self.send(), (0, []))

    def test_a_record_nobody_could_be_told_about_is_tried_again_the_next_run(self):
        sent, calls = self.send(refuse={self.late.pk})
        self.assertEqual(sent, 2)
        self.assertIsNone(Assignment.objects.get(pk=self.late.pk).last_reminded_on)
        self.assertEqual(self.send()[1], [("RB3", OVERDUE)])

    def test_a_schedule_that_escalates_needs_a_record_that_remembers_it(self):
        with self.assertRaises(ImproperlyConfigured):
            reminders.send_reminders(
                Assignment.objects.all(),
                schedule=Schedule(escalate_after_days=14),
                due_field="due_on",
                send=lambda *args: None,
                audit_prefix="assignment",
                today=DUE,
            )
