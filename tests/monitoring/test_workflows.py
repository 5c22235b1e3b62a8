"""
The review tables of monitoring (monitoring.workflows), walked step by step: each step is refused to a person
without its rule and from a status it does not start from, asks for a reason where it says so, and leaves one
history row with who and why. Then the rules: each one's narrowing of a list agrees with its check on each record,
the one definition of an open management response, and an audit trail whose every link opens for its reader.
"""

import re
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mainstreaming import permissions as core
from monitoring import permissions
from monitoring.choices import PeriodStatus, ReportStatus, ResponseDecision, ResponseStatus, ReviewAction
from monitoring.models import ManagementResponse, ProgressReport, ReportingPeriod
from monitoring.models.evaluations import open_q
from monitoring.services import evaluations as evaluation_services
from monitoring.services import reporting as services
from monitoring.workflows import PERIOD, REPORT, RESPONSE
from tests.cast import make_cast
from tests.monitoring.builders import make_period, make_report


def fresh(user):
    """The user read again: a user object caches its object permissions once asked."""
    return type(user).objects.get(pk=user.pk)


class WorkflowCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        evaluation = evaluation_services.evaluation_create(
            actor=cls.cast.nfp, process=cls.process, kind="midterm", title="Mid-term review", evaluator="Evaluators"
        )
        cls.recommendation = evaluation_services.recommendation_create(
            actor=cls.cast.nfp, evaluation=evaluation, text="Collect recruitment costs every quarter."
        )

    def user(self, role):
        return fresh(getattr(self.cast, role))

    def report(self, status=ReportStatus.DRAFT, *, label="2027", institution=None):
        """A report of the Ministry of Labour (the `other` ministry fills it in), in `status`."""
        period = ReportingPeriod.objects.filter(process=self.process, label=label).first() or self.period(label)
        return make_report(self.cast, period, institution or self.cast.labour, status=status)

    def period(self, label="2027"):
        """A one-day period of its own (two periods of a process never start on the same day)."""
        starts_on = date(2027, 1, 1) + timedelta(days=ReportingPeriod.objects.count())
        return make_period(self.cast, label=label, starts_on=starts_on, ends_on=starts_on)

    def response(self, status=ResponseStatus.NOT_STARTED, decision=ResponseDecision.ACCEPTED):
        """The recommendation's response, owned by the Ministry of Health (the `own` ministry reports on it)."""
        response = evaluation_services.response_save(
            actor=self.cast.nfp,
            recommendation=self.recommendation,
            decision=decision,
            rationale="Too costly." if decision == ResponseDecision.REJECTED else "",
            action="Publish quarterly figures.",
            owner=self.cast.health,
            due_on=timezone.localdate() + timedelta(days=30),
        )
        if status != response.status:
            ManagementResponse.objects.filter(pk=response.pk).update(
                status=status, completed_on=timezone.localdate() if status == ResponseStatus.COMPLETED else None
            )
            response.refresh_from_db()
        return response

    def assert_audited(self, record, code, actor, reason=""):
        row = type(record).history.filter(id=record.pk).latest("history_date", "history_id")
        self.assertEqual(row.history_change_reason, f"{code}: {reason}" if reason else code)
        self.assertEqual(row.history_user, actor)


# ---------------------------------------------------------------------------
# The tables, walked
# ---------------------------------------------------------------------------


