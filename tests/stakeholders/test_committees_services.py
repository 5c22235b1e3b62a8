"""
The committees area's rules, through its services: one committee of each kind, members and chairs, meetings,
attendance recorded all at once, decisions, and action points whose status only the NFP and the owner
institution's focal points may change (a right that moves with the owner). Every change leaves a history row
with the user and the reason.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from mainstreaming.choices import InstitutionKind
from stakeholders import permissions
from stakeholders.choices import ActionStatus, CommitteeKind, MeetingStatus, MemberRole, Sex
from stakeholders.models import ActionPoint, Attendance, Committee
from stakeholders.selectors import committees as selectors
from stakeholders.services import committees as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory

TODAY = timezone.localdate()


def national_committee(cast, **extra) -> Committee:
    return services.committee_create(
        actor=cast.nfp,
        process=cast.process,
        kind=CommitteeKind.NATIONAL,
        name="National Migration and Development Committee",
        **extra,
    )


def held_meeting(cast, committee=None, days_ago=30):
    return services.meeting_create(
        actor=cast.nfp,
        committee=committee or national_committee(cast),
        held_on=TODAY - timedelta(days=days_ago),
        place="Planning ministry",
        agenda="Terms of reference\nWork plan",
        status=MeetingStatus.HELD,
    )


def action_point(cast, meeting, owner=None, due_in_days=20, **extra) -> ActionPoint:
    return services.action_point_create(
        actor=cast.nfp,
        meeting=meeting,
        description=extra.pop("description", "Send the recruitment data."),
        owner=owner or cast.labour,
        due_on=TODAY + timedelta(days=due_in_days),
        **extra,
    )


def row(key, pk=None, delete=False, **data):
    return services.AttendanceRow(key=key, pk=pk, data=data, delete=delete)


# ---------------------------------------------------------------------------
# Committees and members
# ---------------------------------------------------------------------------


class CommitteeTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_the_nfp_sets_up_one_committee_of_each_kind(self):
        national = national_committee(self.cast, chair_institution=self.cast.health, chair_name="Dr Mensah")
        consultative = services.committee_create(
            actor=self.cast.nfp, process=self.cast.process, kind=CommitteeKind.CONSULTATIVE, name="Consultative"
        )
        self.assertEqual(
            list(selectors.committee_list(process=self.cast.process)), [consultative, national]
        )  # ordered by kind
        row = national.history.get()
        self.assertEqual(row.history_user, self.cast.nfp)
        self.assertEqual(row.history_change_reason, "committee.created")

    def test_a_second_committee_of_a_kind_is_refused_on_the_kind_field(self):
        national_committee(self.cast)
        with self.assertRaises(ValidationError) as caught:
            services.committee_create(
                actor=self.cast.nfp, process=self.cast.process, kind=CommitteeKind.NATIONAL, name="Another one"
            )
        self.assertIn("kind", caught.exception.message_dict)
        self.assertEqual(self.cast.process.committees.count(), 1)

    def test_changing_the_kind_to_one_already_set_up_is_refused(self):
        national_committee(self.cast)
        consultative = services.committee_create(
            actor=self.cast.nfp, process=self.cast.process, kind=CommitteeKind.CONSULTATIVE, name="Consultative"
        )
        with self.assertRaises(ValidationError) as caught:
            services.committee_update(
                actor=self.cast.nfp, committee=consultative, data={"kind": CommitteeKind.NATIONAL}
            )
        self.assertIn("kind", caught.exception.message_dict)

    def test_another_process_may_have_its_own_national_committee(self):
        national_committee(self.cast)
        services.committee_create(
            actor=self.cast.outsider, process=self.cast.other_process, kind=CommitteeKind.NATIONAL, name="Theirs"
        )
        self.assertEqual(Committee.objects.filter(kind=CommitteeKind.NATIONAL).count(), 2)

    def test_only_the_nfp_sets_up_committees(self):
        for user in (self.cast.own, self.cast.facilitator, self.cast.donor, self.cast.outsider):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.committee_create(
                    actor=user, process=self.cast.process, kind=CommitteeKind.NATIONAL, name="National"
                )

    def test_the_chair_institution_must_take_part_in_the_process(self):
        stranger = InstitutionFactory(process=self.cast.other_process, name="Elsewhere ministry")
        with self.assertRaises(ValidationError) as caught:
            national_committee(self.cast, chair_institution=stranger)
        self.assertIn("chair_institution", caught.exception.message_dict)

    def test_an_edit_records_the_reason_and_a_no_change_edit_records_nothing(self):
        committee = national_committee(self.cast)
        services.committee_update(
            actor=self.cast.nfp, committee=committee, data={"functions": "Validate the analysis."}, reason="ToR signed"
        )
        services.committee_update(
            actor=self.cast.nfp, committee=committee, data={"functions": "Validate the analysis."}
        )
        self.assertEqual(committee.history.count(), 2)
        self.assertEqual(committee.history.first().history_change_reason, "committee.updated: ToR signed")


class CommitteeMemberTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.committee = national_committee(cls.cast)

    def add(self, institution, role=MemberRole.MEMBER, person="A. Person"):
        return services.committee_member_create(
            actor=self.cast.nfp,
            committee=self.committee,
            institution=institution,
            person_name=person,
            sex=Sex.FEMALE,
            member_role=role,
        )

    def test_a_member_is_an_institution_and_the_person_who_sits_for_it(self):
        member = self.add(self.cast.health, person="Dr Lina Haddad")
        self.assertEqual(str(member), "Ministry of Health (MoH): Dr Lina Haddad")
        self.assertEqual(member.history.get().history_change_reason, "committee_member.added")

    def test_a_committee_has_one_active_chair(self):
        first = self.add(self.cast.health, role=MemberRole.CHAIR)
        with self.assertRaises(ValidationError) as caught:
            self.add(self.cast.labour, role=MemberRole.CHAIR)
        self.assertIn("member_role", caught.exception.message_dict)
        # Once the first chair has left, another may take the chair.
        services.committee_member_update(actor=self.cast.nfp, member=first, data={"is_active": False}, reason="Retired")
        self.add(self.cast.labour, role=MemberRole.CHAIR)

    def test_leaving_the_committee_keeps_the_seat_in_history(self):
        member = self.add(self.cast.labour)
        services.committee_member_update(
            actor=self.cast.nfp, member=member, data={"is_active": False}, reason="Ministry merged"
        )
        member.refresh_from_db()
        self.assertFalse(member.is_active)
        latest = member.history.first()
        self.assertEqual(latest.history_change_reason, "committee_member.left: Ministry merged")
        self.assertEqual(latest.history_user, self.cast.nfp)
        detail = selectors.committee_get(process=self.cast.process, pk=self.committee.pk)
        self.assertEqual([m.is_active for m in detail.members.all()], [False])

    def test_the_institution_must_take_part_in_the_process(self):
        stranger = InstitutionFactory(process=self.cast.other_process, name="Elsewhere ministry")
        with self.assertRaises(ValidationError) as caught:
            self.add(stranger)
        self.assertIn("institution", caught.exception.message_dict)


# ---------------------------------------------------------------------------
# Meetings and attendance
# ---------------------------------------------------------------------------


class MeetingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.committee = national_committee(cls.cast)

    def test_a_meeting_in_the_future_cannot_have_been_held(self):
        with self.assertRaises(ValidationError) as caught:
            services.meeting_create(
                actor=self.cast.nfp,
                committee=self.committee,
                held_on=TODAY + timedelta(days=3),
                status=MeetingStatus.HELD,
            )
        self.assertIn("status", caught.exception.message_dict)
        meeting = services.meeting_create(
            actor=self.cast.nfp, committee=self.committee, held_on=TODAY + timedelta(days=3)
        )
        self.assertEqual(meeting.status, MeetingStatus.PLANNED)
        self.assertEqual(meeting.process, self.cast.process)

    def test_holding_a_meeting_is_recorded_as_such(self):
        meeting = services.meeting_create(actor=self.cast.nfp, committee=self.committee, held_on=TODAY)
        services.meeting_update(
            actor=self.cast.nfp,
            meeting=meeting,
            data={"status": MeetingStatus.HELD, "minutes": "Agreed the work plan."},
            reason="Minutes approved",
        )
        row = meeting.history.first()
        self.assertEqual(row.history_change_reason, "meeting.held: Minutes approved")
        self.assertEqual(row.minutes, "Agreed the work plan.")

    def test_last_and_next_meeting_on_the_list(self):
        old = held_meeting(self.cast, self.committee, days_ago=60)
        recent = held_meeting(self.cast, self.committee, days_ago=10)
        services.meeting_create(actor=self.cast.nfp, committee=self.committee, held_on=TODAY + timedelta(days=40))
        upcoming = services.meeting_create(
            actor=self.cast.nfp, committee=self.committee, held_on=TODAY + timedelta(days=20)
        )
        self.assertNotEqual(old, recent)
        committee = selectors.committee_list(process=self.cast.process).get()
        self.assertEqual(committee.last_meeting_pk, recent.pk)
        self.assertEqual(committee.next_meeting_pk, upcoming.pk)


class AttendanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.meeting = held_meeting(cls.cast)

    def record(self, rows, reason=""):
        return services.attendance_record(actor=self.cast.nfp, meeting=self.meeting, rows=rows, reason=reason)

    def test_attendees_are_added_changed_and_removed_in_one_step(self):
        self.record(
            [
                row(0, person_name="Amara Okafor", institution=self.cast.health, sex=Sex.FEMALE),
                row(1, person_name="Tomas Veres", institution=self.cast.labour, sex=Sex.MALE),
                row(2, person_name="Guest", institution=None, sex=Sex.NOT_STATED),
            ]
        )
        amara, guest, tomas = Attendance.objects.filter(meeting=self.meeting).order_by("person_name")
        result = self.record(
            [
                row(0, pk=amara.pk, person_name="Amara Okafor", institution=self.cast.health, sex=Sex.FEMALE),
                row(1, pk=tomas.pk, person_name="Tomas Veres", institution=self.cast.health, sex=Sex.MALE),
                row(2, pk=guest.pk, delete=True),
                row(3, person_name="Lina Haddad", institution=self.cast.health, sex=Sex.FEMALE),
            ],
            reason="corrected after the meeting",
        )
        self.assertEqual(result, {"added": 1, "changed": 1, "removed": 1})
        names = list(self.meeting.attendance.values_list("person_name", flat=True))
        self.assertEqual(names, ["Amara Okafor", "Lina Haddad", "Tomas Veres"])
        self.assertEqual(amara.history.count(), 1)  # unchanged rows leave no history
        self.assertEqual(tomas.history.first().history_change_reason, "attendance.changed: corrected after the meeting")
        removal = Attendance.history.filter(id=guest.pk).first()
        self.assertEqual(removal.history_type, "-")
        self.assertEqual(removal.history_user, self.cast.nfp)
        self.assertEqual(removal.history_change_reason, "attendance.removed: corrected after the meeting")

    def test_counts_by_sex(self):
        self.record(
            [
                row(0, person_name="A", institution=None, sex=Sex.FEMALE),
                row(1, person_name="B", institution=None, sex=Sex.FEMALE),
                row(2, person_name="C", institution=None, sex=Sex.MALE),
            ]
        )
        counts = dict(selectors.attendance_by_sex(self.meeting.attendance.all()))
        self.assertEqual(list(counts.values()), [2, 1, 0])

    def test_nothing_is_saved_when_a_row_is_wrong_and_the_error_names_the_row(self):
        with self.assertRaises(services.AttendanceRowsInvalid) as caught:
            self.record(
                [
                    row(0, person_name="Amara Okafor", institution=self.cast.health, sex=Sex.FEMALE),
                    row(1, person_name="", institution=None, sex=Sex.MALE),
                    row(2, person_name="amara  okafor", institution=self.cast.health, sex=Sex.FEMALE),
                ]
            )
        errors = caught.exception.row_errors
        self.assertEqual(set(errors), {1, 2})
        self.assertIn("person_name", errors[1].message_dict)
        self.assertEqual(errors[2].message_dict["person_name"], ["This person is already on the attendance list."])
        self.assertFalse(self.meeting.attendance.exists())

    def test_an_attendee_of_another_institution_of_another_process_is_refused(self):
        stranger = InstitutionFactory(process=self.cast.other_process, name="Elsewhere ministry")
        with self.assertRaises(services.AttendanceRowsInvalid) as caught:
            self.record([row(5, person_name="X", institution=stranger, sex=Sex.MALE)])
        self.assertIn("institution", caught.exception.row_errors[5].message_dict)

    def test_only_the_nfp_records_attendance(self):
        with self.assertRaises(PermissionDenied):
            services.attendance_record(
                actor=self.cast.facilitator,
                meeting=self.meeting,
                rows=[row(0, person_name="A", institution=None, sex=Sex.MALE)],
            )

    def test_history_of_each_row_including_removed_ones(self):
        self.record([row(0, person_name="Amara", institution=None, sex=Sex.FEMALE)])
        amara = self.meeting.attendance.get()
        self.record([row(0, pk=amara.pk, person_name="Amara", institution=self.cast.health, sex=Sex.FEMALE)], "typo")
        self.record([row(0, pk=amara.pk, delete=True)], reason="did not attend")
        self.record([row(0, person_name="Tomas", institution=None, sex=Sex.MALE)])
        entries, removed = selectors.attendance_history(meeting=self.meeting)
        tomas = self.meeting.attendance.get()
        self.assertEqual(len(entries[tomas.pk]), 1)
        ((record, amara_entries),) = removed
        self.assertEqual(record.person_name, "Amara")
        self.assertEqual(
            [e.code for e in amara_entries], ["attendance.removed", "attendance.changed", "attendance.added"]
        )
        self.assertEqual(amara_entries[0].reason, "did not attend")
        change = amara_entries[1].changes[0]
        self.assertEqual((change.old, change.new), ("—", "Ministry of Health (MoH)"))


# ---------------------------------------------------------------------------
# Decisions and action points
# ---------------------------------------------------------------------------


class DecisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.meeting = held_meeting(cls.cast)

    def test_decisions_are_numbered_in_order(self):
        first = services.decision_create(actor=self.cast.nfp, meeting=self.meeting, text="Adopt the ToR.")
        second = services.decision_create(actor=self.cast.nfp, meeting=self.meeting, text="Endorse the work plan.")
        self.assertEqual((first.position, second.position), (1, 2))
        self.assertEqual(second.history.get().history_change_reason, "decision.created")

    def test_an_empty_decision_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            services.decision_create(actor=self.cast.nfp, meeting=self.meeting, text="  ")
        self.assertIn("text", caught.exception.message_dict)


class ActionPointTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.meeting = held_meeting(cls.cast)

    def test_the_owner_institutions_focal_point_may_update_it_and_no_other_ministry(self):
        point = action_point(self.cast, self.meeting, owner=self.cast.labour)
        self.assertTrue(permissions.can_update_action_point(self.cast.other, point))  # labour's focal point
        self.assertFalse(permissions.can_update_action_point(self.cast.own, point))  # health's focal point
        self.assertFalse(permissions.can_update_action_point(self.cast.facilitator, point))
        self.assertTrue(permissions.can_update_action_point(self.cast.nfp, point))

        services.action_point_set_status(
            actor=self.cast.other, action_point=point, status=ActionStatus.DONE, note="Data sent on 3 May."
        )
        point.refresh_from_db()
        self.assertEqual((point.status, point.status_note), (ActionStatus.DONE, "Data sent on 3 May."))
        row = point.history.first()
        self.assertEqual(row.history_user, self.cast.other)
        self.assertEqual(row.history_change_reason, "action_point.done: Data sent on 3 May.")

        for user in (self.cast.own, self.cast.facilitator, self.cast.donor, self.cast.outsider):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.action_point_set_status(actor=user, action_point=point, status=ActionStatus.OPEN)

    def test_the_right_to_update_moves_with_the_owner(self):
        point = action_point(self.cast, self.meeting, owner=self.cast.labour)
        services.action_point_update(
            actor=self.cast.nfp, action_point=point, data={"owner": self.cast.health}, reason="Health leads on this"
        )
        point = ActionPoint.objects.get(pk=point.pk)
        self.assertFalse(permissions.can_update_action_point(self.cast.other, point))
        self.assertTrue(permissions.can_update_action_point(self.cast.own, point))
        self.assertEqual(
            point.history.first().history_change_reason, "action_point.owner_changed: Health leads on this"
        )
        with self.assertRaises(PermissionDenied):
            services.action_point_set_status(actor=self.cast.other, action_point=point, status=ActionStatus.DONE)

    def test_the_right_follows_the_institution_not_the_person(self):
        """A focal point who joins the ministry later may update its action points too (group permission)."""
        from mainstreaming.choices import Role
        from tests.factories import MembershipFactory, UserFactory

        point = action_point(self.cast, self.meeting, owner=self.cast.labour)
        newcomer = UserFactory(username="newcomer")
        MembershipFactory(user=newcomer, process=self.cast.process, role=Role.MINISTRY, institution=self.cast.labour)
        self.assertTrue(permissions.can_update_action_point(newcomer, point))

    def test_an_action_point_cannot_be_due_before_its_meeting_nor_follow_another_meetings_decision(self):
        with self.assertRaises(ValidationError) as caught:
            action_point(self.cast, self.meeting, due_in_days=-60)
        self.assertIn("due_on", caught.exception.message_dict)
        other_meeting = services.meeting_create(
            actor=self.cast.nfp, committee=self.meeting.committee, held_on=TODAY - timedelta(days=5)
        )
        elsewhere = services.decision_create(actor=self.cast.nfp, meeting=other_meeting, text="Something else.")
        with self.assertRaises(ValidationError) as caught:
            action_point(self.cast, self.meeting, decision=elsewhere)
        self.assertIn("decision", caught.exception.message_dict)

    def test_the_owner_must_take_part_in_the_process(self):
        stranger = InstitutionFactory(process=self.cast.other_process, name="Elsewhere ministry")
        with self.assertRaises(ValidationError) as caught:
            action_point(self.cast, self.meeting, owner=stranger)
        self.assertIn("owner", caught.exception.message_dict)

    def test_an_unknown_status_is_refused(self):
        point = action_point(self.cast, self.meeting)
        with self.assertRaises(ValidationError):
            services.action_point_set_status(actor=self.cast.nfp, action_point=point, status="forgotten")

    def test_overdue_means_open_and_past_due(self):
        overdue = action_point(self.cast, self.meeting, due_in_days=-3, description="Late")
        done_late = action_point(self.cast, self.meeting, due_in_days=-3, description="Done")
        services.action_point_set_status(actor=self.cast.nfp, action_point=done_late, status=ActionStatus.DONE)
        action_point(self.cast, self.meeting, due_in_days=3, description="Not yet due")
        count, shown = selectors.overdue_action_points(process=self.cast.process)
        self.assertEqual((count, shown), (1, [overdue]))
        listed = selectors.action_point_list(process=self.cast.process, overdue_only=True)
        self.assertEqual(list(listed), [overdue])

    def test_an_institutions_open_action_points_put_the_overdue_first(self):
        later = action_point(self.cast, self.meeting, due_in_days=30, description="Later")
        soon = action_point(self.cast, self.meeting, due_in_days=2, description="Soon")
        late = action_point(self.cast, self.meeting, due_in_days=-5, description="Late")
        done = action_point(self.cast, self.meeting, due_in_days=-9, description="Done")
        services.action_point_set_status(actor=self.cast.nfp, action_point=done, status=ActionStatus.DONE)
        action_point(self.cast, self.meeting, owner=self.cast.health, description="Health's")
        count, shown = selectors.institution_open_action_points(process=self.cast.process, institution=self.cast.labour)
        self.assertEqual(count, 3)
        self.assertEqual(shown, [late, soon, later])
        self.assertEqual([p.is_overdue for p in shown], [True, False, False])

    def test_the_list_filters_by_status_and_owner(self):
        mine = action_point(self.cast, self.meeting, owner=self.cast.labour)
        theirs = action_point(self.cast, self.meeting, owner=self.cast.health)
        services.action_point_set_status(actor=self.cast.nfp, action_point=theirs, status=ActionStatus.IN_PROGRESS)
        process = self.cast.process
        self.assertEqual(list(selectors.action_point_list(process=process, owner_id=self.cast.labour.pk)), [mine])
        self.assertEqual(list(selectors.action_point_list(process=process, status=ActionStatus.IN_PROGRESS)), [theirs])


class NonGovernmentOwnerTests(TestCase):
    def test_any_institution_of_the_process_may_own_an_action_point(self):
        cast = make_cast()
        university = InstitutionFactory(process=cast.process, name="University", kind=InstitutionKind.ACADEMIA)
        point = action_point(cast, held_meeting(cast), owner=university)
        self.assertEqual(point.owner, university)
