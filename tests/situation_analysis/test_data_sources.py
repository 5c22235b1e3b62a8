"""Data sources (handbook Annex D1): what each holds, who owns it, how it breaks down, documents and history."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mainstreaming import services as core_services
from mainstreaming.selectors import documents_of
from situation_analysis.choices import DataSourceKind, Periodicity
from situation_analysis.models import DataSource
from situation_analysis.services import sources as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory


class DataSourceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def url(self, name, *args):
        return reverse(f"situation_analysis:{name}", args=[self.cast.process.pk, *args])

    def make(self, name="Labour Force Survey", **extra):
        data = {"kind": DataSourceKind.LABOUR_FORCE_SURVEY, "disaggregations": ["sex", "age"]} | extra
        return services.data_source_create(actor=self.cast.nfp, process=self.cast.process, name=name, **data)

    def test_the_nfp_records_a_source_with_its_breakdowns_and_the_history_says_who(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("data_source_create"),
            {
                "name": "Population and Housing Census",
                "kind": "census",
                "owner": self.cast.labour.pk,
                "periodicity": "decennial",
                "latest_year": "2021",
                "disaggregations": ["region", "sex", "migratory_status"],
                "access_notes": "Tables online.",
                "quality_notes": "Undercounts absent members.",
            },
        )
        source = DataSource.objects.get()
        self.assertRedirects(response, source.get_absolute_url())
        self.assertEqual(source.disaggregations, ["sex", "region", "migratory_status"])  # in the list's order
        self.assertEqual(source.owner, self.cast.labour)
        row = source.history.get()
        self.assertEqual((row.history_change_reason, row.history_user), ("data_source.created", self.cast.nfp))
        detail = self.client.get(source.get_absolute_url())
        for text in ("Population and Housing Census", "About every ten years", "Sex, Region, Migratory status"):
            self.assertContains(detail, text)

    def test_an_edit_keeps_the_reason(self):
        source = self.make()
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("data_source_edit", source.pk),
            {
                "name": "Labour Force Survey",
                "kind": "labour_force_survey",
                "latest_year": "2025",
                "reason": "New round",
            },
        )
        self.assertRedirects(response, source.get_absolute_url())
        source.refresh_from_db()
        self.assertEqual((source.latest_year, source.disaggregations), (2025, []))
        row = source.history.latest()
        self.assertEqual(
            (row.history_change_reason, row.history_user), ("data_source.updated: New round", self.cast.nfp)
        )
        self.assertEqual(self.client.get(self.url("data_source_history", source.pk)).status_code, 200)

    def test_bad_input_comes_back_beside_the_field_with_400(self):
        self.make()
        foreign = InstitutionFactory(process=self.cast.other_process, name="Elsewhere Statistics")
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("data_source_create"),
            {
                "name": "",
                "kind": "nonsense",
                "latest_year": "1700",
                "disaggregations": ["shoe size"],
                "owner": foreign.pk,
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(
            set(response.context["form"].errors), {"name", "kind", "latest_year", "disaggregations", "owner"}
        )
        # A duplicate name is refused by the service, beside the name field.
        response = self.client.post(self.url("data_source_create"), {"name": "labour force survey", "kind": "census"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("name", response.context["form"].errors)
        self.assertEqual(DataSource.objects.count(), 1)
        with self.assertRaises(ValidationError) as caught:
            services.data_source_create(
                actor=self.cast.nfp, process=self.cast.process, name="X", kind="census", owner=foreign
            )
        self.assertIn("owner", caught.exception.error_dict)

    def test_the_list_filters_by_kind_and_names_the_sources_without_sex(self):
        self.make(owner=self.cast.labour, periodicity=Periodicity.QUARTERLY, latest_year=2025)
        self.make("Remittance statistics", kind=DataSourceKind.CENTRAL_BANK, disaggregations=["country"])
        self.client.force_login(self.cast.own)
        response = self.client.get(self.url("data_source_list"))
        self.assertContains(response, "Quarterly")
        self.assertContains(response, "Sex, Age")
        self.assertEqual(response.context["without_sex"], ["Remittance statistics"])
        self.assertContains(response, "These sources cannot be:")
        self.assertNotContains(response, "Record a data source")
        filtered = self.client.get(self.url("data_source_list"), {"kind": "central_bank"})
        self.assertEqual([s.name for s in filtered.context["sources"]], ["Remittance statistics"])
        self.assertEqual(self.client.get(self.url("data_source_list"), {"kind": "bogus"}).context["kind"], "")

    def test_the_empty_list_says_what_to_record(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(self.url("data_source_list"))
        self.assertContains(response, "Record the first data source")

    def test_documents_are_attached_by_the_nfp(self):
        source = self.make()
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("data_source_document_upload", source.pk),
            {"title": "Questionnaire", "file": SimpleUploadedFile("questionnaire.txt", b"Q1. Sex")},
        )
        self.assertRedirects(response, source.get_absolute_url())
        self.assertEqual([d.title for d in documents_of(source)], ["Questionnaire"])
        self.assertContains(self.client.get(source.get_absolute_url()), "Questionnaire")

    def test_only_the_nfp_writes_and_donors_get_403(self):
        source = self.make()
        for user in (self.cast.own, self.cast.facilitator):
            self.client.force_login(user)
            self.assertEqual(self.client.get(source.get_absolute_url()).status_code, 200)
            response = self.client.post(self.url("data_source_edit", source.pk), {"name": "X", "kind": "census"})
            self.assertEqual(response.status_code, 403)
            with self.assertRaises(PermissionDenied):
                services.data_source_update(actor=user, source=source, data={"name": "X"})
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(self.url("data_source_list")).status_code, 403)
        self.assertEqual(self.client.get(source.get_absolute_url()).status_code, 403)
        self.client.force_login(self.cast.outsider)
        self.assertEqual(self.client.get(source.get_absolute_url()).status_code, 404)
        source.refresh_from_db()
        self.assertEqual(source.name, "Labour Force Survey")


class DataSourceQueryBudgetTests(TestCase):
    BUDGETS = {"data_source_list": 8, "data_source_detail": 12}

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.source = services.data_source_create(
            actor=cls.cast.nfp, process=cls.cast.process, name="The source", kind="census", owner=cls.cast.health
        )

    def grow(self, size):
        nfp, process = self.cast.nfp, self.cast.process
        start = DataSource.objects.count()
        for i in range(size):
            owner = InstitutionFactory(process=process, name=f"Owner {start + i}")
            services.data_source_create(
                actor=nfp,
                process=process,
                name=f"Source {start + i}",
                kind=DataSourceKind.values[i % len(DataSourceKind.values)],
                owner=owner,
                disaggregations=["sex", "age"] if i % 2 else ["region"],
            )
            core_services.comment_add(actor=nfp, target=self.source, text=f"Comment {i}")
            core_services.document_attach(
                actor=nfp, process=process, owner=self.source, uploaded=SimpleUploadedFile(f"d{start}{i}.txt", b"D")
            )

    def count(self, url):
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_pages_cost_the_same_queries_with_ten_times_the_data(self):
        self.client.force_login(self.cast.nfp)
        urls = {
            "data_source_list": reverse("situation_analysis:data_source_list", args=[self.cast.process.pk]),
            "data_source_detail": self.source.get_absolute_url(),
        }
        self.grow(2)
        small = {name: self.count(url) for name, url in urls.items()}
        self.grow(20)
        large = {name: self.count(url) for name, url in urls.items()}
        self.assertEqual(large, small)
        for name, count in large.items():
            self.assertLessEqual(count, self.BUDGETS[name], name)