class ReportTableTests(WorkflowCase):
    # step: (who may, who may not, the status it starts from, a status it does not start from)
    STEPS = {
        "submit": ("other", "own", ReportStatus.DRAFT, ReportStatus.SUBMITTED),
        "approve": ("facilitator", "other", ReportStatus.SUBMITTED, ReportStatus.DRAFT),
        "return": ("nfp", "other", ReportStatus.SUBMITTED, ReportStatus.APPROVED),
    }

    def test_the_table_has_the_steps_walked_here(self):
        self.assertEqual({t.name for t in REPORT.transitions}, set(self.STEPS))

    def test_each_step_is_refused_without_its_rule(self):
        for name, (_allowed, refused, source, _wrong) in self.STEPS.items():
            with self.subTest(name):
                report = self.report(source, label=f"refused-{name}")
                self.assertFalse(report.can(self.user(refused), name))
                with self.assertRaises(PermissionDenied):
                    REPORT.perform(self.user(refused), report, name, reason="A reason")
                self.assertEqual(ProgressReport.objects.get(pk=report.pk).status, source)

    def test_each_step_is_refused_from_a_status_it_does_not_start_from(self):
        for name, (allowed, _refused, _source, wrong) in self.STEPS.items():
            with self.subTest(name):
                report = self.report(wrong, label=f"wrong-{name}")
                self.assertFalse(report.can(self.user(allowed), name))
                with self.assertRaises(ValidationError):
                    REPORT.perform(self.user(allowed), report, name, reason="A reason")
                self.assertEqual(ProgressReport.objects.get(pk=report.pk).status, wrong)

    def test_each_step_moves_the_report_and_leaves_a_history_row_and_a_review_step(self):
        for name, (allowed, _refused, source, _wrong) in self.STEPS.items():
            with self.subTest(name):
                report = self.report(source, label=f"done-{name}")
                actor = self.user(allowed)
                self.assertIn(name, [t.name for t in report.actions_for(actor)])
                with self.captureOnCommitCallbacks(execute=True):
                    REPORT.perform(actor, report, name, reason="Checked with the unit")
                transition = REPORT[name]
                self.assertEqual(ProgressReport.objects.get(pk=report.pk).status, transition.target)
                self.assert_audited(report, transition.audit_code, actor, "Checked with the unit")
                step = report.steps.latest("created")
                self.assertEqual((step.actor, step.note), (actor, "Checked with the unit"))

    def test_returning_a_report_needs_a_reason(self):
        report = self.report(ReportStatus.SUBMITTED)
        self.assertTrue(REPORT["return"].reason_required)
        with self.assertRaises(ValidationError) as caught:
            REPORT.perform(self.user("facilitator"), report, "return", reason="  ")
        self.assertIn("reason", caught.exception.message_dict)
        self.assertEqual(ProgressReport.objects.get(pk=report.pk).status, ReportStatus.SUBMITTED)

    def test_the_service_names_the_same_steps(self):
        report = self.report(ReportStatus.DRAFT)
        services.report_submit(actor=self.user("other"), report=report, note="Done")
        self.assertEqual([s.action for s in report.steps.all()], [ReviewAction.SUBMITTED])
        services.report_request_changes(actor=self.user("facilitator"), report=report, reason="Add the costs")
        services.report_submit(actor=self.user("other"), report=report)
        services.report_approve(actor=self.user("nfp"), report=report)
        report.refresh_from_db()
        self.assertTrue(report.is_approved)
        self.assertEqual(
            [s.action for s in report.steps.all()],
            [ReviewAction.SUBMITTED, ReviewAction.RETURNED, ReviewAction.SUBMITTED, ReviewAction.APPROVED],
        )
        # The period's last report approved: the period locked itself, in the lock step's words.
        period = ReportingPeriod.objects.get(pk=report.period_id)
        self.assertTrue(period.is_locked)
        self.assert_audited(period, PERIOD["lock"].audit_code, self.cast.nfp, "every report approved")

    def test_the_steps_a_person_sees_are_the_steps_they_may_take(self):
        submitted = self.report(ReportStatus.SUBMITTED)
        self.assertEqual([t.name for t in submitted.actions_for(self.user("facilitator"))], ["approve", "return"])
        for role in ("own", "other", "donor", "outsider"):
            self.assertEqual(submitted.actions_for(self.user(role)), [], role)
        draft = self.report(ReportStatus.DRAFT, label="2028")
        self.assertEqual([t.name for t in draft.actions_for(self.user("other"))], ["submit"])
        self.assertEqual(draft.actions_for(self.user("nfp")), [])


