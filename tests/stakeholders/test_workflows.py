"""
The workflow tables of the institutional set-up phase (stakeholders.workflows), walked step by step: each step is
refused to a person without its rule, refused from a status it does not start from, refused without a reason where
one is required, and otherwise leaves the record in its target status with one history row saying who and why.
The tables also keep what the forms have always allowed: any status of a meeting or an action point can be set.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from mainstreaming import permissions
from mainstreaming.workflow import workflow_of
from stakeholders import permissions as rules
from stakeholders.choices import ActionStatus, MeetingStatus, RequestStatus
from stakeholders.models import ActionPoint, FocalPointRequest, Meeting
from stakeholders.services import committees as committee_services
from stakeholders.services import setup as setup_services
from stakeholders.workflows import ACTION_POINT, FOCAL_POINT_REQUEST, MEETING, step_between
from tests.cast import make_cast
from tests.stakeholders.test_committees_services import action_point, national_committee

TODAY = timezone.localdate()
User = get_user_model()


def fresh(user):
    """The user read again, without the permissions an earlier check cached on it."""
    return User.objects.get(pk=user.pk)


def in_status(record, status):
    type(record).objects.filter(pk=record.pk).update(status=status)
    record.refresh_from_db()
    return record


class WorkflowWalk:
    """What every table's walk shares; a subclass names the table, how to make a record, and who may act."""

    table = None
    statuses: list[str] = []

    def make_record(self):
        raise NotImplementedError

    def allowed(self) -> list:
        raise NotImplementedError

    def refused(self) -> list:
        return [self.cast.own, self.cast.facilitator, self.cast.donor, self.cast.outsider]

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_the_table_is_the_one_registered_for_the_model(self):
        self.assertIs(workflow_of(self.table.model), self.table)
        self.assertIs(self.make_record().workflow, self.table)

    def test_each_step_is_refused_to_a_person_without_its_rule(self):
        for transition in self.table.transitions:
            record = in_status(self.make_record(), transition.sources[0])
            for user in self.refused():
                with self.subTest(step=transition.name, user=user.username):
                    self.assertFalse(record.can(fresh(user), transition.name))
                    with self.assertRaises(PermissionDenied):
                        self.table.perform(fresh(user), record, transition.name, reason="Because.")
                    record.refresh_from_db()
                    self.assertEqual(record.status, transition.sources[0])

    def test_each_step_is_refused_from_a_status_it_does_not_start_from(self):
        for transition in self.table.transitions:
            for status in self.statuses:
                if transition.starts_from(status):
                    continue
                record = in_status(self.make_record(), status)
                with self.subTest(step=transition.name, status=status):
                    self.assertFalse(record.can(fresh(self.cast.nfp), transition.name))
                    with self.assertRaises(ValidationError):
                        self.table.perform(fresh(self.cast.nfp), record, transition.name, reason="Because.")
                    record.refresh_from_db()
                    self.assertEqual(record.status, status)

    def test_a_step_that_requires_a_reason_is_refused_without_one(self):
        for transition in self.table.transitions:
            if not transition.reason_required:
                continue
            record = in_status(self.make_record(), transition.sources[0])
            with self.subTest(step=transition.name), self.assertRaises(ValidationError) as caught:
                self.table.perform(fresh(self.cast.nfp), record, transition.name, reason="   ")
            self.assertIn("reason", caught.exception.message_dict)
            record.refresh_from_db()
            self.assertEqual(record.status, transition.sources[0])

    def test_each_step_from_each_of_its_sources_sets_the_target_and_writes_who_and_why(self):
        for transition in self.table.transitions:
            for source in transition.sources:
                for user in self.allowed():
                    record = in_status(self.make_record(), source)
                    with self.subTest(step=transition.name, source=source, user=user.username):
                        self.assertTrue(record.can(fresh(user), transition.name))
                        self.assertIn(transition, record.actions_for(fresh(user)))
                        self.table.perform(fresh(user), record, transition.name, reason="As agreed on 3 May.")
                        record.refresh_from_db()
                        self.assertEqual(record.status, transition.target)
                        row = record.history.first()
                        self.assertEqual(row.history_user, user)
                        self.assertEqual(row.history_change_reason, f"{transition.audit_code}: As agreed on 3 May.")

    def test_the_actions_offered_are_the_steps_out_of_the_current_status(self):
        for status in self.statuses:
            record = in_status(self.make_record(), status)
            expected = [transition.name for transition in self.table.transitions if transition.starts_from(status)]
            with self.subTest(status=status):
                self.assertEqual([t.name for t in record.actions_for(fresh(self.cast.nfp))], expected)
                self.assertEqual(record.actions_for(fresh(self.cast.facilitator)), [])


