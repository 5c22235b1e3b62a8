"""
Findings: the services and their rules (the NFP only, evidence of the same process, a basis, a reason to delete, the
plan's hold), the links both ways (a finding's page names its answers and series; an answer and a series name the
findings drawn from them), what a ministry may read of a draft answer on a finding's page, the list's filters and
groups, the history of the citations, the report's selector, the demo, and the query budgets of the pages.
"""

import os
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mainstreaming.loaders import DemoCountry
from mainstreaming.models import Sector
from situation_analysis.choices import AssignmentStatus, SeriesTopic, Significance
from situation_analysis.demo import records as demo_services
from situation_analysis.models import Answer, Assignment, DataSeries, Finding
from situation_analysis.selectors import findings as selectors
from situation_analysis.selectors.assignments import question_order
from situation_analysis.services import assignments as assignment_services
from situation_analysis.services import checklists as checklist_services
from situation_analysis.services import findings as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory
from tests.situation_analysis.test_assignments import DUE, full_answers, make_checklist, questions_of
from tests.situation_analysis.test_checklists import make_template

DRAFT_NARRATIVE = "SAF draft: nurses leave for the Gulf"
APPROVED_NARRATIVE = "SAF approved: midwife posts stay vacant"


def answered(cast, code, sector, *, approve: bool, narrative: str, per_block=2) -> Assignment:
    """A checklist of the cast's process led by the Ministry of Health, answered, and approved when asked."""
    checklist = make_checklist(cast, code, sector=sector, per_block=per_block)
    assignment = assignment_services.assignment_create(
        actor=cast.nfp, checklist=checklist, lead=cast.health, due_on=DUE
    )
    assignment_services.answers_save(
        actor=cast.own,
        assignment=assignment,
        changes=full_answers(questions_of(checklist), narrative=narrative),
        expected_version=assignment.version,
    )
    if approve:
        assignment = Assignment.objects.get(pk=assignment.pk)
        assignment_services.assignment_submit(actor=cast.own, assignment=assignment)
        assignment_services.assignment_approve(
            actor=cast.facilitator, assignment=Assignment.objects.get(pk=assignment.pk)
        )
    return Assignment.objects.get(pk=assignment.pk)


def answers_of(assignment) -> list[Answer]:
    answers = Answer.objects.filter(assignment=assignment).select_related("question")
    return sorted(answers, key=lambda a: question_order(a.question.block, a.question.position, a.question.code))


class FindingCase(TestCase):
    """
    The cast; an approved health checklist and a draft one (both led by the Ministry of Health); two series; and
    an answer and a series of another process.
    """

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.approved = answered(cls.cast, "SAF5", "saf-health", approve=True, narrative=APPROVED_NARRATIVE)
        cls.draft = answered(cls.cast, "SAF4", "saf-employment", approve=False, narrative=DRAFT_NARRATIVE)
        cls.health = Sector.objects.get(code="saf-health")
        cls.employment = Sector.objects.get(code="saf-employment")
        cls.approved_answers = answers_of(cls.approved)
        cls.draft_answers = answers_of(cls.draft)
        process = cls.cast.process
        cls.remittances = DataSeries.objects.create(
            process=process, title="SAF remittance inflows", topic=SeriesTopic.REMITTANCES, unit="USD million"
        )
        cls.stocks = DataSeries.objects.create(
            process=process, title="SAF emigrant stock", topic=SeriesTopic.STOCKS, unit="persons"
        )
        # Evidence of another process, which no finding here may cite.
        elsewhere = cls.cast.other_process
        foreign_checklist = checklist_services.checklist_adopt(
            actor=cls.cast.outsider, process=elsewhere, template=make_template("SAF9", sector="saf-health", per_block=1)
        )
        foreign_assignment = Assignment.objects.create(
            process=elsewhere,
            checklist=foreign_checklist,
            lead=InstitutionFactory(process=elsewhere, name="Elsewhere Health"),
            due_on=DUE,
        )
        cls.foreign_answer = Answer.objects.create(
            process=elsewhere,
            assignment=foreign_assignment,
            question=foreign_checklist.questions.first(),
            assessment="yes",
        )
        cls.foreign_series = DataSeries.objects.create(
            process=elsewhere, title="SAF elsewhere series", topic=SeriesTopic.FLOWS, unit="persons"
        )

    def create(self, statement="SAF: health workers emigrate", **data):
        values = {"answers": [self.approved_answers[0]], "sector": self.health} | data
        return services.finding_create(actor=self.cast.nfp, process=self.cast.process, statement=statement, **values)

    def url(self, name, *args):
        return reverse(f"situation_analysis:{name}", args=[self.cast.process.pk, *args])


