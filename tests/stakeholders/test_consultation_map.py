"""The stakeholder map: interest and influence from 1 to 5, engagement, the SVG matrix and who is not placed yet."""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from mainstreaming.charts import interest_influence_matrix
from mainstreaming.choices import InstitutionKind
from stakeholders.choices import EngagementLevel
from stakeholders.models import StakeholderProfile
from stakeholders.services import consultation as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory


def place(cast, institution, interest, influence, engagement=EngagementLevel.CONSULT, **extra):
    return services.stakeholder_profile_save(
        actor=cast.nfp, institution=institution, interest=interest, influence=influence, engagement=engagement, **extra
    )


class MatrixChartTests(TestCase):
    def test_every_point_is_drawn_labelled_and_described_with_its_quadrant(self):
        svg = str(
            interest_influence_matrix(
                [("MoH", 4, 5), ("MoFP", 1, 5), ("CMS", 5, 1), ("NSO", 2, 2), ("IOM", 4, 5)], title="Stakeholder map"
            )
        )
        self.assertTrue(svg.startswith("<svg"))
        self.assertIn('role="img"', svg)
        self.assertEqual(svg.count("<circle"), 5)
        for label in ("MoH", "MoFP", "CMS", "NSO", "IOM"):
            self.assertIn(f">{label}</text>", svg)
        description = re.search(r"<desc[^>]*>(.*?)</desc>", svg).group(1)
        self.assertIn("MoH: interest 4, influence 5 (manage closely)", description)
        self.assertIn("MoFP: interest 1, influence 5 (keep satisfied)", description)
        self.assertIn("CMS: interest 5, influence 1 (keep informed)", description)
        self.assertIn("NSO: interest 2, influence 2 (monitor)", description)
        for quadrant in ("Keep satisfied", "Manage closely", "Monitor", "Keep informed"):
            self.assertIn(f">{quadrant}</text>", svg)
        # A 5 × 5 grid: six lines each way.
        self.assertEqual(svg.count("<line"), 12)

    def test_labels_are_escaped_and_an_empty_map_says_so(self):
        svg = str(interest_influence_matrix([("<b>&", 3, 3)], title="Map"))
        self.assertIn("&lt;b&gt;&amp;", svg)
        self.assertNotIn("<b>", svg)
        self.assertIn("No stakeholder has been placed yet.", str(interest_influence_matrix([], title="Map")))


class ProfileTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def edit_url(self, institution):
        return reverse("stakeholders:stakeholder_profile_edit", args=[self.cast.process.pk, institution.pk])

    def history_url(self, institution):
        return reverse("stakeholders:stakeholder_profile_history", args=[self.cast.process.pk, institution.pk])

    def test_the_nfp_places_then_moves_an_institution_and_the_history_keeps_both(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.edit_url(self.cast.health),
            {"interest": "4", "influence": "3", "engagement": "involve", "notes": "Keen on the WHO code"},
        )
        self.assertRedirects(response, reverse("stakeholders:stakeholder_map", args=[self.cast.process.pk]))
        profile = StakeholderProfile.objects.get(institution=self.cast.health)
        self.assertEqual((profile.interest, profile.influence, profile.engagement), (4, 3, EngagementLevel.INVOLVE))
        self.assertEqual(profile.process, self.cast.process)

        self.client.post(
            self.edit_url(self.cast.health),
            {"interest": "5", "influence": "3", "engagement": "collaborate", "reason": "After the workshop"},
        )
        rows = list(profile.history.order_by("history_id"))
        self.assertEqual(
            [row.history_change_reason for row in rows],
            ["stakeholder_profile.created", "stakeholder_profile.updated: After the workshop"],
        )
        self.assertEqual({row.history_user for row in rows}, {self.cast.nfp})
        history = self.client.get(self.history_url(self.cast.health))
        self.assertContains(history, "<del>4</del>", html=True)
        self.assertContains(history, "<ins>5</ins>", html=True)
        self.assertContains(history, "After the workshop")

    def test_scores_outside_one_to_five_are_refused_beside_the_field(self):
        self.client.force_login(self.cast.nfp)
        for field, value, message in [
            ("interest", "6", "Ensure this value is less than or equal to 5."),
            ("influence", "0", "Ensure this value is greater than or equal to 1."),
            ("interest", "", "This field is required."),
        ]:
            with self.subTest(field=field, value=value):
                data = {"interest": "3", "influence": "3", "engagement": "consult"} | {field: value}
                response = self.client.post(self.edit_url(self.cast.labour), data)
                self.assertEqual(response.status_code, 400)
                self.assertFormError(response.context["form"], field, message)
                self.assertContains(response, f'id="id_{field}_error"', status_code=400)
        self.assertFalse(StakeholderProfile.objects.exists())

    def test_the_service_refuses_out_of_range_scores_too(self):
        with self.assertRaises(ValidationError) as caught:
            place(self.cast, self.cast.health, 3, 9)
        self.assertIn("influence", caught.exception.message_dict)
        self.assertFalse(StakeholderProfile.objects.exists())

    def test_only_the_nfp_places_institutions(self):
        for user in (self.cast.own, self.cast.facilitator):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.stakeholder_profile_save(
                    actor=user, institution=self.cast.health, interest=5, influence=5, engagement="inform"
                )

    def test_an_institution_not_yet_placed_has_no_history_page(self):
        self.client.force_login(self.cast.nfp)
        self.assertEqual(self.client.get(self.history_url(self.cast.labour)).status_code, 404)
        place(self.cast, self.cast.labour, 2, 2)
        self.assertEqual(self.client.get(self.history_url(self.cast.labour)).status_code, 200)

    def test_an_institution_of_another_process_cannot_be_placed_from_here(self):
        stranger = InstitutionFactory(process=self.cast.other_process, name="Elsewhere ministry")
        self.client.force_login(self.cast.nfp)
        self.assertEqual(self.client.get(self.edit_url(stranger)).status_code, 404)


class MapPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.council = InstitutionFactory(
            process=cls.cast.process, name="Port Alder City Council", kind=InstitutionKind.LOCAL_GOVERNMENT
        )
        cls.unions = InstitutionFactory(
            process=cls.cast.process, name="Confederation of Trade Unions", acronym="CTU", kind="trade_union"
        )
        place(cls.cast, cls.cast.health, 4, 5, EngagementLevel.COLLABORATE)
        place(cls.cast, cls.cast.labour, 2, 4, EngagementLevel.INFORM)
        place(cls.cast, cls.council, 5, 1, EngagementLevel.CONSULT)
        cls.url = reverse("stakeholders:stakeholder_map", args=[cls.cast.process.pk])

    def test_the_svg_shows_every_placed_institution_and_the_table_lists_them_by_kind(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(self.url)
        svg = str(response.context["map_chart"])
        self.assertContains(response, svg, html=False)
        for label in ("MoH", "MoL", "Port Alder…"):
            self.assertIn(f">{label}</text>", svg)
        self.assertIn("MoH: interest 4, influence 5 (manage closely)", svg)
        self.assertIn("MoL: interest 2, influence 4 (keep satisfied)", svg)
        self.assertNotIn(">CTU</text>", svg)
        kinds = [kind for kind, _rows in response.context["placed_by_kind"]]
        self.assertEqual(kinds, ["Line ministry", "Local government"])
        self.assertContains(response, "Collaborate")
        # The trade unions and the development partner are listed as not yet placed; only the NFP may assess them.
        self.assertEqual(
            {i.name for i in response.context["unplaced"]}, {"Confederation of Trade Unions", "Partner Agency"}
        )
        self.assertNotContains(response, "Assess")

    def test_the_nfp_is_offered_to_assess_those_not_yet_placed(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(self.url)
        self.assertContains(
            response,
            reverse("stakeholders:stakeholder_profile_edit", args=[self.cast.process.pk, self.unions.pk]),
        )
        self.assertContains(response, "Assess")