class FocalPointRequestWorkflowTests(WorkflowWalk, TestCase):
    table = FOCAL_POINT_REQUEST
    statuses = RequestStatus.values

    def make_record(self):
        FocalPointRequest.objects.filter(process=self.cast.process).update(status=RequestStatus.CANCELLED)
        return setup_services.focal_point_request_create(
            actor=self.cast.nfp,
            process=self.cast.process,
            institution=self.cast.health,
            requested_on=TODAY - timedelta(days=5),
            due_on=TODAY + timedelta(days=10),
        )

    def allowed(self):
        return [self.cast.nfp]

    def refused(self):
        return [*super().refused(), self.cast.other]

    def test_the_services_take_the_steps(self):
        request = self.make_record()
        with self.assertRaises(ValidationError) as caught:
            setup_services.focal_point_request_cancel(actor=self.cast.nfp, request=request, reason="")
        self.assertIn("reason", caught.exception.message_dict)
        setup_services.focal_point_request_cancel(actor=self.cast.nfp, request=request, reason="Merged ministries")
        request.refresh_from_db()
        self.assertEqual(request.status, RequestStatus.CANCELLED)
        self.assertEqual(
            request.history.first().history_change_reason, "focal_point_request.cancelled: Merged ministries"
        )
        with self.assertRaises(ValidationError) as caught:
            setup_services.focal_point_request_cancel(actor=self.cast.nfp, request=request, reason="Again")
        self.assertIn("Only a request awaiting an answer can be cancelled.", caught.exception.messages)

        answered = self.make_record()
        setup_services.designation_create(
            actor=self.cast.nfp,
            process=self.cast.process,
            institution=self.cast.health,
            full_name="Ana Silva",
            email="ana.silva@example.org",
        )
        answered.refresh_from_db()
        self.assertEqual(answered.status, RequestStatus.DESIGNATED)
        row = answered.history.first()
        self.assertEqual(
            (row.history_user, row.history_change_reason), (self.cast.nfp, "focal_point_request.designated: Ana Silva")
        )

    def test_open_and_overdue_are_stated_once(self):
        request = self.make_record()
        self.assertTrue(request.is_open)
        self.assertFalse(request.is_overdue)
        self.assertTrue(request.is_overdue_on(TODAY + timedelta(days=11)))
        queryset = FocalPointRequest.objects.filter(pk=request.pk)
        self.assertEqual(list(queryset.open()), [request])
        self.assertEqual(list(queryset.overdue()), [])
        self.assertEqual(list(queryset.overdue(TODAY + timedelta(days=11))), [request])
        in_status(request, RequestStatus.DESIGNATED)
        self.assertFalse(request.is_open)
        self.assertFalse(request.is_overdue_on(TODAY + timedelta(days=11)))
        self.assertEqual(list(queryset.open()), [])


class MeetingWorkflowTests(WorkflowWalk, TestCase):
    table = MEETING
    statuses = MeetingStatus.values

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.committee = national_committee(cls.cast)

    def make_record(self):
        return committee_services.meeting_create(
            actor=self.cast.nfp, committee=self.committee, held_on=TODAY - timedelta(days=3)
        )

    def allowed(self):
        return [self.cast.nfp]

    def refused(self):
        return [*super().refused(), self.cast.other]

    def test_every_status_can_be_set_from_every_other_by_exactly_one_step(self):
        for source in self.statuses:
            for target in self.statuses:
                steps = [t for t in self.table.transitions if t.starts_from(source) and t.target == target]
                with self.subTest(source=source, target=target):
                    self.assertEqual(len(steps), 0 if source == target else 1)
        with self.assertRaises(ValueError):
            step_between(self.table, MeetingStatus.HELD, MeetingStatus.HELD)

    def test_a_meeting_cannot_be_held_in_the_future(self):
        meeting = committee_services.meeting_create(
            actor=self.cast.nfp, committee=self.committee, held_on=TODAY + timedelta(days=4)
        )
        with self.assertRaises(ValidationError) as caught:
            self.table.perform(fresh(self.cast.nfp), meeting, "hold")
        self.assertIn("status", caught.exception.message_dict)
        meeting.refresh_from_db()
        self.assertEqual(meeting.status, MeetingStatus.PLANNED)

    def test_the_meeting_form_takes_the_step_with_its_other_changes(self):
        meeting = self.make_record()
        committee_services.meeting_update(
            actor=self.cast.nfp,
            meeting=meeting,
            data={"status": MeetingStatus.HELD, "minutes": "Agreed the work plan."},
            reason="Held as planned",
        )
        meeting = Meeting.objects.get(pk=meeting.pk)
        self.assertEqual((meeting.status, meeting.minutes), (MeetingStatus.HELD, "Agreed the work plan."))
        self.assertTrue(meeting.is_held)
        self.assertEqual(meeting.history.first().history_change_reason, "meeting.held: Held as planned")
        self.assertEqual(meeting.history.count(), 2)  # created, then held: one row for the step and its changes


