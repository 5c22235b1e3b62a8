"""
The implementation plan's M&E section (part 3), frozen from monitoring with each version: the indicators by
result with their baselines, yearly targets, responsible institution, means of verification and frequency, and the
M&E plan. implementation_plans does not import monitoring; monitoring registers the section
(implementation_plans.extensions). A version frozen before the section existed says so in its PDF.
"""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdf
from django.conf import settings
from django.test import TestCase
from django.utils import timezone

from implementation_plans.extensions import freeze_sections
from implementation_plans.models import Plan, PlanVersion
from implementation_plans.reports import implementation_plan_context
from implementation_plans.services import plan as services
from mainstreaming.choices import BuildStatus
from mainstreaming.models import Report
from monitoring.models import Indicator, MEPlan
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_decision
from tests.monitoring.builders import make_indicator


def pdf_text(report) -> str:
    reader = pypdf.PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


class MESectionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast)
        Plan.objects.filter(process=cls.cast.process).update(
            rationale="Orientation first.", roles="Labour answers for the outputs.", fiduciary="Treasury account."
        )
        cls.indicator = make_indicator(
            cls.cast,
            cls.chain.outcome,
            name="Zorbelline workers oriented before departure",
            code="MD-7",
            targets={2027: Decimal("150"), 2028: Decimal("200")},
            means_of_verification="Quarterly training registers of the labour office",
            frequency="quarterly",
        )
        MEPlan.objects.create(
            process=cls.cast.process,
            reporting_frequency="annual",
            midterm_evaluation_on=date(2028, 6, 30),
            final_evaluation_on=date(2030, 6, 30),
            evaluation_schedule="Independent mid-term and final evaluations",
            budget_amount=Decimal("45000"),
            currency="USD",
            national_systems="The national statistics office's labour force survey",
        )

    def test_the_section_is_frozen_with_the_version_and_does_not_follow_later_edits(self):
        version = services.plan_submit(actor=self.cast.nfp, process=self.cast.process)
        Indicator.objects.filter(pk=self.indicator.pk).update(name="Renamed afterwards")
        section = PlanVersion.objects.get(pk=version.pk).snapshot["sections"]["monitoring"]
        (result,) = section["results"]
        self.assertEqual((result["level"], result["title"]), ("outcome", "Workers leave informed"))
        (indicator,) = result["indicators"]
        self.assertEqual(indicator["name"], "Zorbelline workers oriented before departure")
        self.assertEqual(indicator["baseline"], "100")
        self.assertEqual([(t["year"], t["value"]) for t in indicator["targets"]], [(2027, "150"), (2028, "200")])
        self.assertEqual(indicator["responsible"], str(self.cast.labour))
        self.assertEqual(indicator["frequency"], "quarterly")
        self.assertEqual(section["me_plan"]["budget_amount"], "45000.00")
        self.assertEqual(section["me_plan"]["midterm_evaluation_on"], "2028-06-30")

    def test_freezing_costs_a_fixed_number_of_queries(self):
        for index in range(5):
            make_indicator(self.cast, self.chain.output, name=f"More {index}", targets={2027: Decimal("1")})
        with self.assertNumQueries(8):
            freeze_sections(self.cast.process)

    def test_the_layout_labels_the_choices_in_the_readers_language(self):
        version = services.plan_submit(actor=self.cast.nfp, process=self.cast.process)
        report = Report(process=self.cast.process, parameters={"version": version.number})
        me = implementation_plan_context(report, timezone.now())["document"]["sections"]["monitoring"]
        self.assertEqual(me["results"][0]["level_label"], "Outcome")
        self.assertEqual(me["results"][0]["indicators"][0]["frequency_label"], "Quarterly")
        self.assertEqual(me["me_plan"]["reporting_frequency_label"], "Annual")
        self.assertEqual(me["indicator_count"], 1)

    def test_the_published_pdf_prints_the_m_and_e_section(self):
        nfp, process = self.cast.nfp, self.cast.process
        services.plan_submit(actor=nfp, process=process)
        services.plan_endorse(actor=nfp, process=process, decision=make_decision(self.cast))
        with self.captureOnCommitCallbacks(execute=True):
            version = services.plan_publish(actor=nfp, process=process)
        version.refresh_from_db()
        self.assertEqual(version.report.status, BuildStatus.DONE, version.report.error)
        text = pdf_text(version.report)
        part3 = text[text.index("set in the monitoring phase") :]
        for expected in (
            "Indicators by result",
            "Outcome: Workers leave informed",
            "MD-7 Zorbelline workers oriented before departure",
            "2027: 150; 2028: 200",
            "Quarterly training registers of the labour office",
            "Quarterly",
            "The M&E plan",
            "30 Jun 2028",
            "45,000.00 USD",
            "The national statistics office's labour force survey",
        ):
            self.assertIn(expected, part3)
        self.assertNotIn("was not part of this version", text)

    def test_a_version_frozen_before_the_section_existed_prints_the_framework_recorded_since(self):
        version = services.plan_submit(actor=self.cast.nfp, process=self.cast.process)
        snapshot = dict(version.snapshot)
        snapshot.pop("sections")
        PlanVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
        with self.captureOnCommitCallbacks(execute=True):
            from mainstreaming.services import report_request

            report = report_request(
                actor=self.cast.nfp,
                process=self.cast.process,
                kind=services.IMPLEMENTATION_PLAN,
                parameters={"version": version.number},
            )
        report.refresh_from_db()
        self.assertEqual(report.status, BuildStatus.DONE, report.error)
        text = pdf_text(report)
        # Part 3 is filled from the indicators and the M&E plan as they stand, and says they came after the version.
        self.assertIn("recorded in the monitoring phase after this version was frozen", text)
        self.assertIn("MD-7 Zorbelline workers oriented before departure", text)
        self.assertNotIn("was not part of this version", text)
