"""
Monitoring's PDF reports: the periodic progress report (a period's approved reports) and the donor report (the
plan's progress to date), built by the core's one pipeline and published by the NFP; development partners read
only the published ones. Only approved reports and their current value revisions are ever printed.
"""

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mainstreaming import report_kinds
from mainstreaming.choices import BuildStatus, Visibility
from mainstreaming.models import Report
from mainstreaming.services import report_publish, report_request
from monitoring.choices import DONOR_REPORT, PROGRESS_REPORT, ReportStatus
from monitoring.models import Evaluation, IndicatorValue, ProgressReport
from monitoring.reports import (
    donor_report_context,
    progress_report_context,
    validate_period,
)
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain
from tests.monitoring.builders import (
    make_activity_update,
    make_indicator,
    make_period,
    make_report,
    make_reported_indicator,
    make_value,
)

DRAFT_WORDS = ("Vextrin draft challenge", "Secretum draft narrative", "Health draft only")


def pdf_text(report) -> str:
    reader = pypdf.PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


class ReportsCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast, activities=1)
        cls.activity = cls.chain.activities[0]
        cls.reported = make_reported_indicator(
            cls.cast, cls.chain.outcome, name="Quillon workers oriented", code="QW-1", unit="workers"
        )
        cls.first, cls.second = cls.reported.periods
        first_report, second_report = cls.reported.reports
        ProgressReport.objects.filter(pk=first_report.pk).update(
            challenges="Trainers left for Plumbrook", next_steps="Recruit in Dunmore"
        )
        ProgressReport.objects.filter(pk=second_report.pk).update(challenges="Rains closed the Kestrel centre")
        make_activity_update(
            first_report, cls.activity, status="on_track", spent="2500", percent_done=40, narrative="Ostwold trained"
        )
        # A correction of the second period's value: the current revision counts, the earlier one never does.
        old = cls.reported.values[1]
        IndicatorValue.objects.filter(pk=old.pk).update(is_current=False)
        make_value(second_report, cls.reported.indicator, "75", revision=2, correction_reason="Typo in the register")
        # The Ministry of Health's draft of the first period: none of it may be printed.
        cls.health_indicator = make_indicator(
            cls.cast, cls.chain.output, responsible=cls.cast.health, name=DRAFT_WORDS[2]
        )
        cls.draft = make_report(cls.cast, cls.first, cls.cast.health)
        ProgressReport.objects.filter(pk=cls.draft.pk).update(challenges=DRAFT_WORDS[0])
        make_value(cls.draft, cls.health_indicator, "999")
        make_activity_update(cls.draft, cls.activity, status="delayed", spent="777", narrative=DRAFT_WORDS[1])
        Evaluation.objects.create(
            process=cls.cast.process,
            kind="midterm",
            title="Zephyrine mid-term review",
            evaluator="Independent evaluators Ltd",
            status="completed",
            completed_on=date(2028, 7, 1),
            summary="Orientation works; scale it up",
        )

    def build(self, kind, parameters=None, actor=None):
        with self.captureOnCommitCallbacks(execute=True):
            report = report_request(
                actor=actor or self.cast.nfp, process=self.cast.process, kind=kind, parameters=parameters
            )
        report.refresh_from_db()
        self.assertEqual(report.status, BuildStatus.DONE, report.error)
        return report