class ActionPointWorkflowTests(WorkflowWalk, TestCase):
    table = ACTION_POINT
    statuses = ActionStatus.values

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.meeting = committee_services.meeting_create(
            actor=cls.cast.nfp,
            committee=national_committee(cls.cast),
            held_on=TODAY - timedelta(days=30),
            status=MeetingStatus.HELD,
        )

    def make_record(self):
        return action_point(self.cast, self.meeting, owner=self.cast.labour)

    def allowed(self):
        return [self.cast.nfp, self.cast.other]  # the NFP and the owner institution's focal point

    def test_every_status_can_be_set_from_every_other_by_exactly_one_step(self):
        for source in self.statuses:
            for target in self.statuses:
                steps = [t for t in self.table.transitions if t.starts_from(source) and t.target == target]
                with self.subTest(source=source, target=target):
                    self.assertEqual(len(steps), 0 if source == target else 1)

    def test_the_steps_that_wait_for_someone_start_from_an_open_action_point(self):
        for name in ("start", "complete"):
            for source in self.table[name].sources:
                self.assertIn(source, (ActionStatus.OPEN, ActionStatus.IN_PROGRESS))

    def test_the_progress_note_is_the_reason_and_a_note_alone_is_no_step(self):
        point = self.make_record()
        committee_services.action_point_set_status(
            actor=self.cast.other, action_point=point, status=ActionStatus.IN_PROGRESS, note="Data requested."
        )
        point.refresh_from_db()
        self.assertEqual((point.status, point.status_note), (ActionStatus.IN_PROGRESS, "Data requested."))
        self.assertEqual(point.history.first().history_change_reason, "action_point.in_progress: Data requested.")
        committee_services.action_point_set_status(
            actor=self.cast.other, action_point=point, status=ActionStatus.IN_PROGRESS, note="Half received."
        )
        point.refresh_from_db()
        self.assertEqual(point.status_note, "Half received.")
        self.assertEqual(point.history.first().history_change_reason, "action_point.in_progress: Half received.")
        rows = point.history.count()
        committee_services.action_point_set_status(
            actor=self.cast.other, action_point=point, status=ActionStatus.IN_PROGRESS, note="Half received."
        )
        self.assertEqual(point.history.count(), rows)  # nothing changed, nothing written

    def test_the_update_rule_narrows_a_list_to_the_owners_and_the_nfps_action_points(self):
        mine = self.make_record()
        theirs = action_point(self.cast, self.meeting, owner=self.cast.health, description="Brief the cabinet.")
        points = ActionPoint.objects.filter(pk__in=[mine.pk, theirs.pk])
        expectations = {
            self.cast.nfp: {mine.pk, theirs.pk},
            self.cast.other: {mine.pk},
            self.cast.own: {theirs.pk},
            self.cast.facilitator: set(),
            self.cast.donor: set(),
            self.cast.outsider: set(),
        }
        for user, expected in expectations.items():
            with self.subTest(user=user.username):
                narrowed = set(points.restrict(fresh(user), rules.ACTION_POINT_UPDATE).values_list("pk", flat=True))
                self.assertEqual(narrowed, expected)
                for point in (mine, theirs):
                    self.assertEqual(
                        permissions.allows(fresh(user), rules.ACTION_POINT_UPDATE, point), point.pk in expected
                    )

    def test_open_and_overdue_are_stated_once(self):
        point = self.make_record()
        late = action_point(self.cast, self.meeting, due_in_days=-1, description="Late")
        queryset = ActionPoint.objects.filter(pk__in=[point.pk, late.pk])
        self.assertEqual(set(queryset.open()), {point, late})
        self.assertEqual(list(queryset.overdue()), [late])
        annotated = {p.pk: p.is_overdue for p in queryset.with_overdue()}
        self.assertEqual(annotated, {point.pk: False, late.pk: True})
        self.assertTrue(ActionPoint.objects.get(pk=late.pk).is_overdue)
        in_status(late, ActionStatus.DONE)
        self.assertFalse(ActionPoint.objects.get(pk=late.pk).is_overdue)
        self.assertEqual(list(queryset.overdue()), [])
