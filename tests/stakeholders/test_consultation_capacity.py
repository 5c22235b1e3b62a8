"""Capacity development: needs by institution and area, the activities that answer them, and what is covered."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.urls import reverse

from stakeholders.choices import CapacityActivityKind, Priority
from stakeholders.demo.consultation import load_reference
from stakeholders.models import CapacityActivity, CapacityArea, CapacityNeed
from stakeholders.services import consultation as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory


def area(code):
    return CapacityArea.objects.get(code=code)


def make_need(cast, institution, code, description="A need", priority=Priority.MEDIUM):
    return services.capacity_need_create(
        actor=cast.nfp,
        process=cast.process,
        institution=institution,
        area=area(code),
        description=description,
        priority=priority,
    )


def make_activity(cast, needs, title="Training on data", **extra):
    data = dict(
        kind=CapacityActivityKind.TRAINING,
        title=title,
        held_on=date(2026, 4, 1),
        participants_female=4,
        participants_male=3,
    )
    return services.capacity_activity_create(actor=cast.nfp, process=cast.process, needs=needs, **data | extra)


class CapacityCoverageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        load_reference()
        cls.health_data = make_need(cls.cast, cls.cast.health, "data-analysis", "Disaggregate survey data")
        cls.health_me = make_need(cls.cast, cls.cast.health, "monitoring-evaluation", "Set indicators")
        cls.labour_negotiation = make_need(cls.cast, cls.cast.labour, "negotiation", "Labour agreements")
        cls.training = make_activity(cls.cast, [cls.health_data, cls.labour_negotiation])
        cls.url = reverse("stakeholders:capacity_overview", args=[cls.cast.process.pk])

    def test_the_overview_marks_each_need_covered_or_not_and_sums_up(self):
        self.client.force_login(self.cast.own)
        response = self.client.get(self.url)
        covered = {need.description: need.is_covered for need in response.context["needs"]}
        self.assertEqual(
            covered, {"Disaggregate survey data": True, "Set indicators": False, "Labour agreements": True}
        )
        self.assertEqual((response.context["covered_count"], response.context["need_count"]), (2, 3))
        self.assertContains(response, "2 of 3 needs covered by an activity.")
        self.assertContains(response, "Not covered", count=1)
        self.assertContains(response, "Training on data")
        trained = response.context["trained"]
        self.assertEqual((trained.female, trained.male, trained.total), (4, 3, 7))
        self.assertNotContains(response, "Record a need")  # a ministry reads, the NFP writes

    def test_an_activity_linked_later_covers_the_need(self):
        make_activity(self.cast, [self.health_me], title="Coaching on indicators", kind=CapacityActivityKind.COACHING)
        self.client.force_login(self.cast.nfp)
        response = self.client.get(self.url)
        self.assertEqual(response.context["covered_count"], 3)
        self.assertContains(response, "3 of 3 needs covered by an activity.")
        self.assertNotContains(response, "Not covered")

    def test_the_nfp_records_an_activity_answering_needs_and_its_history_says_who(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("stakeholders:capacity_activity_create", args=[self.cast.process.pk]),
            {
                "kind": "peer_exchange",
                "title": "Peer exchange on indicators",
                "held_on": "2026-05-20",
                "provider": "Planning ministry of Estavia",
                "participants_female": "2",
                "participants_male": "2",
                "needs": [self.health_me.pk],
            },
        )
        activity = CapacityActivity.objects.get(title="Peer exchange on indicators")
        self.assertRedirects(response, activity.get_absolute_url())
        self.assertEqual(list(activity.needs.all()), [self.health_me])
        reasons = [row.history_change_reason for row in activity.history.order_by("history_id")]
        self.assertEqual(reasons, ["capacity_activity.created", "capacity_activity.needs_changed"])
        self.assertEqual({row.history_user for row in activity.history.all()}, {self.cast.nfp})
        detail = self.client.get(activity.get_absolute_url())
        self.assertContains(detail, "Set indicators")

    def test_editing_an_activity_records_the_reason(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("stakeholders:capacity_activity_edit", args=[self.cast.process.pk, self.training.pk]),
            {
                "kind": "training",
                "title": "Training on data",
                "held_on": "2026-04-01",
                "participants_female": "6",
                "participants_male": "3",
                "needs": [self.health_data.pk],
                "reason": "Late sign-ups",
            },
        )
        self.assertRedirects(response, self.training.get_absolute_url())
        self.training.refresh_from_db()
        self.assertEqual(self.training.participants_female, 6)
        self.assertEqual(list(self.training.needs.all()), [self.health_data])
        self.assertIn(
            "capacity_activity.updated: Late sign-ups",
            self.training.history.values_list("history_change_reason", flat=True),
        )
        history = self.client.get(
            reverse("stakeholders:capacity_activity_history", args=[self.cast.process.pk, self.training.pk])
        )
        self.assertContains(history, "Late sign-ups")
        self.assertContains(history, "<ins>6</ins>", html=True)

    def test_a_negative_number_of_participants_is_refused_beside_the_field(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("stakeholders:capacity_activity_create", args=[self.cast.process.pk]),
            {
                "kind": "training",
                "title": "T",
                "held_on": "2026-05-20",
                "participants_female": "-1",
                "participants_male": "0",
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFormError(
            response.context["form"], "participants_female", "Ensure this value is greater than or equal to 0."
        )

    def test_needs_of_another_process_cannot_be_answered(self):
        stranger = InstitutionFactory(process=self.cast.other_process)
        foreign = services.capacity_need_create(
            actor=self.cast.outsider,
            process=self.cast.other_process,
            institution=stranger,
            area=area("leadership"),
            description="Elsewhere",
        )
        with self.assertRaises(ValidationError) as caught:
            make_activity(self.cast, [foreign])
        self.assertIn("needs", caught.exception.message_dict)
        # Nor can the form offer them.
        self.client.force_login(self.cast.nfp)
        form = self.client.get(reverse("stakeholders:capacity_activity_create", args=[self.cast.process.pk])).context[
            "form"
        ]
        self.assertNotIn(foreign, form.fields["needs"].queryset)


class CapacityNeedTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        load_reference()

    def test_the_nfp_records_and_edits_a_need_with_history(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("stakeholders:capacity_need_create", args=[self.cast.process.pk]),
            {
                "institution": self.cast.labour.pk,
                "area": area("local-planning").pk,
                "description": "Help local offices plan for returnees",
                "priority": "high",
            },
        )
        self.assertRedirects(response, reverse("stakeholders:capacity_overview", args=[self.cast.process.pk]))
        need = CapacityNeed.objects.get()
        self.assertEqual((need.institution, need.priority), (self.cast.labour, Priority.HIGH))
        self.client.post(
            reverse("stakeholders:capacity_need_edit", args=[self.cast.process.pk, need.pk]),
            {
                "institution": self.cast.labour.pk,
                "area": area("local-planning").pk,
                "description": "Help local offices plan for returnees",
                "priority": "medium",
                "reason": "Another partner covers part of it",
            },
        )
        rows = list(need.history.order_by("history_id"))
        self.assertEqual(
            [row.history_change_reason for row in rows],
            ["capacity_need.created", "capacity_need.updated: Another partner covers part of it"],
        )
        self.assertEqual({row.history_user for row in rows}, {self.cast.nfp})
        history = self.client.get(reverse("stakeholders:capacity_need_history", args=[self.cast.process.pk, need.pk]))
        self.assertContains(history, "<del>High</del>", html=True)
        self.assertContains(history, "<ins>Medium</ins>", html=True)

    def test_a_need_without_an_institution_is_refused_beside_the_field(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("stakeholders:capacity_need_create", args=[self.cast.process.pk]),
            {"area": area("leadership").pk, "description": "x", "priority": "high"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertFormError(response.context["form"], "institution", "This field is required.")
        self.assertFalse(CapacityNeed.objects.exists())

    def test_only_the_nfp_records_needs(self):
        for user in (self.cast.own, self.cast.facilitator):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.capacity_need_create(
                    actor=user,
                    process=self.cast.process,
                    institution=self.cast.health,
                    area=area("leadership"),
                    description="Our own need",
                )

    def test_the_empty_overview_says_what_to_look_for(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(reverse("stakeholders:capacity_overview", args=[self.cast.process.pk]))
        self.assertContains(response, "No capacity need has been recorded yet.")
        self.assertContains(response, "Record the first need")
        self.assertContains(response, "Record the first activity")