# ---------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------


class FindingServiceTests(FindingCase):
    def test_the_nfp_records_a_finding_citing_answers_and_series_and_the_history_says_who(self):
        finding = self.create(
            answers=self.approved_answers[:2], series=[self.remittances], significance=Significance.HIGH
        )
        self.assertEqual(set(finding.answers.all()), set(self.approved_answers[:2]))
        self.assertEqual(list(finding.series.all()), [self.remittances])
        self.assertEqual((finding.sector, finding.significance), (self.health, Significance.HIGH))
        rows = list(finding.history.order_by("history_id"))
        self.assertEqual([row.history_type for row in rows], ["+", "~"])
        self.assertEqual(
            {(row.history_user, row.history_change_reason) for row in rows}, {(self.cast.nfp, "finding.created")}
        )
        # The second row carries the citations.
        self.assertEqual({a.answer_id for a in rows[1].answers.all()}, {a.pk for a in self.approved_answers[:2]})
        self.assertEqual([s.dataseries_id for s in rows[1].series.all()], [self.remittances.pk])

    def test_a_finding_without_citations_but_with_a_detail_has_one_history_row(self):
        finding = self.create(answers=[], detail="The 2024 health staff survey, page 12.")
        self.assertEqual(finding.history.count(), 1)

    def test_an_answer_or_a_series_of_another_process_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.create(answers=[self.foreign_answer])
        self.assertIn("answers", caught.exception.error_dict)
        with self.assertRaises(ValidationError) as caught:
            self.create(answers=[], series=[self.foreign_series])
        self.assertIn("series", caught.exception.error_dict)
        finding = self.create()
        with self.assertRaises(ValidationError) as caught:
            services.finding_update(actor=self.cast.nfp, finding=finding, data={"series": [self.foreign_series]})
        self.assertIn("series", caught.exception.error_dict)
        self.assertEqual(Finding.objects.count(), 1)
        self.assertFalse(finding.series.exists())

    def test_a_finding_needs_a_basis_and_a_statement(self):
        with self.assertRaises(ValidationError) as caught:
            self.create(answers=[], series=[], detail="   ")
        self.assertIn("cite at least one checklist answer or data series", " ".join(caught.exception.messages))
        with self.assertRaises(ValidationError) as caught:
            self.create(statement="  ")
        self.assertIn("statement", caught.exception.error_dict)
        self.assertFalse(Finding.objects.exists())
        # Taking away every citation of an existing finding needs a detail too.
        finding = self.create()
        with self.assertRaises(ValidationError):
            services.finding_update(actor=self.cast.nfp, finding=finding, data={"answers": []})
        self.assertEqual(list(finding.answers.all()), [self.approved_answers[0]])
        services.finding_update(
            actor=self.cast.nfp, finding=finding, data={"answers": [], "detail": "Ministry's own staff census."}
        )
        self.assertFalse(finding.answers.exists())

    def test_only_the_nfp_writes_findings(self):
        finding = self.create()
        for role in ("own", "other", "facilitator", "donor", "outsider"):
            user = self.cast.user(role)
            with self.subTest(role=role):
                with self.assertRaises(PermissionDenied):
                    services.finding_create(
                        actor=user, process=self.cast.process, statement="X", detail="Y", sector=None
                    )
                with self.assertRaises(PermissionDenied):
                    services.finding_update(actor=user, finding=finding, data={"statement": "Changed"})
                with self.assertRaises(PermissionDenied):
                    services.finding_delete(actor=user, finding=finding, reason="No")
        finding.refresh_from_db()
        self.assertEqual((Finding.objects.count(), finding.statement), (1, "SAF: health workers emigrate"))

    def test_an_update_writes_one_history_row_with_the_new_citations_and_the_reason(self):
        finding = self.create(answers=self.approved_answers[:1], series=[self.remittances])
        before = finding.history.count()
        finding = services.finding_update(
            actor=self.cast.nfp,
            finding=finding,
            data={
                "statement": "SAF: health workers emigrate, mostly nurses",
                "significance": Significance.HIGH,
                "answers": [self.approved_answers[1], self.draft_answers[0]],
                "series": [self.stocks],
            },
            reason="The staff survey adds the nurses",
        )
        self.assertEqual(finding.history.count(), before + 1)
        row = finding.history.latest()
        self.assertEqual(
            (row.history_user, row.history_change_reason),
            (self.cast.nfp, "finding.updated: The staff survey adds the nurses"),
        )
        self.assertEqual(
            {a.answer_id for a in row.answers.all()}, {self.approved_answers[1].pk, self.draft_answers[0].pk}
        )
        self.assertEqual([s.dataseries_id for s in row.series.all()], [self.stocks.pk])
        # Saving what is already there writes nothing.
        services.finding_update(actor=self.cast.nfp, finding=finding, data={"series": [self.stocks]}, reason="Again")
        self.assertEqual(finding.history.count(), before + 1)

    def test_a_deletion_needs_a_reason_and_the_history_keeps_it(self):
        finding = self.create()
        with self.assertRaises(ValidationError) as caught:
            services.finding_delete(actor=self.cast.nfp, finding=finding, reason="  ")
        self.assertIn("reason", caught.exception.error_dict)
        self.assertTrue(Finding.objects.filter(pk=finding.pk).exists())
        pk = finding.pk
        services.finding_delete(actor=self.cast.nfp, finding=finding, reason="Merged with the nurses finding")
        self.assertFalse(Finding.objects.filter(pk=pk).exists())
        row = Finding.history.filter(id=pk).latest()
        self.assertEqual(
            (row.history_type, row.history_user, row.history_change_reason),
            ("-", self.cast.nfp, "finding.deleted: Merged with the nurses finding"),
        )
        self.assertEqual(self.approved_answers[0].findings.count(), 0)

    def test_a_deletion_is_refused_while_the_plan_relies_on_the_finding(self):
        from implementation_plans.models import Goal, Priority, Target

        finding = self.create()
        goal = Goal.objects.create(process=self.cast.process, statement="SAF goal")
        priority = Priority.objects.create(process=self.cast.process, goal=goal, title="SAF priority")
        Target.objects.create(process=self.cast.process, priority=priority, statement="SAF target", finding=finding)
        with self.assertRaises(ValidationError) as caught:
            services.finding_delete(actor=self.cast.nfp, finding=finding, reason="Obsolete")
        self.assertIn("remove it from the plan first", " ".join(caught.exception.messages))
        self.assertTrue(Finding.objects.filter(pk=finding.pk).exists())

    def test_a_later_phase_may_refuse_a_deletion_through_a_registered_check(self):
        finding = self.create()

        def cited(candidate):
            return "A priority cites this finding." if candidate.pk == finding.pk else ""

        services.register_delete_check(cited)
        self.addCleanup(services.unregister_delete_check, cited)
        with self.assertRaises(ValidationError) as caught:
            services.finding_delete(actor=self.cast.nfp, finding=finding, reason="Obsolete")
        self.assertEqual(caught.exception.messages, ["A priority cites this finding."])
        self.assertTrue(Finding.objects.filter(pk=finding.pk).exists())


