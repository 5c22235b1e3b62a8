"""
The indicators' services and model rules: create, update, delete with a reason, copy from the bank, targets by
year, the M&E plan; the named constraint (exactly one goal, outcome or output); only the NFP writes; each write
leaves one history row with the user and the dotted reason; the bank loads idempotently.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import TestCase
from django.utils import timezone

from implementation_plans.loaders import load_frameworks
from implementation_plans.models import SdgTarget
from monitoring.loaders import load_indicator_bank
from monitoring.models import Indicator, IndicatorTarget, IndicatorTemplate, MEPlan
from monitoring.services import indicators as services
from monitoring.services.me_plan import me_plan_save
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain

NUMBER = {"name": "Returnees assisted", "unit": "number", "indicator_type": "number", "aggregation": "incremental"}


class IndicatorCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.chain = make_chain(cls.cast)

    def create(self, result=None, **fields):
        return services.indicator_create(
            actor=self.cast.nfp, process=self.process, result=result or self.chain.outcome, **(NUMBER | fields)
        )


class IndicatorServiceTests(IndicatorCase):
    def test_the_nfp_creates_an_indicator_with_one_history_row(self):
        indicator = self.create(result=self.chain.output, baseline_value=Decimal("120"), baseline_date=date(2024, 1, 1))
        self.assertEqual(indicator.output, self.chain.output)
        self.assertIsNone(indicator.outcome_id)
        (record,) = indicator.history.all()
        self.assertEqual(record.history_user, self.cast.nfp)
        self.assertEqual(record.history_change_reason, "indicator.created")

    def test_a_ministry_and_the_facilitator_cannot_write(self):
        for role in ("own", "facilitator", "donor"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                services.indicator_create(
                    actor=self.cast.user(role), process=self.process, result=self.chain.outcome, **NUMBER
                )
        self.assertFalse(Indicator.objects.exists())

    def test_an_indicator_must_measure_something_of_its_own_process(self):
        with self.assertRaises(ValidationError) as caught:
            services.indicator_create(actor=self.cast.nfp, process=self.process, result=None, **NUMBER)
        self.assertIn("result", caught.exception.message_dict)
        other_chain = make_chain(make_cast_elsewhere(self.cast), label="elsewhere")
        with self.assertRaises(ValidationError):
            self.create(result=other_chain.outcome)

    def test_a_future_baseline_date_and_a_percentage_over_100_are_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.create(baseline_date=timezone.localdate() + timedelta(days=1))
        self.assertIn("baseline_date", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            self.create(indicator_type="percentage", unit="%", baseline_value=Decimal("120"))
        self.assertIn("baseline_value", caught.exception.message_dict)

    def test_a_percentage_aggregation_needs_its_numerator_and_denominator(self):
        with self.assertRaises(ValidationError) as caught:
            self.create(indicator_type="percentage", unit="%", aggregation="percentage")
        self.assertIn("numerator", caught.exception.message_dict)
        indicator = self.create(
            indicator_type="percentage", unit="%", aggregation="percentage", numerator="oriented", denominator="all"
        )
        self.assertEqual(indicator.aggregation, "percentage")

    def test_update_moves_the_indicator_and_records_the_reason(self):
        indicator = self.create()
        services.indicator_update(
            actor=self.cast.nfp,
            indicator=indicator,
            data={"unit": "people"},
            result=self.chain.goal,
            reason="measured at goal level",
        )
        indicator.refresh_from_db()
        self.assertEqual((indicator.goal, indicator.outcome, indicator.unit), (self.chain.goal, None, "people"))
        latest = indicator.history.first()
        self.assertEqual(latest.history_user, self.cast.nfp)
        self.assertEqual(latest.history_change_reason, "indicator.updated: measured at goal level")

    def test_delete_needs_a_reason_and_keeps_the_history_of_the_targets(self):
        indicator = self.create()
        services.indicator_targets_set(actor=self.cast.nfp, indicator=indicator, targets={2027: Decimal("5")})
        with self.assertRaises(ValidationError):
            services.indicator_delete(actor=self.cast.nfp, indicator=indicator, reason=" ")
        pk = indicator.pk
        services.indicator_delete(actor=self.cast.nfp, indicator=indicator, reason="duplicate")
        self.assertFalse(Indicator.objects.filter(pk=pk).exists())
        self.assertEqual(Indicator.history.filter(id=pk).first().history_change_reason, "indicator.deleted: duplicate")
        self.assertEqual(
            IndicatorTarget.history.filter(indicator_id=pk).first().history_change_reason,
            "indicator_target.deleted: duplicate",
        )

    def test_a_measured_goal_outcome_or_output_is_not_deleted_until_its_indicators_are(self):
        from implementation_plans.models import Goal, Outcome, Output
        from implementation_plans.services import chain as chain_services
        from implementation_plans.services import goals as goal_services

        bare_goal = Goal.objects.create(process=self.process, statement="Measured but empty")
        self.create(result=bare_goal)
        with self.assertRaisesMessage(ValidationError, "An indicator measures “Measured but empty”"):
            goal_services.goal_delete(actor=self.cast.nfp, goal=bare_goal, reason="gone")
        on_output = self.create(result=self.chain.output)
        # The outcome is refused for its output's indicator too, and nothing of the chain goes.
        for delete in (
            lambda: chain_services.outcome_delete(actor=self.cast.nfp, outcome=self.chain.outcome, reason="merged"),
            lambda: chain_services.output_delete(actor=self.cast.nfp, output=self.chain.output, reason="merged"),
        ):
            with self.subTest(delete=delete), self.assertRaisesMessage(ValidationError, "attach it elsewhere first"):
                delete()
        self.assertTrue(Outcome.objects.filter(pk=self.chain.outcome.pk).exists())
        self.assertTrue(Output.objects.filter(pk=self.chain.output.pk).exists())
        services.indicator_delete(actor=self.cast.nfp, indicator=on_output, reason="measured elsewhere")
        chain_services.outcome_delete(actor=self.cast.nfp, outcome=self.chain.outcome, reason="merged")
        self.assertFalse(Outcome.objects.filter(pk=self.chain.outcome.pk).exists())


def make_cast_elsewhere(cast):
    """A stand-in cast whose process is the outsider's, to build a chain there."""
    from dataclasses import replace

    return replace(cast, process=cast.other_process)


