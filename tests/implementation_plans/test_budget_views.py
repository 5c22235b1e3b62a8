"""
The budget's pages: the totals page, the timeline, the results-matrix export (read back with openpyxl), the NFP's
forms for budget lines and funding (bad input comes back beside the field with 400), the include on the activity
page, the dashboard panel, the demo records, and query budgets at two sizes.
"""

import os
from datetime import date
from decimal import Decimal as D
from io import BytesIO

from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLResolver, include, path, reverse
from openpyxl import load_workbook

import mainstreaming.urls
from implementation_plans.choices import ActivityStatus, FundingStatus, PlanStatus, ProposalStatus
from implementation_plans.demo.budget import load_demo_budget
from implementation_plans.models import Activity, BudgetLine, Funding, Plan, Target
from implementation_plans.urls import urlpatterns as plan_urlpatterns
from mainstreaming import l10n
from mainstreaming.choices import InstitutionKind
from mainstreaming.loaders import DemoCountry
from tests.cast import make_cast
from tests.factories import InstitutionFactory
from tests.implementation_plans.builders import make_chain

# ---------------------------------------------------------------------------
# The pages of the other areas these pages link to (the goal, outcome, output and activity pages) are built by
# those areas. Until they exist, the tests here stand in for them with empty pages of the same names; once they
# exist, `plan_pages` changes nothing.
# ---------------------------------------------------------------------------

LINKED = ("goal_detail", "outcome_detail", "output_detail", "activity_detail")


def _stand_in(request, **kwargs):
    return HttpResponse("stand-in")


def _urlconf():
    names = {pattern.name for pattern in plan_urlpatterns}
    missing = [name for name in LINKED if name not in names]
    if not missing:
        return None
    stand_ins = [path(f"stand-in/{name}/<int:pk>/", _stand_in, name=name) for name in missing]

    class URLConf:
        urlpatterns = [
            path("processes/<int:process_pk>/", include((plan_urlpatterns + stand_ins, "implementation_plans")))
            if isinstance(pattern, URLResolver) and pattern.namespace == "implementation_plans"
            else pattern
            for pattern in mainstreaming.urls.urlpatterns
        ]

    return URLConf


_URLCONF = _urlconf()


def plan_pages(cls):
    return override_settings(ROOT_URLCONF=_URLCONF)(cls) if _URLCONF else cls


class BudgetViewCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast, activities=2)
        cls.a1, cls.a2 = cls.chain.activities
        cls.partner = cls.cast.process.institutions.get(name="Partner Agency")
        BudgetLine.objects.create(
            process=cls.cast.process,
            activity=cls.a1,
            year=2028,
            category="consultants",
            amount=D("1000"),
            currency="EUR",
            rate_to_plan=D("1.1"),
        )
        Funding.objects.create(
            process=cls.cast.process,
            activity=cls.a1,
            source="donor",
            donor=cls.partner,
            amount=D("3000"),
            currency="USD",
            status=FundingStatus.PLEDGED,
            year=2027,
        )
        Target.objects.create(
            process=cls.cast.process,
            priority=cls.chain.priority,
            statement="More workers leave informed",
            indicator="Share of departing workers trained",
            baseline="12%",
            target_value="60%",
        )
        cls.a1.partners.add(cls.cast.health)

    def url(self, name, *args):
        return reverse(f"implementation_plans:{name}", args=[self.cast.process.pk, *args])

    def login(self, role="nfp"):
        self.client.force_login(self.cast.user(role))


# ---------------------------------------------------------------------------
# The totals page and the timeline
# ---------------------------------------------------------------------------