class PeriodTableTests(WorkflowCase):
    def test_locking_is_the_nfps_and_needs_every_report_approved(self):
        period = self.period()
        make_report(self.cast, period, self.cast.labour, status=ReportStatus.SUBMITTED)
        for role in ("facilitator", "own", "other", "donor"):
            with self.assertRaises(PermissionDenied):
                PERIOD.perform(self.user(role), period, "lock")
        with self.assertRaises(ValidationError) as caught:
            PERIOD.perform(self.user("nfp"), period, "lock")
        self.assertIn("Ministry of Labour", caught.exception.messages[0])
        ProgressReport.objects.filter(period=period).update(status=ReportStatus.APPROVED)
        PERIOD.perform(self.user("nfp"), period, "lock", reason="Year closed")
        period.refresh_from_db()
        self.assertEqual(period.status, PeriodStatus.LOCKED)
        self.assertIsNotNone(period.locked_at)
        self.assert_audited(period, "reporting_period.locked", self.cast.nfp, "Year closed")
        with self.assertRaises(ValidationError):
            PERIOD.perform(self.user("nfp"), period, "lock")

    def test_unlocking_is_the_nfps_from_a_locked_period_and_needs_a_reason(self):
        period = self.period()
        with self.assertRaises(ValidationError):
            PERIOD.perform(self.user("nfp"), period, "unlock", reason="Correct a value")
        ReportingPeriod.objects.filter(pk=period.pk).update(status=PeriodStatus.LOCKED, locked_at=timezone.now())
        period.refresh_from_db()
        self.assertEqual([t.name for t in period.actions_for(self.user("nfp"))], ["unlock"])
        self.assertEqual(period.actions_for(self.user("facilitator")), [])
        with self.assertRaises(PermissionDenied):
            PERIOD.perform(self.user("facilitator"), period, "unlock", reason="Correct a value")
        with self.assertRaises(ValidationError) as caught:
            PERIOD.perform(self.user("nfp"), period, "unlock", reason="")
        self.assertIn("reason", caught.exception.message_dict)
        services.period_unlock(actor=self.user("nfp"), period=period, reason="Correct a value")
        period.refresh_from_db()
        self.assertEqual((period.status, period.locked_at, period.unlock_reason), ("open", None, "Correct a value"))
        self.assert_audited(period, "reporting_period.unlocked", self.cast.nfp, "Correct a value")


class ResponseTableTests(WorkflowCase):
    STEPS = {
        "start": (ResponseStatus.NOT_STARTED, ResponseStatus.IN_PROGRESS),
        "complete": (ResponseStatus.IN_PROGRESS, ResponseStatus.COMPLETED),
        "reopen": (ResponseStatus.COMPLETED, ResponseStatus.IN_PROGRESS),
        "reset": (ResponseStatus.COMPLETED, ResponseStatus.NOT_STARTED),
    }

    def test_the_table_has_the_steps_walked_here(self):
        self.assertEqual({t.name for t in RESPONSE.transitions}, set(self.STEPS))

    def test_each_step_is_the_owners_or_the_nfps_only(self):
        for name, (source, _target) in self.STEPS.items():
            with self.subTest(name):
                response = self.response(source)
                for role in ("other", "facilitator", "donor", "outsider"):
                    self.assertFalse(response.can(self.user(role), name), role)
                    with self.assertRaises(PermissionDenied):
                        RESPONSE.perform(self.user(role), response, name)
                self.assertTrue(response.can(self.user("own"), name))
                self.assertTrue(response.can(self.user("nfp"), name))

    def test_each_step_is_refused_from_a_status_it_does_not_start_from(self):
        for name, transition in ((t.name, t) for t in RESPONSE.transitions):
            wrong = next(status for status in ResponseStatus.values if not transition.starts_from(status))
            with self.subTest(name):
                response = self.response(wrong)
                with self.assertRaises(ValidationError):
                    RESPONSE.perform(self.user("own"), response, name)

    def test_each_step_moves_the_follow_up_with_its_audit_code(self):
        for name, (source, target) in self.STEPS.items():
            with self.subTest(name):
                response = self.response(source)
                evaluation_services.response_progress(
                    actor=self.user("own"),
                    response=response,
                    status=target,
                    progress_note=f"Step {name}",
                    completed_on=timezone.localdate() if target == ResponseStatus.COMPLETED else None,
                )
                response.refresh_from_db()
                self.assertEqual(response.status, target)
                self.assert_audited(response, RESPONSE[name].audit_code, self.cast.own, f"Step {name}")

    def test_a_response_not_accepted_has_no_follow_up_to_move(self):
        response = self.response(decision=ResponseDecision.REJECTED)
        with self.assertRaises(ValidationError):
            RESPONSE.perform(self.user("nfp"), response, "start")