class ProgressReportContextTests(ReportsCase):
    def context(self, period):
        report = Report(process=self.cast.process, parameters={"period": period.pk})
        return progress_report_context(report, timezone.now())

    def test_it_prints_the_periods_approved_values_and_values_to_date_with_charts(self):
        context = self.context(self.second)
        self.assertEqual(context["period"], self.second)
        row = next(r for r in context["indicator_rows"] if r.summary.indicator == self.reported.indicator)
        self.assertEqual(row.value.value, Decimal("75"))
        self.assertEqual(row.value.revision, 2)
        self.assertEqual(row.summary.to_date, Decimal("115"))
        self.assertIn("<svg", row.summary.chart_svg)

    def test_a_later_period_is_left_out_of_the_values_to_date(self):
        row = next(
            r for r in self.context(self.first)["indicator_rows"] if r.summary.indicator == self.reported.indicator
        )
        self.assertEqual(row.value.value, Decimal("40"))
        self.assertEqual(row.summary.to_date, Decimal("40"))

    def test_only_approved_reports_give_values_activities_spending_and_narrative(self):
        context = self.context(self.first)
        self.assertEqual([r.institution for r in context["approved_reports"]], [self.cast.labour])
        self.assertEqual([r.institution for r in context["pending_reports"]], [self.cast.health])
        health = next(r for r in context["indicator_rows"] if r.summary.indicator == self.health_indicator)
        self.assertIsNone(health.value)
        self.assertIsNone(health.summary.to_date)
        self.assertEqual([u.narrative for u in context["updates"]], ["Ostwold trained"])
        self.assertEqual(context["spent"], Decimal("2500.00"))
        self.assertEqual(
            [(n.challenges, n.next_steps) for n in context["narratives"]],
            [("Trainers left for Plumbrook", "Recruit in Dunmore")],
        )

    def test_the_parameters_must_name_a_period_of_this_process(self):
        validate_period(self.cast.process, {"period": self.first.pk})
        other = make_period(self.cast, label="x", starts_on=date(2040, 1, 1), ends_on=date(2040, 12, 31))
        other.process = self.cast.other_process
        other.save()
        for bad in ({}, {"period": "x"}, {"period": True}, {"period": 99999}, {"period": other.pk}):
            with self.subTest(parameters=bad), self.assertRaises(ValidationError):
                validate_period(self.cast.process, bad)


class DonorReportContextTests(ReportsCase):
    def test_it_gives_progress_to_date_activities_spending_narrative_and_evaluations(self):
        context = donor_report_context(Report(process=self.cast.process, parameters={}), timezone.now())
        summaries = [s for goal in context["goal_summaries"] for o in goal.outcomes for s in o.summaries]
        (summary,) = summaries
        self.assertEqual(summary.indicator, self.reported.indicator)
        self.assertEqual(summary.to_date, Decimal("115"))
        self.assertIn("<svg", summary.chart_svg)
        self.assertEqual(context["indicator_count"], 2)
        self.assertEqual(context["spending"].spent, Decimal("2500.00"))
        self.assertIn("<svg", context["activity_chart"])
        self.assertEqual(context["approved_count"], 2)
        self.assertEqual(
            [(g.period.label, [e.challenges for e in g.entries]) for g in context["narratives"]],
            [("2028", ["Rains closed the Kestrel centre"]), ("2027", ["Trainers left for Plumbrook"])],
        )
        self.assertEqual([e.title for e in context["evaluations"]], ["Zephyrine mid-term review"])

    def test_the_kinds_are_registered_the_donor_report_on_the_reports_page(self):
        self.assertEqual(report_kinds.get(PROGRESS_REPORT).template, "pdf/progress_report.html")
        self.assertNotIn(report_kinds.get(PROGRESS_REPORT), report_kinds.listed())
        self.assertIn(report_kinds.get(DONOR_REPORT), report_kinds.listed())
        self.client.force_login(self.cast.nfp)
        page = self.client.get(reverse("mainstreaming:report_list", args=[self.cast.process.pk]))
        self.assertContains(page, f'value="{DONOR_REPORT}"')


class BuildTests(ReportsCase):
    def test_the_progress_report_is_a_real_pdf_of_the_periods_approved_reports(self):
        report = self.build(PROGRESS_REPORT, {"period": self.first.pk})
        text = pdf_text(report)
        for expected in (
            "Progress report 2027",
            "QW-1 Quillon workers oriented",
            "Ostwold trained",
            "2,500.00",
            "Trainers left for Plumbrook",
            "Recruit in Dunmore",
            str(self.cast.health),
        ):
            self.assertIn(expected, text)
        for hidden in (*DRAFT_WORDS[:2], "999", "777", "Kestrel"):
            self.assertNotIn(hidden, text)

    def test_the_donor_report_is_a_real_pdf_of_progress_to_date(self):
        report = self.build(DONOR_REPORT)
        text = pdf_text(report)
        for expected in (
            "Progress report for development partners",
            "QW-1 Quillon workers oriented",
            "Trainers left for Plumbrook",
            "Rains closed the Kestrel centre",
            "Zephyrine mid-term review",
            "Orientation works; scale it up",
            "2,500.00",
        ):
            self.assertIn(expected, text)
        for hidden in (*DRAFT_WORDS[:2], "999", "777"):
            self.assertNotIn(hidden, text)

    def test_the_facilitator_requests_the_periods_pdf_from_the_period(self):
        self.client.force_login(self.cast.facilitator)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(
                reverse("monitoring:period_report_pdf", args=[self.cast.process.pk, self.first.pk])
            )
        report = Report.objects.get(kind=PROGRESS_REPORT)
        self.assertRedirects(response, report.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(report.parameters["period"], self.first.pk)
        self.assertEqual(report.status, BuildStatus.DONE, report.error)

    def test_a_ministry_cannot_request_it(self):
        self.client.force_login(self.cast.other)
        response = self.client.post(reverse("monitoring:period_report_pdf", args=[self.cast.process.pk, self.first.pk]))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Report.objects.filter(kind=PROGRESS_REPORT).exists())