@plan_pages
class BudgetOverviewTests(BudgetViewCase):
    def test_it_shows_the_totals_at_every_level_in_the_plan_currency(self):
        self.login("own")
        response = self.client.get(self.url("budget_overview"))
        self.assertContains(response, "USD")
        # a1: 10,000 + 1,100 = 11,100 cost, 4,000 secured, 3,000 pledged; a2: 10,000 and 4,000 secured
        self.assertContains(response, "21,100.00")  # the plan, the goal, the outcome and the output
        self.assertContains(response, "10,100.00")  # the plan's gap: 21,100 - 8,000 secured - 3,000 pledged
        self.assertEqual(response.context["totals"].funding_gap, D("10100.00"))
        rows = response.context["rows"]
        self.assertEqual([row.level for row in rows], ["goal", "outcome", "output", "activity", "activity"])
        self.assertEqual(rows[3].funding_gap, D("4100.00"))
        self.assertContains(response, '<svg xmlns="http://www.w3.org/2000/svg" class="chart"')
        self.assertContains(response, "Goal 1: secured")
        self.assertContains(response, "2027")
        self.assertContains(response, "Funding without a year")

    def test_an_empty_plan_says_what_to_do(self):
        self.login()
        other = make_cast_process_without_money(self)
        response = self.client.get(reverse("implementation_plans:budget_overview", args=[other.pk]))
        self.assertContains(response, "No cost or funding has been recorded yet.")
        self.assertNotContains(response, "<svg")

    def test_development_partners_are_refused(self):
        self.login("donor")
        for name in ("budget_overview", "timeline", "matrix_export"):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(self.url(name)).status_code, 403)


def make_cast_process_without_money(case):
    """The NFP's own second process, with no plan at all."""
    from tests.factories import MembershipFactory, ProcessFactory

    process = ProcessFactory(country="Quietland")
    MembershipFactory(user=case.cast.nfp, process=process)
    return process


@plan_pages
class TimelineTests(BudgetViewCase):
    def test_it_draws_the_dated_activities_and_lists_the_others_apart(self):
        Activity.objects.filter(pk=self.a2.pk).update(ends_on=None)
        Activity.objects.filter(pk=self.a1.pk).update(status=ActivityStatus.DELAYED)
        Activity.objects.create(
            process=self.cast.process,
            output=self.chain.output,
            title="Proposed pilot",
            starts_on=date(2027, 1, 1),
            ends_on=date(2027, 2, 1),
            proposal_status=ProposalStatus.PROPOSED,
        )
        self.login("other")
        response = self.client.get(self.url("timeline"))
        self.assertContains(response, 'class="chart-gantt"')
        self.assertEqual([a.pk for a in response.context["dated"]], [self.a1.pk])
        self.assertEqual([a.pk for a in response.context["undated"]], [self.a2.pk])
        self.assertContains(response, "Delayed")
        self.assertContains(response, "Output: Pre-departure orientation in place")
        self.assertContains(response, "no end date")
        self.assertNotContains(response, "Proposed pilot")
        self.assertEqual((response.context["start"], response.context["end"]), (date(2026, 1, 1), date(2030, 12, 31)))

    def test_without_activities_it_says_what_to_do(self):
        Activity.objects.filter(process=self.cast.process).update(starts_on=None, ends_on=None)
        self.login()
        response = self.client.get(self.url("timeline"))
        self.assertContains(response, "No accepted activity has both a start and an end date yet")
        self.assertNotContains(response, "chart-gantt")


# ---------------------------------------------------------------------------
# The export
# ---------------------------------------------------------------------------


