"""
The situation-analysis PDF: a summary per sector with each approved checklist's assessments as a bar chart, the
approved answers in full (a checklist not yet approved is listed with its status, its answers never printed: the
report is publishable to development partners), the data series, the data gaps and the findings by sector. Built
by the core's pipeline, read in a fixed number of queries, downloadable by a partner only once published.
"""

import io
from datetime import date
from pathlib import Path

import pypdf
from django.conf import settings
from django.template.loader import render_to_string
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mainstreaming import report_kinds, services
from mainstreaming.choices import BuildStatus
from mainstreaming.models import Report
from situation_analysis.choices import Assessment, Significance
from situation_analysis.models import Answer, Finding
from situation_analysis.reports import SITUATION_ANALYSIS, situation_analysis_context
from situation_analysis.services import assignments as assignment_services
from situation_analysis.services import sources as source_services
from tests.cast import make_cast
from tests.situation_analysis.test_assignments import make_checklist, questions_of

DUE = date(2031, 6, 30)
SECTIONS = (
    "Summary by sector",
    "Where the checklists stand",
    "Checklist answers",
    "Migration-profile data",
    "Data gaps",
    "Findings",
)
APPROVED_NARRATIVE = "Quarvelle nurses leave for better pay"
DRAFT_NARRATIVE = "Draft-only Brontask remark"


def answer(cast, assignment, user, assessments, narrative, sources=()):
    questions = questions_of(assignment.checklist)
    changes = {
        question.pk: {
            "assessment": assessment,
            "narrative": f"{narrative} ({question.code})",
            "evidence": f"Staff survey 2024 ({question.code})",
            "data_sources": list(sources),
        }
        for question, assessment in zip(questions, assessments, strict=False)
    }
    return assignment_services.answers_save(
        actor=user, assignment=assignment, changes=changes, expected_version=assignment.version
    )


def fill(cast, suffix=""):
    """
    An approved Health checklist (answered yes, yes, partly, no), a Labour checklist in draft, one not assigned,
    a data source and a finding of the health sector drawn from the first approved answer.
    """
    nfp = cast.nfp
    survey = source_services.data_source_create(
        actor=nfp, process=cast.process, name=f"Health workforce survey{suffix}", kind="household_survey"
    )
    health = make_checklist(cast, f"RPH{suffix}", sector="rep-health")
    approved = assignment_services.assignment_create(actor=nfp, checklist=health, lead=cast.health, due_on=DUE)
    approved = answer(cast, approved, cast.own, ["yes", "yes", "partly", "no"], APPROVED_NARRATIVE, [survey])
    assignment_services.assignment_submit(actor=cast.own, assignment=approved)
    assignment_services.assignment_approve(actor=cast.facilitator, assignment=approved, note="Thorough")

    labour = make_checklist(cast, f"RPL{suffix}", sector="rep-labour")
    draft = assignment_services.assignment_create(actor=nfp, checklist=labour, lead=cast.labour, due_on=DUE)
    answer(cast, draft, cast.other, ["no", "no"], DRAFT_NARRATIVE)

    make_checklist(cast, f"RPU{suffix}", sector="rep-labour")
    finding = Finding.objects.create(
        process=cast.process,
        sector=health.sector,
        statement=f"Emigration of nurses leaves rural posts vacant{suffix}",
        significance=Significance.HIGH,
    )
    finding.answers.add(Answer.objects.get(assignment=approved, question__code="A1"))
    return approved


class ContextTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.approved = fill(cls.cast)

    def context(self):
        return situation_analysis_context(Report(process=self.cast.process), timezone.now())

    def test_the_approved_answers_are_in_with_their_evidence_and_sources(self):
        context = self.context()
        [checklist] = context["approved_checklists"]
        self.assertEqual(checklist.code, "RPH")
        questions = [question for block in checklist.blocks for question in block.questions]
        self.assertEqual([question.code for question in questions], ["A1", "A2", "B1", "B2"])
        first = questions[0].current_answer
        self.assertEqual(first.narrative, f"{APPROVED_NARRATIVE} (A1)")
        self.assertEqual(first.evidence, "Staff survey 2024 (A1)")
        self.assertEqual([source.name for source in first.source_list], ["Health workforce survey"])
        self.assertEqual(
            [finding.statement for finding in first.finding_list], ["Emigration of nurses leaves rural posts vacant"]
        )
        self.assertEqual(questions[1].current_answer.finding_list, [])

    def test_the_draft_answers_are_out_and_the_checklists_not_approved_are_listed_with_their_status(self):
        context = self.context()
        pending = {checklist.code: checklist for checklist in context["pending_checklists"]}
        self.assertEqual(set(pending), {"RPL", "RPU"})
        self.assertEqual((pending["RPL"].status_label, pending["RPU"].status_label), ("In draft", "Not assigned"))
        for checklist in pending.values():
            self.assertEqual((checklist.blocks, checklist.assessment_counts, checklist.assessment_chart), ([], [], ""))
        html = self.render(context)
        self.assertIn(APPROVED_NARRATIVE, html)
        self.assertNotIn(DRAFT_NARRATIVE, html)

    def test_each_approved_checklist_counts_its_assessments_by_value_in_a_bar_chart(self):
        [checklist] = self.context()["approved_checklists"]
        self.assertEqual(
            checklist.assessment_counts,
            [(Assessment.YES, "Yes", 2), (Assessment.PARTLY, "Partly", 1), (Assessment.NO, "No", 1)],
        )
        chart = str(checklist.assessment_chart)
        self.assertIn("<svg", chart)
        self.assertIn("Yes: 2; Partly: 1; No: 1; Don&#x27;t know: 0; Not applicable: 0", chart)

    def test_the_summary_groups_the_checklists_by_sector_with_lead_and_status(self):
        sectors = self.context()["sectors"]
        self.assertEqual([sector.name for sector in sectors], ["Rep-Health", "Rep-Labour"])
        self.assertEqual(
            [(c.code, c.status_label, getattr(c.current_assignment, "lead", None)) for c in sectors[1].checklists],
            [("RPL", "In draft", self.cast.labour), ("RPU", "Not assigned", None)],
        )

    def render(self, context):
        report = Report(process=self.cast.process, requested_by=self.cast.nfp)
        return render_to_string(
            "pdf/situation_analysis.html",
            {"report": report, "process": self.cast.process, "data_read_at": timezone.now(), **context},
        )

    def test_the_pdf_reads_and_renders_its_data_in_a_fixed_number_of_queries(self):
        def read_and_render():
            return self.render(self.context())

        read_and_render()  # content types and the like are cached after the first time
        with self.assertNumQueries(QUERIES):
            read_and_render()
        for i in range(1, 4):
            fill(self.cast, suffix=f"-{i}")
        with self.assertNumQueries(QUERIES):
            html = read_and_render()
        self.assertIn("RPH-3", html)


# The checklists (1), the approved ones' questions, answers, data sources and findings (4), the progress (1), the
# data series and their observations (2), the sources without a breakdown by sex for the data gaps (1), and the
# findings with the approved answers and the series they cite (3).
QUERIES = 12


class PipelineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        fill(cls.cast)

    def build(self):
        with self.captureOnCommitCallbacks(execute=True):
            report = services.report_request(actor=self.cast.nfp, process=self.cast.process, kind=SITUATION_ANALYSIS)
        report.refresh_from_db()
        self.assertEqual(report.status, BuildStatus.DONE, report.error)
        return report

    def test_it_is_a_listed_kind_offered_on_the_dashboard(self):
        self.assertIn(SITUATION_ANALYSIS, {spec.kind for spec in report_kinds.listed()})
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertContains(response, "Build the situation analysis (PDF)")

    def test_the_pdf_builds_and_reads_back_its_sections_the_approved_answers_and_a_finding(self):
        report = self.build()
        self.assertGreaterEqual(report.page_count, 3)
        reader = pypdf.PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        for title in SECTIONS:
            self.assertIn(title, text)
        self.assertIn(f"{APPROVED_NARRATIVE} (A1)", text)
        self.assertIn("Emigration of nurses leaves rural posts vacant", text)
        self.assertNotIn("Brontask", text)

    def test_a_partner_downloads_it_only_once_the_nfp_has_published_it(self):
        report = self.build()
        download = reverse("mainstreaming:report_download", args=[self.cast.process.pk, report.pk])
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(download).status_code, 404)
        listing = reverse("mainstreaming:report_list", args=[self.cast.process.pk])
        self.assertNotContains(self.client.get(listing), report.get_absolute_url())

        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("mainstreaming:report_publish", args=[self.cast.process.pk, report.pk]), {"reason": "For partners"}
        )
        self.assertEqual(response.status_code, 302)

        self.client.force_login(self.cast.donor)
        response = self.client.get(download)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
        self.assertContains(self.client.get(listing), "Situation analysis")
