"""
The budget's services: who may write, the money rules (currency, rate, amount, year), the development-partner
rule of funding, the history of every change, and the plan's workflow guard (no change while the plan is in
review or endorsed; a change to a published plan starts a new draft).
"""

from decimal import Decimal as D

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from implementation_plans.choices import FundingSource, FundingStatus, PlanStatus
from implementation_plans.models import BudgetLine, Funding, Plan
from implementation_plans.services import budget as services
from mainstreaming.choices import InstitutionKind
from tests.cast import make_cast
from tests.factories import InstitutionFactory
from tests.implementation_plans.builders import make_chain

LINE = {"year": 2027, "category": "training", "description": "Two sessions", "amount": D("2500"), "currency": "USD"}
FUNDING = {"source": FundingSource.GOVERNMENT, "amount": D("1000"), "currency": "USD", "status": FundingStatus.SECURED}


class BudgetCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.chain = make_chain(cls.cast, activities=1)
        cls.activity = cls.chain.activities[0]
        cls.partner = cls.cast.process.institutions.get(name="Partner Agency")  # a donor
        cls.iom = InstitutionFactory(
            process=cls.cast.process, name="IOM country office", kind=InstitutionKind.INTERNATIONAL_ORGANISATION
        )

    def add_line(self, actor=None, **changes):
        data = {"rate_to_plan": None, **LINE, **changes}
        return services.budget_line_create(actor=actor or self.cast.nfp, activity=self.activity, **data)

    def add_funding(self, actor=None, **changes):
        data = {"rate_to_plan": None, "donor": None, "year": None, "note": "", **FUNDING, **changes}
        return services.funding_create(actor=actor or self.cast.nfp, activity=self.activity, **data)

    def errors(self, call, **kwargs) -> dict:
        with self.assertRaises(ValidationError) as caught:
            call(**kwargs)
        return caught.exception.message_dict

    def set_plan(self, **fields):
        Plan.objects.filter(process=self.cast.process).update(**fields)


