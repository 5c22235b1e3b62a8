"""The demo country has both committees, two meetings of the national committee and their action points."""

import os

from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from mainstreaming import permissions as core_permissions
from mainstreaming.models import Process
from stakeholders import permissions
from stakeholders.choices import ActionStatus, CommitteeKind, MeetingStatus, Sex
from stakeholders.models import ActionPoint, Committee, Meeting


class CommitteesDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with open(os.devnull, "w") as devnull:
            call_command("load_demo", stdout=devnull)
            call_command("load_demo", stdout=devnull)  # loading again changes nothing
        cls.process = Process.objects.get()

    def test_both_committees_with_their_members(self):
        national = Committee.objects.get(process=self.process, kind=CommitteeKind.NATIONAL)
        consultative = Committee.objects.get(process=self.process, kind=CommitteeKind.CONSULTATIVE)
        self.assertEqual(national.chair_institution.acronym, "PCU")
        self.assertGreaterEqual(national.members.count(), 6)
        self.assertTrue(
            {"MMWA", "CMS", "CMTU", "IOM", "EUD"}
            <= set(consultative.members.values_list("institution__acronym", flat=True))
        )
        self.assertEqual(Committee.objects.count(), 2)

    def test_held_meetings_with_mixed_attendance_minutes_and_decisions(self):
        # Two of the set-up phase, the one that endorses the demo plan, and the review of its first quarters.
        meetings = Meeting.objects.filter(committee__kind=CommitteeKind.NATIONAL)
        self.assertEqual(meetings.count(), 4)
        for meeting in meetings:
            with self.subTest(meeting=str(meeting)):
                self.assertEqual(meeting.status, MeetingStatus.HELD)
                self.assertTrue(meeting.minutes)
                self.assertTrue(meeting.decisions.exists())
                sexes = set(meeting.attendance.values_list("sex", flat=True))
                self.assertTrue({Sex.FEMALE, Sex.MALE} <= sexes)

    def test_action_points_one_due_later_one_overdue_one_done(self):
        today = timezone.localdate()
        labour = ActionPoint.objects.get(owner__acronym="MoLSP")
        health = ActionPoint.objects.get(owner__acronym="MoH")
        self.assertEqual((labour.status, labour.due_on > today), (ActionStatus.OPEN, True))
        self.assertEqual((health.status, health.due_on < today), (ActionStatus.OPEN, True))
        self.assertTrue(ActionPoint.objects.filter(status=ActionStatus.DONE).exists())

    def test_the_demo_ministry_users_may_update_their_own_action_points_only(self):
        labour_user = self.process.memberships.get(user__username="labour").user
        health_user = self.process.memberships.get(user__username="health").user
        labour_point = ActionPoint.objects.get(owner__acronym="MoLSP")
        self.assertTrue(permissions.can_update_action_point(labour_user, labour_point))
        self.assertFalse(permissions.can_update_action_point(health_user, labour_point))
        self.assertTrue(core_permissions.has_perm(health_user, core_permissions.VIEW_INTERNAL, self.process))
