"""The handbook's fourteen sector checklists: the fixture, and their versioned loading by `load_reference`."""

import copy
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import TestCase

from mainstreaming.models import Sector
from situation_analysis import loaders
from situation_analysis.choices import QuestionBlock
from situation_analysis.models import ChecklistTemplate, TemplateQuestion

FIXTURE = settings.BASE_DIR / "fixtures" / "reference" / "checklists.json"
SECTORS = settings.BASE_DIR / "fixtures" / "reference" / "sectors.json"


def fixture_rows() -> list[dict]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def load_reference():
    call_command("load_reference", stdout=open(os.devnull, "w"))


def history_counts() -> tuple[int, int]:
    return ChecklistTemplate.history.count(), TemplateQuestion.history.count()


class FixtureTests(TestCase):
    def test_fourteen_checklists_c1_to_c14_one_per_sector(self):
        rows = fixture_rows()
        self.assertEqual([row["code"] for row in rows], [f"C{n}" for n in range(1, 15)])
        sectors = [row["code"] for row in json.loads(SECTORS.read_text(encoding="utf-8"))]
        self.assertEqual([row["sector"] for row in rows], sectors)

    def test_every_checklist_is_complete(self):
        for row in fixture_rows():
            with self.subTest(checklist=row["code"]):
                self.assertTrue(row["title"].strip())
                self.assertTrue(row["introduction"].strip())
                self.assertGreaterEqual(len(row["suggested_stakeholders"]), 3)
                self.assertEqual(row["suggested_stakeholders"][-1], "Others?")
                questions = row["questions"]
                self.assertGreaterEqual(len(questions), 6)
                codes = [q["code"] for q in questions]
                self.assertEqual(len(codes), len(set(codes)))
                self.assertEqual({q["block"] for q in questions}, set(QuestionBlock.values))
                for question in questions:
                    prefix = "A" if question["block"] == QuestionBlock.SECTOR_ON_MIGRATION else "B"
                    self.assertTrue(question["code"].startswith(prefix), question["code"])
                    self.assertTrue(question["text"].strip().endswith("?"), question["text"])

    def test_the_handbook_references_are_kept(self):
        text = json.dumps(fixture_rows())
        for fact in ("WHA63.16", "10.7.1", "10.c", "Mode 4", "189"):
            self.assertIn(fact, text)


class LoadTests(TestCase):
    def test_load_reference_creates_fourteen_current_templates_with_their_questions(self):
        load_reference()
        templates = ChecklistTemplate.objects.filter(is_current=True)
        self.assertEqual(templates.count(), 14)
        self.assertFalse(ChecklistTemplate.objects.exclude(version=1).exists())
        health = ChecklistTemplate.objects.get(code="C5")
        self.assertEqual(health.sector.code, "health")
        row = next(row for row in fixture_rows() if row["code"] == "C5")
        self.assertEqual(health.suggested_stakeholders.splitlines(), row["suggested_stakeholders"])
        self.assertEqual(
            list(health.questions.order_by("position").values_list("code", "block", "text")),
            [(q["code"], q["block"], q["text"]) for q in row["questions"]],
        )
        self.assertEqual(TemplateQuestion.objects.count(), sum(len(row["questions"]) for row in fixture_rows()))
        self.assertEqual(health.history.get().history_change_reason, "reference.loaded")

    def test_loading_again_changes_nothing(self):
        load_reference()
        before = history_counts()
        self.assertEqual(loaders.load_checklist_templates(), 0)
        load_reference()
        self.assertEqual(history_counts(), before)
        self.assertEqual(ChecklistTemplate.objects.count(), 14)

    def test_a_missing_sector_is_named(self):
        load_reference()
        rows = fixture_rows()
        rows[0]["sector"] = "space"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "checklists.json"
            path.write_text(json.dumps(rows), encoding="utf-8")
            with self.assertRaisesMessage(ImproperlyConfigured, "'space'"):
                loaders.load_checklist_templates(path)
        self.assertTrue(Sector.objects.filter(code="governance").exists())


class NewVersionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_reference()

    def load_changed(self, change) -> int:
        rows = fixture_rows()
        row = next(row for row in rows if row["code"] == "C5")
        change(row)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "checklists.json"
            path.write_text(json.dumps(rows), encoding="utf-8")
            return loaders.load_checklist_templates(path)

    def test_changed_wording_makes_version_2_current_and_keeps_version_1(self):
        original = copy.deepcopy(next(row for row in fixture_rows() if row["code"] == "C5"))
        v1 = ChecklistTemplate.objects.get(code="C5")
        v1_questions = list(v1.questions.order_by("position").values_list("pk", "code", "text"))

        def reword(row):
            row["questions"][0]["text"] = "Do low salaries lead nurses and doctors to emigrate?"
            row["questions"].append(
                {"code": "B6", "block": "migration_on_sector", "text": "Are returning health workers re-registered?"}
            )

        self.assertEqual(self.load_changed(reword), 1)

        v1.refresh_from_db()
        v2 = ChecklistTemplate.objects.get(code="C5", is_current=True)
        self.assertEqual((v1.version, v1.is_current), (1, False))
        self.assertEqual(v2.version, 2)
        self.assertEqual(ChecklistTemplate.objects.filter(code="C5").count(), 2)
        # Version 1 keeps its own questions, untouched.
        self.assertEqual(list(v1.questions.order_by("position").values_list("pk", "code", "text")), v1_questions)
        self.assertEqual(v1_questions[0][2], original["questions"][0]["text"])
        questions = list(v2.questions.order_by("position").values_list("code", "text", "position"))
        self.assertEqual(questions[0], ("A1", "Do low salaries lead nurses and doctors to emigrate?", 1))
        self.assertEqual(questions[-1][0], "B6")
        self.assertEqual(len(questions), len(original["questions"]) + 1)
        # The other checklists did not move.
        self.assertEqual(ChecklistTemplate.objects.filter(is_current=True).count(), 14)
        self.assertEqual(ChecklistTemplate.objects.count(), 15)

        # History: v1 created on load, then retired; v2 created as a new version.
        self.assertEqual(
            list(v1.history.order_by("history_date").values_list("history_change_reason", "is_current")),
            [("reference.loaded", True), ("reference.new_version", False)],
        )
        self.assertEqual(
            list(v2.history.values_list("history_type", "history_change_reason")), [("+", "reference.new_version")]
        )
        self.assertEqual(
            set(TemplateQuestion.history.filter(template_id=v2.pk).values_list("history_change_reason", flat=True)),
            {"reference.new_version"},
        )

    def test_the_new_version_is_stable_and_a_further_change_makes_version_3(self):
        def retitle(row):
            row["title"] = "Health services"

        def restake(row):
            row["title"] = "Health services"
            row["suggested_stakeholders"].insert(-1, "Pharmacists' association")

        self.assertEqual(self.load_changed(retitle), 1)
        before = history_counts()
        self.assertEqual(self.load_changed(retitle), 0)
        self.assertEqual(history_counts(), before)
        self.assertEqual(self.load_changed(restake), 1)
        current = ChecklistTemplate.objects.get(code="C5", is_current=True)
        self.assertEqual(current.version, 3)
        self.assertIn("Pharmacists' association", current.suggested_stakeholders.splitlines())
        self.assertEqual(
            list(ChecklistTemplate.objects.filter(code="C5").order_by("version").values_list("version", "is_current")),
            [(1, False), (2, False), (3, True)],
        )

    def test_reordered_questions_make_a_new_version(self):
        self.assertEqual(self.load_changed(lambda row: row["questions"].reverse()), 1)
        current = ChecklistTemplate.objects.get(code="C5", is_current=True)
        self.assertEqual(current.questions.order_by("position").first().code, "B5")
