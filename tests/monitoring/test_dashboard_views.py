"""
The M&E dashboard, the golden thread page, the indicator page's progress and the indicators on the plan's goal,
outcome and output pages: what they show, who may read them (development partners 403, another ministry never
sees a draft value), and query budgets at two data sizes.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mainstreaming.phases import phase_pages
from monitoring.choices import ActivityProgress, ReportStatus
from situation_analysis.models import DataSeries, DataSource
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain, make_finding
from tests.monitoring.builders import (
    make_activity_update,
    make_checklist_answer,
    make_cited_series,
    make_data_source,
    make_period,
    make_report,
    make_reported_indicator,
    make_value,
)


def url(name, process, **kwargs):
    return reverse(f"monitoring:{name}", kwargs={"process_pk": process.pk, **kwargs})


class DashboardCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.chain = make_chain(cls.cast, activities=2)
        cls.reported = make_reported_indicator(
            cls.cast, cls.chain.outcome, values=(Decimal("40"), Decimal("70")), name="Workers oriented ZQX"
        )
        make_activity_update(cls.reported.reports[0], cls.chain.activities[0], status="delayed", spent="2500")
        # A draft report of the Ministry of Health on a period of its own, with a value nobody else may see.
        cls.health_indicator = make_reported_indicator(
            cls.cast, cls.chain.output, values=(), responsible=cls.cast.health, name="Nurses retained ZQH"
        ).indicator
        cls.draft_period = make_period(cls.cast, label="2029", starts_on=date(2029, 1, 1), ends_on=date(2029, 12, 31))
        cls.draft_report = make_report(cls.cast, cls.draft_period, cls.cast.health)
        cls.draft_value = make_value(cls.draft_report, cls.health_indicator, "987654")
        cls.answer = make_checklist_answer(cls.cast, narrative="Approved narrative ZQA")
        cls.draft_answer = make_checklist_answer(cls.cast, "MGT4", approve=False, narrative="Draft narrative ZQD")
        finding = make_finding(cls.process, "Workers leave uninformed ZQF")
        finding.answers.add(cls.answer, cls.draft_answer)
        cls.answer.data_sources.add(make_data_source(cls.cast, "Approved answer source ZQP"))
        cls.draft_answer.data_sources.add(make_data_source(cls.cast, "Draft answer source ZQS"))
        # A finding resting on data only, and one citing nothing (its detail says what it rests on).
        data_finding = make_finding(cls.process, "Departures grow ZQG")
        make_cited_series(
            cls.cast,
            data_finding,
            "Departures by sex ZQR",
            [("2023", 100), ("2024", 60, {"sex": "female"}), ("2024", 45, {"sex": "male"})],
            source="Border survey ZQB",
        )
        make_cited_series(cls.cast, data_finding, "Returns ZQE")  # no value yet, no source
        bare_finding = make_finding(cls.process, "Brokers mislead ZQN")
        cls.chain.priority.findings.add(finding, data_finding, bare_finding)

    def get(self, role, name, **kwargs):
        self.client.force_login(getattr(self.cast, role))
        return self.client.get(url(name, self.process, **kwargs))


class DashboardTests(DashboardCase):
    def test_it_shows_indicators_activities_spending_and_the_grid(self):
        response = self.get("other", "dashboard")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Workers oriented ZQX")
        self.assertContains(response, "chart-indicator")
        self.assertContains(response, "110")  # 40 + 70 to date
        self.assertContains(response, "10.0% of the way from the baseline to the 2028 target")
        self.assertContains(response, "Activities at a glance")
        self.assertContains(response, "Delayed")
        self.assertContains(response, "2,500.00")  # spent
        self.assertContains(response, "20,000.00")  # the budget of the two activities
        self.assertContains(response, "Submission grid")
        self.assertContains(response, url("value_thread", self.process, pk=self.reported.values[0].pk))

    def test_another_ministry_never_sees_a_draft_value(self):
        for role in ("other", "own", "nfp"):
            self.assertNotContains(self.get(role, "dashboard"), "987654")

    def test_the_grid_links_only_the_reports_the_reader_may_open(self):
        draft_url = self.draft_report.get_absolute_url()
        self.assertNotContains(self.get("other", "dashboard"), draft_url)
        self.assertContains(self.get("own", "dashboard"), draft_url)
        self.assertContains(self.get("nfp", "dashboard"), draft_url)

    def test_overdue_reports_are_flagged_in_words(self):
        self.assertContains(self.get("nfp", "dashboard"), "0 reports are overdue")  # the draft is due 2030-01-31
        self.draft_period.due_on = date(2026, 1, 31)
        self.draft_period.ends_on = date(2026, 1, 1)
        self.draft_period.starts_on = date(2026, 1, 1)
        self.draft_period.save()
        response = self.get("nfp", "dashboard")
        self.assertContains(response, "1 report is overdue")
        self.assertContains(response, "Draft · overdue")

    def test_development_partners_are_refused(self):
        self.assertEqual(self.get("donor", "dashboard").status_code, 403)
        self.assertEqual(self.get("donor", "value_thread", pk=self.reported.values[0].pk).status_code, 403)

    def test_it_is_a_phase_page(self):
        self.assertIn("monitoring:dashboard", [page.url_name for page in phase_pages("monitoring", {"view_internal"})])

    def test_an_empty_plan_says_what_to_do(self):
        cast = self.cast
        self.client.force_login(cast.outsider)
        response = self.client.get(url("dashboard", cast.other_process))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The plan has no indicator yet")
        self.assertContains(response, "No reporting period has been opened yet.")


class IndicatorKindsTests(TestCase):
    def test_every_kind_of_indicator_renders(self):
        from monitoring.models import IndicatorTarget
        from tests.monitoring.builders import make_indicator

        cast = make_cast()
        chain = make_chain(cast)
        report = make_report(cast, make_period(cast), status=ReportStatus.APPROVED)
        kinds = {
            "Policy adopted ZK1": dict(indicator_type="yes_no", aggregation="latest", baseline_text="no"),
            "What changed ZK2": dict(indicator_type="text", aggregation="latest"),
            "Policy stage ZK3": dict(
                indicator_type="text",
                aggregation="qualitative",
                scale=["none", "drafted", "adopted"],
                baseline_text="none",
            ),
            "Share oriented ZK4": dict(
                indicator_type="percentage", aggregation="percentage", numerator="oriented", denominator="departed"
            ),
        }
        made = {}
        for name, fields in kinds.items():
            baseline = {} if fields["indicator_type"] == "percentage" else {"baseline_value": None}
            made[name] = make_indicator(cast, chain.output, name=name, **baseline, **fields)
        IndicatorTarget.objects.create(
            process=cast.process, indicator=made["Policy stage ZK3"], year=2028, text_value="adopted"
        )
        make_value(report, made["Policy adopted ZK1"], yes_no=True)
        make_value(report, made["What changed ZK2"], text_value="A law ZKT")
        make_value(report, made["Policy stage ZK3"], text_value="drafted")
        make_value(report, made["Share oriented ZK4"], "25", numerator="3", denominator="12")
        self.client.force_login(cast.nfp)
        response = self.client.get(url("dashboard", cast.process))
        self.assertContains(response, "A law ZKT")
        self.assertContains(response, "50.0% of the way")  # drafted: one of two steps
        self.assertContains(response, "25 (3 / 12)")
        for indicator in made.values():
            self.assertEqual(self.client.get(indicator.get_absolute_url()).status_code, 200)
        self.assertContains(self.client.get(chain.output.get_absolute_url()), "Policy stage ZK3")


class GoldenThreadPageTests(DashboardCase):
    def test_it_leads_from_the_value_to_the_checklist_answer(self):
        response = self.get("nfp", "value_thread", pk=self.reported.values[0].pk)
        self.assertEqual(response.status_code, 200)
        for text in (
            "Workers oriented ZQX",
            self.chain.outcome.title,
            self.chain.activities[0].title,
            self.chain.priority.title,
            "Workers leave uninformed ZQF",
            "Approved narrative ZQA",
        ):
            self.assertContains(response, text)

    def test_it_continues_to_the_data_series_their_latest_values_and_their_sources(self):
        response = self.get("other", "value_thread", pk=self.reported.values[0].pk)
        series = DataSeries.objects.get(title="Departures by sex ZQR")
        self.assertContains(response, f'href="{series.get_absolute_url()}"')
        self.assertContains(response, "Latest values, 2024:")
        self.assertContains(response, "Female 60 · Male 45")
        self.assertNotContains(response, "Total 100")  # 2023 is not the latest period
        source = DataSource.objects.get(name="Border survey ZQB")
        self.assertContains(response, f'href="{source.get_absolute_url()}"', count=2)  # under the series, and listed
        self.assertContains(response, "Returns ZQE")
        self.assertContains(response, "No value recorded yet.")

    def test_it_says_no_evidence_only_for_the_finding_that_cites_none(self):
        response = self.get("nfp", "value_thread", pk=self.reported.values[0].pk)
        self.assertNotContains(response, "cites no checklist answer")
        self.assertContains(response, "No evidence", count=1)
        bare = response.content.decode().split("Brokers mislead ZQN", 1)[1]
        self.assertIn("No evidence: this finding cites neither a data series nor a checklist answer.", bare)
        self.assertIn("District health reports.", bare)  # what the finding says it rests on

    def test_a_draft_answer_s_words_stay_with_its_institution_and_the_reviewers(self):
        other = self.get("other", "value_thread", pk=self.reported.values[0].pk)
        self.assertContains(other, "Approved narrative ZQA")
        self.assertContains(other, "Approved answer source ZQP")
        self.assertNotContains(other, "Draft narrative ZQD")
        self.assertNotContains(other, "Draft answer source ZQS")
        self.assertContains(other, "The answer is not approved yet")
        own = self.get("own", "value_thread", pk=self.reported.values[0].pk)
        self.assertContains(own, "Draft narrative ZQD")
        self.assertContains(own, "Draft answer source ZQS")

    def test_a_draft_value_s_thread_is_hidden_from_other_ministries(self):
        self.assertEqual(self.get("other", "value_thread", pk=self.draft_value.pk).status_code, 404)
        own = self.get("own", "value_thread", pk=self.draft_value.pk)
        self.assertContains(own, "not approved yet")
        self.assertEqual(self.get("facilitator", "value_thread", pk=self.draft_value.pk).status_code, 200)

    def test_a_value_of_another_process_is_not_found(self):
        self.client.force_login(self.cast.outsider)
        address = url("value_thread", self.cast.other_process, pk=self.reported.values[0].pk)
        self.assertEqual(self.client.get(address).status_code, 404)

    def test_the_indicator_page_shows_approved_values_chart_and_progress(self):
        response = self.get("own", "indicator_detail", pk=self.reported.indicator.pk)
        self.assertContains(response, "Progress")
        self.assertContains(response, "chart-indicator")
        self.assertContains(response, "Approved values of")
        self.assertContains(response, url("value_thread", self.process, pk=self.reported.values[1].pk))

    def test_the_plan_s_result_pages_list_the_indicators_measuring_them(self):
        self.client.force_login(self.cast.own)
        outcome = self.client.get(self.chain.outcome.get_absolute_url())
        self.assertContains(outcome, "Indicators and progress")
        self.assertContains(outcome, "Workers oriented ZQX")
        output = self.client.get(self.chain.output.get_absolute_url())
        self.assertContains(output, "Nurses retained ZQH")
        self.assertNotContains(output, "987654")
        goal = self.client.get(self.chain.goal.get_absolute_url())
        self.assertContains(goal, "No indicator measures this goal yet.")


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------

BUDGETS = {"dashboard": 28, "value_thread": 21, "indicator_detail": 14, "outcome_detail": 18}


def _grow(cast, size: int) -> dict[str, str]:
    """`size` chains, each with an outcome indicator reported in three approved periods and activity updates."""
    last_value = last_indicator = chain = None
    for index in range(size):
        chain = make_chain(cast, activities=2, label=f"{size}-{index}")
        reported = make_reported_indicator(
            cast, chain.outcome, values=(index, index + 1, index + 2), name=f"Indicator {size}-{index}"
        )
        for report in reported.reports:
            for activity in chain.activities:
                make_activity_update(report, activity, status=ActivityProgress.ON_TRACK, spent="100")
        answer = make_checklist_answer(cast, f"Q{size}{index}"[:10], approve=index % 2 == 0)
        finding = make_finding(cast.process, f"Finding {size}-{index}")
        finding.answers.add(answer)
        chain.goal.findings.add(finding)
        chain.priority.findings.add(finding)
        last_value, last_indicator = reported.values[-1], reported.indicator
    health_period = make_period(
        cast, label=f"H{size}", starts_on=date(2040 + size, 1, 1), ends_on=date(2040 + size, 12, 31)
    )
    make_report(cast, health_period, cast.health, status=ReportStatus.SUBMITTED)
    return {
        "dashboard": url("dashboard", cast.process),
        "value_thread": url("value_thread", cast.process, pk=last_value.pk),
        "indicator_detail": url("indicator_detail", cast.process, pk=last_indicator.pk),
        "outcome_detail": chain.outcome.get_absolute_url(),
    }


def _count(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["nfp", "other"])
def test_the_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries, role):
    cast = make_cast()
    client.force_login(cast.user(role))
    small_urls = _grow(cast, 2)
    small = {name: _count(client, address) for name, address in small_urls.items()}
    large_urls = _grow(cast, 20)
    large = {name: _count(client, address) for name, address in large_urls.items()}
    assert large == small, "pages whose query count grows with the data: " + ", ".join(
        f"{name} ({small[name]} -> {large[name]})" for name in small if small[name] != large[name]
    )
    for name, address in large_urls.items():
        with django_assert_max_num_queries(BUDGETS[name], info=name):
            client.get(address)


def _grow_evidence(cast, chain, size: int) -> None:
    """`size` more findings behind `chain`'s priority, each citing an answer (every other one a draft) resting on a
    data source, and a series with values in two periods from a source of its own."""
    for index in range(size):
        finding = make_finding(cast.process, f"Evidence finding {size}-{index}")
        answer = make_checklist_answer(cast, f"E{size}{index}"[:10], approve=index % 2 == 0)
        answer.data_sources.add(make_data_source(cast, f"Answer source {size}-{index}"))
        finding.answers.add(answer)
        make_cited_series(
            cast,
            finding,
            f"Series {size}-{index}",
            [("2023", index), ("2024", index + 1, {"sex": "female"}), ("2024", index + 2, {"sex": "male"})],
            source=f"Series source {size}-{index}",
        )
        chain.priority.findings.add(finding)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["nfp", "other"])
def test_the_golden_thread_costs_the_same_queries_whatever_the_evidence(client, django_assert_max_num_queries, role):
    cast = make_cast()
    client.force_login(cast.user(role))
    chain = make_chain(cast)
    value = make_reported_indicator(cast, chain.outcome, values=(1,)).values[0]
    address = url("value_thread", cast.process, pk=value.pk)
    _grow_evidence(cast, chain, 2)
    small = _count(client, address)
    _grow_evidence(cast, chain, 20)
    large = _count(client, address)
    assert large == small, f"the golden thread's queries grow with its findings, series and answers: {small} -> {large}"
    with django_assert_max_num_queries(BUDGETS["value_thread"]):
        response = client.get(address)
    assert response.content.decode().count("Latest values, 2024:") == 22
