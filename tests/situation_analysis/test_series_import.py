"""
Importing data series from files as statistical offices publish them (issue 11, item 1): one file of many series in
the long layout or as the World Bank writes it, a preview that saves nothing, an Apply that saves all of it or
nothing, totals and SDMX codes, ignored columns, values kept to ten decimals (and rounding said), numbers as people
write them; and the data gaps that tell the truth: a series' own periodicity, sex not applicable, series out of date.
"""

from decimal import Decimal
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from situation_analysis.choices import DataSourceKind, Periodicity, SeriesTopic
from situation_analysis.forms.series import SeriesFileImportForm
from situation_analysis.models import DataSeries, DataSource, Observation
from situation_analysis.selectors import series as selectors
from situation_analysis.services import series as services
from situation_analysis.services import series_import as importing
from situation_analysis.services import sources as source_services
from tests.cast import make_cast

EXAMPLES = Path(settings.BASE_DIR) / "fixtures" / "examples"


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


def preview(cast, content: bytes, name="series.csv", decimal_separator="."):
    return importing.series_import_preview(
        actor=cast.nfp, process=cast.process, name=name, content=content, decimal_separator=decimal_separator
    )


def apply(cast, content: bytes, name="series.csv", decimal_separator=".", digest=None):
    digest = digest or preview(cast, content, name, decimal_separator).digest
    return importing.series_import_apply(
        actor=cast.nfp,
        process=cast.process,
        name=name,
        content=content,
        decimal_separator=decimal_separator,
        digest=digest,
    )


def values_of(series: DataSeries) -> dict[tuple[str, str], Decimal]:
    return {(o.period, o.breakdown_key): o.value for o in series.observations.all()}


class LongLayoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.content = example("series_long.csv")
        cls.rows = len(cls.content.decode().splitlines()) - 1  # one value per row after the header

    def test_the_preview_reads_every_series_shows_the_mapping_and_saves_nothing(self):
        plan = preview(self.cast, self.content)
        self.assertEqual(
            [(item.code, item.is_new, item.dimensions) for item in plan.series],
            [
                ("SM.POP.TOTL", True, ["sex", "age"]),
                ("SM.POP.TOTL.ZS", True, []),
                ("BX.TRF.PWKR.DT.GD.ZS", True, []),
                ("SM.POP.NETM", True, []),
            ],
        )
        self.assertEqual(plan.layout, importing.LONG)
        uses = {column.header: column.use for column in plan.columns}
        self.assertEqual(uses["series_code"], "series code")
        self.assertEqual(uses["sex"], "breakdown: Sex")
        self.assertEqual(plan.ignored, ["Location", "ISO3"])
        self.assertEqual(plan.refused, [])
        self.assertEqual(
            plan.new_sources,
            [
                "UN DESA International Migrant Stock 2020",
                "UN World Population Prospects 2024",
                "World Development Indicators",
            ],
        )
        self.assertEqual((plan.added, plan.updated, plan.unchanged), (self.rows, 0, 0))
        self.assertFalse(DataSeries.objects.exists())
        self.assertFalse(DataSource.objects.exists())
        self.assertFalse(Observation.history.exists())

    def test_apply_creates_the_series_with_their_breakdowns_and_sources_and_the_history_says_who(self):
        apply(self.cast, self.content, name="series_long.csv")
        stock = DataSeries.objects.get(process=self.cast.process, code="SM.POP.TOTL")
        self.assertEqual(
            (stock.title, stock.unit, stock.dimensions, stock.source.name, stock.topic),
            (
                "International migrant stock, total",
                "persons",
                ["sex", "age"],
                "UN DESA International Migrant Stock 2020",
                "other",
            ),
        )
        values = values_of(stock)
        self.assertEqual(values[("2020", "")], Decimal("104401"))
        self.assertEqual(values[("2020", "sex=female")], Decimal("59349"))
        self.assertEqual(values[("2020", "sex=male|age=15-24")], Decimal("5874"))
        net = DataSeries.objects.get(code="SM.POP.NETM")
        self.assertEqual(net.observations.get(period="2023").note, "estimate")
        self.assertEqual(set(net.observations.values_list("breakdown_key", flat=True)), {""})
        row = stock.observations.get(period="2020", breakdown_key="").history.get()
        self.assertEqual(
            (row.history_user, row.history_change_reason), (self.cast.nfp, "series.imported: series_long.csv")
        )
        self.assertEqual(stock.history.get().history_user, self.cast.nfp)

    def test_importing_the_same_file_again_changes_nothing_and_says_so(self):
        apply(self.cast, self.content)
        history = Observation.history.count()
        plan = preview(self.cast, self.content)
        self.assertFalse(plan.has_changes)
        self.assertFalse(any(item.is_new for item in plan.series))
        self.assertEqual((plan.added, plan.updated, plan.unchanged), (0, 0, self.rows))
        apply(self.cast, self.content)
        self.assertEqual(Observation.history.count(), history)
        self.assertEqual(DataSeries.objects.filter(process=self.cast.process).count(), 4)

    def test_a_second_file_matches_series_by_code_with_loose_column_names_and_changes_what_differs(self):
        recorded = services.series_create(
            actor=self.cast.nfp,
            process=self.cast.process,
            title="Net migration (WPP)",
            code="sm.pop.netm",
            topic=SeriesTopic.FLOWS,
            unit="persons",
        )
        services.observation_create(actor=self.cast.nfp, series=recorded, period="2022", value="100000")
        content = (
            b"Indicator Code,Indicator Name,Time,OBS_VALUE,Comments,Country\n"
            b"SM.POP.NETM,Net migration,2022,111650,,\n"
            b"SM.POP.NETM,Net migration,2023,-15372,provisional,\n"
        )
        plan = preview(self.cast, content)
        uses = {column.header: column.use for column in plan.columns}
        self.assertEqual(
            uses,
            {
                "Indicator Code": "series code",
                "Indicator Name": "series name",
                "Time": "period",
                "OBS_VALUE": "value",
                "Comments": "note",
                "Country": "breakdown: Country of origin or destination",
            },
        )
        (item,) = plan.series
        self.assertEqual((item.series, len(item.to_add), len(item.to_change), item.kept), (recorded, 1, 1, 0))
        self.assertEqual((item.to_change[0].before, item.to_change[0].after), ("100,000", "111,650"))
        apply(self.cast, content)
        self.assertEqual(values_of(recorded), {("2022", ""): Decimal("111650"), ("2023", ""): Decimal("-15372")})

    def test_a_series_is_matched_by_its_title_when_it_has_no_code_and_gets_the_files_code(self):
        recorded = services.series_create(
            actor=self.cast.nfp, process=self.cast.process, title="Net migration", topic="flows", unit="persons"
        )
        content = b"series_code,series_name,period,value\nSM.POP.NETM,Net Migration,2022,111650\n"
        (item,) = preview(self.cast, content).series
        self.assertEqual((item.series, item.record_code), (recorded, True))
        apply(self.cast, content)
        recorded.refresh_from_db()
        self.assertEqual(recorded.code, "SM.POP.NETM")

    def test_a_breakdown_the_file_adds_to_a_recorded_series_is_shown_then_added(self):
        recorded = services.series_create(
            actor=self.cast.nfp, process=self.cast.process, title="Stock", code="S", topic="stocks", unit="persons"
        )
        content = b"series_code,period,sex,value\nS,2020,F,10\nS,2020,M,12\nS,2020,_T,22\n"
        (item,) = preview(self.cast, content).series
        self.assertEqual(item.added_dimensions, ["sex"])
        apply(self.cast, content)
        recorded.refresh_from_db()
        self.assertEqual(recorded.dimensions, ["sex"])
        self.assertEqual(recorded.history.latest().history_change_reason, "series.updated: imported from series.csv")


class TotalsAndCodesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_the_ways_of_writing_a_total_and_the_sdmx_codes_of_sex_and_age(self):
        totals = ["total", "Total", "T", "_T", "all", "both sexes", ""]
        lines = ["series_code,series_name,unit,period,sex,age,value"]
        lines += [f"S,Stock,persons,{2001 + i},{total},_T,{i}" for i, total in enumerate(totals)]
        lines += [
            "S,Stock,persons,2010,F,Y15T24,1",
            "S,Stock,persons,2010,M,Y_GE65,2",
            "S,Stock,persons,2010,female,Y_LT15,3",
        ]
        plan = preview(self.cast, "\n".join(lines).encode())
        self.assertEqual(plan.refused, [])
        apply(self.cast, "\n".join(lines).encode())
        series = DataSeries.objects.get(code="S")
        self.assertEqual(series.dimensions, ["sex", "age"])
        keys = {(o.period, o.breakdown_key) for o in series.observations.all()}
        self.assertEqual(
            keys,
            {(str(2001 + i), "") for i in range(len(totals))}
            | {("2010", "sex=female|age=15-24"), ("2010", "sex=male|age=65+"), ("2010", "sex=female|age=0-14")},
        )

    def test_columns_the_import_does_not_use_are_listed_and_wrong_rows_are_refused_with_their_reason(self):
        content = (
            b"series_code,series_name,period,value,GeoAreaName,Nature,sex\n"
            b"S,Stock,2020,10,Meridia,C,unknown\n"
            b"S,Stock,2021,abc,Meridia,C,\n"
            b"S,Stock,2021-13,1,Meridia,C,\n"
            b"S,Stock,2022,5,Meridia,C,\n"
            b"S,Stock,2022,6,Meridia,C,total\n"
            b",,2023,1,,,\n"
        )
        plan = preview(self.cast, content)
        self.assertEqual(plan.ignored, ["GeoAreaName", "Nature"])
        self.assertEqual(
            [row.reason for row in plan.refused],
            [
                "Row 2: sex “unknown” is not female, male or other.",
                "Row 3: value “abc” is not a number.",
                "Row 4: period “2021-13” is not a year (2024), a quarter (2024-Q2) or a month (2024-06).",
                "Row 6: period 2022 is already given on row 5.",
                "Row 7: the series has no code and no name.",
            ],
        )
        self.assertFalse(plan.can_apply)
        with self.assertRaises(ValidationError):
            apply(self.cast, content, digest=plan.digest)
        self.assertFalse(DataSeries.objects.exists())


class PrecisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_six_decimals_are_kept_and_a_value_rounded_is_named_in_the_preview(self):
        content = b"series_code,unit,period,value\nS,%,2020,25.130243\nS,%,2021,1.123456789012\n"
        plan = preview(self.cast, content)
        (item,) = plan.series
        self.assertEqual([(r.row, r.written, r.stored) for r in item.rounded], [(3, "1.123456789012", "1.123456789")])
        self.assertIn("row 3: 1.123456789012 → 1.123456789", importing.rounding_summary(plan))
        apply(self.cast, content)
        series = DataSeries.objects.get(code="S")
        self.assertEqual(values_of(series), {("2020", ""): Decimal("25.130243"), ("2021", ""): Decimal("1.123456789")})
        self.assertFalse(preview(self.cast, content).has_changes)

    def test_a_value_typed_with_more_decimals_than_kept_is_refused_not_rounded(self):
        series = services.series_create(
            actor=self.cast.nfp, process=self.cast.process, title="Share", topic="other", unit="%"
        )
        with self.assertRaises(ValidationError) as raised:
            services.observation_create(actor=self.cast.nfp, series=series, period="2020", value="0.12345678901")
        self.assertIn("more than 10 decimals", str(raised.exception))
        services.observation_create(actor=self.cast.nfp, series=series, period="2020", value="25.130243")
        self.assertEqual(series.observations.get().value, Decimal("25.130243"))


class NumbersAsWrittenTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_french_pages_read_a_decimal_comma_and_english_ones_refuse_what_reads_two_ways(self):
        with translation.override("fr"):
            self.assertEqual(SeriesFileImportForm().fields["decimal_separator"].initial, ",")
        with translation.override("en"):
            self.assertEqual(SeriesFileImportForm().fields["decimal_separator"].initial, ".")
        content = b'series_code,unit,period,value\nS,persons,2015,"-84,039"\nS,persons,2016,"1 234,5"\n'
        (item,) = preview(self.cast, content, decimal_separator=",").series
        self.assertEqual([v.value for v in item.values], [Decimal("-84.039"), Decimal("1234.5")])
        plan = preview(self.cast, content, decimal_separator=".")
        self.assertEqual(
            [row.reason for row in plan.refused],
            [
                "Row 2: value “-84,039” reads two ways (a comma between thousands, or before decimals): write it "
                "without the comma, or choose the decimal comma.",
                "Row 3: value “1234,5” has a decimal comma: choose the decimal comma, or write it with a point.",
            ],
        )

    def test_the_one_series_import_reads_numbers_in_the_language_of_the_page(self):
        series = services.series_create(
            actor=self.cast.nfp, process=self.cast.process, title="Net", topic="flows", unit="persons"
        )
        with translation.override("fr"):
            importing.observations_import(
                actor=self.cast.nfp,
                series=series,
                uploaded=SimpleUploadedFile("values.csv", "période;valeur\n2015;-84,039\n".encode()),
            )
        self.assertEqual(series.observations.get().value, Decimal("-84.039"))

    def test_a_french_spreadsheets_csv_in_latin_1_with_semicolons_and_decimal_commas(self):
        content = example("series_long_fr.csv")
        with self.assertRaises(UnicodeDecodeError):
            content.decode("utf-8")
        plan = preview(self.cast, content, name="series_long_fr.csv", decimal_separator=",")
        self.assertEqual((plan.encoding, plan.refused), ("Latin-1 (Windows-1252)", []))
        self.assertEqual([c.use for c in plan.columns][:3], ["series code", "series name", "unit"])
        remittances, stock = plan.series
        self.assertEqual(
            (remittances.title, remittances.unit), ("Envois de fonds personnels, reçus (% du PIB)", "% du PIB")
        )
        self.assertEqual(remittances.values[0].value, Decimal("16.134972"))
        self.assertEqual(stock.dimensions, ["sex"])
        self.assertEqual(stock.values[0].value, Decimal("578476"))  # "578 476", a no-break space between thousands
        self.assertEqual(stock.values[-1].note, "estimation")

    def test_a_utf8_file_with_a_byte_order_mark_and_semicolons(self):
        content = "\ufeffseries_code;series_name;period;value\nS;Migrants à l’étranger;2020;12\n".encode()
        plan = preview(self.cast, content)
        self.assertEqual(plan.encoding, "UTF-8 with a byte-order mark")
        self.assertEqual([(item.code, item.title) for item in plan.series], [("S", "Migrants à l’étranger")])

    def test_a_file_that_is_no_csv_is_refused_by_the_core_upload_check(self):
        with self.assertRaises(ValidationError) as raised:
            preview(self.cast, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)
        self.assertIn("This kind of file is not accepted.", str(raised.exception))
        with self.assertRaises(ValidationError) as raised:
            preview(self.cast, b"name,amount\nx,1\n")
        self.assertIn("The file has no “period” column.", str(raised.exception))


class WorldBankLayoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_the_world_banks_download_is_read_as_it_is_written(self):
        content = example("API_MDA_DS2_en_csv_v2.csv")
        self.assertTrue(content.startswith(b'\xef\xbb\xbf"Data Source","World Development Indicators",'))
        plan = preview(self.cast, content, name="API_MDA_DS2_en_csv_v2.csv", decimal_separator=",")
        self.assertEqual(plan.layout, importing.WORLD_BANK)
        self.assertEqual(plan.refused, [])
        self.assertEqual(plan.ignored, ["Country Name", "Country Code"])
        self.assertEqual(
            [(c.header, c.use) for c in plan.columns],
            [
                ("Indicator Name", "series name"),
                ("Indicator Code", "series code"),
                ("1960 … 2024", "values by year (65 columns)"),
            ],
        )
        self.assertEqual(
            [(item.code, item.unit) for item in plan.series],
            [
                ("BX.TRF.PWKR.DT.GD.ZS", "% of GDP"),
                ("BX.TRF.PWKR.CD.DT", "current US$"),
                ("SM.POP.TOTL.ZS", "% of population"),
                ("SM.POP.TOTL", "number"),
                ("SM.POP.NETM", "number"),
                ("SM.POP.REFG", "number"),
            ],
        )
        self.assertEqual(plan.new_sources, ["World Development Indicators"])
        # The World Bank writes up to 13 decimals: those past the tenth are rounded, and the preview says so.
        rounded = plan.series[0].rounded[0]
        self.assertEqual((rounded.row, rounded.written, rounded.stored), (6, "20.6518264431707", "20.6518264432"))
        apply(self.cast, content, name="API_MDA_DS2_en_csv_v2.csv", decimal_separator=",")
        net = DataSeries.objects.get(code="SM.POP.NETM")
        self.assertEqual(net.source.kind, DataSourceKind.INTERNATIONAL)
        self.assertEqual(values_of(net)[("2015", "")], Decimal("-84039"))
        self.assertEqual(net.observations.count(), 9)

    def test_a_databank_export_with_its_year_codes_missing_values_and_footer(self):
        apply(self.cast, example("API_MDA_DS2_en_csv_v2.csv"))
        content = example("databank_export.csv")
        plan = preview(self.cast, content, name="databank_export.csv")
        self.assertEqual((plan.layout, plan.refused), (importing.WORLD_BANK, []))
        self.assertEqual(plan.ignored, ["Country Name", "Country Code"])
        self.assertEqual([c.use for c in plan.columns][:2], ["series name", "series code"])
        # The same values as the download: every series is matched by its code, nothing changes.
        self.assertFalse(any(item.is_new for item in plan.series))
        self.assertFalse(plan.has_changes)
        stock = next(item for item in plan.series if item.code == "SM.POP.TOTL")
        self.assertEqual([v.period for v in stock.values], ["2015", "2020"])


class ApplyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.content = b"series_code,series_name,unit,source,period,sex,value\nS,Stock,persons,Census,2020,F,10\n"

    def test_apply_refuses_when_the_data_changed_since_the_preview_and_saves_nothing(self):
        series = services.series_create(
            actor=self.cast.nfp,
            process=self.cast.process,
            title="Stock",
            code="S",
            topic="stocks",
            unit="persons",
            dimensions=["sex"],
        )
        digest = preview(self.cast, self.content).digest
        services.observation_create(
            actor=self.cast.nfp, series=series, period="2020", value="9", breakdown={"sex": "female"}
        )
        with self.assertRaises(ValidationError) as raised:
            apply(self.cast, self.content, digest=digest)
        self.assertIn("The data changed since the preview", str(raised.exception))
        self.assertEqual(series.observations.get().value, Decimal("9"))

    def test_apply_saves_all_or_nothing(self):
        digest = preview(self.cast, self.content).digest
        with mock.patch.object(importing, "bulk_create_with_history", side_effect=RuntimeError("disk full")):
            with self.assertRaises(RuntimeError):
                apply(self.cast, self.content, digest=digest)
        self.assertFalse(DataSeries.objects.exists())
        self.assertFalse(DataSource.objects.exists())


class ImportViewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.url = reverse("situation_analysis:series_file_import", args=[cls.cast.process.pk])

    def upload(self, content, name="series_long.csv", **data):
        return self.client.post(self.url, {"file": SimpleUploadedFile(name, content), "decimal_separator": ".", **data})

    def test_the_nfp_previews_then_applies_and_a_second_apply_of_the_same_file_says_nothing_changed(self):
        self.client.force_login(self.cast.nfp)
        rows = len(example("series_long.csv").splitlines()) - 1
        response = self.upload(example("series_long.csv"))
        self.assertContains(response, "Preview of the import")
        self.assertContains(response, f"4 series: {rows} values to add, 0 to change, 0 already recorded.")
        self.assertContains(response, "<td>ISO3</td>", html=False, count=0)
        self.assertContains(response, "Location, ISO3")
        self.assertFalse(DataSeries.objects.exists())
        apply_form = response.context["apply_form"]
        response = self.client.post(self.url, {"apply": "1", **apply_form.initial})
        self.assertRedirects(
            response,
            reverse("situation_analysis:series_list", args=[self.cast.process.pk]),
            fetch_redirect_response=False,
        )
        self.assertEqual(DataSeries.objects.filter(process=self.cast.process).count(), 4)
        page = self.client.get(response.url)
        self.assertContains(page, f"4 new series, {rows} values added, 0 changed, 0 unchanged.")

        response = self.upload(example("series_long.csv"))
        self.assertContains(response, "Nothing to change: every value of the file is already recorded.")
        self.assertNotContains(response, 'name="apply"')
        response = self.client.post(self.url, {"apply": "1", **response.context["apply_form"].initial}, follow=True)
        self.assertContains(response, "Nothing changed: every value of the file is already recorded.")

    def test_apply_needs_the_file_previewed_last(self):
        self.client.force_login(self.cast.nfp)
        first = self.upload(b"series_code,period,value\nA,2020,1\n", name="a.csv").context["apply_form"].initial
        self.upload(b"series_code,period,value\nB,2020,1\n", name="b.csv")
        response = self.client.post(self.url, {"apply": "1", **first}, follow=True)
        self.assertContains(response, "This preview is no longer the file waiting to be imported")
        self.assertFalse(DataSeries.objects.exists())

    def test_an_unreadable_file_comes_back_beside_the_field(self):
        self.client.force_login(self.cast.nfp)
        response = self.upload(b"\x00\x01binary", name="x.csv")
        self.assertContains(response, "This kind of file is not accepted.", status_code=400)

    def test_the_list_offers_the_import_to_the_nfp_only(self):
        list_url = reverse("situation_analysis:series_list", args=[self.cast.process.pk])
        self.client.force_login(self.cast.nfp)
        self.assertContains(self.client.get(list_url), self.url)
        self.client.force_login(self.cast.facilitator)
        self.assertNotContains(self.client.get(list_url), self.url)
        self.assertEqual(self.client.get(self.url).status_code, 403)


# ---------------------------------------------------------------------------
# Gaps that tell the truth
# ---------------------------------------------------------------------------


class HonestGapTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        nfp, process = cls.cast.nfp, cls.cast.process
        cls.annual_source = source_services.data_source_create(
            actor=nfp,
            process=process,
            name="Labour-force survey",
            kind="labour_force_survey",
            periodicity=Periodicity.ANNUAL,
            disaggregations=["sex"],
        )
        cls.census = source_services.data_source_create(
            actor=nfp,
            process=process,
            name="Census",
            kind="census",
            periodicity=Periodicity.DECENNIAL,
            disaggregations=["sex"],
        )

    def make(self, title, years, **fields):
        series = services.series_create(
            actor=self.cast.nfp, process=self.cast.process, title=title, topic="other", unit="persons", **fields
        )
        for year in years:
            services.observation_create(actor=self.cast.nfp, series=series, period=str(year), value="1")
        return series

    def test_a_series_own_periodicity_overrides_its_sources(self):
        this_year = timezone.localdate().year
        module = self.make(
            "Survey module every few years",
            [this_year - 4, this_year],
            source=self.annual_source,
            periodicity=Periodicity.MULTI_YEAR,
        )
        yearly = self.make("Census projection", [this_year - 2, this_year], source=self.census, periodicity="annual")
        default = self.make("Survey, every year", [this_year - 2, this_year], source=self.annual_source)
        gaps = selectors.data_gaps(process=self.cast.process)
        self.assertEqual(
            [(gap.series, gap.missing) for gap in gaps.missing_years],
            [(yearly, str(this_year - 1)), (default, str(this_year - 1))],
        )
        self.assertNotIn(module, [gap.series for gap in gaps.missing_years])

    def test_a_series_where_sex_does_not_apply_is_never_listed_as_lacking_it(self):
        share = self.make("Remittances, % of GDP", [2020], sex_not_applicable=True)
        lacking = self.make("Returnees", [2020])
        gaps = selectors.data_gaps(process=self.cast.process)
        self.assertEqual(gaps.without_sex, [lacking])
        self.client.force_login(self.cast.facilitator)
        page = self.client.get(reverse("situation_analysis:series_list", args=[self.cast.process.pk]))
        self.assertContains(page, "no breakdown by sex", count=1)
        self.assertContains(page, "a breakdown by sex does not apply")
        with self.assertRaises(ValidationError):
            services.series_update(actor=self.cast.nfp, series=share, data={"dimensions": ["sex"]})
        content = b'series_code,series_name,period,sex,value\n,"Remittances, % of GDP",2021,F,1\n'
        (refused,) = preview(self.cast, content).refused
        self.assertIn("is marked as not broken down by sex", refused.reason)

    def test_series_whose_latest_value_is_old_are_listed_as_out_of_date(self):
        this_year = timezone.localdate().year
        old = self.make("Diaspora survey", [this_year - 6, this_year - 4])
        self.make("Remittance inflows", [this_year - 3])
        gaps = selectors.data_gaps(process=self.cast.process)
        self.assertEqual([(gap.series, gap.latest_year) for gap in gaps.out_of_date], [(old, this_year - 4)])
        with override_settings(SERIES_OUT_OF_DATE_AFTER_YEARS=5):
            self.assertEqual(selectors.data_gaps(process=self.cast.process).out_of_date, [])
        self.client.force_login(self.cast.own)
        page = self.client.get(reverse("situation_analysis:data_gap_list", args=[self.cast.process.pk]))
        self.assertContains(page, "Series out of date")
        self.assertContains(page, f"<td>{this_year - 4}</td>", html=True)

    def test_the_series_form_records_the_code_periodicity_and_sex_not_applicable(self):
        self.client.force_login(self.cast.nfp)
        url = reverse("situation_analysis:series_create", args=[self.cast.process.pk])
        data = {
            "title": "Personal remittances, received (% of GDP)",
            "code": "BX.TRF.PWKR.DT.GD.ZS",
            "topic": "remittances",
            "unit": "% of GDP",
            "periodicity": "annual",
            "sex_not_applicable": "on",
        }
        self.assertEqual(self.client.post(url, data).status_code, 302)
        series = DataSeries.objects.get(code="BX.TRF.PWKR.DT.GD.ZS")
        self.assertEqual((series.periodicity, series.sex_not_applicable), ("annual", True))
        response = self.client.post(url, data | {"title": "Another", "code": "bx.trf.pwkr.dt.gd.zs"})
        self.assertContains(response, "This process already records a data series with this code.", status_code=400)