class PublishingTests(ReportsCase):
    def download(self, report):
        return self.client.get(reverse("mainstreaming:report_download", args=[self.cast.process.pk, report.pk]))

    def test_a_partner_reads_a_progress_report_only_once_the_nfp_has_published_it(self):
        report = self.build(PROGRESS_REPORT, {"period": self.first.pk})
        self.client.force_login(self.cast.donor)
        self.assertIn(self.download(report).status_code, (403, 404))
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            reverse("mainstreaming:report_publish", args=[self.cast.process.pk, report.pk]), {"reason": ""}
        )
        self.assertEqual(response.status_code, 302)
        report.refresh_from_db()
        self.assertEqual(report.visibility, Visibility.PUBLISHED)
        self.client.force_login(self.cast.donor)
        response = self.download(report)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_an_unpublished_donor_report_stays_hidden_from_partners_a_published_one_is_served(self):
        hidden = self.build(DONOR_REPORT)
        shown = self.build(DONOR_REPORT)
        report_publish(actor=self.cast.nfp, report=shown)
        self.client.force_login(self.cast.donor)
        self.assertIn(self.download(hidden).status_code, (403, 404))
        self.assertEqual(self.download(shown).status_code, 200)
        page = self.client.get(reverse("mainstreaming:report_list", args=[self.cast.process.pk]))
        self.assertNotContains(page, str(hidden.pk))

    def test_only_the_nfp_publishes(self):
        report = self.build(PROGRESS_REPORT, {"period": self.first.pk})
        self.client.force_login(self.cast.facilitator)
        response = self.client.post(reverse("mainstreaming:report_publish", args=[self.cast.process.pk, report.pk]))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Report.objects.get(pk=report.pk).visibility, Visibility.INTERNAL)
        self.assertEqual(ProgressReport.objects.filter(status=ReportStatus.APPROVED).count(), 2)


class QueryBudgetTests(ReportsCase):
    def count(self, builder, parameters):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            builder(Report(process=self.cast.process, parameters=parameters), timezone.now())
        return len(queries)

    def test_the_contexts_cost_a_fixed_number_of_queries_whatever_the_data(self):
        parameters = {"period": self.first.pk}
        small = (self.count(progress_report_context, parameters), self.count(donor_report_context, {}))
        for index in range(4):
            chain = make_chain(self.cast, label=f"L{index}")
            reported = make_reported_indicator(self.cast, chain.output, name=f"More {index}")
            make_activity_update(reported.reports[0], chain.activities[0], status="delayed", spent="10")
            period = make_period(
                self.cast, label=f"Q{index}", starts_on=date(2030 + index, 1, 1), ends_on=date(2030 + index, 12, 31)
            )
            approved = make_report(self.cast, period, status=ReportStatus.APPROVED)
            ProgressReport.objects.filter(pk=approved.pk).update(challenges=f"More challenges {index}")
        Evaluation.objects.create(process=self.cast.process, kind="final", title="Final", evaluator="Team")
        large = (self.count(progress_report_context, parameters), self.count(donor_report_context, {}))
        self.assertEqual(small, large)
        self.assertLessEqual(large[1], 30)


class RequestButtonTests(ReportsCase):
    def test_the_include_posts_to_the_periods_request_url_for_those_who_may_request_reports(self):
        from django.template.loader import render_to_string

        url = reverse("monitoring:period_report_pdf", args=[self.cast.process.pk, self.first.pk])
        context = {"process": self.cast.process, "period": self.first}
        from mainstreaming.permissions import REQUEST_REPORT, RoleFlags

        html = render_to_string(
            "monitoring/inc/request_period_report.html", context | {"may": RoleFlags({REQUEST_REPORT})}
        )
        self.assertIn(f'action="{url}"', html)
        self.assertNotIn(
            url, render_to_string("monitoring/inc/request_period_report.html", context | {"may": RoleFlags(set())})
        )
