"""
The implementation-plan PDF: the handbook's three parts (background narrative, results/action matrix, M&E), with
a cover, contents, running headers and page numbers, printed from the version's frozen snapshot (not from the plan
as it stands), built by the core's pipeline when the version is published and then published to partners.
"""

import io
from pathlib import Path

import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from implementation_plans.models import Plan, Target
from implementation_plans.reports import implementation_plan_context, validate_parameters
from implementation_plans.services import plan as services
from mainstreaming import report_kinds
from mainstreaming.choices import BuildStatus, Visibility
from mainstreaming.models import Report
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_decision

RATIONALE = "Quorvane sequencing: orientation before departure"
PARTS = ("Part 1. Background narrative", "Part 2. Results and action matrix", "Part 3. Monitoring and evaluation")


class PlanReportCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast, activities=2)
        Target.objects.create(
            process=cls.cast.process,
            priority=cls.chain.priority,
            statement="Every worker leaves informed",
            indicator="Share of departing workers oriented",
            baseline="12%",
            target_value="85%",
        )
        Plan.objects.filter(process=cls.cast.process).update(
            rationale=RATIONALE, roles="Labour answers for the outputs.", fiduciary="Treasury single account."
        )

    def publish(self):
        nfp, process = self.cast.nfp, self.cast.process
        services.plan_submit(actor=nfp, process=process)
        services.plan_endorse(actor=nfp, process=process, decision=make_decision(self.cast))
        with self.captureOnCommitCallbacks(execute=True):
            version = services.plan_publish(actor=nfp, process=process)
        version.refresh_from_db()
        return version


class ContextTests(PlanReportCase):
    def test_the_context_is_the_versions_snapshot_laid_out_with_its_matrix_rows(self):
        version = services.plan_submit(actor=self.cast.nfp, process=self.cast.process)
        report = Report(process=self.cast.process, parameters={"version": version.number})
        context = implementation_plan_context(report, timezone.now())
        document = context["document"]
        self.assertEqual(context["version"], version)
        self.assertEqual(document["plan"]["rationale"], RATIONALE)
        first, second = document["matrix"]
        self.assertEqual(
            (first.goal, first.outcome, first.output, first.activity),
            (
                "Migration benefits development",
                "Workers leave informed",
                "Pre-departure orientation in place",
                "Train orientation trainers 1",
            ),
        )
        self.assertEqual(
            (first.responsible, first.starts_on, first.ends_on, first.cost),
            (str(self.cast.labour), "1 Jan 2027", "30 Jun 2027", "10,000.00"),
        )
        self.assertEqual(first.funding, ["Government budget: 4,000.00\xa0USD, secured"])
        self.assertEqual(
            (first.indicators, first.baselines, first.targets),
            (["Share of departing workers oriented"], ["12%"], ["85%"]),
        )
        # The next row of the same output repeats neither the goal, the outcome nor the output.
        self.assertEqual(
            (second.goal, second.outcome, second.output, second.activity), ("", "", "", "Train orientation trainers 2")
        )
        self.assertEqual(document["totals"]["cost"], "20,000.00")

    def test_the_timeline_is_the_timeline_pages_gantt_chart_drawn_from_the_snapshot(self):
        version = services.plan_submit(actor=self.cast.nfp, process=self.cast.process)
        report = Report(process=self.cast.process, parameters={"version": version.number})
        timeline = implementation_plan_context(report, timezone.now())["document"]["timeline"]
        self.assertIn('class="chart-gantt"', timeline)
        self.assertIn("Train orientation trainers 1: 1 Jan 2027 – 30 Jun 2027", timeline)
        self.assertIn("Outcome: Workers leave informed", timeline)
        # The page draws the same activities with the same code.
        self.client.force_login(self.cast.facilitator)
        page = self.client.get(reverse("implementation_plans:timeline", args=[self.cast.process.pk]))
        self.assertContains(page, "Train orientation trainers 1: 1 Jan 2027 – 30 Jun 2027")

    def test_it_prints_the_frozen_version_not_the_plan_as_it_stands(self):
        version = services.plan_submit(actor=self.cast.nfp, process=self.cast.process)
        Plan.objects.filter(process=self.cast.process).update(rationale="Edited later")
        context = implementation_plan_context(
            Report(process=self.cast.process, parameters={"version": 1}), timezone.now()
        )
        self.assertEqual(context["document"]["plan"]["rationale"], RATIONALE)
        html = render_to_string(
            "pdf/implementation_plan.html",
            {
                "report": Report(process=self.cast.process, requested_by=self.cast.nfp),
                "process": self.cast.process,
                "data_read_at": timezone.now(),
                **context,
            },
        )
        self.assertIn(RATIONALE, html)
        self.assertNotIn("Edited later", html)
        self.assertEqual(version.number, 1)

    def test_the_parameters_must_name_a_version_of_this_process(self):
        services.plan_submit(actor=self.cast.nfp, process=self.cast.process)
        validate_parameters(self.cast.process, {"version": 1})
        for bad in ({}, {"version": "x"}, {"version": True}, {"version": 7}):
            with self.subTest(parameters=bad), self.assertRaises(ValidationError):
                validate_parameters(self.cast.process, bad)
        with self.assertRaises(ValidationError):
            validate_parameters(self.cast.other_process, {"version": 1})

    def test_it_is_a_registered_kind_requested_from_the_plan_not_listed(self):
        spec = report_kinds.get(services.IMPLEMENTATION_PLAN)
        self.assertEqual(spec.template, "pdf/implementation_plan.html")
        self.assertNotIn(spec, report_kinds.listed())


class PipelineTests(PlanReportCase):
    def test_publishing_builds_a_real_pdf_with_the_three_parts_and_publishes_it_to_partners(self):
        version = self.publish()
        report = version.report
        self.assertEqual(report.status, BuildStatus.DONE, report.error)
        self.assertEqual(report.visibility, Visibility.PUBLISHED)
        self.assertGreaterEqual(report.page_count, 5)
        reader = pypdf.PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()))
        pages = [" ".join(page.extract_text().split()) for page in reader.pages]
        text = " ".join(pages)
        self.assertIn("Contents", pages[1])
        for part in PARTS:
            self.assertIn(part, text)
        self.assertIn(RATIONALE, text)
        self.assertIn("Train orientation trainers 2", text)
        self.assertIn("Share of departing workers oriented", text)
        self.assertIn("set in the monitoring phase", text)
        self.assertIn("Timeline", text)
        # Page numbers and running headers on the pages after the cover.
        self.assertIn(f"Page 2 of {len(pages)}", pages[1])
        self.assertTrue(any(page.startswith("Part 2. Results and action matrix") for page in pages[2:]), pages[2:])

    def test_a_partner_downloads_the_published_pdf_from_the_plans_page(self):
        from django.urls import reverse

        version = self.publish()
        self.client.force_login(self.cast.donor)
        page = self.client.get(reverse("implementation_plans:plan_detail", args=[self.cast.process.pk]))
        download = reverse("mainstreaming:report_download", args=[self.cast.process.pk, version.report.pk])
        self.assertContains(page, download)
        response = self.client.get(download)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))
