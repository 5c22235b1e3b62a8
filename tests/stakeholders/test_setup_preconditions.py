"""The preconditions check: the handbook's list loaded and adapted per process, and the go or postpone decision."""

import json
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mainstreaming import services as core
from mainstreaming.choices import Phase, PhaseStatus, ProcessStatus
from mainstreaming.models import PhaseProgress
from stakeholders.choices import ConditionStatus, DecisionOutcome
from stakeholders.models import Precondition, PreconditionDecision
from stakeholders.services import setup as services
from tests.cast import make_cast

FIXTURE = settings.BASE_DIR / "fixtures" / "reference" / "preconditions.json"


def url(name, cast, **kwargs):
    return reverse(f"stakeholders:{name}", kwargs={"process_pk": cast.process.pk, **kwargs})


class HandbookListTests(TestCase):
    def test_the_fixture_lists_the_ten_conditions_of_the_handbook_in_order(self):
        rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
        self.assertEqual(len(rows), 10)
        self.assertEqual(len({row["code"] for row in rows}), 10)
        self.assertEqual(sorted(row["position"] for row in rows), list(range(1, 11)))
        for row in rows:
            with self.subTest(code=row["code"]):
                self.assertTrue(row["title"].strip() and row["guidance"].strip())
                Precondition(process_id=1, **row).clean_fields(exclude=["process"])
        self.assertEqual(rows[0]["code"], "political-support")


class LoadTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_an_empty_process_offers_the_nfp_to_start_from_the_handbook(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(url("precondition_list", self.cast))
        self.assertContains(response, "Start from the handbook's list")
        self.assertContains(response, f'action="{url("precondition_load", self.cast)}"')
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(url("precondition_list", self.cast))
        self.assertContains(response, "No condition has been listed")
        self.assertNotContains(response, "Start from the handbook's list")

    def test_loading_copies_the_list_into_the_process_with_history(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(url("precondition_load", self.cast))
        self.assertRedirects(response, url("precondition_list", self.cast))
        conditions = list(self.cast.process.preconditions.order_by("position"))
        self.assertEqual(len(conditions), 10)
        self.assertEqual(conditions[0].code, "political-support")
        self.assertEqual({c.status for c in conditions}, {ConditionStatus.UNKNOWN})
        record = conditions[0].history.get()
        self.assertEqual((record.history_user, record.history_change_reason), (self.cast.nfp, "precondition.loaded"))
        response = self.client.get(url("precondition_list", self.cast))
        self.assertContains(response, "Political support at a high level")
        self.assertContains(response, "Record the decision")

    def test_loading_again_adds_only_what_is_missing(self):
        self.assertEqual(services.precondition_load(actor=self.cast.nfp, process=self.cast.process), 10)
        custom = services.precondition_create(actor=self.cast.nfp, process=self.cast.process, title="Elections")
        removed = self.cast.process.preconditions.get(code="civic-space")
        services.precondition_delete(actor=self.cast.nfp, precondition=removed, reason="Covered elsewhere")
        edited = self.cast.process.preconditions.get(code="political-support")
        services.precondition_update(
            actor=self.cast.nfp, precondition=edited, data={"title": "Support from Cabinet", "status": "met"}
        )

        self.assertEqual(services.precondition_load(actor=self.cast.nfp, process=self.cast.process), 1)
        self.assertEqual(services.precondition_load(actor=self.cast.nfp, process=self.cast.process), 0)
        self.assertEqual(self.cast.process.preconditions.count(), 11)
        edited.refresh_from_db()
        self.assertEqual((edited.title, edited.status), ("Support from Cabinet", ConditionStatus.MET))
        self.assertTrue(self.cast.process.preconditions.filter(pk=custom.pk).exists())

    def test_each_process_has_its_own_copy(self):
        services.precondition_load(actor=self.cast.nfp, process=self.cast.process)
        services.precondition_load(actor=self.cast.outsider, process=self.cast.other_process)
        self.assertEqual(Precondition.objects.filter(code="political-support").count(), 2)

    def test_only_the_nfp_loads_the_list(self):
        for role in ("own", "facilitator", "donor"):
            with self.subTest(role=role):
                self.client.force_login(self.cast.user(role))
                self.assertEqual(self.client.post(url("precondition_load", self.cast)).status_code, 403)
        self.assertFalse(self.cast.process.preconditions.exists())


class ConditionEditingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        services.precondition_load(actor=cls.cast.nfp, process=cls.cast.process)
        cls.condition = cls.cast.process.preconditions.get(code="minimum-evidence")

    def setUp(self):
        self.client.force_login(self.cast.nfp)

    def test_a_condition_specific_to_the_country_is_added_after_the_others(self):
        response = self.client.post(
            url("precondition_create", self.cast),
            {"title": "  No election before the plan is adopted ", "status": "partly", "evidence": "Due in 2028"},
        )
        self.assertRedirects(response, url("precondition_list", self.cast))
        condition = self.cast.process.preconditions.get(title="No election before the plan is adopted")
        self.assertEqual((condition.code, condition.status, condition.position), ("", ConditionStatus.PARTLY, 11))
        record = condition.history.get()
        self.assertEqual((record.history_user, record.history_change_reason), (self.cast.nfp, "precondition.created"))
        response = self.client.get(url("precondition_list", self.cast))
        self.assertContains(response, "specific to this country")

    def test_a_condition_needs_a_title_said_beside_the_field(self):
        response = self.client.post(url("precondition_create", self.cast), {"title": "", "status": "met"})
        self.assertEqual(response.status_code, 400)
        self.assertFormError(response.context["form"], "title", "This field is required.")
        self.assertEqual(self.cast.process.preconditions.count(), 10)

    def test_editing_records_the_status_evidence_and_reason(self):
        edit = url("precondition_edit", self.cast, pk=self.condition.pk)
        response = self.client.get(edit)
        self.assertContains(response, self.condition.title)
        response = self.client.post(
            edit,
            {
                "title": self.condition.title,
                "guidance": self.condition.guidance,
                "status": "partly",
                "evidence": "Census 2020 migration module",
                "reason": "Statistics office consulted",
            },
        )
        self.assertRedirects(response, url("precondition_list", self.cast))
        self.condition.refresh_from_db()
        self.assertEqual((self.condition.status, self.condition.evidence), ("partly", "Census 2020 migration module"))
        record = self.condition.history.first()
        self.assertEqual(record.history_user, self.cast.nfp)
        self.assertEqual(record.history_change_reason, "precondition.updated: Statistics office consulted")
        response = self.client.get(url("precondition_history", self.cast, pk=self.condition.pk))
        self.assertContains(response, "<ins>Partly met</ins>", html=True)
        self.assertContains(response, "Statistics office consulted")

    def test_an_unknown_status_is_refused_beside_the_field(self):
        response = self.client.post(
            url("precondition_edit", self.cast, pk=self.condition.pk), {"title": "x", "status": "probably"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("status", response.context["form"].errors)
        self.condition.refresh_from_db()
        self.assertEqual(self.condition.status, ConditionStatus.UNKNOWN)

    def test_deleting_asks_for_confirmation_and_a_reason_kept_in_the_history(self):
        delete = url("precondition_delete", self.cast, pk=self.condition.pk)
        response = self.client.get(delete)
        self.assertContains(response, "Remove the condition")
        self.assertTrue(Precondition.objects.filter(pk=self.condition.pk).exists())

        response = self.client.post(delete, {"reason": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        self.assertTrue(Precondition.objects.filter(pk=self.condition.pk).exists())

        response = self.client.post(delete, {"reason": "Data are not a precondition here"})
        self.assertRedirects(response, url("precondition_list", self.cast))
        self.assertFalse(Precondition.objects.filter(pk=self.condition.pk).exists())
        record = Precondition.history.filter(id=self.condition.pk).first()
        self.assertEqual(record.history_type, "-")
        self.assertEqual(record.history_user, self.cast.nfp)
        self.assertEqual(record.history_change_reason, "precondition.deleted: Data are not a precondition here")
        response = self.client.get(url("precondition_list", self.cast))
        self.assertContains(response, "Data are not a precondition here")

    def test_a_condition_of_another_process_is_not_found(self):
        services.precondition_load(actor=self.cast.outsider, process=self.cast.other_process)
        elsewhere = self.cast.other_process.preconditions.first()
        for name in ("precondition_edit", "precondition_delete", "precondition_history"):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(url(name, self.cast, pk=elsewhere.pk)).status_code, 404)

    def test_readers_see_no_edit_links_and_partners_see_nothing(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(url("precondition_list", self.cast))
        self.assertContains(response, self.condition.title)
        self.assertNotContains(response, url("precondition_edit", self.cast, pk=self.condition.pk))
        self.assertNotContains(response, "Record the decision")
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(url("precondition_list", self.cast)).status_code, 403)
        self.client.force_login(self.cast.own)
        response = self.client.post(url("precondition_edit", self.cast, pk=self.condition.pk), {"title": "x"})
        self.assertEqual(response.status_code, 403)


class DecisionTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        services.precondition_load(actor=cls.cast.nfp, process=cls.cast.process)
        for code in ("political-support", "lead-institution", "planning-window"):
            condition = cls.cast.process.preconditions.get(code=code)
            services.precondition_update(actor=cls.cast.nfp, precondition=condition, data={"status": "met"})

    def setUp(self):
        self.client.force_login(self.cast.nfp)

    def decide(self, **data):
        payload = {"outcome": "go", "reason": "Cabinet endorsed the exercise", "decided_on": "2025-06-15"} | data
        return self.client.post(url("precondition_decide", self.cast), payload)

    def test_the_form_shows_where_the_conditions_stand_and_defaults_to_today(self):
        response = self.client.get(url("precondition_decide", self.cast))
        self.assertContains(response, "Met: 3")
        self.assertContains(response, "Unknown: 7")
        self.assertEqual(response.context["form"]["decided_on"].value(), timezone.localdate())
        self.assertContains(response, f'value="{timezone.localdate():%Y-%m-%d}"')

    def test_going_ahead_completes_the_preparation_phase_and_keeps_the_process_active(self):
        core.process_set_status(
            actor=self.cast.nfp, process=self.cast.process, status=ProcessStatus.POSTPONED, reason="Elections"
        )
        response = self.decide()
        self.assertRedirects(response, url("precondition_list", self.cast))
        decision = PreconditionDecision.objects.get(process=self.cast.process)
        self.assertEqual((decision.outcome, decision.decided_by), (DecisionOutcome.GO, self.cast.nfp))
        self.assertEqual(str(decision.decided_on), "2025-06-15")
        phase = PhaseProgress.objects.get(process=self.cast.process, phase=Phase.PREPARATION)
        self.assertEqual(phase.status, PhaseStatus.COMPLETED)
        self.assertEqual(phase.history.first().history_change_reason, "phase.completed: Cabinet endorsed the exercise")
        self.cast.process.refresh_from_db()
        self.assertEqual(self.cast.process.status, ProcessStatus.ACTIVE)
        record = self.cast.process.history.first()
        self.assertEqual(
            (record.history_user, record.history_change_reason),
            (self.cast.nfp, "process.active: Cabinet endorsed the exercise"),
        )
        self.assertEqual(
            decision.history.get().history_change_reason, "precondition_decision.go: Cabinet endorsed the exercise"
        )

    def test_postponing_marks_the_process_postponed_with_the_reason(self):
        response = self.decide(outcome="postpone", reason="Wait for the new government")
        self.assertRedirects(response, url("precondition_list", self.cast))
        self.cast.process.refresh_from_db()
        self.assertEqual(self.cast.process.status, ProcessStatus.POSTPONED)
        record = self.cast.process.history.first()
        self.assertEqual(record.history_change_reason, "process.postponed: Wait for the new government")
        phase = PhaseProgress.objects.get(process=self.cast.process, phase=Phase.PREPARATION)
        self.assertNotEqual(phase.status, PhaseStatus.COMPLETED)

    def test_the_list_shows_the_latest_decision_and_the_earlier_ones(self):
        services.precondition_decide(
            actor=self.cast.nfp,
            process=self.cast.process,
            outcome=DecisionOutcome.POSTPONE,
            reason="Wait for the budget",
            decided_on=timezone.localdate() - timedelta(days=60),
        )
        services.precondition_decide(
            actor=self.cast.nfp, process=self.cast.process, outcome=DecisionOutcome.GO, reason="Budget voted"
        )
        response = self.client.get(url("precondition_list", self.cast))
        self.assertEqual(response.context["page"].latest_decision.reason, "Budget voted")
        self.assertContains(response, "Earlier decisions")
        self.assertContains(response, "Wait for the budget")

    def test_a_reason_is_required_and_said_beside_the_field(self):
        response = self.decide(reason="  ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        self.assertFalse(PreconditionDecision.objects.exists())

    def test_a_decision_cannot_be_dated_in_the_future(self):
        tomorrow = timezone.localdate() + timedelta(days=1)
        response = self.decide(decided_on=tomorrow.isoformat())
        self.assertEqual(response.status_code, 400)
        self.assertFormError(response.context["form"], "decided_on", "A decision cannot be dated in the future.")
        self.assertFalse(PreconditionDecision.objects.exists())
        self.cast.process.refresh_from_db()
        self.assertEqual(self.cast.process.status, ProcessStatus.ACTIVE)

    def test_only_the_nfp_decides(self):
        for role in ("own", "facilitator", "donor"):
            with self.subTest(role=role):
                self.client.force_login(self.cast.user(role))
                self.assertEqual(self.decide().status_code, 403)
        self.assertFalse(PreconditionDecision.objects.exists())


class DashboardPanelTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        services.precondition_load(actor=cls.cast.nfp, process=cls.cast.process)
        condition = cls.cast.process.preconditions.get(code="political-support")
        services.precondition_update(actor=cls.cast.nfp, precondition=condition, data={"status": "met"})
        services.precondition_decide(
            actor=cls.cast.nfp, process=cls.cast.process, outcome=DecisionOutcome.GO, reason="Endorsed"
        )

    def test_the_preparation_card_shows_the_counts_and_the_decision(self):
        self.client.force_login(self.cast.own)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertContains(response, "Met: 1 · Partly met: 0 · Not met: 0 · Unknown: 9")
        self.assertContains(response, "Decision: <strong>Go ahead</strong>")
        self.assertContains(response, url("precondition_list", self.cast))

    def test_development_partners_see_none_of_it(self):
        self.client.force_login(self.cast.donor)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Preconditions check")
        self.assertNotContains(response, "Go ahead")


class QueryBudgetTests(TestCase):
    """The preconditions page costs the same number of queries with ten times the conditions and decisions."""

    BUDGET = 10

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        services.precondition_load(actor=cls.cast.nfp, process=cls.cast.process)

    def grow(self, size):
        for i in range(size):
            condition = services.precondition_create(
                actor=self.cast.nfp, process=self.cast.process, title=f"Condition {size}-{i}", evidence="Seen"
            )
            if i % 3 == 0:
                services.precondition_delete(actor=self.cast.nfp, precondition=condition, reason="Not needed")
            services.precondition_decide(
                actor=self.cast.nfp,
                process=self.cast.process,
                outcome=DecisionOutcome.POSTPONE if i % 2 else DecisionOutcome.GO,
                reason=f"Decision {i}",
                decided_on=timezone.localdate() - timedelta(days=i),
            )

    def count(self, name):
        page = url(name, self.cast)
        self.client.get(page)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(page)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_the_pages_cost_the_same_at_one_and_ten_times_the_data(self):
        self.client.force_login(self.cast.nfp)
        names = ("precondition_list", "precondition_decide")
        self.grow(3)
        small = {name: self.count(name) for name in names}
        self.grow(30)
        large = {name: self.count(name) for name in names}
        self.assertEqual(small, large)
        for name in names:
            with self.subTest(name=name):
                self.assertLessEqual(large[name], self.BUDGET)
