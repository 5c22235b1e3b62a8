"""
The handbook's reference content speaks French to French users: loaded with its translations from
fixtures/reference/, shown on screen and in the checklist workbook in the reader's language, carried by a
process's copies until the NFP rewords them, and never shown once the English it was made from has changed.
"""

import io
from datetime import date

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from implementation_plans.models import GcmObjective, ProgrammeExample, SdgTarget
from mainstreaming.models import InstitutionKindGuide, Sector
from monitoring.models import IndicatorTemplate
from situation_analysis.models import ChecklistTemplate, TemplateQuestion
from situation_analysis.services import assignments as assignment_services
from situation_analysis.services import checklists as checklist_services
from situation_analysis.services import workbook as workbook_services
from stakeholders.models import CapacityArea, EventKind
from stakeholders.services import setup as setup_services
from tests.cast import make_cast

REFERENCE_MODELS = [
    Sector,
    InstitutionKindGuide,
    EventKind,
    CapacityArea,
    SdgTarget,
    GcmObjective,
    ProgrammeExample,
    IndicatorTemplate,
    ChecklistTemplate,
    TemplateQuestion,
]


class ReferenceCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_reference", stdout=io.StringIO())
        cls.cast = make_cast()
        cls.health = ChecklistTemplate.objects.get(code="C5", is_current=True)

    def in_french(self):
        self.client.force_login(self.cast.nfp)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"


class LoadTests(ReferenceCase):
    def test_every_reference_record_carries_its_french_text(self):
        for model in REFERENCE_MODELS:
            for obj in model.objects.all():
                for field in model.translated_fields:
                    if getattr(obj, field) in ("", []):
                        continue
                    with self.subTest(model=model.__name__, record=obj.pk, field=field):
                        self.assertTrue(obj.translations.get("fr", {}).get(field))

    def test_loading_again_changes_nothing_and_a_translation_is_no_new_checklist_version(self):
        out = io.StringIO()
        call_command("load_reference", stdout=out)
        self.assertIn("(0 rows created or updated)", out.getvalue())
        self.assertEqual(ChecklistTemplate.objects.filter(code="C5").count(), 1)

    def test_the_english_stays_for_english_readers(self):
        health = Sector.objects.get(code="health")
        with translation.override("en"):
            self.assertEqual(str(health), "Health")
        with translation.override("fr-ca"):
            self.assertEqual(str(health), "Santé")

    def test_a_translation_made_from_other_english_is_not_shown(self):
        health = Sector.objects.get(code="health")
        health.name = "Public health"
        self.assertEqual(health.localized("name", "fr"), "Public health")


class CopyTests(ReferenceCase):
    def test_a_copied_question_speaks_french_until_the_nfp_rewords_it(self):
        checklist = checklist_services.checklist_adopt(
            actor=self.cast.nfp, process=self.cast.process, template=self.health
        )
        question = checklist.questions.get(code="A1")
        french = self.health.questions.get(code="A1").translations["fr"]["text"]
        self.assertEqual(question.localized("text", "fr"), french)
        self.assertEqual(checklist.localized("title", "fr"), "Santé")
        checklist_services.question_update(
            actor=self.cast.nfp, question=question, data={"text": "Do nurses leave for the Gulf?"}
        )
        question.refresh_from_db()
        self.assertEqual(question.localized("text", "fr"), "Do nurses leave for the Gulf?")

    def test_a_loaded_precondition_speaks_french_until_the_nfp_rewords_it(self):
        setup_services.precondition_load(actor=self.cast.nfp, process=self.cast.process)
        condition = self.cast.process.preconditions.get(code="political-support")
        self.assertEqual(condition.localized("title", "fr"), "Un soutien politique au plus haut niveau")
        setup_services.precondition_update(
            actor=self.cast.nfp, precondition=condition, data={"title": "Cabinet backing"}
        )
        condition.refresh_from_db()
        self.assertEqual(condition.localized("title", "fr"), "Cabinet backing")


class ScreenTests(ReferenceCase):
    def test_the_checklist_page_shows_the_sector_and_questions_in_french(self):
        checklist = checklist_services.checklist_adopt(
            actor=self.cast.nfp, process=self.cast.process, template=self.health
        )
        self.in_french()
        response = self.client.get(checklist.get_absolute_url())
        self.assertContains(response, "Santé")
        self.assertContains(response, "Les ministères de la santé et de l&#x27;intérieur travaillent-ils ensemble")
        self.assertNotContains(response, "Do the ministries of health and of the interior work together")

    def test_the_indicator_bank_an_experience_and_the_preconditions_are_in_french(self):
        process = self.cast.process.pk
        setup_services.precondition_load(actor=self.cast.nfp, process=self.cast.process)
        example = ProgrammeExample.objects.get(code="three-for-one-mexico")
        self.in_french()
        bank = self.client.get(reverse("monitoring:bank_list", kwargs={"process_pk": process}))
        self.assertContains(bank, "Envois de fonds reçus en proportion du PIB")
        self.assertNotContains(bank, "Remittances received, as a share of GDP")
        page = self.client.get(
            reverse("implementation_plans:programme_example_detail", kwargs={"process_pk": process, "pk": example.pk})
        )
        self.assertContains(page, "Trois pour un")
        self.assertContains(page, "Mexique, États-Unis")
        conditions = self.client.get(reverse("stakeholders:precondition_list", kwargs={"process_pk": process}))
        self.assertContains(conditions, "Un soutien politique au plus haut niveau")
        self.assertNotContains(conditions, "Political support at a high level")


class WorkbookTests(ReferenceCase):
    def test_the_workbook_asks_the_questions_in_french_and_comes_back_untouched_in_any_language(self):
        checklist = checklist_services.checklist_adopt(
            actor=self.cast.nfp, process=self.cast.process, template=self.health
        )
        assignment = assignment_services.assignment_create(
            actor=self.cast.nfp, checklist=checklist, lead=self.cast.health, due_on=date(2031, 6, 30)
        )
        with translation.override("fr"):
            content = workbook_services.assignment_workbook_build(actor=self.cast.own, assignment=assignment)
        texts = [
            cell for row in load_workbook(io.BytesIO(content)).worksheets[1].iter_rows(values_only=True) for cell in row
        ]
        french = self.health.questions.get(code="A1").translations["fr"]["text"]
        self.assertIn(french, texts)
        self.assertNotIn(self.health.questions.get(code="A1").text, texts)
        with translation.override("en"):
            proposed = workbook_services.assignment_workbook_read(
                actor=self.cast.own, assignment=assignment, uploaded=SimpleUploadedFile("answers.xlsx", content)
            )
        self.assertEqual(proposed.changes, [])
