"""
Migration-profile data series (handbook §5, Annex D): series and their values with history, imports from CSV and
.xlsx (all or nothing, row by row errors, uploads checked by content and size), the chart on the series page, the
data gaps, the findings that cite a series, who may do what, the demo, the PDF's part and the query budgets.
"""

import io
import os
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from mainstreaming import services as core_services
from mainstreaming.charts import ColumnGroup, column_chart
from mainstreaming.choices import BuildStatus
from mainstreaming.loaders import DemoCountry
from mainstreaming.models import Report
from situation_analysis.choices import Periodicity, SeriesTopic
from situation_analysis.demo import records as demo_services
from situation_analysis.models import DataSeries, Finding, Observation
from situation_analysis.reports import SITUATION_ANALYSIS, situation_analysis_context
from situation_analysis.selectors import series as selectors
from situation_analysis.services import findings as finding_services
from situation_analysis.services import series as services
from situation_analysis.services import series_import as importing
from situation_analysis.services import sources as source_services
from situation_analysis.services.series_import import IMPORT_MAX_SIZE
from tests.cast import make_cast
from tests.factories import InstitutionFactory


def make_series(cast, title="Health workers leaving the country", dimensions=("sex",), **extra) -> DataSeries:
    data = {"topic": SeriesTopic.HEALTH, "unit": "persons", "dimensions": list(dimensions)} | extra
    return services.series_create(actor=cast.nfp, process=cast.process, title=title, **data)


def add(cast, series, period, value, **breakdown) -> Observation:
    return services.observation_create(actor=cast.nfp, series=series, period=period, value=value, breakdown=breakdown)


