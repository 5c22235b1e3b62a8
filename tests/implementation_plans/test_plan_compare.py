"""
Comparing two versions of the plan: a pure function of two snapshots, matching records by their stable ids and
grouping what was added, removed or changed (with the value before and after) by level of the chain; and the
page that shows two versions side by side.
"""

import copy

from django.test import SimpleTestCase, TestCase
from django.urls import reverse

from implementation_plans.selectors.plan import snapshot_diff, version_pair
from tests.cast import make_cast
from tests.implementation_plans.builders import make_plan_version


def activity(pk, **changes):
    return {
        "id": pk,
        "title": f"Activity {pk}",
        "description": "",
        "responsible": "Ministry of Labour",
        "partners": ["IOM"],
        "starts_on": "2027-01-01",
        "ends_on": "2027-06-30",
        "is_national": True,
        "region": "",
        "target_group": "",
        "status": "planned",
        "cost": "10000.00",
        "secured": "4000.00",
        "pledged": "0.00",
        "funding_gap": "6000.00",
        "budget_lines": [
            {
                "id": pk * 10,
                "year": 2027,
                "category": "training",
                "description": "",
                "amount": "10000.00",
                "currency": "USD",
                "rate_to_plan": "1.000000",
            }
        ],
        "funding": [],
    } | changes


def snapshot(activities=None, **plan):
    return {
        "schema": 1,
        "plan": {
            "title": "Plan",
            "currency": "USD",
            "starts_in": 2026,
            "ends_in": 2030,
            "rationale": "Why",
            "roles": "Who",
            "fiduciary": "Money",
        }
        | plan,
        "goals": [
            {
                "id": 1,
                "statement": "Migration benefits development",
                "rationale": "",
                "pillar": "",
                "sdg_targets": ["10.7"],
                "gcm_objectives": [],
                "priorities": [
                    {
                        "id": 5,
                        "title": "Protect workers abroad",
                        "description": "",
                        "targets": [
                            {
                                "id": 8,
                                "statement": "All leave informed",
                                "indicator": "Share oriented",
                                "baseline": "10%",
                                "target_value": "80%",
                                "responsible": "",
                                "due_on": "2030-12-31",
                            }
                        ],
                    }
                ],
                "outcomes": [
                    {
                        "id": 2,
                        "title": "Workers leave informed",
                        "assumptions": "",
                        "priority_id": 5,
                        "priority": "Protect workers abroad",
                        "outputs": [
                            {
                                "id": 3,
                                "title": "Orientation in place",
                                "assumptions": "",
                                "activities": activities if activities is not None else [activity(1), activity(2)],
                            }
                        ],
                    }
                ],
            }
        ],
        "totals": {"cost": "20000.00", "secured": "8000.00", "pledged": "0.00", "funding_gap": "12000.00"},
    }


def by_level(diff):
    return {level.level: level for level in diff}


