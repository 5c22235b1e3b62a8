"""Every model keeps a history; every change records who, when and why; the History tab shows it."""

from django.apps import apps
from django.test import TestCase
from django.urls import reverse

from mainstreaming import services
from mainstreaming.choices import PhaseStatus
from tests.cast import make_cast

OUR_APPS = {"mainstreaming", "stakeholders", "situation_analysis", "implementation_plans", "monitoring"}


class EveryModelHasHistoryTests(TestCase):
    def test_every_domain_model_keeps_a_history(self):
        models = [
            m for m in apps.get_models() if m._meta.app_label in OUR_APPS and not m.__name__.startswith("Historical")
        ]
        self.assertTrue(models)
        for model in models:
            if model._meta.auto_created:  # many-to-many tables are covered by their owner's m2m history
                continue
            with self.subTest(model=model.__name__):
                self.assertTrue(hasattr(model, "history"), f"{model.__name__} has no history = audit_trail()")


class InstitutionHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_one_change_makes_one_row_with_the_user_and_reason(self):
        before = self.cast.health.history.count()
        services.institution_update(
            actor=self.cast.own, institution=self.cast.health, data={"name": "Ministry of Public Health"}
        )
        self.assertEqual(self.cast.health.history.count(), before + 1)
        row = self.cast.health.history.first()
        self.assertEqual(row.history_user, self.cast.own)
        self.assertEqual(row.history_change_reason, "institution.updated")
        self.assertEqual(row.name, "Ministry of Public Health")

    def test_history_tab_shows_who_changed_which_field_from_what_to_what(self):
        self.cast.own.first_name, self.cast.own.last_name = "Lina", "Haddad"
        self.cast.own.save()
        self.client.force_login(self.cast.own)
        self.client.post(
            reverse("mainstreaming:institution_edit", args=[self.cast.process.pk, self.cast.health.pk]),
            {"name": "Ministry of Public Health", "acronym": "MoPH", "kind": "line_ministry"},
        )
        response = self.client.get(
            reverse("mainstreaming:institution_history", args=[self.cast.process.pk, self.cast.health.pk])
        )
        self.assertContains(response, "Lina Haddad")
        self.assertContains(response, "<del>Ministry of Health</del>", html=True)
        self.assertContains(response, "<ins>Ministry of Public Health</ins>", html=True)
        self.assertContains(response, "institution.updated")

    def test_sector_changes_are_recorded_by_name(self):
        from mainstreaming.models import Sector

        health = Sector.objects.create(code="health", name="Health")
        services.institution_update(actor=self.cast.nfp, institution=self.cast.health, data={}, sectors=[health])
        self.client.force_login(self.cast.nfp)
        response = self.client.get(
            reverse("mainstreaming:institution_history", args=[self.cast.process.pk, self.cast.health.pk])
        )
        self.assertContains(response, "<ins>Health</ins>", html=True)


class WorkflowReasonTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_ending_a_membership_records_who_and_why(self):
        membership = self.cast.other.memberships.get()
        services.membership_end(actor=self.cast.nfp, membership=membership, reason="Left the ministry")
        row = membership.history.first()
        self.assertEqual(row.history_user, self.cast.nfp)
        self.assertEqual(row.history_change_reason, "membership.ended: Left the ministry")
        self.assertFalse(row.is_active)

    def test_phase_update_records_its_reason_and_moves_the_current_phase(self):
        services.phase_update(
            actor=self.cast.nfp,
            process=self.cast.process,
            phase="situation_analysis",
            status=PhaseStatus.IN_PROGRESS,
            note="Checklists sent",
            reason="Committee agreed the TOR",
        )
        self.cast.process.refresh_from_db()
        self.assertEqual(self.cast.process.current_phase, "situation_analysis")
        progress = self.cast.process.phases.get(phase="situation_analysis")
        self.assertEqual(progress.history.first().history_change_reason, "phase.in_progress: Committee agreed the TOR")
        self.assertEqual(self.cast.process.history.first().history_user, self.cast.nfp)

    def test_process_trail_lists_changes_across_the_process(self):
        services.institution_update(actor=self.cast.nfp, institution=self.cast.labour, data={"acronym": "MoLSP"})
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(reverse("mainstreaming:process_history", args=[self.cast.process.pk]))
        self.assertContains(response, "institution.updated")
        self.assertContains(response, "membership.created")
        self.assertContains(
            response, reverse("mainstreaming:institution_history", args=[self.cast.process.pk, self.cast.labour.pk])
        )