@plan_pages
class MatrixExportTests(BudgetViewCase):
    def workbook(self, role="facilitator"):
        self.login(role)
        response = self.client.get(self.url("matrix_export"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertIn('filename="results-matrix-meridia.xlsx"', response["Content-Disposition"])
        return load_workbook(BytesIO(response.content))

    def test_one_row_per_activity_with_its_chain_money_and_targets(self):
        sheet = self.workbook()["Results matrix"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(header[:4], ("Goal", "Outcome", "Output", "Activity"))
        self.assertEqual(
            header[10:15], ("Cost (USD)", "Secured (USD)", "Pledged (USD)", "Funding gap (USD)", "Surplus (USD)")
        )
        self.assertEqual(header[-3:], ("Indicator", "Baseline", "Target value"))
        self.assertEqual(len(rows), 4)  # the header, two activities, the total
        first = dict(zip(header, rows[1], strict=True))
        self.assertEqual(first["Activity"], "Train orientation trainers 1")
        self.assertEqual(first["Responsible"], str(self.cast.labour))
        self.assertEqual(first["Partners"], str(self.cast.health))
        self.assertEqual((first["Start"].date(), first["End"].date()), (date(2027, 1, 1), date(2027, 6, 30)))
        self.assertEqual((first["Location"], first["Status"]), ("National", "Planned"))
        self.assertEqual(
            [first[f"{name} (USD)"] for name in ("Cost", "Secured", "Pledged", "Funding gap", "Surplus")],
            [11100, 4000, 3000, 4100, 0],
        )
        self.assertEqual(
            first["Funding sources"].splitlines(),
            ["Partner Agency: 3,000.00\xa0USD, pledged", "Government budget: 4,000.00\xa0USD, secured"],
        )
        self.assertEqual(
            (first["Indicator"], first["Baseline"], first["Target value"]),
            ("Share of departing workers trained", "12%", "60%"),
        )
        total = dict(zip(header, rows[-1], strict=True))
        self.assertEqual(total["Goal"], "Plan total")
        self.assertEqual(
            [total["Cost (USD)"], total["Secured (USD)"], total["Funding gap (USD)"]], [21100, 8000, 10100]
        )

    def test_the_header_is_bold_and_frozen_and_numbers_are_formatted(self):
        workbook = self.workbook("own")
        sheet = workbook["Results matrix"]
        self.assertTrue(all(cell.font.b for cell in sheet[1]))
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet["K2"].number_format, "#,##0.00")
        self.assertEqual(sheet["G2"].number_format, l10n.XLSX_DATE)
        self.assertGreaterEqual(sheet.column_dimensions["A"].width, 30)
        years = list(workbook["By year"].iter_rows(values_only=True))
        self.assertEqual(years[1][:2], (2027, 20000))
        self.assertEqual(years[2][:2], (2028, 1100))

    def test_a_proposed_activity_is_not_exported(self):
        Activity.objects.filter(pk=self.a2.pk).update(proposal_status=ProposalStatus.PROPOSED)
        sheet = self.workbook()["Results matrix"]
        self.assertEqual(sheet.max_row, 3)


# ---------------------------------------------------------------------------
# The NFP's forms
# ---------------------------------------------------------------------------

LINE = {"year": "2027", "category": "travel", "description": "Field visits", "amount": "1200", "currency": "eur"}


@plan_pages
class BudgetFormTests(BudgetViewCase):
    def test_the_nfp_adds_a_line_and_returns_to_the_activity(self):
        self.login()
        self.assertContains(self.client.get(self.url("budget_line_create", self.a1.pk)), "The plan’s currency is USD")
        response = self.client.post(self.url("budget_line_create", self.a1.pk), LINE | {"rate_to_plan": "1.08"})
        self.assertRedirects(response, self.a1.get_absolute_url() + "#budget", fetch_redirect_response=False)
        line = BudgetLine.objects.get(description="Field visits")
        self.assertEqual((line.currency, line.rate_to_plan, line.amount), ("EUR", D("1.08"), D(1200)))
        self.assertEqual(line.history.get().history_user, self.cast.nfp)

    def test_bad_input_comes_back_beside_the_field_with_400_and_nothing_is_saved(self):
        self.login()
        cases = [
            (LINE, "rate_to_plan", "Give the rate from EUR"),
            (LINE | {"currency": "EU"}, "currency", "at least 3 characters"),
            (LINE | {"amount": "-5", "rate_to_plan": "1"}, "amount", "greater than or equal to 0"),
            (LINE | {"amount": "lots", "rate_to_plan": "1"}, "amount", "Enter a number"),
            (LINE | {"currency": "USD", "rate_to_plan": "0.5"}, "rate_to_plan", "has a rate of 1"),
        ]
        for data, field, message in cases:
            with self.subTest(field=field, message=message):
                response = self.client.post(self.url("budget_line_create", self.a1.pk), data)
                self.assertEqual(response.status_code, 400)
                self.assertIn(message, str(response.context["form"].errors[field]))
        self.assertEqual(BudgetLine.objects.filter(description="Field visits").count(), 0)

    def test_a_plan_in_review_refuses_with_400_and_says_why(self):
        Plan.objects.filter(process=self.cast.process).update(status=PlanStatus.IN_REVIEW)
        self.login()
        self.assertContains(self.client.get(self.url("budget_line_create", self.a1.pk)), "cannot change until")
        response = self.client.post(self.url("budget_line_create", self.a1.pk), LINE | {"rate_to_plan": "1.1"})
        self.assertContains(response, "return it to draft", status_code=400)
        self.assertFalse(BudgetLine.objects.filter(description="Field visits").exists())

    def test_an_edit_keeps_its_reason_and_a_removal_asks_for_confirmation(self):
        line = self.a1.budget_lines.get(currency="EUR")
        self.login()
        form = self.client.get(self.url("budget_line_edit", line.pk))
        self.assertEqual(form.context["form"].initial["rate_to_plan"], D("1.1"))
        response = self.client.post(
            self.url("budget_line_edit", line.pk),
            {
                "year": "2028",
                "category": "consultants",
                "amount": "1500",
                "currency": "EUR",
                "rate_to_plan": "1.1",
                "reason": "New quotation",
            },
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(line.history.latest().history_change_reason, "budget_line.updated: New quotation")
        confirm = self.client.get(self.url("budget_line_delete", line.pk))
        self.assertContains(confirm, "Remove the budget line")
        self.assertContains(confirm, "1,500.00\xa0EUR")
        self.assertContains(self.client.get(self.url("budget_line_history", line.pk)), "New quotation")
        self.assertEqual(self.client.post(self.url("budget_line_delete", line.pk), {"reason": ""}).status_code, 400)
        self.assertTrue(BudgetLine.objects.filter(pk=line.pk).exists())
        self.client.post(self.url("budget_line_delete", line.pk), {"reason": "Dropped"})
        self.assertFalse(BudgetLine.objects.filter(pk=line.pk).exists())

    def test_funding_from_a_partner_names_the_partner(self):
        self.login()
        form = self.client.get(self.url("funding_create", self.a2.pk)).context["form"]
        self.assertEqual(list(form.fields["donor"].queryset), [self.partner])
        data = {"source": "donor", "status": "pledged", "amount": "5000", "currency": "USD"}
        response = self.client.post(self.url("funding_create", self.a2.pk), data)
        self.assertEqual(response.status_code, 400)
        self.assertIn("Name the development partner", str(response.context["form"].errors["donor"]))
        # an institution of the process that is not a partner is not even offered
        response = self.client.post(self.url("funding_create", self.a2.pk), data | {"donor": self.cast.health.pk})
        self.assertEqual(response.status_code, 400)
        self.assertIn("donor", response.context["form"].errors)
        response = self.client.post(self.url("funding_create", self.a2.pk), data | {"donor": self.partner.pk})
        self.assertRedirects(response, self.a2.get_absolute_url() + "#funding", fetch_redirect_response=False)
        self.assertEqual(self.a2.funding.get(status="pledged").donor, self.partner)

    def test_funding_is_edited_and_removed_with_a_reason(self):
        funding = self.a1.funding.get(status="pledged")
        self.login()
        data = {"source": "donor", "donor": self.partner.pk, "status": "secured", "amount": "3000", "currency": "USD"}
        response = self.client.post(self.url("funding_edit", funding.pk), data | {"reason": "Agreement signed"})
        self.assertEqual(response.status_code, 302)
        funding.refresh_from_db()
        self.assertEqual(funding.status, FundingStatus.SECURED)
        self.assertContains(self.client.get(self.url("funding_delete", funding.pk)), "Remove the funding")
        self.client.post(self.url("funding_delete", funding.pk), {"reason": "Entered twice"})
        self.assertFalse(Funding.objects.filter(pk=funding.pk).exists())

    def test_another_process_records_are_hidden(self):
        other = make_chain_for_other_process()
        self.login()
        self.assertEqual(self.client.get(self.url("budget_line_create", other.pk)).status_code, 404)
        self.assertEqual(self.client.get(self.url("budget_line_edit", other.budget_lines.get().pk)).status_code, 404)
        self.assertEqual(self.client.get(self.url("funding_edit", other.funding.get().pk)).status_code, 404)


def make_chain_for_other_process():
    from types import SimpleNamespace

    process = make_cast_other_process()
    return make_chain(SimpleNamespace(process=process, labour=None), activities=1, responsible=None).activities[0]


def make_cast_other_process():
    from tests.factories import ProcessFactory

    return ProcessFactory(country="Farland")


# ---------------------------------------------------------------------------
# The include on the activity page, and the dashboard panel
# ---------------------------------------------------------------------------


@plan_pages
class ActivityBudgetIncludeTests(BudgetViewCase):
    def render(self, role):
        request = RequestFactory().get("/")
        request.user = self.cast.user(role)
        context = {"activity": self.a1, "process": self.cast.process, "request": request}
        return render_to_string("implementation_plans/inc/activity_budget.html", context, request=request)

    def test_it_lists_the_lines_and_funding_with_links_for_the_nfp_only(self):
        html = self.render("nfp")
        self.assertIn("1,100.00", html)  # 1,000 EUR at 1.1
        self.assertIn("Partner Agency", html)
        self.assertIn(self.url("budget_line_create", self.a1.pk), html)
        self.assertIn(self.url("funding_create", self.a1.pk), html)
        self.assertIn(self.url("budget_line_delete", self.a1.budget_lines.first().pk), html)
        for role in ("facilitator", "own"):
            with self.subTest(role=role):
                html = self.render(role)
                self.assertIn("1,100.00", html)
                self.assertNotIn(self.url("budget_line_create", self.a1.pk), html)
                self.assertNotIn("/edit/", html)

    def test_it_costs_the_same_queries_for_2_and_20_lines(self):
        def count():
            with CaptureQueriesContext(connection) as queries:
                self.render("nfp")
            return len(queries)

        small = count()
        for year in range(2026, 2044):
            BudgetLine.objects.create(
                process=self.cast.process, activity=self.a1, year=year, category="staff", amount=D(1), currency="USD"
            )
            Funding.objects.create(
                process=self.cast.process,
                activity=self.a1,
                source="private",
                amount=D(1),
                currency="USD",
                status=FundingStatus.PLEDGED,
            )
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 6)


@plan_pages
class DashboardPanelTests(BudgetViewCase):
    def test_the_dashboard_shows_the_cost_secured_and_gap_to_internal_readers_only(self):
        self.login("facilitator")
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertContains(response, "Budget and funding")
        self.assertContains(response, "21,100.00\xa0USD")
        self.assertContains(response, "10,100.00\xa0USD")
        self.assertContains(response, self.url("timeline"))
        self.login("donor")
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertNotContains(response, "21,100.00")


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------


@plan_pages
class BudgetQueryBudgetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def count(self, user, url) -> int:
        self.client.force_login(user)
        self.client.get(url)  # warm the caches that live for the whole process (content types, sessions)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_the_pages_cost_the_same_for_2_and_20_activities(self):
        pages = {
            name: reverse(f"implementation_plans:{name}", args=[self.cast.process.pk])
            for name in ("budget_overview", "timeline", "matrix_export")
        }
        make_chain(self.cast, activities=2, label="Q1")
        small = {name: self.count(self.cast.nfp, url) for name, url in pages.items()}
        chain = make_chain(self.cast, activities=18, label="Q2")
        for activity in chain.activities:
            activity.partners.add(self.cast.health)
        large = {name: self.count(self.cast.nfp, url) for name, url in pages.items()}
        self.assertEqual(small, large)
        self.assertLessEqual(max(large.values()), 16)


# ---------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------


class BudgetDemoTests(TestCase):
    def test_the_demo_costs_and_funds_the_activities_and_loads_twice_harmlessly(self):
        call_command("load_reference", stdout=open(os.devnull, "w"))
        cast = make_cast()
        eud = InstitutionFactory(process=cast.process, name="EU Delegation", acronym="EUD", kind=InstitutionKind.DONOR)
        iom = InstitutionFactory(
            process=cast.process, name="IOM", acronym="IOM", kind=InstitutionKind.INTERNATIONAL_ORGANISATION
        )
        demo = DemoCountry(
            process=cast.process, institutions={"EUD": eud, "IOM": iom}, users={"nfp": cast.nfp}, admin=None
        )
        load_demo_budget(demo)  # no activity yet: nothing to do
        self.assertFalse(BudgetLine.objects.filter(process=cast.process).exists())
        chain = make_chain(cast, activities=3)
        BudgetLine.objects.filter(activity__in=chain.activities).delete()
        Funding.objects.filter(activity__in=chain.activities).delete()
        load_demo_budget(demo)
        counts = (BudgetLine.objects.count(), Funding.objects.count())
        self.assertTrue(BudgetLine.objects.filter(currency="EUR", rate_to_plan=D("1.08")).exists())
        self.assertTrue(Funding.objects.filter(donor=eud, status=FundingStatus.PLEDGED).exists())
        self.assertTrue(Funding.objects.filter(donor=iom, status=FundingStatus.SECURED).exists())
        self.assertTrue(Funding.objects.filter(status=FundingStatus.GAP).exists())
        load_demo_budget(demo)
        self.assertEqual((BudgetLine.objects.count(), Funding.objects.count()), counts)