class ConstraintTests(IndicatorCase):
    def test_the_database_refuses_an_indicator_on_none_or_two_results(self):
        for parents in ({}, {"outcome": self.chain.outcome, "output": self.chain.output}):
            with self.subTest(parents=list(parents)), self.assertRaises(IntegrityError), transaction.atomic():
                Indicator.objects.create(process=self.process, name="Orphan", unit="number", **parents)

    def test_full_clean_names_the_missing_result(self):
        with self.assertRaises(ValidationError) as caught:
            Indicator(process=self.process, name="Orphan", unit="number").full_clean()
        self.assertIn("result", caught.exception.message_dict)


class TargetTests(IndicatorCase):
    def test_targets_by_year_are_set_changed_and_removed_with_history(self):
        indicator = self.create()
        services.indicator_targets_set(
            actor=self.cast.nfp, indicator=indicator, targets={2027: Decimal("10"), 2028: Decimal("20")}
        )
        self.assertEqual([(t.year, t.value) for t in indicator.targets.all()], [(2027, 10), (2028, 20)])
        services.indicator_targets_set(
            actor=self.cast.nfp, indicator=indicator, targets={2027: Decimal("12"), 2028: None}, reason="revised"
        )
        self.assertEqual([(t.year, t.value) for t in indicator.targets.all()], [(2027, 12)])
        target = indicator.targets.get()
        self.assertEqual(target.history.count(), 2)
        self.assertEqual(target.history.first().history_change_reason, "indicator_target.set: revised")
        self.assertEqual(target.history.first().history_user, self.cast.nfp)

    def test_unchanged_targets_leave_no_history_row(self):
        indicator = self.create()
        services.indicator_targets_set(actor=self.cast.nfp, indicator=indicator, targets={2027: Decimal("10")})
        services.indicator_targets_set(actor=self.cast.nfp, indicator=indicator, targets={2027: Decimal("10")})
        self.assertEqual(IndicatorTarget.history.count(), 1)

    def test_replace_removes_the_years_not_named(self):
        indicator = self.create()
        services.indicator_targets_set(
            actor=self.cast.nfp, indicator=indicator, targets={2027: Decimal("1"), 2028: Decimal("2")}
        )
        services.indicator_targets_set(
            actor=self.cast.nfp, indicator=indicator, targets={2029: Decimal("3")}, replace=True
        )
        self.assertEqual([t.year for t in indicator.targets.all()], [2029])

    def test_one_target_per_year_in_the_database(self):
        indicator = self.create()
        IndicatorTarget.objects.create(process=self.process, indicator=indicator, year=2027, value=1)
        with self.assertRaises(IntegrityError), transaction.atomic():
            IndicatorTarget.objects.create(process=self.process, indicator=indicator, year=2027, value=2)

    def test_a_percentage_target_over_100_and_a_text_target_on_a_number_are_refused(self):
        percentage = self.create(indicator_type="percentage", unit="%")
        with self.assertRaises(ValidationError) as caught:
            services.indicator_targets_set(actor=self.cast.nfp, indicator=percentage, targets={2027: Decimal("140")})
        self.assertIn("target_2027", caught.exception.message_dict)
        self.assertFalse(percentage.targets.exists())

    def test_a_yes_no_indicator_takes_yes_or_no(self):
        law = self.create(name="Law adopted", unit="yes/no", indicator_type="yes_no", aggregation="latest")
        services.indicator_targets_set(actor=self.cast.nfp, indicator=law, targets={2028: "yes"})
        with self.assertRaises(ValidationError):
            services.indicator_targets_set(actor=self.cast.nfp, indicator=law, targets={2029: "maybe"})

    def test_a_qualitative_target_is_a_level_of_the_scale(self):
        policy = self.create(
            name="Policy status",
            unit="level",
            indicator_type="text",
            aggregation="qualitative",
            scale=["none", "drafted", "adopted"],
        )
        services.indicator_targets_set(actor=self.cast.nfp, indicator=policy, targets={2028: "adopted"})
        with self.assertRaises(ValidationError):
            services.indicator_targets_set(actor=self.cast.nfp, indicator=policy, targets={2029: "implemented"})

    def test_a_ministry_cannot_set_targets(self):
        indicator = self.create()
        with self.assertRaises(PermissionDenied):
            services.indicator_targets_set(actor=self.cast.own, indicator=indicator, targets={2027: Decimal("1")})