# ---------------------------------------------------------------------------
# Rules and predicates
# ---------------------------------------------------------------------------


class RuleTests(WorkflowCase):
    ROLES = ("nfp", "own", "other", "facilitator", "donor", "outsider")

    def test_each_rules_narrowing_agrees_with_its_check(self):
        for status in ReportStatus.values:
            self.report(status, label=f"labour-{status}")
            self.report(status, label=f"health-{status}", institution=self.cast.health)
        self.response()
        cases = [
            (ProgressReport, permissions.READ_REPORT),
            (ProgressReport, permissions.FILL),
            (ProgressReport, permissions.REVIEW),
            (ManagementResponse, permissions.UPDATE),
        ]
        for model, rule in cases:
            records = list(model.objects.all())
            for role in self.ROLES:
                with self.subTest(rule=rule, role=role):
                    user = self.user(role)
                    checked = {record.pk for record in records if core.allows(user, rule, record)}
                    narrowed = set(model.objects.restrict(user, rule).values_list("pk", flat=True))
                    self.assertEqual(narrowed, checked)

    def test_a_ministry_reads_its_own_reports_and_the_others_once_approved(self):
        drafts = self.report(ReportStatus.DRAFT), self.report(ReportStatus.DRAFT, institution=self.cast.health)
        approved = self.report(ReportStatus.APPROVED, label="2028")
        own = self.user("own")
        self.assertFalse(core.allows(own, permissions.READ_REPORT, drafts[0]))
        self.assertTrue(core.allows(own, permissions.READ_REPORT, drafts[1]))
        self.assertTrue(core.allows(own, permissions.READ_REPORT, approved))
        self.assertFalse(core.allows(self.user("donor"), permissions.READ_REPORT, approved))


class OpenResponseTests(WorkflowCase):
    def test_is_open_and_the_open_queryset_say_the_same(self):
        response = self.response()
        today = date(2030, 1, 1)
        for decision in ResponseDecision.values:
            for status in ResponseStatus.values:
                with self.subTest(decision=decision, status=status):
                    ManagementResponse.objects.filter(pk=response.pk).update(decision=decision, status=status)
                    response.refresh_from_db()
                    self.assertEqual(response.is_open, ManagementResponse.objects.filter(open_q()).exists())
                    self.assertEqual(response.is_open, ManagementResponse.objects.open().exists())
                    self.assertEqual(response.is_overdue_on(today), ManagementResponse.objects.overdue(today).exists())


class TrailLinkTests(WorkflowCase):
    def test_every_link_of_the_audit_trail_opens_for_a_ministry(self):
        """Another ministry's draft report, submitted and sent back: its rows link to a page the reader may open."""
        report = self.report(ReportStatus.DRAFT)
        services.report_submit(actor=self.user("other"), report=report, note="Done")
        services.report_request_changes(actor=self.user("facilitator"), report=report, reason="Add the costs")
        self.client.force_login(self.cast.own)
        page = self.client.get(reverse("mainstreaming:process_history", kwargs={"process_pk": self.process.pk}))
        self.assertEqual(page.status_code, 200)
        links = set(
            re.findall(r'href="(/processes/[^"#]*/(?:progress-reports|periods)/[^"#]*)"', page.content.decode())
        )
        self.assertIn(report.get_absolute_url(), links)
        for link in links:
            with self.subTest(link):
                self.assertEqual(self.client.get(link).status_code, 200)
        history = reverse("monitoring:report_history", kwargs={"process_pk": self.process.pk, "pk": report.pk})
        self.assertNotIn(history, links)
        self.assertEqual(self.client.get(history).status_code, 403)
