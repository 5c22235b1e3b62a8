"""Institutions: bad input is explained beside the field and nothing saved before is lost."""

from django.test import TestCase
from django.urls import reverse

from mainstreaming import services
from tests.cast import make_cast


class InstitutionFormTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def setUp(self):
        self.client.force_login(self.cast.nfp)

    def test_the_nfp_adds_an_institution_with_its_own_group(self):
        response = self.client.post(
            reverse("mainstreaming:institution_create", args=[self.cast.process.pk]),
            {"name": "  National   Statistics Office ", "acronym": "NSO", "kind": "statistics_office"},
        )
        institution = self.cast.process.institutions.get(acronym="NSO")
        self.assertRedirects(response, institution.get_absolute_url())
        self.assertEqual(institution.name, "National Statistics Office")
        self.assertIsNotNone(institution.group)
        self.assertEqual(institution.history.first().history_user, self.cast.nfp)

    def test_a_duplicate_name_is_refused_beside_the_name(self):
        response = self.client.post(
            reverse("mainstreaming:institution_create", args=[self.cast.process.pk]),
            {"name": "ministry of health", "kind": "line_ministry"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("already has an institution", str(response.context["form"].errors["name"]))

    def test_an_institution_cannot_become_its_own_ancestor(self):
        services.institution_update(
            actor=self.cast.nfp, institution=self.cast.labour, data={"parent": self.cast.health}
        )
        response = self.client.post(
            reverse("mainstreaming:institution_edit", args=[self.cast.process.pk, self.cast.health.pk]),
            {"name": "Ministry of Health", "kind": "line_ministry", "parent": self.cast.labour.pk},
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("own parent", str(response.context["form"].errors["parent"]))
        self.cast.health.refresh_from_db()
        self.assertIsNone(self.cast.health.parent)

    def test_a_missing_kind_keeps_what_was_typed(self):
        response = self.client.post(
            reverse("mainstreaming:institution_create", args=[self.cast.process.pk]), {"name": "Half-filled"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, 'value="Half-filled"', status_code=400)
        self.assertTrue(response.context["form"].errors["kind"])

    def test_filters_narrow_the_list(self):
        response = self.client.get(
            reverse("mainstreaming:institution_list", args=[self.cast.process.pk]), {"q": "labour"}
        )
        self.assertContains(response, "Ministry of Labour")
        self.assertNotContains(response, "Ministry of Health</a>")
        response = self.client.get(
            reverse("mainstreaming:institution_list", args=[self.cast.process.pk]), {"kind": "parliament"}
        )
        self.assertContains(response, "No institution matches this filter")


class PhaseUpdateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_an_unknown_status_is_refused_beside_the_field(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("mainstreaming:phase_update", args=[self.cast.process.pk, "goals"]), {"status": "finished"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors["status"])

    def test_an_unknown_phase_is_not_found(self):
        self.client.force_login(self.cast.nfp)
        for name in ("phase_detail", "phase_update", "phase_history"):
            with self.subTest(name=name):
                response = self.client.post(
                    reverse(f"mainstreaming:{name}", args=[self.cast.process.pk, "nonsense"]), {"status": "completed"}
                )
                self.assertIn(response.status_code, (404, 405))

    def test_the_dashboard_shows_seven_phases_with_their_guidance(self):
        self.client.force_login(self.cast.donor)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        for label in (
            "Preparation",
            "Institutional set-up",
            "Awareness raising and consultation",
            "Situation analysis",
            "Goals and priorities",
            "Implementation plan",
            "Monitoring and evaluation",
        ):
            self.assertContains(response, label)
        self.assertContains(response, "Key steps")
        self.assertNotContains(response, "People by role")  # partners see no internal work
