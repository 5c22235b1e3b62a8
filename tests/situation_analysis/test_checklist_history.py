"""The checklist's History tab shows its questions' changes too: rewordings field by field, drops with reasons."""

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from situation_analysis.services import checklists as services
from tests.cast import make_cast
from tests.situation_analysis.test_checklists import make_template


class ChecklistHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.checklist = services.checklist_adopt(actor=cls.cast.nfp, process=cls.cast.process, template=make_template())

    def history(self):
        self.client.force_login(self.cast.facilitator)
        return self.client.get(
            reverse("situation_analysis:checklist_history", args=[self.cast.process.pk, self.checklist.pk])
        )

    def test_a_reworded_and_a_dropped_question_show_who_what_and_why(self):
        first, second = self.checklist.questions.order_by("block", "position")[:2]
        services.question_update(
            actor=self.cast.nfp, question=first, data={"text": "Reworded for our country"}, reason="Local terms"
        )
        services.question_drop(actor=self.cast.nfp, question=second, reason="Not relevant here")
        response = self.history()
        self.assertContains(response, "<ins>Reworded for our country</ins>", html=True)
        self.assertContains(response, "Local terms")
        self.assertContains(response, "question.dropped")
        self.assertContains(response, "Not relevant here")

    def test_the_tab_costs_the_same_queries_however_many_changes(self):
        def count():
            self.history()
            with CaptureQueriesContext(connection) as queries:
                self.history()
            return len(queries)

        questions = list(self.checklist.questions.all())
        services.question_update(actor=self.cast.nfp, question=questions[0], data={"text": "One"}, reason="r")
        few = count()
        for index, question in enumerate(questions):
            services.question_update(actor=self.cast.nfp, question=question, data={"text": f"Text {index}"}, reason="r")
            services.question_drop(actor=self.cast.nfp, question=question, reason="r")
        self.assertEqual(count(), few)