class SnapshotDiffTests(SimpleTestCase):
    def test_the_same_snapshot_has_no_difference(self):
        self.assertEqual(snapshot_diff(snapshot(), copy.deepcopy(snapshot())), [])

    def test_a_changed_field_is_shown_with_its_value_before_and_after_under_its_level(self):
        after = snapshot([activity(1, ends_on="2027-12-31", title="Train the trainers"), activity(2)])
        levels = by_level(snapshot_diff(snapshot(), after))
        self.assertEqual(list(levels), ["activity"])
        [record] = levels["activity"].changed
        self.assertEqual(
            (record.change, record.id, record.label, record.parent),
            ("changed", 1, "Train the trainers", "Orientation in place"),
        )
        self.assertEqual(
            [(change.field, change.before, change.after) for change in record.fields],
            [("title", "Activity 1", "Train the trainers"), ("ends_on", "30 Jun 2027", "31 Dec 2027")],
        )

    def test_records_are_matched_by_id_not_by_position(self):
        after = snapshot([activity(2), activity(1)])  # the same activities, reordered
        self.assertEqual(snapshot_diff(snapshot(), after), [])

    def test_added_and_removed_records_with_their_budget_lines(self):
        after = snapshot([activity(1), activity(3, title="Open a help desk")])
        levels = by_level(snapshot_diff(snapshot(), after))
        self.assertEqual(set(levels), {"activity", "budget_line"})
        self.assertEqual([r.label for r in levels["activity"].added], ["Open a help desk"])
        self.assertEqual([r.label for r in levels["activity"].removed], ["Activity 2"])
        self.assertEqual([r.id for r in levels["budget_line"].added], [30])
        self.assertEqual([r.id for r in levels["budget_line"].removed], [20])
        added = levels["activity"].added[0]
        self.assertIn(("title", "", "Open a help desk"), [(c.field, c.before, c.after) for c in added.fields])

    def test_re_baselining_a_target_budget_and_the_narrative_is_visible(self):
        after = snapshot(rationale="Why, revised")
        after["goals"][0]["priorities"][0]["targets"][0]["target_value"] = "60%"
        after["goals"][0]["outcomes"][0]["outputs"][0]["activities"][0]["budget_lines"][0]["amount"] = "15000.00"
        after["totals"]["cost"] = "25000.00"
        levels = by_level(snapshot_diff(snapshot(), after))
        self.assertEqual(list(levels), ["plan", "target", "budget_line"])
        plan_changes = {c.field: (c.before, c.after) for c in levels["plan"].changed[0].fields}
        self.assertEqual(plan_changes, {"rationale": ("Why", "Why, revised"), "total_cost": ("20,000.00", "25,000.00")})
        [target] = levels["target"].changed
        self.assertEqual([(c.label, c.before, c.after) for c in target.fields], [("Target value", "80%", "60%")])
        [line] = levels["budget_line"].changed
        self.assertEqual(line.fields[0].after, "15,000.00\xa0USD")

    def test_choices_are_compared_and_shown_in_the_readers_language(self):
        after = snapshot([activity(1, status="delayed"), activity(2)])
        [record] = by_level(snapshot_diff(snapshot(), after))["activity"].changed
        self.assertEqual([(c.before, c.after) for c in record.fields], [("Planned", "Delayed")])


class VersionPairTests(SimpleTestCase):
    def test_the_two_newest_by_default_and_errors_for_bad_numbers(self):
        class V:
            def __init__(self, number):
                self.number = number

        versions = [V(3), V(2), V(1)]
        a, b, error = version_pair(versions, None, None)
        self.assertEqual((a.number, b.number, error), (2, 3, ""))
        self.assertEqual(version_pair(versions, "1", "3")[0].number, 1)
        for bad in (("x", "1"), ("1", "9"), ("2", "2"), ("1", "")):
            with self.subTest(bad=bad):
                self.assertTrue(version_pair(versions, *bad)[2])
        self.assertEqual(version_pair(versions[:1], None, None), (None, None, ""))


class ComparePageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.first = make_plan_version(cls.cast, status="superseded")
        cls.second = make_plan_version(cls.cast, status="published", label="second")

    def url(self, **query):
        base = reverse("implementation_plans:version_compare", args=[self.cast.process.pk])
        return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")

    def test_the_page_shows_the_two_newest_side_by_side(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(self.url())
        self.assertContains(response, "Goals")
        self.assertContains(response, "Migration benefits development second")
        self.assertContains(response, "Added")
        self.assertEqual((response.context["a"], response.context["b"]), (self.first, self.second))

    def test_bad_choices_answer_400_with_a_message(self):
        self.client.force_login(self.cast.nfp)
        for query in ({"a": "1", "b": "1"}, {"a": "x", "b": "2"}, {"a": "1", "b": "99"}):
            with self.subTest(query=query):
                response = self.client.get(self.url(**query))
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, 'role="alert"', status_code=400)

    def test_a_partner_cannot_compare(self):
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
