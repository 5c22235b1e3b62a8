"""Inviting people, changing their role and ending a membership: rights come and go with the role."""

import re

from django.core import mail
from django.test import TestCase
from django.urls import reverse

from mainstreaming import permissions, services
from mainstreaming.choices import Role
from mainstreaming.models import Membership
from tests.cast import make_cast
from tests.factories import UserFactory


class InviteTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def invite(self, **data):
        self.client.force_login(self.cast.nfp)
        payload = {
            "email": "new.fp@example.org",
            "first_name": "Ana",
            "last_name": "Silva",
            "role": "ministry",
            "institution": self.cast.labour.pk,
        } | data
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(reverse("mainstreaming:membership_invite", args=[self.cast.process.pk]), payload)

    def test_a_newcomer_gets_an_e_mail_with_a_link_to_choose_a_password(self):
        response = self.invite()
        self.assertRedirects(response, reverse("mainstreaming:membership_list", args=[self.cast.process.pk]))
        membership = Membership.objects.get(user__email="new.fp@example.org")
        self.assertEqual((membership.role, membership.institution), (Role.MINISTRY, self.cast.labour))
        self.assertFalse(membership.user.has_usable_password())
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["new.fp@example.org"])
        link = re.search(r"http://testserver(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
        response = self.client.get(link, follow=True)
        self.assertContains(response, "Choose a password")
        self.assertContains(response, 'name="new_password1"')

    def test_a_ministry_focal_point_needs_an_institution(self):
        response = self.invite(institution="")
        self.assertEqual(response.status_code, 400)
        self.assertFormError(
            response.context["form"], "institution", "Choose the institution this focal point speaks for."
        )
        self.assertFalse(Membership.objects.filter(user__email="new.fp@example.org").exists())

    def test_inviting_a_current_member_again_is_refused_beside_the_e_mail(self):
        response = self.invite(email=self.cast.own.email)
        self.assertEqual(response.status_code, 400)
        self.assertIn("already takes part", str(response.context["form"].errors["email"]))

    def test_bad_e_mail_address_is_shown_beside_the_field(self):
        response = self.invite(email="not-an-address")
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Enter a valid email address.", status_code=400)

    def test_an_existing_account_is_added_without_a_password_link(self):
        person = UserFactory(username="known", email="known@example.org")
        self.invite(email="known@example.org", role="facilitator", institution="")
        self.assertTrue(Membership.objects.filter(user=person, role=Role.FACILITATOR, is_active=True).exists())
        self.assertNotIn("/accounts/reset/", mail.outbox[0].body)


class RightsFollowTheRoleTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_a_focal_point_edits_their_own_institution_and_not_another(self):
        self.assertTrue(permissions.has_perm(self.cast.own, "change_institution", self.cast.health))
        self.assertFalse(permissions.has_perm(self.cast.own, "change_institution", self.cast.labour))

    def test_ending_a_membership_takes_the_rights_away(self):
        membership = self.cast.own.memberships.get()
        services.membership_end(actor=self.cast.nfp, membership=membership, reason="Retired")
        own = type(self.cast.own).objects.get(pk=self.cast.own.pk)  # a fresh user: no cached permissions
        self.assertFalse(permissions.has_perm(own, "change_institution", self.cast.health))
        self.client.force_login(own)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertEqual(response.status_code, 404)

    def test_changing_the_role_moves_the_rights(self):
        membership = self.cast.own.memberships.get()
        services.membership_change(
            actor=self.cast.nfp, membership=membership, role=Role.FACILITATOR, reason="Joined the support team"
        )
        own = type(self.cast.own).objects.get(pk=self.cast.own.pk)
        self.assertFalse(permissions.has_perm(own, "change_institution", self.cast.health))
        self.assertTrue(permissions.has_perm(own, permissions.REVIEW_PROCESS, self.cast.process))

    def test_the_last_nfp_cannot_leave(self):
        self.client.force_login(self.cast.nfp)
        membership = self.cast.nfp.memberships.get()
        response = self.client.post(
            reverse("mainstreaming:membership_end", args=[self.cast.process.pk, membership.pk]), {"reason": "Leaving"}
        )
        self.assertContains(response, "at least one National Focal Point", status_code=400)
        membership.refresh_from_db()
        self.assertTrue(membership.is_active)

    def test_ending_without_a_reason_is_refused_beside_the_field(self):
        self.client.force_login(self.cast.nfp)
        membership = self.cast.other.memberships.get()
        response = self.client.post(
            reverse("mainstreaming:membership_end", args=[self.cast.process.pk, membership.pk]), {}
        )
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors["reason"])

    def test_the_end_page_asks_for_confirmation_first(self):
        self.client.force_login(self.cast.nfp)
        membership = self.cast.other.memberships.get()
        response = self.client.get(reverse("mainstreaming:membership_end", args=[self.cast.process.pk, membership.pk]))
        self.assertContains(response, "will lose the role")
        membership.refresh_from_db()
        self.assertTrue(membership.is_active)


class NoMembershipTests(TestCase):
    def test_a_user_without_membership_sees_an_explanation(self):
        self.client.force_login(UserFactory(username="newcomer"))
        response = self.client.get(reverse("mainstreaming:process_list"))
        self.assertContains(response, "You do not take part in any process yet")
        self.assertContains(response, "Ask your National Focal Point")

    def test_a_member_sees_only_their_processes(self):
        cast = make_cast()
        self.client.force_login(cast.outsider)
        response = self.client.get(reverse("mainstreaming:process_list"))
        self.assertContains(response, "Elsewhere")
        self.assertNotContains(response, "Meridia")
