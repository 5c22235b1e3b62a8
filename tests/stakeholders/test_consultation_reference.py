"""The kinds of event and the capacity areas load from fixtures, idempotently; the demo country's consultation."""

import os

from django.core.management import call_command
from django.test import TestCase

from stakeholders.demo.consultation import load_reference
from stakeholders.models import CapacityActivity, CapacityArea, CapacityNeed, Event, EventKind, StakeholderProfile


class ReferenceListTests(TestCase):
    def test_the_lists_load_once_and_again_harmlessly_with_history(self):
        self.assertEqual(load_reference(), 16)
        self.assertEqual(load_reference(), 0)
        self.assertEqual(
            list(EventKind.objects.values_list("code", flat=True)),
            ["awareness-workshop", "briefing", "consultation", "training", "peer-exchange"],
        )
        areas = set(CapacityArea.objects.values_list("code", flat=True))
        # The examples and the handbook's last two areas are all there.
        for code in ("data-analysis", "negotiation", "monitoring-evaluation", "local-planning"):
            self.assertIn(code, areas)
        for code in ("mutual-accountability", "public-engagement", "policy-law", "leadership"):
            self.assertIn(code, areas)
        self.assertFalse(CapacityArea.objects.filter(description="").exists())
        self.assertFalse(EventKind.objects.filter(description="").exists())
        self.assertEqual(EventKind.objects.get(code="briefing").history.get().history_change_reason, "reference.loaded")

    def test_an_edited_row_is_brought_back_in_line_with_the_fixture(self):
        load_reference()
        EventKind.objects.filter(code="training").update(name="Course")
        self.assertEqual(load_reference(), 1)
        self.assertEqual(EventKind.objects.get(code="training").name, "Training")


class DemoTests(TestCase):
    def test_the_demo_country_has_three_events_needs_some_covered_and_two_institutions_off_the_map(self):
        call_command("load_demo", stdout=open(os.devnull, "w"))
        events = Event.objects.order_by("held_on")
        self.assertEqual([event.kind.code for event in events], ["awareness-workshop", "consultation", "peer-exchange"])
        for event in events:
            with self.subTest(event=event.title):
                self.assertTrue(event.participation.exists())
                self.assertTrue(event.target_institutions.exists())
        needs = CapacityNeed.objects.all()
        covered = needs.filter(activities__isnull=False).distinct().count()
        self.assertGreater(covered, 0)
        self.assertLess(covered, needs.count())
        self.assertIn(CapacityActivity.objects.count(), (2, 3))
        process = Event.objects.first().process
        self.assertEqual(process.institutions.count() - StakeholderProfile.objects.filter(process=process).count(), 2)
        # Everything was recorded by the NFP, through the services.
        self.assertEqual({row.history_user.username for row in Event.history.all()}, {"nfp"})
