"""
The indicator data as .xlsx: a sheet of indicators (with their targets by year, value to date and progress) and a
sheet of approved values by period (breakdowns, revision, reason for a correction). Internal readers only; never a
draft; a fixed number of queries whatever the data.
"""

import io
from decimal import Decimal

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from monitoring.exports import indicator_workbook
from monitoring.models import IndicatorValue, ProgressReport
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain
from tests.monitoring.builders import make_indicator, make_report, make_reported_indicator, make_value


class ExportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast)
        cls.reported = make_reported_indicator(
            cls.cast,
            cls.chain.outcome,
            name="Quillon workers oriented",
            code="QW-1",
            disaggregations=["sex"],
            means_of_verification="Training registers",
        )
        first, second = cls.reported.values
        IndicatorValue.objects.filter(pk=first.pk).update(disaggregation={"sex": {"women": "15", "men": "25"}})
        IndicatorValue.objects.filter(pk=second.pk).update(is_current=False)
        make_value(
            cls.reported.reports[1], cls.reported.indicator, "75", revision=2, correction_reason="Typo in the register"
        )
        cls.health_indicator = make_indicator(
            cls.cast, cls.chain.output, responsible=cls.cast.health, name='=HYPERLINK("http://x")'
        )
        draft = make_report(cls.cast, cls.reported.periods[0], cls.cast.health)
        make_value(draft, cls.health_indicator, "999")

    def url(self):
        return reverse("monitoring:indicator_export", args=[self.cast.process.pk])

    def workbook(self, user=None):
        self.client.force_login(user or self.cast.nfp)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertIn(".xlsx", response["Content-Disposition"])
        return load_workbook(io.BytesIO(response.content))

    def rows(self, sheet):
        header, *rows = list(sheet.iter_rows(values_only=True))
        return [dict(zip(header, row, strict=True)) for row in rows]

    def test_the_indicators_sheet_has_every_indicator_with_targets_to_date_and_progress(self):
        book = self.workbook()
        self.assertEqual(book.sheetnames, ["Indicators", "Approved values"])
        quillon, health = self.rows(book["Indicators"])
        self.assertEqual((quillon["Code"], quillon["Indicator"]), ("QW-1", "Quillon workers oriented"))
        self.assertEqual((quillon["Result level"], quillon["Result"]), ("Outcome", "Workers leave informed"))
        self.assertEqual((quillon["Target 2027"], quillon["Target 2028"]), (150, 200))
        self.assertEqual(quillon["Baseline"], 100)
        self.assertEqual(quillon["To date"], 115)
        self.assertTrue(quillon["Progress"])
        self.assertEqual(quillon["Share of the way to the target (%)"], 15)
        self.assertEqual(quillon["Responsible institution"], str(self.cast.labour))
        self.assertEqual(quillon["Means of verification"], "Training registers")
        self.assertEqual(quillon["Disaggregated by"], "Sex")
        # The health ministry's draft value counts for nothing.
        self.assertIsNone(health["To date"])
        self.assertEqual(health["Result level"], "Output")

    def test_the_values_sheet_has_the_current_approved_revisions_only(self):
        values = self.rows(self.workbook()["Approved values"])
        self.assertEqual(
            [(v["Code"], v["Period"], v["Value"], v["Revision"]) for v in values],
            [("QW-1", "2027", 40, 1), ("QW-1", "2028", 75, 2)],
        )
        self.assertEqual(values[0]["Breakdowns"], "Sex: Women 15, Men 25")
        self.assertEqual(values[1]["Reason for the correction"], "Typo in the register")
        self.assertEqual(values[0]["Reported by"], str(self.cast.labour))
        cells = [cell for sheet in self.workbook() for row in sheet.iter_rows(values_only=True) for cell in row]
        self.assertNotIn(999, cells)
        self.assertNotIn(70, cells)

    def test_text_is_never_a_formula(self):
        sheet = self.workbook()["Indicators"]
        cell = sheet.cell(row=3, column=2)
        self.assertEqual(cell.value, '=HYPERLINK("http://x")')
        self.assertEqual(cell.data_type, "s")

    def test_every_internal_reader_downloads_it_partners_and_outsiders_do_not(self):
        for role in ("own", "other", "facilitator"):
            with self.subTest(role=role):
                self.workbook(self.cast.user(role))
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.client.force_login(self.cast.outsider)
        self.assertEqual(self.client.get(self.url()).status_code, 404)

    def test_the_indicator_list_offers_the_download(self):
        self.client.force_login(self.cast.other)
        page = self.client.get(reverse("monitoring:indicator_list", args=[self.cast.process.pk]))
        self.assertContains(page, self.url())

    def test_a_fixed_number_of_queries_whatever_the_data(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                indicator_workbook(actor=self.cast.nfp, process=self.cast.process)
            return len(queries)

        count()  # the reader's permissions are cached on the user from the first call
        small = count()
        for index in range(4):
            make_reported_indicator(
                self.cast, self.chain.output, name=f"More {index}", values=(Decimal("1"), Decimal("2"), Decimal("3"))
            )
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 20)
        self.assertEqual(ProgressReport.objects.filter(process=self.cast.process).count(), 4)