def csv_file(text: str, name="values.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="values.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


class SeriesServiceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_the_nfp_records_a_series_with_its_breakdowns_in_order_and_the_history_says_who(self):
        series = make_series(self.cast, dimensions=["region", "sex"])
        self.assertEqual(series.dimensions, ["sex", "region"])
        row = series.history.get()
        self.assertEqual((row.history_change_reason, row.history_user), ("series.created", self.cast.nfp))

    def test_a_second_series_of_the_same_title_is_refused(self):
        make_series(self.cast)
        with self.assertRaises(ValidationError) as raised:
            make_series(self.cast, title="health workers leaving the COUNTRY")
        self.assertIn("title", raised.exception.error_dict)

    def test_only_the_nfp_writes(self):
        for user in (self.cast.own, self.cast.facilitator, self.cast.donor, self.cast.outsider):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.series_create(
                    actor=user, process=self.cast.process, title="Nope", topic="health", unit="persons"
                )
        series = make_series(self.cast)
        with self.assertRaises(PermissionDenied):
            services.observation_create(actor=self.cast.facilitator, series=series, period="2020", value="1")

    def test_an_edit_keeps_the_reason_and_a_breakdown_in_use_cannot_be_removed(self):
        series = make_series(self.cast)
        add(self.cast, series, "2020", "310", sex="female")
        series = services.series_update(
            actor=self.cast.nfp, series=series, data={"unit": "people"}, reason="Clearer unit"
        )
        row = series.history.latest()
        self.assertEqual((row.history_change_reason, row.unit), ("series.updated: Clearer unit", "people"))
        with self.assertRaises(ValidationError) as raised:
            services.series_update(actor=self.cast.nfp, series=series, data={"dimensions": []})
        self.assertIn("dimensions", raised.exception.error_dict)

    def test_values_are_written_canonically_and_one_per_period_and_cell(self):
        series = make_series(self.cast, dimensions=["sex", "region"])
        first = add(self.cast, series, "2024-q2", "1 200.50", sex="F", region="  North ")
        self.assertEqual((first.period, first.year, first.value), ("2024-Q2", 2024, Decimal("1200.5")))
        self.assertEqual(
            (first.breakdown, first.breakdown_key), ({"sex": "female", "region": "North"}, "sex=female|region=North")
        )
        total = add(self.cast, series, "2024-Q2", "3000")
        self.assertEqual(total.breakdown_key, "")
        with self.assertRaises(ValidationError) as raised:
            add(self.cast, series, "2024-Q2", "1", sex="female", region="North")
        self.assertIn("period", raised.exception.error_dict)
        for period, value, breakdown, field in (
            ("2024-Q5", "1", {}, "period"),
            ("24", "1", {}, "period"),
            ("2024", "abc", {}, "value"),
            ("2024", "1,234", {}, "value"),
            ("2024", "1", {"sex": "unknown"}, "breakdown"),
            ("2024", "1", {"age": "15-24"}, "breakdown"),
        ):
            with self.subTest(period=period, value=value, breakdown=breakdown):
                with self.assertRaises(ValidationError) as raised:
                    services.observation_create(
                        actor=self.cast.nfp, series=series, period=period, value=value, breakdown=breakdown
                    )
                self.assertIn(field, raised.exception.error_dict)

    def test_a_corrected_value_records_who_and_why_and_a_deleted_one_stays_in_the_history(self):
        series = make_series(self.cast)
        observation = add(self.cast, series, "2020", "310", sex="female")
        services.observation_update(
            actor=self.cast.nfp, observation=observation, data={"value": "312"}, reason="Revised figures"
        )
        row = observation.history.latest()
        self.assertEqual(
            (row.history_change_reason, row.history_user, row.value),
            ("series.observation_changed: Revised figures", self.cast.nfp, Decimal("312")),
        )
        observation_id = observation.pk
        services.observation_delete(actor=self.cast.nfp, observation=observation, reason="Entered twice")
        self.assertFalse(series.observations.exists())
        row = Observation.history.filter(id=observation_id).latest()
        self.assertEqual((row.history_type, row.history_user), ("-", self.cast.nfp))

    def test_a_series_a_finding_cites_cannot_be_deleted_and_otherwise_goes_with_its_values(self):
        series = make_series(self.cast)
        observation = add(self.cast, series, "2020", "310", sex="female")
        finding = finding_services.finding_create(
            actor=self.cast.nfp, process=self.cast.process, statement="Nurses leave.", series=[series]
        )
        with self.assertRaises(ValidationError):
            services.series_delete(actor=self.cast.nfp, series=series, reason="Duplicate")
        with self.assertRaises(ValidationError):
            services.series_delete(actor=self.cast.nfp, series=series, reason=" ")
        finding_services.finding_update(
            actor=self.cast.nfp, finding=finding, data={"series": [], "detail": "Hospital reports."}
        )
        series_id, observation_id = series.pk, observation.pk
        services.series_delete(actor=self.cast.nfp, series=series, reason="Duplicate")
        self.assertFalse(DataSeries.objects.filter(pk=series_id).exists())
        deleted = Observation.history.filter(id=observation_id, history_type="-").get()
        self.assertEqual(
            (deleted.history_change_reason, deleted.history_user),
            ("series.observation_deleted: Duplicate", self.cast.nfp),
        )
        row = DataSeries.history.filter(id=series_id).latest()
        self.assertEqual((row.history_type, row.history_change_reason), ("-", "series.deleted: Duplicate"))


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


class ImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.series = make_series(cls.cast, dimensions=["sex", "region"])
        add(cls.cast, cls.series, "2020", "100", sex="female")

    def url(self, name="series_import"):
        return reverse(f"situation_analysis:{name}", args=[self.cast.process.pk, self.series.pk])

    def test_a_csv_adds_new_values_updates_changed_ones_and_records_who(self):
        result = importing.observations_import(
            actor=self.cast.nfp,
            series=self.series,
            uploaded=csv_file(
                "Period;Value;Sex;Region;Note\n2020;100;female;;\n2020;120;male;;provisional\n2021;5,5;;North;\n".replace(
                    "5,5", "5.5"
                )
            ),
        )
        self.assertEqual((result.added, result.updated, result.unchanged), (2, 0, 1))
        result = importing.observations_import(
            actor=self.cast.nfp, series=self.series, uploaded=csv_file("period,value,sex\n2020,101,female\n")
        )
        self.assertEqual((result.added, result.updated, result.unchanged), (0, 1, 0))
        female = self.series.observations.get(period="2020", breakdown_key="sex=female")
        self.assertEqual(female.value, Decimal("101"))
        row = female.history.latest()
        self.assertEqual((row.history_user, row.history_change_reason), (self.cast.nfp, "series.imported: values.csv"))
        north = self.series.observations.get(period="2021")
        self.assertEqual((north.breakdown, north.year), ({"region": "North"}, 2021))
        self.assertEqual(north.history.get().history_user, self.cast.nfp)

    def test_one_wrong_row_refuses_the_file_with_a_message_per_row_and_saves_nothing(self):
        self.client.force_login(self.cast.nfp)
        upload = csv_file(
            "period,value,sex,region\n"
            "2021,130,female,\n"  # row 2: fine
            "2021,abc,male,\n"  # row 3
            "2021-13,1,,\n"  # row 4
            "2022,1,x,\n"  # row 5
            "2021,131,female,\n"  # row 6: twice
        )
        response = self.client.post(self.url(), {"file": upload})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Row 3: value “abc” is not a number.", status_code=400)
        self.assertContains(response, "Row 4: period “2021-13” is not a year", status_code=400)
        self.assertContains(response, "Row 5: sex “x” is not female, male or other.", status_code=400)
        self.assertContains(response, "Row 6: period 2021 (sex=female) is already given on row 2.", status_code=400)
        self.assertContains(response, "Nothing has been imported", status_code=400)
        self.assertEqual(self.series.observations.count(), 1)
        self.assertEqual(Observation.history.count(), 1)

    def test_an_xlsx_file_is_read_with_numbers_and_years_as_the_spreadsheet_stores_them(self):
        self.client.force_login(self.cast.nfp)
        upload = xlsx_file(
            [
                ["period", "value", "sex", "region", "note"],
                [2022, 140, "female", None, None],
                [2022, 41.5, "Male", "", "estimate"],
            ]
        )
        response = self.client.post(self.url(), {"file": upload})
        self.assertRedirects(response, self.series.get_absolute_url() + "#values", fetch_redirect_response=False)
        page = self.client.get(self.series.get_absolute_url())
        self.assertContains(page, "Imported: 2 values added, 0 updated, 0 unchanged.")
        male = self.series.observations.get(period="2022", breakdown_key="sex=male")
        self.assertEqual((male.value, male.note), (Decimal("41.5"), "estimate"))

    def test_a_bad_xlsx_row_names_its_spreadsheet_row(self):
        upload = xlsx_file([["period", "value"], [2022, 1], [2023, "n/a"]])
        with self.assertRaises(ValidationError) as raised:
            importing.observations_import(actor=self.cast.nfp, series=self.series, uploaded=upload)
        self.assertIn("Row 3: value “n/a” is not a number.", raised.exception.messages)
        self.assertEqual(self.series.observations.count(), 1)

    def test_a_column_the_series_does_not_carry_refuses_the_file(self):
        with self.assertRaises(ValidationError) as raised:
            importing.observations_import(
                actor=self.cast.nfp, series=self.series, uploaded=csv_file("period,value,age\n2021,1,15-24\n")
            )
        self.assertTrue(any("not broken down by Age" in message for message in raised.exception.messages))
        with self.assertRaises(ValidationError) as raised:
            importing.observations_import(
                actor=self.cast.nfp, series=self.series, uploaded=csv_file("year,amount\n2021,1\n")
            )
        self.assertIn("The file has no “value” column.", raised.exception.messages)

    def test_a_disguised_or_oversized_file_is_refused_by_the_core_upload_check(self):
        self.client.force_login(self.cast.nfp)
        fake = SimpleUploadedFile("values.csv", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)
        response = self.client.post(self.url(), {"file": fake})
        self.assertContains(response, "This kind of file is not accepted.", status_code=400)
        large = csv_file("period,value\n" + "2020,1\n" * (IMPORT_MAX_SIZE // 7 + 10))
        response = self.client.post(self.url(), {"file": large})
        self.assertContains(response, "This file is too large", status_code=400)
        response = self.client.post(self.url(), {"file": csv_file("period,value\n2020,1\n", name="values.txt")})
        self.assertContains(response, "Upload a .csv or .xlsx file.", status_code=400)
        self.assertEqual(self.series.observations.count(), 1)

    def test_the_import_page_lists_the_columns_and_offers_them_as_a_csv_file(self):
        self.client.force_login(self.cast.nfp)
        self.assertContains(self.client.get(self.url()), "<code>region</code>", html=False)
        response = self.client.get(self.url("series_import_template"))
        self.assertEqual(response.content.decode().strip(), "period,value,sex,region,note")


# ---------------------------------------------------------------------------
# Pages: the chart, the findings, the history, who may do what
# ---------------------------------------------------------------------------


class SeriesPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.series = make_series(cls.cast)
        for year, female, male in ((2019, 310, 95), (2020, 270, 80), (2022, 420, 128)):
            add(cls.cast, cls.series, str(year), female, sex="female")
            add(cls.cast, cls.series, str(year), male, sex="male")
        cls.finding = finding_services.finding_create(
            actor=cls.cast.nfp,
            process=cls.cast.process,
            statement="Nurse emigration is rising again.",
            series=[cls.series],
        )

    def test_the_page_charts_the_values_by_sex_and_tables_them(self):
        self.client.force_login(self.cast.own)
        response = self.client.get(self.series.get_absolute_url())
        self.assertContains(response, 'class="chart chart-columns"')
        self.assertContains(response, "<title id=")
        self.assertContains(
            response, "Female: 2019 310, 2020 270, 2022 420; Male: 2019 95, 2020 80, 2022 128 (persons)"
        )
        self.assertContains(response, '<th scope="row">2022</th>', html=False)
        self.assertContains(response, "2021")  # the year missing between 2019 and 2022
        self.assertNotContains(
            response, reverse("situation_analysis:observation_create", args=[self.cast.process.pk, self.series.pk])
        )

    def test_the_series_names_the_findings_that_cite_it_and_the_finding_links_back(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(self.series.get_absolute_url())
        self.assertContains(response, self.finding.get_absolute_url())
        self.assertContains(response, "Nurse emigration is rising again.")
        response = self.client.get(self.finding.get_absolute_url())
        self.assertContains(response, f'href="{self.series.get_absolute_url()}"')

    def test_the_data_source_lists_the_series_drawn_from_it(self):
        from situation_analysis.models import DataSource

        source = DataSource.objects.create(
            process=self.cast.process, name="Health workforce register", kind="administrative_register"
        )
        self.client.force_login(self.cast.own)
        self.assertContains(self.client.get(source.get_absolute_url()), "No data series is drawn from this source yet.")
        services.series_update(actor=self.cast.nfp, series=self.series, data={"source": source}, reason="sourced")
        response = self.client.get(source.get_absolute_url())
        self.assertContains(response, f'href="{self.series.get_absolute_url()}"')

    def test_the_nfp_adds_a_value_through_the_form_and_sees_its_history(self):
        self.client.force_login(self.cast.nfp)
        url = reverse("situation_analysis:observation_create", args=[self.cast.process.pk, self.series.pk])
        response = self.client.post(url, {"period": "2021", "value": "355", "breakdown_sex": "female"})
        self.assertEqual(response.status_code, 302)
        response = self.client.post(url, {"period": "2021", "value": "abc", "breakdown_sex": "female"})
        self.assertContains(response, "Value “abc” is not a number.", status_code=400)
        history = self.client.get(
            reverse("situation_analysis:series_history", args=[self.cast.process.pk, self.series.pk])
        )
        self.assertContains(history, "2021 · Female")
        self.assertContains(history, "series.observation_added")

    def test_who_may_read_and_who_may_write(self):
        detail = self.series.get_absolute_url()
        create = reverse("situation_analysis:series_create", args=[self.cast.process.pk])
        for user, read, write in (
            (self.cast.nfp, 200, 200),
            (self.cast.own, 200, 403),
            (self.cast.facilitator, 200, 403),
            (self.cast.donor, 403, 403),
            (self.cast.outsider, 404, 404),
        ):
            self.client.force_login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(detail).status_code, read)
                self.assertEqual(self.client.get(create).status_code, write)
                if write != 200:
                    self.client.post(create, {"title": "Sneaky", "topic": "health", "unit": "persons"})
        self.assertFalse(DataSeries.objects.filter(title="Sneaky").exists())

    def test_the_delete_page_asks_why_and_names_the_findings_in_the_way(self):
        self.client.force_login(self.cast.nfp)
        url = reverse("situation_analysis:series_delete", args=[self.cast.process.pk, self.series.pk])
        self.assertContains(self.client.get(url), "Nurse emigration is rising again.")
        response = self.client.post(url, {"reason": "Duplicate"})
        self.assertContains(response, "Findings cite this series", status_code=400)
        self.assertTrue(DataSeries.objects.filter(pk=self.series.pk).exists())

    def test_the_list_shows_years_and_flags_series_without_a_sex_breakdown(self):
        make_series(self.cast, title="Remittance inflows", dimensions=(), topic=SeriesTopic.REMITTANCES)
        self.client.force_login(self.cast.other)
        response = self.client.get(reverse("situation_analysis:series_list", args=[self.cast.process.pk]))
        self.assertContains(response, "2019–2022")
        self.assertContains(response, "no breakdown by sex", count=1)
        response = self.client.get(
            reverse("situation_analysis:series_list", args=[self.cast.process.pk]), {"topic": "returns"}
        )
        self.assertContains(response, "No data series of this topic has been recorded.")


class EmptyStateTests(TestCase):
    def test_the_empty_pages_say_what_to_do_next(self):
        cast = make_cast()
        self.client.force_login(cast.nfp)
        response = self.client.get(reverse("situation_analysis:series_list", args=[cast.process.pk]))
        self.assertContains(response, "Record the first data series")
        response = self.client.get(reverse("situation_analysis:data_gap_list", args=[cast.process.pk]))
        self.assertContains(response, "No data gap has been found")


# ---------------------------------------------------------------------------
# Data gaps
# ---------------------------------------------------------------------------


class DataGapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        census = source_services.data_source_create(
            actor=cls.cast.nfp,
            process=cls.cast.process,
            name="Census",
            kind="census",
            periodicity=Periodicity.DECENNIAL,
            disaggregations=["sex"],
        )
        source_services.data_source_create(
            actor=cls.cast.nfp, process=cls.cast.process, name="Remittance statistics", kind="central_bank"
        )
        cls.remittances = make_series(cls.cast, title="Remittance inflows", dimensions=())
        for year in (2015, 2016, 2018, 2019, 2022):
            add(cls.cast, cls.remittances, str(year), 100)
        cls.children = make_series(cls.cast, title="Children left behind", source=census)
        add(cls.cast, cls.children, "2011", 17, sex="female")
        add(cls.cast, cls.children, "2021", 21, sex="female")
        cls.empty = make_series(cls.cast, title="Returnees")

    def test_the_gaps_are_the_missing_years_the_series_without_sex_and_without_values_and_the_sources(self):
        gaps = selectors.data_gaps(process=self.cast.process)
        self.assertEqual(
            [(gap.series.title, gap.missing) for gap in gaps.missing_years], [("Remittance inflows", "2017, 2020–2021")]
        )
        self.assertEqual([series.title for series in gaps.without_sex], ["Remittance inflows"])
        self.assertEqual([series.title for series in gaps.empty], ["Returnees"])
        self.assertEqual(gaps.sources_without_sex, ["Remittance statistics"])

    def test_the_page_lists_them_with_links(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(reverse("situation_analysis:data_gap_list", args=[self.cast.process.pk]))
        self.assertContains(response, "2017, 2020–2021")
        self.assertContains(response, self.remittances.get_absolute_url())
        self.assertContains(response, "Remittance statistics")
        self.assertNotContains(response, "2012–2020")  # the census is decennial: no gap between its rounds

    def test_the_pdf_prints_the_series_with_chart_and_table_and_the_gaps(self):
        context = situation_analysis_context(Report(process=self.cast.process), timezone.now())
        views = {view.series.title: view for view in context["series_views"]}
        self.assertIn("<svg", str(views["Remittance inflows"].chart))
        self.assertEqual(views["Remittance inflows"].table.rows[0], ("2015", ["100"]))
        self.assertEqual(views["Remittance inflows"].missing_years, "2017, 2020–2021")
        html = render_to_string(
            "pdf/situation_analysis.html",
            {
                "report": Report(process=self.cast.process, requested_by=self.cast.nfp),
                "process": self.cast.process,
                "data_read_at": timezone.now(),
                **context,
            },
        )
        for text in ("Children left behind", "chart-columns", "Years without a value: 2017, 2020–2021", "Returnees"):
            self.assertIn(text, html)


class SeriesPdfTests(TestCase):
    def test_the_built_pdf_reads_back_the_series_its_values_and_the_gaps(self):
        cast = make_cast()
        series = make_series(cast, title="Remittance inflows", dimensions=(), unit="USD million")
        for year, value in ((2015, 812), (2016, 845), (2018, 968)):
            add(cast, series, str(year), value)
        with self.captureOnCommitCallbacks(execute=True):
            report = core_services.report_request(actor=cast.nfp, process=cast.process, kind=SITUATION_ANALYSIS)
        report.refresh_from_db()
        self.assertEqual(report.status, BuildStatus.DONE, report.error)
        reader = pypdf.PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        for expected in (
            "Remittance inflows",
            "968",
            "Years without a value: 2017",
            "Series without a breakdown by sex",
        ):
            self.assertIn(expected, text)


class ChartTests(TestCase):
    def test_the_column_chart_is_titled_and_described_for_screen_readers(self):
        svg = str(column_chart(["2020", "2021"], [ColumnGroup("Total", (5, None))], title="Remittances", unit="USD"))
        self.assertIn('role="img"', svg)
        self.assertIn('<title id="chart-remittances-t">Remittances</title>', svg)
        self.assertIn("2020 5, 2021 no value (USD)", svg)
        self.assertEqual(svg.count("<rect"), 1)


# ---------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------


class SeriesDemoTests(TestCase):
    def test_the_demo_loads_series_before_the_findings_that_cite_them_and_loads_twice_harmlessly(self):
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
        demo_services.load_demo_situation_analysis(demo)
        demo_services.load_demo_situation_analysis(demo)
        series = DataSeries.objects.filter(process=cast.process)
        self.assertEqual(series.count(), len(demo_services.DEMO_SERIES))
        remittances = series.get(title="Remittance inflows")
        self.assertEqual(remittances.source.name, "Balance-of-payments remittance statistics")
        self.assertEqual(remittances.observations.count(), 9)
        money = Finding.objects.get(process=cast.process, statement__startswith="Remittances are")
        self.assertEqual(list(money.series.all()), [remittances])
        for title in (
            "Health workers leaving the country",
            "Citizens abroad by country of residence",
            "Emigration for work",
        ):
            self.assertTrue(series.get(title=title).findings.exists(), title)
        gaps = selectors.data_gaps(process=cast.process)
        self.assertEqual(
            [(gap.series.title, gap.missing) for gap in gaps.missing_years], [("Remittance inflows", "2019")]
        )


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------


def grow(cast, series, size: int) -> None:
    """`size` more series with values by sex, `size` more values on `series`, and a finding citing it."""
    for i in range(size):
        other = make_series(cast, title=f"Grown series {size}-{i}", source=series.source)
        add(cast, other, "2020", i, sex="female")
        add(cast, other, "2022", i, sex="male")
        add(cast, series, str(1950 + size + i), i, sex="female")
        add(cast, series, str(1950 + size + i), i + 1, sex="male")
        services.observation_update(
            actor=cast.nfp, observation=series.observations.latest("created"), data={"value": i + 2}
        )
    finding_services.finding_create(actor=cast.nfp, process=cast.process, statement=f"Finding {size}", series=[series])


def count_queries(client, url) -> int:
    client.get(url)  # warm up: sessions, content types and the like are cached after the first request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# name of the URL -> the most queries it may cost: about five for the session, the user, the process and its
# permissions, then the page's own (the list one; a series three, with its findings and comments; the gaps three;
# the history of the series and of its values, three each).
BUDGETS = {"series_list": 6, "series_detail": 9, "data_gap_list": 8, "series_history": 11}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["nfp", "own"])
def test_series_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries, role):
    cast = make_cast()
    source = source_services.data_source_create(actor=cast.nfp, process=cast.process, name="Survey", kind="census")
    series = make_series(cast, source=source)
    process, detail = {"process_pk": cast.process.pk}, {"process_pk": cast.process.pk, "pk": series.pk}
    urls = {
        name: reverse(
            f"situation_analysis:{name}",
            kwargs=detail if name.startswith("series_") and name != "series_list" else process,
        )
        for name in BUDGETS
    }
    client.force_login(cast.user(role))

    grow(cast, series, 3)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    grow(cast, series, 30)
    large = {name: count_queries(client, url) for name, url in urls.items()}

    assert large == small, "pages whose query count grows with the data: " + ", ".join(
        f"{name} ({small[name]} -> {large[name]})" for name in urls if small[name] != large[name]
    )
    for name, url in urls.items():
        with django_assert_max_num_queries(BUDGETS[name], info=name):
            client.get(url)