# ---------------------------------------------------------------------------
# Selectors: links both ways, the list, the report
# ---------------------------------------------------------------------------


class FindingSelectorTests(FindingCase):
    def test_answers_and_series_name_the_findings_drawn_from_them(self):
        first = self.create("SAF: first", answers=self.approved_answers[:2], series=[self.remittances])
        second = self.create("SAF: second", answers=self.approved_answers[1:2])
        links = selectors.findings_for_answers([a.pk for a in self.approved_answers])
        self.assertEqual(links[self.approved_answers[0].pk], [first])
        self.assertEqual(links[self.approved_answers[1].pk], [first, second])
        self.assertNotIn(self.approved_answers[2].pk, links)
        self.assertEqual(selectors.findings_for_series(self.remittances), [first])
        self.assertEqual(selectors.findings_for_series(self.stocks), [])

    def test_the_list_filters_by_sector_and_significance_and_counts_the_citations(self):
        high = self.create("SAF: high", significance=Significance.HIGH, series=[self.remittances, self.stocks])
        low = self.create(
            "SAF: low", significance=Significance.LOW, answers=self.draft_answers[:3], sector=self.employment
        )
        across = self.create("SAF: across", sector=None, significance=Significance.MEDIUM)
        process = self.cast.process
        everything = selectors.finding_list(process=process)
        self.assertEqual(everything, [high, across, low])  # the most significant first
        self.assertEqual([(f.answer_count, f.series_count) for f in everything], [(1, 2), (1, 0), (3, 0)])
        self.assertEqual(selectors.finding_list(process=process, sector="saf-employment"), [low])
        self.assertEqual(selectors.finding_list(process=process, sector=selectors.CROSS_CUTTING), [across])
        self.assertEqual(selectors.finding_list(process=process, significance=Significance.HIGH), [high])
        self.assertEqual(selectors.finding_list(process=process, sector="saf-health", significance="low"), [])
        groups = selectors.group_by_sector(everything)
        self.assertEqual([g.label for g in groups], ["Across sectors", "Saf-Employment", "Saf-Health"])
        self.assertEqual(set(selectors.finding_sectors(process=process)), {self.health, self.employment})

    def test_the_report_cites_approved_answers_only(self):
        finding = self.create(
            answers=[self.approved_answers[0], self.draft_answers[0]], series=[self.stocks], significance="high"
        )
        self.create("SAF: across", sector=None, answers=[self.draft_answers[1]])
        with self.assertNumQueries(3):
            groups = selectors.findings_for_report(self.cast.process)
        self.assertEqual([g.label for g in groups], ["Across sectors", "Saf-Health"])
        printed = groups[1].findings[0]
        self.assertEqual(printed, finding)
        self.assertEqual(
            [(r.checklist_code, r.question_code, r.lead, r.assessment) for r in printed.answer_refs],
            [("SAF5", self.approved_answers[0].question.code, "Ministry of Health", "Yes")],
        )
        self.assertEqual(printed.series_list, [self.stocks])
        self.assertEqual(groups[0].findings[0].answer_refs, [])

    def test_the_form_offers_the_answers_grouped_by_checklist_in_one_query(self):
        with self.assertNumQueries(2):
            choices = selectors.finding_form_choices(process=self.cast.process)
        self.assertEqual(
            [label for label, _options in choices.answer_groups], ["SAF4 Checklist SAF4", "SAF5 Checklist SAF5"]
        )
        draft_labels = [label for _pk, label in choices.answer_groups[0][1]]
        self.assertTrue(all("In draft" in label for label in draft_labels), draft_labels)
        self.assertNotIn(self.foreign_answer.pk, choices.answers)
        self.assertEqual(list(choices.series), [self.stocks.pk, self.remittances.pk])


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class FindingPageTests(FindingCase):
    def test_the_finding_page_links_to_its_answers_and_series(self):
        answer = self.approved_answers[0]
        finding = self.create(answers=[answer], series=[self.remittances])
        self.client.force_login(self.cast.other)
        response = self.client.get(finding.get_absolute_url())
        answer_url = reverse("situation_analysis:assignment_detail", args=[self.cast.process.pk, self.approved.pk])
        self.assertContains(response, f'href="{answer_url}#answer-{answer.question_id}"')
        self.assertContains(response, answer.question.text)
        self.assertContains(response, "SAF remittance inflows")
        self.assertContains(response, self.url("finding_history", finding.pk))
        self.assertNotContains(response, self.url("finding_edit", finding.pk))  # a ministry does not edit

    def test_the_answer_page_names_the_findings_drawn_from_its_answers(self):
        finding = self.create("SAF: vacant posts in the districts", answers=[self.approved_answers[0]])
        self.client.force_login(self.cast.own)
        response = self.client.get(self.approved.get_absolute_url())
        self.assertContains(response, finding.get_absolute_url())
        self.assertContains(response, "SAF: vacant posts in the districts")

    def test_a_ministry_reads_on_a_finding_page_only_the_answers_it_may_read(self):
        approved, draft = self.approved_answers[0], self.draft_answers[0]
        finding = self.create(answers=[approved, draft])
        readers = {"own": True, "nfp": True, "facilitator": True, "other": False}
        for role, reads_drafts in readers.items():
            with self.subTest(role=role):
                self.client.force_login(self.cast.user(role))
                response = self.client.get(finding.get_absolute_url())
                self.assertContains(response, APPROVED_NARRATIVE)  # approved answers: every internal reader
                self.assertContains(response, draft.question.text)  # the question is never hidden
                if reads_drafts:
                    self.assertContains(response, DRAFT_NARRATIVE)
                    self.assertNotContains(response, "Answer not yet approved")
                else:
                    self.assertNotContains(response, DRAFT_NARRATIVE)
                    self.assertContains(response, "Answer not yet approved", count=1)
        # Once the checklist is approved, the other ministry reads it too.
        assignment_services.assignment_submit(actor=self.cast.own, assignment=Assignment.objects.get(pk=self.draft.pk))
        assignment_services.assignment_approve(
            actor=self.cast.facilitator, assignment=Assignment.objects.get(pk=self.draft.pk)
        )
        self.client.force_login(self.cast.other)
        response = self.client.get(finding.get_absolute_url())
        self.assertContains(response, DRAFT_NARRATIVE)
        self.assertNotContains(response, "Answer not yet approved")

    def test_the_history_tab_shows_the_citations_without_the_answers_content(self):
        finding = self.create(answers=[self.draft_answers[0]])
        services.finding_update(
            actor=self.cast.nfp,
            finding=finding,
            data={"answers": [self.draft_answers[1]], "series": [self.remittances]},
            reason="Better evidence",
        )
        self.client.force_login(self.cast.other)
        response = self.client.get(self.url("finding_history", finding.pk))
        first, second = (f"SAF4 {a.question.code}" for a in self.draft_answers[:2])
        entry = response.context["entries"][0]
        changes = {change.label: (change.old, change.new) for change in entry.changes}
        self.assertEqual(changes["checklist answers"], (first, second))
        self.assertEqual(changes["data series"], ("—", "SAF remittance inflows"))
        self.assertEqual((entry.code, entry.reason), ("finding.updated", "Better evidence"))
        self.assertContains(response, "Better evidence")
        self.assertNotContains(response, ": Yes")  # the core's label of an answer carries its assessment

    def test_the_nfp_draws_a_finding_from_an_answer(self):
        answer = self.approved_answers[1]
        self.client.force_login(self.cast.nfp)
        form_page = self.client.get(self.url("finding_create"), {"answer": answer.pk})
        self.assertEqual(form_page.context["form"].initial, {"answers": [answer.pk], "sector": self.health.pk})
        self.assertRegex(form_page.content.decode(), rf'value="{answer.pk}"[^>]*checked')
        from_series = self.client.get(self.url("finding_create"), {"series": self.stocks.pk, "answer": "x"})
        self.assertEqual(from_series.context["form"].initial, {"series": [self.stocks.pk]})
        response = self.client.post(
            self.url("finding_create"),
            {
                "statement": "SAF: recognition takes nine months",
                "sector": self.health.pk,
                "significance": "medium",
                "answers": [answer.pk],
                "series": [self.stocks.pk],
            },
        )
        finding = Finding.objects.get()
        self.assertRedirects(response, finding.get_absolute_url())
        self.assertEqual((list(finding.answers.all()), list(finding.series.all())), ([answer], [self.stocks]))

    def test_bad_input_comes_back_beside_the_field_with_400_and_nothing_is_lost(self):
        finding = self.create("SAF: kept as it was")
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("finding_create"),
            {"statement": "", "significance": "huge", "answers": [self.foreign_answer.pk], "series": ["x"]},
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"statement", "significance", "answers", "series"})
        # No evidence and no detail: the service's message comes back above the form.
        response = self.client.post(self.url("finding_create"), {"statement": "SAF: unfounded", "significance": "low"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("cite at least one checklist answer", " ".join(response.context["form"].non_field_errors()))
        self.assertContains(response, "cite at least one checklist answer", status_code=400)
        response = self.client.post(
            self.url("finding_edit", finding.pk),
            {"statement": "SAF: changed", "significance": "low", "reason": "Try"},
        )
        self.assertEqual(response.status_code, 400)
        finding.refresh_from_db()
        self.assertEqual(
            (finding.statement, list(finding.answers.all())), ("SAF: kept as it was", [self.approved_answers[0]])
        )
        self.assertEqual(Finding.objects.count(), 1)

    def test_the_nfp_edits_a_finding_and_the_history_keeps_the_reason(self):
        finding = self.create()
        self.client.force_login(self.cast.nfp)
        form_page = self.client.get(self.url("finding_edit", finding.pk))
        self.assertEqual(form_page.context["form"].initial["answers"], [self.approved_answers[0].pk])
        response = self.client.post(
            self.url("finding_edit", finding.pk),
            {
                "statement": "SAF: health workers emigrate, nurses first",
                "sector": "",
                "significance": "high",
                "answers": [self.approved_answers[0].pk],
                "series": [self.remittances.pk],
                "reason": "Across sectors after all",
            },
        )
        self.assertRedirects(response, finding.get_absolute_url())
        finding.refresh_from_db()
        self.assertEqual((finding.sector, finding.significance), (None, "high"))
        self.assertEqual(finding.history.latest().history_change_reason, "finding.updated: Across sectors after all")

    def test_deleting_asks_for_a_reason_on_a_confirmation_page(self):
        finding = self.create("SAF: to be merged")
        self.client.force_login(self.cast.nfp)
        page = self.client.get(self.url("finding_delete", finding.pk))
        self.assertContains(page, "SAF: to be merged")
        self.assertContains(page, "The history keeps it")
        response = self.client.post(self.url("finding_delete", finding.pk), {"reason": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        response = self.client.post(self.url("finding_delete", finding.pk), {"reason": "Merged"})
        self.assertRedirects(response, self.url("finding_list"))
        self.assertFalse(Finding.objects.exists())
        self.assertEqual(self.client.get(self.url("finding_detail", finding.pk)).status_code, 404)

    def test_a_deletion_the_plan_refuses_comes_back_with_400(self):
        from implementation_plans.models import Goal, Priority, Target

        finding = self.create()
        goal = Goal.objects.create(process=self.cast.process, statement="SAF goal")
        priority = Priority.objects.create(process=self.cast.process, goal=goal, title="SAF priority")
        Target.objects.create(process=self.cast.process, priority=priority, statement="SAF target", finding=finding)
        self.client.force_login(self.cast.nfp)
        response = self.client.post(self.url("finding_delete", finding.pk), {"reason": "Obsolete"})
        self.assertContains(response, "remove it from the plan first", status_code=400)
        self.assertTrue(Finding.objects.filter(pk=finding.pk).exists())

    def test_the_list_groups_by_sector_and_filters(self):
        self.create("SAF: nurses leave", significance=Significance.HIGH)
        self.create("SAF: youth unemployment", sector=self.employment, significance=Significance.LOW)
        self.create("SAF: no data by sex", sector=None)
        self.client.force_login(self.cast.other)
        response = self.client.get(self.url("finding_list"))
        content = response.content.decode()
        headings = re.findall(r'<h2 id="sector-[^"]+">([^<]+)</h2>', content)
        self.assertEqual(headings, ["Across sectors", "Saf-Employment", "Saf-Health"])
        self.assertNotContains(response, "Record a finding")
        filtered = self.client.get(self.url("finding_list"), {"sector": "saf-employment"})
        self.assertEqual(
            [f.statement for g in filtered.context["groups"] for f in g.findings], ["SAF: youth unemployment"]
        )
        filtered = self.client.get(self.url("finding_list"), {"significance": "high", "sector": "bogus"})
        self.assertEqual(filtered.context["sector"], "")
        self.assertEqual([f.statement for g in filtered.context["groups"] for f in g.findings], ["SAF: nurses leave"])
        none = self.client.get(self.url("finding_list"), {"sector": "saf-health", "significance": "low"})
        self.assertContains(none, "No finding matches this filter.")

    def test_the_empty_list_explains_where_findings_come_from(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(self.url("finding_list"))
        self.assertContains(response, "Findings are drawn from the approved answers to the sector checklists")
        self.assertContains(response, "Record the first finding")
        self.client.force_login(self.cast.own)
        response = self.client.get(self.url("finding_list"))
        self.assertContains(response, "Findings are drawn from the approved answers")
        self.assertNotContains(response, "Record the first finding")

    def test_the_finding_page_has_comments_for_the_reviewers(self):
        finding = self.create()
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(finding.get_absolute_url())
        self.assertContains(response, "Add comment")
        self.client.force_login(self.cast.other)
        self.assertNotContains(self.client.get(finding.get_absolute_url()), "Add comment")


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------


class FindingQueryBudgetTests(FindingCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        # A draft checklist of 20 questions, for a finding that cites many answers another ministry may not read.
        cls.big_draft = answered(cls.cast, "SAF6", "saf-health", approve=False, narrative="Big", per_block=10)
        cls.big_answers = answers_of(cls.big_draft)
        cls.many_series = [
            DataSeries.objects.create(process=cls.cast.process, title=f"SAF series {i}", topic="flows", unit="persons")
            for i in range(20)
        ]

    def count(self, user, url) -> int:
        self.client.force_login(user)
        self.client.get(url)  # warm the caches that live for the whole process (content types, sessions)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def findings(self, n):
        for i in range(n):
            self.create(
                f"SAF: finding {i}",
                answers=self.big_answers[i % 3 : i % 3 + 2],
                series=self.many_series[:2],
                sector=(self.health, self.employment, None)[i % 3],
            )

    def test_the_list_costs_the_same_for_2_and_20_findings(self):
        self.findings(2)
        small = {role: self.count(self.cast.user(role), self.url("finding_list")) for role in ("nfp", "other")}
        self.findings(18)
        large = {role: self.count(self.cast.user(role), self.url("finding_list")) for role in ("nfp", "other")}
        self.assertEqual(small, large)
        self.assertLessEqual(max(large.values()), 12)

    def test_a_finding_page_costs_the_same_with_2_and_20_citations(self):
        small = self.create(
            "SAF: small", answers=self.big_answers[:1] + self.approved_answers[:1], series=self.many_series[:2]
        )
        large = self.create(
            "SAF: large", answers=self.big_answers[:19] + self.approved_answers[:1], series=self.many_series
        )
        for role in ("nfp", "own", "other", "facilitator"):
            with self.subTest(role=role):
                user = self.cast.user(role)
                counts = [self.count(user, small.get_absolute_url()), self.count(user, large.get_absolute_url())]
                self.assertEqual(counts[0], counts[1])
                self.assertLessEqual(counts[1], 20)

    def test_the_edit_form_costs_the_same_with_2_and_20_citations(self):
        small = self.create("SAF: small", answers=self.big_answers[:2], series=self.many_series[:2])
        large = self.create("SAF: large", answers=self.big_answers[:20], series=self.many_series)
        counts = [self.count(self.cast.nfp, self.url("finding_edit", f.pk)) for f in (small, large)]
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 12)
        self.assertLessEqual(self.count(self.cast.nfp, self.url("finding_create")), 10)


# ---------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------


class FindingDemoTests(TestCase):
    def test_the_demo_findings_cite_the_demo_answers_and_series_and_load_twice_harmlessly(self):
        call_command("load_reference", stdout=open(os.devnull, "w"))
        cast = make_cast()
        statistics = InstitutionFactory(process=cast.process, name="Statistics", acronym="NSO")
        foreign = InstitutionFactory(process=cast.process, name="Foreign Affairs", acronym="MoFAD")
        demo = DemoCountry(
            process=cast.process,
            institutions={
                "NSO": statistics,
                "CBM": statistics,
                "MoFAD": foreign,
                "MoH": cast.health,
                "MoLSP": cast.labour,
            },
            users={"nfp": cast.nfp, "health": cast.own, "labour": cast.other, "facilitator": cast.facilitator},
            admin=None,
        )
        demo_services.load_demo_records(demo)
        assignment_services.load_demo_assignments(demo)
        remittances = DataSeries.objects.create(
            process=cast.process, title="Remittance inflows", topic=SeriesTopic.REMITTANCES, unit="USD million"
        )
        services.load_demo_findings(demo)
        services.load_demo_findings(demo)
        findings = Finding.objects.filter(process=cast.process)
        self.assertEqual(findings.count(), len(services.DEMO_FINDINGS))
        self.assertGreaterEqual(findings.count(), 5)
        self.assertEqual(set(findings.values_list("significance", flat=True)), set(Significance.values))
        self.assertTrue(findings.filter(sector__isnull=True).exists())
        vacant = findings.get(statement__startswith="The emigration of nurses")
        self.assertEqual(sorted(a.question.code for a in vacant.answers.select_related("question")), ["A1", "B1"])
        self.assertEqual(vacant.sector.code, "health")
        youth = findings.get(statement__startswith="Youth unemployment")
        self.assertEqual(youth.answers.get().assignment.status, AssignmentStatus.APPROVED)
        money = findings.get(statement__startswith="Remittances are")
        self.assertEqual(list(money.series.all()), [remittances])
        self.assertFalse(money.answers.exists())  # the financial checklist is not answered in the demo