class BudgetLineServiceTests(BudgetCase):
    def test_the_nfp_adds_a_line_in_the_plan_currency_and_the_history_says_who(self):
        line = self.add_line(currency="usd")
        self.assertEqual((line.currency, line.rate_to_plan, line.process), ("USD", D(1), self.cast.process))
        row = line.history.get()
        self.assertEqual(
            (row.history_user, row.history_change_reason, row.history_type), (self.cast.nfp, "budget_line.created", "+")
        )

    def test_a_foreign_currency_needs_a_rate_above_zero(self):
        self.assertIn("rate_to_plan", self.errors(self.add_line, currency="EUR"))
        self.assertIn("rate_to_plan", self.errors(self.add_line, currency="EUR", rate_to_plan=D(0)))
        line = self.add_line(currency="EUR", rate_to_plan=D("1.08"))
        self.assertEqual(line.rate_to_plan, D("1.08"))

    def test_the_plan_currency_keeps_a_rate_of_one(self):
        self.assertIn("rate_to_plan", self.errors(self.add_line, currency="USD", rate_to_plan=D(2)))

    def test_a_currency_is_a_three_letter_code_and_an_amount_is_not_negative(self):
        self.assertIn("currency", self.errors(self.add_line, currency="E1R"))
        self.assertIn("currency", self.errors(self.add_line, currency="EURO"))
        self.assertIn("amount", self.errors(self.add_line, amount=D("-1")))
        self.assertEqual(BudgetLine.objects.filter(activity=self.activity).count(), 1)  # the builder's only

    def test_the_year_falls_within_the_plan_years_when_they_are_set(self):
        self.add_line(year=2040)  # no years set: any year
        self.set_plan(starts_in=2026, ends_in=2030)
        message = self.errors(self.add_line, year=2031)["year"][0]
        self.assertIn("2026", message)
        self.add_line(year=2030)
        self.set_plan(starts_in=2026, ends_in=None)
        self.assertIn("year", self.errors(self.add_line, year=2025))

    def test_only_the_nfp_writes(self):
        for role in ("own", "other", "facilitator", "donor", "outsider"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                self.add_line(actor=self.cast.user(role))

    def test_an_edit_keeps_the_reason_and_a_removal_needs_one(self):
        line = self.add_line()
        services.budget_line_update(actor=self.cast.nfp, line=line, data={"amount": D("3000")}, reason="New quotation")
        self.assertEqual(line.history.latest().history_change_reason, "budget_line.updated: New quotation")
        self.assertIn("reason", self.errors(services.budget_line_delete, actor=self.cast.nfp, line=line, reason=" "))
        pk = line.pk
        services.budget_line_delete(actor=self.cast.nfp, line=line, reason="Merged with the training line")
        self.assertFalse(BudgetLine.objects.filter(pk=pk).exists())
        removed = BudgetLine.history.filter(id=pk).latest()
        self.assertEqual(
            (removed.history_type, removed.history_user, removed.history_change_reason),
            ("-", self.cast.nfp, "budget_line.deleted: Merged with the training line"),
        )


class FundingServiceTests(BudgetCase):
    def test_a_development_partner_is_required_for_its_money(self):
        errors = self.errors(self.add_funding, source=FundingSource.DONOR)
        self.assertIn("donor", errors)
        funding = self.add_funding(source=FundingSource.DONOR, donor=self.partner, status=FundingStatus.PLEDGED)
        self.assertEqual(funding.donor, self.partner)
        self.assertEqual(self.add_funding(source=FundingSource.DONOR, donor=self.iom).donor, self.iom)

    def test_the_partner_is_a_donor_or_an_international_organisation_of_this_process(self):
        self.assertIn("donor", self.errors(self.add_funding, source=FundingSource.DONOR, donor=self.cast.health))
        elsewhere = InstitutionFactory(process=self.cast.other_process, name="Elsewhere fund", kind="donor")
        self.assertIn("donor", self.errors(self.add_funding, source=FundingSource.DONOR, donor=elsewhere))

    def test_a_partner_is_named_only_for_a_partner_source(self):
        self.assertIn("donor", self.errors(self.add_funding, source=FundingSource.GOVERNMENT, donor=self.partner))

    def test_funding_follows_the_money_rules_and_an_optional_year(self):
        errors = self.errors(self.add_funding, currency="EUR", source=FundingSource.DONOR)
        self.assertEqual(set(errors), {"rate_to_plan", "donor"})  # every problem at once
        self.set_plan(starts_in=2026, ends_in=2030)
        self.assertIn("year", self.errors(self.add_funding, year=2035))
        self.assertIsNone(self.add_funding().year)

    def test_an_edit_and_a_removal_are_in_the_history(self):
        funding = self.add_funding(status=FundingStatus.PLEDGED)
        services.funding_update(
            actor=self.cast.nfp, funding=funding, data={"status": FundingStatus.SECURED}, reason="Budget law passed"
        )
        self.assertEqual(funding.history.latest().history_change_reason, "funding.updated: Budget law passed")
        pk = funding.pk
        services.funding_delete(actor=self.cast.nfp, funding=funding, reason="Entered twice")
        self.assertFalse(Funding.objects.filter(pk=pk).exists())
        self.assertEqual(Funding.history.filter(id=pk).latest().history_type, "-")

    def test_only_the_nfp_writes(self):
        for role in ("own", "facilitator", "donor"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                self.add_funding(actor=self.cast.user(role))


class PlanWorkflowGuardTests(BudgetCase):
    def test_nothing_changes_while_the_plan_is_in_review_or_endorsed(self):
        line = self.activity.budget_lines.get()
        funding = self.activity.funding.get()
        for status in (PlanStatus.IN_REVIEW, PlanStatus.ENDORSED):
            self.set_plan(status=status)
            calls = [
                lambda: self.add_line(),
                lambda: services.budget_line_update(actor=self.cast.nfp, line=line, data={"amount": D(1)}),
                lambda: services.budget_line_delete(actor=self.cast.nfp, line=line, reason="x"),
                lambda: self.add_funding(),
                lambda: services.funding_update(actor=self.cast.nfp, funding=funding, data={"amount": D(1)}),
                lambda: services.funding_delete(actor=self.cast.nfp, funding=funding, reason="x"),
            ]
            for index, call in enumerate(calls):
                with self.subTest(status=status, call=index), self.assertRaises(ValidationError) as caught:
                    call()
                self.assertIn("return it to draft", caught.exception.messages[0])
        line.refresh_from_db()
        self.assertEqual(
            (line.amount, self.activity.budget_lines.count(), self.activity.funding.count()), (D(10000), 1, 1)
        )

    def test_a_change_to_a_published_plan_starts_a_new_draft(self):
        self.set_plan(status=PlanStatus.PUBLISHED)
        self.add_line()
        plan = Plan.objects.get(process=self.cast.process)
        self.assertEqual(plan.status, PlanStatus.DRAFT)
        self.assertTrue(plan.history.latest().history_change_reason.startswith("plan.new_draft"))
