"""
Numbers, amounts and dates in the reader's language across the application: a French reader sees
"362 300,00 USD" (non-breaking spaces) and "1 jan. 2027", an English one "362,300.00 USD" and "1 Jan 2027", on
the pages, in a PDF and in the forms, which take "15,1" in French; the .xlsx exports hold real numbers and dates
with formats that Excel and LibreOffice show in their reader's language.
"""

import html
import io
from decimal import Decimal
from pathlib import Path

import pypdf
from django.conf import settings
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from implementation_plans.choices import BudgetCategory
from implementation_plans.models import BudgetLine, Plan
from implementation_plans.services import plan as plan_services
from mainstreaming import l10n
from monitoring.exports import indicator_workbook
from monitoring.models import ActivityUpdate, IndicatorValue
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_decision
from tests.monitoring.builders import make_period, make_reported_indicator
from tests.monitoring.test_reporting_views import ReportingCase

AMOUNT = {"fr": "362\xa0300,00\xa0USD", "en": "362,300.00\xa0USD"}
FIRST_DAY = {"fr": "1 jan. 2027", "en": "1 Jan 2027"}  # the activities' start, 2027-01-01


def visible_text(response) -> str:
    """The page as its reader sees it: entities such as &nbsp; turned into their characters."""
    return html.unescape(response.content.decode())


class PlanFiguresCase(TestCase):
    """A plan whose one activity costs 10,000 + 352,300 = 362,300 USD, starting on 1 January 2027."""

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast)
        BudgetLine.objects.create(
            process=cls.cast.process,
            activity=cls.chain.activities[0],
            year=2027,
            category=BudgetCategory.TRAINING,
            amount=Decimal("352300"),
            currency="USD",
        )

    def read(self, path, language, user=None) -> str:
        self.client.force_login(user or self.cast.nfp)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = self.client.get(path)
        self.assertEqual(response.status_code, 200)
        return visible_text(response)

    def plan_url(self, name, *args):
        return reverse(f"implementation_plans:{name}", args=[self.cast.process.pk, *args])


class PageTests(PlanFiguresCase):
    def test_the_plan_and_the_dashboard_show_the_cost_in_the_readers_language(self):
        dashboard = reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk])
        for language, amount in AMOUNT.items():
            with self.subTest(language=language):
                self.assertIn(amount, self.read(self.plan_url("plan_detail"), language))
                self.assertIn(amount, self.read(dashboard, language))
                self.assertIn(amount, self.read(self.plan_url("budget_overview"), language))

    def test_dates_read_in_one_style_per_language_on_several_pages(self):
        make_period(self.cast)  # from 2027-01-01
        pages = [
            self.plan_url("activity_detail", self.chain.activities[0].pk),
            self.plan_url("timeline"),
            self.plan_url("plan_detail"),
            reverse("monitoring:period_list", kwargs={"process_pk": self.cast.process.pk}),
        ]
        for language, day in FIRST_DAY.items():
            for path in pages:
                with self.subTest(language=language, page=path):
                    text = self.read(path, language)
                    self.assertIn(day, text)
                    self.assertNotIn(">2027-01-01<", text)  # ISO only in machine-readable attributes
                    self.assertNotIn("01/01/2027", text)


class PdfTests(PlanFiguresCase):
    def test_a_plan_pdf_built_for_a_french_reader_writes_its_figures_and_dates_in_french(self):
        nfp, process = self.cast.nfp, self.cast.process
        Plan.objects.filter(process=process).update(rationale="Sequencing.", roles="Labour.", fiduciary="Treasury.")
        with translation.override("fr"):
            plan_services.plan_submit(actor=nfp, process=process)
            plan_services.plan_endorse(actor=nfp, process=process, decision=make_decision(self.cast))
            with self.captureOnCommitCallbacks(execute=True):
                version = plan_services.plan_publish(actor=nfp, process=process)
        version.refresh_from_db()
        report = version.report
        reader = pypdf.PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        self.assertIn("362 300,00 USD", text)
        self.assertIn(FIRST_DAY["fr"], text)
        self.assertNotIn("362300.00", text)
        self.assertNotIn("2027-01-01", text)


class ReportFormTests(ReportingCase):
    def post_in(self, language, report, **overrides):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return self.post("other", "report_edit", self.filled(report, **overrides), pk=report.pk)

    def test_a_french_value_with_a_decimal_comma_is_stored_and_shown_again_in_french(self):
        _period, report = self.open_period()
        value_field = f"indicator-{self.remittances.pk}-value"
        spent_field = f"activity-{self.activity.pk}-spent"
        response = self.post_in("fr", report, **{value_field: "15,1", spent_field: "2\u202f500,50"})
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context["form"].errors
        )
        self.assertEqual(IndicatorValue.objects.get(report=report, indicator=self.remittances).value, Decimal("15.1"))
        self.assertEqual(ActivityUpdate.objects.get(report=report, activity=self.activity).spent, Decimal("2500.50"))
        edit = reverse("monitoring:report_edit", kwargs={"process_pk": self.process.pk, "pk": report.pk})
        form = visible_text(self.client.get(edit))
        self.assertIn(f'name="{value_field}" value="15,1"', form)
        self.assertIn(f'name="{spent_field}" value="2500,5"', form)

    def test_an_english_value_with_a_decimal_point_is_stored_and_a_decimal_comma_refused(self):
        _period, report = self.open_period()
        value_field = f"indicator-{self.remittances.pk}-value"
        response = self.post_in("en", report, **{value_field: "15,1"})
        self.assertEqual(response.status_code, 400)
        self.assertIn(value_field, response.context["form"].errors)
        response = self.post_in("en", report, **{value_field: "15.1"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(IndicatorValue.objects.get(report=report, indicator=self.remittances).value, Decimal("15.1"))


class WorkbookTests(PlanFiguresCase):
    def test_the_indicator_export_holds_numbers_and_dates_with_formats_the_reader_sees_localised(self):
        make_reported_indicator(self.cast, self.chain.outcome, values=(Decimal("1250.5"), Decimal("70")))
        workbook = load_workbook(io.BytesIO(indicator_workbook(actor=self.cast.nfp, process=self.cast.process)))
        sheet = workbook["Approved values"]
        header = [cell.value for cell in sheet[1]]
        first = dict(zip(header, sheet[2], strict=True))
        self.assertTrue(first["Period starts"].is_date)
        self.assertEqual(first["Period starts"].number_format, l10n.XLSX_DATE)
        self.assertEqual(first["Value"].value, Decimal("1250.5"))
        self.assertEqual(first["Value"].number_format, "#,##0.0")

    def test_the_results_matrix_export_groups_thousands_and_holds_real_dates(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(self.plan_url("matrix_export"))
        sheet = load_workbook(io.BytesIO(response.content))["Results matrix"]
        header = [cell.value for cell in sheet[1]]
        first = dict(zip(header, sheet[2], strict=True))
        self.assertEqual(first["Cost (USD)"].value, 362300)
        self.assertEqual(first["Cost (USD)"].number_format, "#,##0.00")
        self.assertTrue(first["Start"].is_date)
        self.assertEqual(first["Start"].number_format, l10n.XLSX_DATE)