class BankTests(IndicatorCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        load_frameworks()

    def test_the_bank_loads_idempotently_with_its_tags(self):
        first = load_indicator_bank()
        self.assertGreaterEqual(first, 30)
        self.assertEqual(load_indicator_bank(), 0)
        entry = IndicatorTemplate.objects.get(code="10.7.1")
        self.assertEqual(entry.direction, "lower")
        self.assertEqual(entry.disaggregations, ["sex", "corridor", "occupation"])
        self.assertIn("ILO", entry.custodian)
        self.assertEqual([t.code for t in entry.sdg_targets.all()], ["10.7"])
        self.assertEqual([o.number for o in entry.gcm_objectives.all()], [6])
        for code in ("10.7.2", "10.7.3", "10.7.4", "10.c.1", "8.8.1", "8.8.2", "17.3.2", "MD-03"):
            self.assertTrue(IndicatorTemplate.objects.filter(code=code).exists(), code)
        formal = IndicatorTemplate.objects.get(code="MD-03")
        self.assertEqual((formal.aggregation, formal.direction), ("percentage", "higher"))
        self.assertTrue(formal.numerator and formal.denominator)

    def test_a_changed_entry_is_restored_with_one_history_row(self):
        load_indicator_bank()
        entry = IndicatorTemplate.objects.get(code="10.c.1")
        entry.unit = "ratio"
        entry.save()
        self.assertEqual(load_indicator_bank(), 1)
        entry.refresh_from_db()
        self.assertEqual(entry.unit, "%")
        self.assertEqual(entry.history.first().history_change_reason, "reference.loaded")

    def test_copying_from_the_bank_brings_its_definition_disaggregations_and_tags(self):
        load_indicator_bank()
        entry = IndicatorTemplate.objects.get(code="8.8.1")
        indicator = services.indicator_copy_from_bank(
            actor=self.cast.nfp,
            process=self.process,
            template=entry,
            result=self.chain.output,
            baseline_value=Decimal("310"),
            responsible=self.cast.labour,
        )
        self.assertEqual(indicator.copied_from, entry)
        self.assertEqual((indicator.code, indicator.unit, indicator.direction), ("8.8.1", "per 100,000", "lower"))
        self.assertEqual(indicator.disaggregations, ["sex", "migratory_status"])
        self.assertEqual(list(indicator.sdg_targets.all()), [SdgTarget.objects.get(code="8.8")])
        self.assertEqual(indicator.responsible, self.cast.labour)
        self.assertIn("ILO", indicator.means_of_verification)
        record = indicator.history.first()
        self.assertEqual(
            (record.history_user, record.history_change_reason), (self.cast.nfp, "indicator.copied: 8.8.1")
        )
        # The copy is the plan's own: changing it leaves the bank alone.
        services.indicator_update(actor=self.cast.nfp, indicator=indicator, data={"disaggregations": ["sex"]})
        entry.refresh_from_db()
        self.assertEqual(entry.disaggregations, ["sex", "migratory_status"])

    def test_a_ministry_cannot_copy_from_the_bank(self):
        load_indicator_bank()
        with self.assertRaises(PermissionDenied):
            services.indicator_copy_from_bank(
                actor=self.cast.other,
                process=self.process,
                template=IndicatorTemplate.objects.first(),
                result=self.chain.outcome,
            )


class MEPlanTests(IndicatorCase):
    def test_the_nfp_writes_then_updates_the_me_plan(self):
        plan = me_plan_save(
            actor=self.cast.nfp,
            process=self.process,
            data={"reporting_frequency": "quarterly", "budget_amount": Decimal("50000"), "currency": "usd"},
        )
        self.assertEqual((plan.currency, plan.history.first().history_change_reason), ("USD", "me_plan.created"))
        me_plan_save(
            actor=self.cast.nfp,
            process=self.process,
            data={"national_systems": "The NDP M&E system"},
            reason="added the systems",
        )
        self.assertEqual(MEPlan.objects.count(), 1)
        self.assertEqual(MEPlan.history.first().history_change_reason, "me_plan.updated: added the systems")

    def test_the_final_evaluation_comes_after_the_midterm_and_a_budget_needs_a_currency(self):
        with self.assertRaises(ValidationError) as caught:
            me_plan_save(
                actor=self.cast.nfp,
                process=self.process,
                data={"midterm_evaluation_on": date(2028, 6, 1), "final_evaluation_on": date(2027, 1, 1)},
            )
        self.assertIn("final_evaluation_on", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            me_plan_save(actor=self.cast.nfp, process=self.process, data={"budget_amount": Decimal("10")})
        self.assertIn("currency", caught.exception.message_dict)

    def test_a_ministry_cannot_write_the_me_plan(self):
        with self.assertRaises(PermissionDenied):
            me_plan_save(actor=self.cast.own, process=self.process, data={})
