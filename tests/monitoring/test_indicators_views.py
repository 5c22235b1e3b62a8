"""
The indicators' pages: what each role may do (a ministry reads but cannot write, a development partner gets 403,
an outsider 404, the facilitator comments), bad input shown beside its field with 400, copying from the bank, the
targets table, the M&E plan, history with user and reason, the dashboard card, the demo, and query budgets at two
data sizes.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from implementation_plans.loaders import load_frameworks
from mainstreaming.loaders import DemoCountry
from monitoring.demo.indicators import load_demo_indicators
from monitoring.loaders import load_indicator_bank
from monitoring.models import Indicator, IndicatorTarget, IndicatorTemplate, MEPlan
from monitoring.services import indicators as services
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain


def url(name, process, **kwargs):
    return reverse(f"monitoring:{name}", kwargs={"process_pk": process.pk, **kwargs})


INDICATOR = {
    "name": "Returnees assisted",
    "unit": "number",
    "indicator_type": "number",
    "direction": "higher",
    "aggregation": "incremental",
}


class ViewCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.chain = make_chain(cls.cast)
        cls.indicator = services.indicator_create(
            actor=cls.cast.nfp,
            process=cls.process,
            result=cls.chain.outcome,
            baseline_value=Decimal("120"),
            **(INDICATOR | {"name": "Workers oriented before departure"}),
        )
        services.indicator_targets_set(actor=cls.cast.nfp, indicator=cls.indicator, targets={2027: Decimal("200")})

    def get(self, role, name, **kwargs):
        self.client.force_login(getattr(self.cast, role))
        return self.client.get(url(name, self.process, **kwargs))

    def post(self, role, name, data, **kwargs):
        self.client.force_login(getattr(self.cast, role))
        return self.client.post(url(name, self.process, **kwargs), data)


class PermissionTests(ViewCase):
    def test_a_ministry_reads_the_indicators_but_cannot_write(self):
        response = self.get("own", "indicator_list")
        self.assertContains(response, "Workers oriented before departure")
        self.assertNotContains(response, url("indicator_create", self.process))
        self.assertEqual(self.post("own", "indicator_create", INDICATOR).status_code, 403)
        self.assertEqual(
            self.post(
                "other", "indicator_targets", {"year_1": "2027", "value_1": "1"}, pk=self.indicator.pk
            ).status_code,
            403,
        )
        self.assertEqual(Indicator.objects.count(), 1)

    def test_a_development_partner_gets_403_and_an_outsider_404(self):
        for name, kwargs in (
            ("indicator_list", {}),
            ("indicator_detail", {"pk": self.indicator.pk}),
            ("me_plan_detail", {}),
        ):
            with self.subTest(name=name):
                self.assertEqual(self.get("donor", name, **kwargs).status_code, 403)
                self.assertEqual(self.get("outsider", name, **kwargs).status_code, 404)

    def test_the_facilitator_comments_on_an_indicator_a_ministry_does_not(self):
        response = self.get("facilitator", "indicator_detail", pk=self.indicator.pk)
        self.assertContains(response, "Add comment")
        self.assertNotContains(self.get("own", "indicator_detail", pk=self.indicator.pk), "Add comment")


class FormTests(ViewCase):
    def test_an_indicator_attached_to_nothing_comes_back_with_the_error_beside_the_field(self):
        response = self.post("nfp", "indicator_create", INDICATOR)
        self.assertEqual(response.status_code, 400)
        self.assertIn("result", response.context["form"].errors)
        self.assertContains(response, "Attach the indicator to a goal, outcome or output", status_code=400)

    def test_a_future_baseline_date_and_a_percentage_over_100_are_shown_beside_their_fields(self):
        tomorrow = timezone.localdate() + timezone.timedelta(days=1)
        data = INDICATOR | {
            "result": f"output:{self.chain.output.pk}",
            "indicator_type": "percentage",
            "unit": "%",
            "baseline_value": "140",
            "baseline_date": tomorrow.isoformat(),
        }
        response = self.post("nfp", "indicator_create", data)
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("baseline_value", errors)
        self.assertIn("baseline_date", errors)

    def test_a_result_of_another_process_is_refused(self):
        other = make_chain(make_cast_for(self.cast.other_process, self.cast), label="other")
        response = self.post("nfp", "indicator_create", INDICATOR | {"result": f"outcome:{other.outcome.pk}"})
        self.assertEqual(response.status_code, 400)

    def test_the_nfp_writes_an_indicator_with_its_tags(self):
        response = self.post(
            "nfp",
            "indicator_create",
            INDICATOR | {"result": f"output:{self.chain.output.pk}", "disaggregations": ["sex", "age"]},
        )
        indicator = Indicator.objects.get(name="Returnees assisted")
        self.assertRedirects(response, indicator.get_absolute_url())
        self.assertEqual((indicator.output, indicator.disaggregations), (self.chain.output, ["sex", "age"]))
        self.assertEqual(indicator.history.get().history_user, self.cast.nfp)

    def test_two_targets_for_one_year_are_shown_beside_the_second_row(self):
        data = {"year_1": "2027", "value_1": "10", "year_2": "2027", "value_2": "12"}
        response = self.post("nfp", "indicator_targets", data, pk=self.indicator.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("year_2", response.context["form"].errors)
        self.assertContains(response, "one target per year", status_code=400)

    def test_a_percentage_target_outside_0_to_100_and_a_year_outside_the_plan_are_refused(self):
        share = services.indicator_create(
            actor=self.cast.nfp,
            process=self.process,
            result=self.chain.output,
            **(INDICATOR | {"name": "Share oriented", "indicator_type": "percentage", "unit": "%"}),
        )
        response = self.post(
            "nfp",
            "indicator_targets",
            {"year_1": "2027", "value_1": "130", "year_2": "2045", "value_2": "5"},
            pk=share.pk,
        )
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("value_1", errors)
        self.assertIn("year_2", errors)
        self.assertFalse(share.targets.exists())

    def test_the_targets_table_replaces_the_targets_and_keeps_the_history(self):
        data = {"year_1": "2028", "value_1": "250", "year_2": "2029", "value_2": "300", "reason": "new survey"}
        response = self.post("nfp", "indicator_targets", data, pk=self.indicator.pk)
        self.assertRedirects(response, self.indicator.get_absolute_url() + "#targets")
        self.assertEqual([t.year for t in self.indicator.targets.all()], [2028, 2029])
        page = self.get("facilitator", "indicator_target_history", pk=self.indicator.pk)
        self.assertContains(page, "new survey")
        self.assertContains(self.get("own", "indicator_detail", pk=self.indicator.pk), "250")

    def test_the_edit_form_shows_plain_numbers_and_records_the_reason(self):
        page = self.get("nfp", "indicator_edit", pk=self.indicator.pk)
        self.assertContains(page, 'value="120"')
        data = INDICATOR | {"result": f"outcome:{self.chain.outcome.pk}", "unit": "people", "reason": "clearer unit"}
        response = self.post("nfp", "indicator_edit", data, pk=self.indicator.pk)
        self.assertEqual(response.status_code, 302)
        history = self.get("facilitator", "indicator_history", pk=self.indicator.pk)
        self.assertContains(history, "clearer unit")
        self.assertContains(history, "people")

    def test_removing_asks_for_a_reason(self):
        response = self.post("nfp", "indicator_delete", {"reason": ""}, pk=self.indicator.pk)
        self.assertEqual(response.status_code, 400)
        response = self.post("nfp", "indicator_delete", {"reason": "duplicate"}, pk=self.indicator.pk)
        self.assertRedirects(response, url("indicator_list", self.process))
        self.assertFalse(Indicator.objects.filter(pk=self.indicator.pk).exists())

    def test_the_me_plan_form_shows_its_errors_and_saves(self):
        page = self.get("nfp", "me_plan_detail")
        self.assertContains(page, "Say how often progress is reported")
        bad = {
            "reporting_frequency": "annual",
            "midterm_evaluation_on": "2028-06-30",
            "final_evaluation_on": "2027-01-01",
        }
        response = self.post("nfp", "me_plan_edit", bad)
        self.assertEqual(response.status_code, 400)
        self.assertIn("final_evaluation_on", response.context["form"].errors)
        good = {
            "reporting_frequency": "quarterly",
            "budget_amount": "80000",
            "currency": "eur",
            "national_systems": "NDP system",
        }
        self.assertRedirects(self.post("nfp", "me_plan_edit", good), url("me_plan_detail", self.process))
        plan = MEPlan.objects.get(process=self.process)
        self.assertEqual((plan.currency, plan.history.get().history_user), ("EUR", self.cast.nfp))
        self.assertContains(self.get("own", "me_plan_detail"), "NDP system")
        self.assertEqual(self.get("own", "me_plan_history").status_code, 200)


def make_cast_for(process, cast):
    from dataclasses import replace

    return replace(cast, process=process)


class BankViewTests(ViewCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_frameworks()
        load_indicator_bank()

    def test_the_bank_lists_and_searches_its_entries(self):
        page = self.get("own", "bank_list")
        self.assertContains(page, "10.7.1")
        self.assertContains(page, "UNHCR")
        self.assertNotContains(page, "Copy into the plan")
        self.client.force_login(self.cast.nfp)
        page = self.client.get(url("bank_list", self.process) + "?q=remittance")
        self.assertContains(page, "Copy into the plan")
        self.assertContains(page, "10.c.1")
        self.assertNotContains(page, "10.7.3")

    def test_the_nfp_copies_an_entry_under_an_output(self):
        entry = IndicatorTemplate.objects.get(code="MD-08")
        data = {"result": f"output:{self.chain.output.pk}", "baseline_value": "12", "responsible": self.cast.labour.pk}
        response = self.post("nfp", "bank_copy", data, pk=entry.pk)
        copy = Indicator.objects.get(copied_from=entry)
        self.assertRedirects(response, copy.get_absolute_url())
        self.assertEqual(
            (copy.output, copy.baseline_value, copy.responsible), (self.chain.output, 12, self.cast.labour)
        )
        self.assertEqual(copy.aggregation, "percentage")
        self.assertContains(self.get("own", "indicator_list"), entry.name)

    def test_a_copy_without_a_result_or_with_a_percentage_over_100_comes_back(self):
        entry = IndicatorTemplate.objects.get(code="MD-08")
        response = self.post("nfp", "bank_copy", {"baseline_value": "130"}, pk=entry.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("result", response.context["form"].errors)
        self.assertIn("baseline_value", response.context["form"].errors)


class PanelDemoAndPageTests(ViewCase):
    def test_the_dashboard_shows_the_indicators_card_to_internal_readers(self):
        page = self.get("facilitator", "indicator_list")
        self.assertContains(page, "Not measured yet.")
        dashboard = reverse("mainstreaming:process_dashboard", args=[self.process.pk])
        self.client.force_login(self.cast.nfp)
        self.assertContains(self.client.get(dashboard), "Without targets")
        self.client.force_login(self.cast.donor)
        self.assertNotContains(self.client.get(dashboard), "Without targets")

    def test_the_phase_page_links_the_indicator_pages(self):
        self.client.force_login(self.cast.nfp)
        page = self.client.get(reverse("mainstreaming:phase_detail", args=[self.process.pk, "monitoring"]))
        self.assertContains(page, url("indicator_list", self.process))
        self.assertContains(page, url("bank_list", self.process))

    def test_the_process_trail_names_indicators_targets_and_the_me_plan(self):
        from monitoring.services.me_plan import me_plan_save

        me_plan_save(actor=self.cast.nfp, process=self.process, data={"currency": "USD"})
        self.client.force_login(self.cast.facilitator)
        page = self.client.get(reverse("mainstreaming:process_history", args=[self.process.pk]))
        self.assertContains(page, "Workers oriented before departure")
        self.assertContains(page, "Target for 2027")
        self.assertContains(page, url("me_plan_detail", self.process))

    def test_the_demo_copies_bank_indicators_with_targets_and_is_idempotent(self):
        load_frameworks()
        load_indicator_bank()
        Indicator.objects.all().delete()
        demo = DemoCountry(
            process=self.process, institutions={"MoLSP": self.cast.labour}, users={"nfp": self.cast.nfp}, admin=None
        )
        load_demo_indicators(demo)
        indicators = Indicator.objects.filter(process=self.process)
        self.assertEqual(indicators.count(), 5)
        self.assertTrue(all(i.copied_from_id for i in indicators))
        self.assertTrue(IndicatorTarget.objects.filter(indicator__process=self.process).exists())
        self.assertTrue(MEPlan.objects.filter(process=self.process).exists())
        load_demo_indicators(demo)
        self.assertEqual(indicators.count(), 5)

    def test_the_demo_without_outcomes_puts_its_indicators_on_the_goals(self):
        load_frameworks()
        load_indicator_bank()
        cast = make_cast_for(self.cast.other_process, self.cast)
        from implementation_plans.models import Goal

        goal = Goal.objects.create(process=cast.process, statement="Migration benefits development")
        load_demo_indicators(
            DemoCountry(process=cast.process, institutions={}, users={"nfp": self.cast.outsider}, admin=None)
        )
        self.assertEqual(Indicator.objects.filter(process=cast.process, goal=goal).count(), 5)


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------

# indicator_detail: 11 for the page, 3 for its progress (approved values, periods, their reports).
BUDGETS = {"indicator_list": 12, "indicator_detail": 14, "bank_list": 8, "indicator_targets": 10}


def _grow(cast, size: int) -> dict[str, dict]:
    """`size` outcomes and outputs, each measured by two indicators with a target per year and tags."""
    from implementation_plans.models import GcmObjective, Outcome, Output, SdgTarget

    chain = make_chain(cast, label=f"size {size}")
    sdg = SdgTarget.objects.get_or_create(code="10.7", defaults={"title": "Migration"})[0]
    gcm = GcmObjective.objects.get_or_create(number=6, defaults={"title": "Fair recruitment"})[0]
    last = None
    for index in range(size):
        outcome = Outcome.objects.create(process=cast.process, goal=chain.goal, title=f"Outcome {size}.{index}")
        output = Output.objects.create(process=cast.process, outcome=outcome, title=f"Output {size}.{index}")
        for result in (outcome, output):
            field = "outcome" if result is outcome else "output"
            last = Indicator.objects.create(
                process=cast.process,
                name=f"Indicator {size}.{index}",
                unit="number",
                responsible=cast.labour,
                **{field: result},
            )
            last.sdg_targets.add(sdg)
            last.gcm_objectives.add(gcm)
            for year in (2027, 2028, 2029):
                IndicatorTarget.objects.create(process=cast.process, indicator=last, year=year, value=year - 2000)
        IndicatorTemplate.objects.create(
            code=f"T{size}.{index}",
            name="Bank entry",
            unit="number",
            indicator_type="number",
            direction="higher",
            aggregation="latest",
        ).sdg_targets.add(sdg)
    return {
        "indicator_list": {},
        "indicator_detail": {"pk": last.pk},
        "bank_list": {},
        "indicator_targets": {"pk": last.pk},
    }


def _count(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


@pytest.mark.django_db
def test_the_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries):
    cast = make_cast()
    client.force_login(cast.nfp)
    small_urls = {name: url(name, cast.process, **kwargs) for name, kwargs in _grow(cast, 2).items()}
    small = {name: _count(client, address) for name, address in small_urls.items()}
    large_urls = {name: url(name, cast.process, **kwargs) for name, kwargs in _grow(cast, 20).items()}
    large = {name: _count(client, address) for name, address in large_urls.items()}
    assert large == small, "pages whose query count grows with the data: " + ", ".join(
        f"{name} ({small[name]} -> {large[name]})" for name in small if small[name] != large[name]
    )
    for name, address in large_urls.items():
        with django_assert_max_num_queries(BUDGETS[name], info=name):
            client.get(address)
