"""
Sector checklists: a process adopts the current version of a template as its own copy, and the NFP adapts that
copy (adds, rewords, drops and restores questions) without touching the template or any other process's copy.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mainstreaming import services as core_services
from mainstreaming.models import Sector
from situation_analysis.choices import QuestionBlock
from situation_analysis.demo import records as demo_services
from situation_analysis.models import Checklist, ChecklistQuestion, ChecklistTemplate, TemplateQuestion
from situation_analysis.selectors import checklists as selectors
from situation_analysis.selectors import sources as source_selectors
from situation_analysis.services import checklists as services
from tests.cast import make_cast

A, B = QuestionBlock.SECTOR_ON_MIGRATION, QuestionBlock.MIGRATION_ON_SECTOR


def make_template(code="C5", *, sector="health", version=1, per_block=3, title="Health", is_current=True):
    sector, _ = Sector.objects.get_or_create(code=sector, defaults={"name": sector.title(), "position": 5})
    template = ChecklistTemplate.objects.create(
        code=code,
        version=version,
        is_current=is_current,
        sector=sector,
        title=title,
        introduction=f"How {title.lower()} and migration affect each other.",
        suggested_stakeholders="Ministry of Health\nNurses' union",
    )
    for block, prefix in ((A, "A"), (B, "B")):
        for i in range(1, per_block + 1):
            TemplateQuestion.objects.create(
                template=template, block=block, code=f"{prefix}{i}", text=f"{code} v{version} {prefix}{i}?", position=i
            )
    return template


class AdoptTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.old = make_template(version=1, is_current=False)
        cls.current = make_template(version=2)
        cls.other = make_template("C9", sector="financial-sector", title="Financial sector")

    def url(self, name, *args):
        return reverse(f"situation_analysis:{name}", args=[self.cast.process.pk, *args])

    def test_adopting_copies_the_current_version_with_sources_and_history(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(self.url("checklist_adopt"), {"template": self.current.pk})
        checklist = Checklist.objects.get(process=self.cast.process, code="C5")
        self.assertRedirects(response, checklist.get_absolute_url())
        self.assertEqual(checklist.template, self.current)
        self.assertEqual(checklist.introduction, self.current.introduction)
        questions = list(checklist.questions.order_by("block", "position"))
        self.assertEqual(len(questions), 6)
        self.assertEqual({q.source.template_id for q in questions}, {self.current.pk})
        self.assertEqual({q.text for q in questions}, set(self.current.questions.values_list("text", flat=True)))
        row = checklist.history.get()
        self.assertEqual(row.history_change_reason, "checklist.adopted: C5 v2")
        self.assertEqual(row.history_user, self.cast.nfp)
        self.assertTrue(all(q.history.get().history_user == self.cast.nfp for q in questions))

    def test_an_old_version_cannot_be_adopted(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(self.url("checklist_adopt"), {"template": self.old.pk})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Choose a current checklist template.", status_code=400)
        with self.assertRaises(ValidationError):
            services.checklist_adopt(actor=self.cast.nfp, process=self.cast.process, template=self.old)
        self.assertFalse(Checklist.objects.exists())

    def test_adopting_a_code_twice_is_refused_with_a_message(self):
        services.checklist_adopt(actor=self.cast.nfp, process=self.cast.process, template=self.current)
        self.client.force_login(self.cast.nfp)
        response = self.client.post(self.url("checklist_adopt"), {"template": self.current.pk})
        self.assertContains(response, "already has checklist C5", status_code=400)
        self.assertEqual(Checklist.objects.filter(process=self.cast.process).count(), 1)

    def test_adopt_all_adopts_what_is_missing_and_is_idempotent(self):
        services.checklist_adopt(actor=self.cast.nfp, process=self.cast.process, template=self.current)
        self.client.force_login(self.cast.nfp)
        response = self.client.post(self.url("checklist_adopt"), {"all": "1"})
        self.assertRedirects(response, self.url("checklist_list"))
        self.assertEqual(set(self.cast.process.checklists.values_list("code", flat=True)), {"C5", "C9"})
        self.client.post(self.url("checklist_adopt"), {"all": "1"})
        self.assertEqual(self.cast.process.checklists.count(), 2)
        self.assertEqual(Checklist.objects.get(code="C5").template, self.current)

    def test_only_the_nfp_adopts(self):
        for user in (self.cast.own, self.cast.facilitator, self.cast.donor):
            self.client.force_login(user)
            self.assertEqual(self.client.post(self.url("checklist_adopt"), {"all": "1"}).status_code, 403)
            with self.assertRaises(PermissionDenied):
                services.checklist_adopt(actor=user, process=self.cast.process, template=self.current)
        self.assertFalse(Checklist.objects.exists())

    def test_the_list_shows_adopted_and_not_adopted_and_a_newer_version(self):
        services.checklist_adopt(actor=self.cast.nfp, process=self.cast.process, template=self.current)
        self.client.force_login(self.cast.own)
        response = self.client.get(self.url("checklist_list"))
        self.assertContains(response, "Financial sector")
        self.assertNotContains(response, "Adopt all")  # only the NFP adopts
        self.assertNotContains(response, "newer version available")
        # A third version of C5 becomes current: the process's copy says so.
        ChecklistTemplate.objects.filter(pk=self.current.pk).update(is_current=False)
        make_template(version=3)
        response = self.client.get(self.url("checklist_list"))
        self.assertContains(response, "newer version available")
        self.client.force_login(self.cast.nfp)
        self.assertContains(self.client.get(self.url("checklist_list")), "Adopt all")

    def test_the_empty_list_explains_the_two_blocks(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(self.url("checklist_list"))
        self.assertContains(response, "how the sector affects migration, and how migration affects the sector")

    def test_donors_get_403_and_other_processes_404(self):
        checklist = services.checklist_adopt(actor=self.cast.nfp, process=self.cast.process, template=self.current)
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(self.url("checklist_list")).status_code, 403)
        self.assertEqual(self.client.get(checklist.get_absolute_url()).status_code, 403)
        self.client.force_login(self.cast.outsider)
        url = reverse("situation_analysis:checklist_detail", args=[self.cast.other_process.pk, checklist.pk])
        self.assertEqual(self.client.get(url).status_code, 404)


class AdaptTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.template = make_template(per_block=6)
        cls.checklist = services.checklist_adopt(actor=cls.cast.nfp, process=cls.cast.process, template=cls.template)
        cls.other_process = cls.cast.other_process
        cls.other_copy = services.checklist_adopt(
            actor=cls.cast.outsider, process=cls.other_process, template=cls.template
        )

    def url(self, name, *args):
        return reverse(f"situation_analysis:{name}", args=[self.cast.process.pk, self.checklist.pk, *args])

    def question(self, code):
        return self.checklist.questions.get(code=code)

    def test_a_new_question_gets_the_next_free_code_of_its_block(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("question_create"), {"block": A, "text": "Do clinics serve returnees?", "guidance": "Ask NHIF"}
        )
        self.assertRedirects(response, self.checklist.get_absolute_url())
        added = self.question("A7")
        self.assertIsNone(added.source)
        self.assertEqual(added.position, 7)
        self.assertEqual(added.history.get().history_change_reason, "question.added")
        # Codes are never reused, even after a drop.
        services.question_drop(actor=self.cast.nfp, question=added, reason="Duplicate")
        self.assertEqual(
            services.question_add(actor=self.cast.nfp, checklist=self.checklist, block=A, text="x").code, "A8"
        )
        self.assertEqual(
            services.question_add(actor=self.cast.nfp, checklist=self.checklist, block=B, text="y").code, "B7"
        )
        detail = self.client.get(self.checklist.get_absolute_url())
        self.assertContains(detail, "Do clinics serve returnees?")
        self.assertContains(detail, "added")

    def test_bad_input_comes_back_beside_the_field_with_400(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(self.url("question_create"), {"block": "nonsense", "text": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("block", response.context["form"].errors)
        self.assertIn("text", response.context["form"].errors)
        question = self.question("A1")
        response = self.client.post(self.url("question_edit", question.pk), {"text": "", "position": "-1"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"text", "position"})
        response = self.client.post(self.url("question_drop", question.pk), {"reason": " "})
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        response = self.client.post(self.url("checklist_edit"), {"title": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("title", response.context["form"].errors)
        self.assertEqual(self.question("A1").text, question.text)
        self.assertFalse(self.question("A1").is_dropped)

    def test_rewording_touches_neither_the_template_nor_another_process(self):
        self.client.force_login(self.cast.nfp)
        question = self.question("A2")
        response = self.client.post(
            self.url("question_edit", question.pk),
            {"text": "Reworded for Meridia?", "guidance": "", "position": 2, "reason": "Local terms"},
        )
        self.assertRedirects(response, self.checklist.get_absolute_url())
        question.refresh_from_db()
        self.assertTrue(question.is_reworded)
        self.assertEqual(question.history.latest().history_change_reason, "question.reworded: Local terms")
        self.assertEqual(question.history.latest().history_user, self.cast.nfp)
        self.assertEqual(TemplateQuestion.objects.get(template=self.template, code="A2").text, "C5 v1 A2?")
        self.assertEqual(self.other_copy.questions.get(code="A2").text, "C5 v1 A2?")
        services.checklist_update(
            actor=self.cast.nfp, checklist=self.checklist, data={"title": "Health in Meridia"}, reason="Country"
        )
        self.template.refresh_from_db()
        self.other_copy.refresh_from_db()
        self.assertEqual((self.template.title, self.other_copy.title), ("Health", "Health"))
        self.assertContains(self.client.get(self.checklist.get_absolute_url()), "reworded")
        listed = {c.code: c for c in selectors.checklist_list(process=self.cast.process)}
        self.assertTrue(listed["C5"].is_adapted)
        self.assertFalse(selectors.checklist_list(process=self.other_process)[0].is_adapted)

    def test_drop_and_restore_keep_the_question_and_the_reasons(self):
        question = self.question("B3")
        self.client.force_login(self.cast.nfp)
        self.assertContains(self.client.get(self.url("question_drop", question.pk)), "Drop question B3")
        response = self.client.post(self.url("question_drop", question.pk), {"reason": "No nurses emigrate"})
        self.assertRedirects(response, self.checklist.get_absolute_url())
        question.refresh_from_db()
        self.assertTrue(question.is_dropped)
        self.assertFalse(self.other_copy.questions.get(code="B3").is_dropped)
        detail = self.client.get(self.checklist.get_absolute_url())
        self.assertContains(detail, "<del>B3 C5 v1 B3?</del>", html=False)
        self.assertEqual([q.code for q in detail.context["questions"].dropped], ["B3"])
        self.assertNotIn(question, detail.context["questions"].blocks[1].questions)
        response = self.client.post(self.url("question_restore", question.pk))
        self.assertRedirects(response, self.checklist.get_absolute_url())
        question.refresh_from_db()
        self.assertFalse(question.is_dropped)
        reasons = [row.history_change_reason for row in question.history.order_by("history_id")]
        self.assertEqual(reasons, ["question.copied", "question.dropped: No nurses emigrate", "question.restored"])
        self.assertTrue(all(row.history_user == self.cast.nfp for row in question.history.all()))
        # The history tab shows it.
        history = self.client.get(
            reverse("situation_analysis:checklist_history", args=[self.cast.process.pk, self.checklist.pk])
        )
        self.assertEqual(history.status_code, 200)
        # Restoring a question that is not dropped is refused, and nothing changes.
        with self.assertRaises(ValidationError):
            services.question_restore(actor=self.cast.nfp, question=question)

    def test_ministries_and_the_facilitator_read_but_do_not_adapt(self):
        question = self.question("A1")
        for user in (self.cast.own, self.cast.other, self.cast.facilitator):
            self.client.force_login(user)
            detail = self.client.get(self.checklist.get_absolute_url())
            self.assertEqual(detail.status_code, 200)
            self.assertNotContains(detail, "Add a question")
            self.assertEqual(self.client.post(self.url("question_drop", question.pk), {"reason": "x"}).status_code, 403)
            with self.assertRaises(PermissionDenied):
                services.question_drop(actor=user, question=question, reason="x")
            with self.assertRaises(PermissionDenied):
                services.question_add(actor=user, checklist=self.checklist, block=A, text="x")
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(self.checklist.get_absolute_url()).status_code, 403)
        self.assertFalse(ChecklistQuestion.objects.filter(is_dropped=True).exists())

    def test_a_question_of_another_checklist_answers_404(self):
        foreign = self.other_copy.questions.get(code="A1")
        self.client.force_login(self.cast.nfp)
        self.assertEqual(self.client.get(self.url("question_edit", foreign.pk)).status_code, 404)
        self.assertEqual(self.client.post(self.url("question_restore", foreign.pk)).status_code, 404)

    def test_the_detail_shows_the_introduction_stakeholders_version_and_comments(self):
        core_services.comment_add(actor=self.cast.facilitator, target=self.checklist, text="Add a question on HIV care")
        self.client.force_login(self.cast.nfp)
        response = self.client.get(self.checklist.get_absolute_url())
        for text in (
            "How health and migration affect each other.",
            "Nurses",
            "version 1",
            "Add a question on HIV care",
        ):
            self.assertContains(response, text)


class ChecklistQueryBudgetTests(TestCase):
    BUDGETS = {"checklist_list": 10, "checklist_detail": 12}

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.checklist = services.checklist_adopt(
            actor=cls.cast.nfp, process=cls.cast.process, template=make_template(per_block=2)
        )

    def grow(self, size):
        nfp = self.cast.nfp
        start = ChecklistTemplate.objects.count()
        for i in range(size):
            template = make_template(f"X{start + i}", sector=f"sector-{start + i}", per_block=2)
            if i % 2:
                copy = services.checklist_adopt(actor=nfp, process=self.cast.process, template=template)
                services.question_drop(actor=nfp, question=copy.questions.first(), reason="r")
            services.question_add(actor=nfp, checklist=self.checklist, block=A, text=f"Added {i}")
            question = services.question_add(actor=nfp, checklist=self.checklist, block=B, text=f"Added B {i}")
            services.question_drop(actor=nfp, question=question, reason="r")
            core_services.comment_add(actor=nfp, target=self.checklist, text=f"Comment {i}")
        for question in self.checklist.questions.filter(source__isnull=False):
            services.question_update(actor=nfp, question=question, data={"text": question.text + f" {size}"})

    def count(self, url):
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_pages_cost_the_same_queries_with_ten_times_the_data(self):
        self.client.force_login(self.cast.nfp)
        urls = {
            "checklist_list": reverse("situation_analysis:checklist_list", args=[self.cast.process.pk]),
            "checklist_detail": self.checklist.get_absolute_url(),
        }
        self.grow(2)
        small = {name: self.count(url) for name, url in urls.items()}
        self.grow(20)
        large = {name: self.count(url) for name, url in urls.items()}
        self.assertEqual(large, small)
        for name, count in large.items():
            self.assertLessEqual(count, self.BUDGETS[name], name)


class DemoTests(TestCase):
    def test_the_demo_adopts_five_checklists_adapts_one_and_records_six_sources_once(self):
        from mainstreaming.loaders import DemoCountry

        cast = make_cast()
        for code, sector in (("C1", "governance"), ("C4", "employment"), ("C5", "health"), ("C14", "diaspora")):
            make_template(code, sector=sector, title=sector.title())
        make_template("C9", sector="financial-sector", title="Financial sector")
        make_template("C6", sector="education", title="Education")
        demo = DemoCountry(
            process=cast.process,
            institutions={"NSO": cast.labour, "CBM": cast.health, "MoFAD": cast.health},
            users={"nfp": cast.nfp},
            admin=None,
        )
        demo_services.load_demo_records(demo)
        demo_services.load_demo_records(demo)
        self.assertEqual(set(cast.process.checklists.values_list("code", flat=True)), {"C1", "C4", "C5", "C9", "C14"})
        health = cast.process.checklists.get(code="C5")
        self.assertEqual(health.questions.filter(is_dropped=True).count(), 1)
        self.assertEqual(sum(q.is_reworded for q in health.questions.select_related("source")), 1)
        self.assertEqual(cast.process.data_sources.count(), 6)
        self.assertEqual(len(source_selectors.without_sex_breakdown(process=cast.process)), 1)
