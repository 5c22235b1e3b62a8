"""
Phase statuses tell the truth: each phase's status and key steps follow the records of the phase apps, on the
dashboard, on the phase's page and in the process overview PDF alike; the status the NFP sets by hand is shown
beside the records' one when they differ; the plan's stepper shows where the plan stands.
"""

import io
import re
from datetime import date, timedelta
from pathlib import Path

import pypdf
from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from implementation_plans.choices import PlanStatus
from implementation_plans.models import Plan, Priority, Target
from mainstreaming import services
from mainstreaming.choices import Phase, PhaseStatus
from mainstreaming.selectors import phase_list
from monitoring.models import Evaluation, MEPlan
from situation_analysis.models import DataSeries, DataSource, Finding
from stakeholders.models import CapacityActivity, Event, EventKind, Precondition
from stakeholders.services.setup import precondition_decide
from tests.cast import make_cast
from tests.implementation_plans.builders import make_plan_version, make_prioritisation
from tests.monitoring.builders import make_period
from tests.situation_analysis.test_assignments import make_checklist
from tests.situation_analysis.test_findings import answered

LATER_PHASES = {
    Phase.SITUATION_ANALYSIS: "In progress",
    Phase.GOALS: "In progress",
    Phase.IMPLEMENTATION_PLAN: "Completed",
    Phase.MONITORING: "In progress",
}


def text_of(html: str) -> str:
    """The words of a piece of HTML, tags dropped and white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def phase_card(response, phase: str) -> str:
    """The text of one phase's card on the dashboard."""
    url = reverse("mainstreaming:phase_detail", args=[response.context["process"].pk, phase])
    cards = response.content.decode().split('<li class="card')
    return text_of(next(card for card in cards[1:] if f'href="{url}"' in card))


def key_step_states(response) -> list[str]:
    """The state of each key step on a phase's page, in order: done, todo or unrecorded."""
    steps = response.content.decode().split('<ol class="steps">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<li class="step-(\w+)">', steps)


def pdf_text(report) -> str:
    reader = pypdf.PdfReader(io.BytesIO((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


class PhaseCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def phase_page(self, phase, user=None):
        self.client.force_login(user or self.cast.nfp)
        return self.client.get(reverse("mainstreaming:phase_detail", args=[self.cast.process.pk, phase]))

    def dashboard(self, user=None):
        self.client.force_login(user or self.cast.nfp)
        return self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))


class LaterPhasesFollowTheRecordsTests(PhaseCase):
    """Approved checklists, a published plan and an open period, while the NFP never touched phases 4 to 7."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        answered(cls.cast, "PSA1", "psa-health", approve=True, narrative="Nurses leave", per_block=1)
        make_plan_version(cls.cast, status="published")
        make_period(cls.cast)

    def test_the_dashboard_shows_the_records_status_beside_the_hand_set_one(self):
        response = self.dashboard()
        for phase, derived in LATER_PHASES.items():
            with self.subTest(phase=phase):
                self.assertIn(f"Recorded as: Not started · From the records: {derived}", phase_card(response, phase))

    def test_the_phase_page_shows_both_statuses(self):
        for phase, derived in LATER_PHASES.items():
            with self.subTest(phase=phase):
                page = text_of(self.phase_page(phase).content.decode())
                self.assertIn(f"Recorded as: Not started · From the records: {derived}", page)

    def test_a_development_partner_reads_the_same_statuses(self):
        response = self.dashboard(self.cast.donor)
        self.assertIn("From the records: Completed", phase_card(response, Phase.IMPLEMENTATION_PLAN))

    def test_the_process_overview_pdf_reads_the_same_statuses(self):
        with self.captureOnCommitCallbacks(execute=True):
            report = services.report_request(actor=self.cast.nfp, process=self.cast.process)
        report.refresh_from_db()
        text = pdf_text(report)
        for phase, derived in LATER_PHASES.items():
            with self.subTest(phase=phase):
                label = Phase(phase).label
                self.assertRegex(text, rf"{label} .*?Recorded as: Not started · From the records: {derived}")

    def test_the_plan_phase_ticks_only_the_steps_its_records_show(self):
        # The chain is built, every activity has a responsible institution, a budget and funding, and a version
        # is published; neither capacity development nor the M&E plan is on record yet.
        states = key_step_states(self.phase_page(Phase.IMPLEMENTATION_PLAN))
        self.assertEqual(states, ["done", "done", "done", "todo", "done"])

    def test_the_situation_analysis_ticks_the_checklists_and_says_which_step_it_keeps_no_record_of(self):
        response = self.phase_page(Phase.SITUATION_ANALYSIS)
        self.assertEqual(key_step_states(response), ["unrecorded", "done", "todo", "todo", "todo"])
        self.assertContains(response, "not recorded in the workbench")

    def test_a_checklist_adopted_but_not_yet_assigned_leaves_the_checklist_step_open(self):
        make_checklist(self.cast, "PSA2", sector="psa-labour")
        self.assertEqual(key_step_states(self.phase_page(Phase.SITUATION_ANALYSIS))[1], "todo")


class KeyStepsTests(PhaseCase):
    def test_nothing_is_ticked_before_anything_is_recorded(self):
        for phase in (Phase.PREPARATION, Phase.AWARENESS, Phase.GOALS, Phase.MONITORING):
            with self.subTest(phase=phase):
                self.assertNotIn("done", key_step_states(self.phase_page(phase)))

    def test_the_dashboard_ticks_no_step_of_a_phase_with_no_record(self):
        response = self.dashboard()
        self.assertIn("Key steps (0 of 5 done)", phase_card(response, Phase.SITUATION_ANALYSIS))

    def test_preparation_steps_tick_as_conditions_are_assessed_and_the_decision_completes_it(self):
        process = self.cast.process
        for code in ("political-support", "lead-institution", "planning-window"):
            Precondition.objects.create(process=process, code=code, title=code, status="met")
        Precondition.objects.create(process=process, code="willing-ministries", title="Willing", status="unknown")
        self.assertEqual(key_step_states(self.phase_page(Phase.PREPARATION)), ["done", "done", "todo", "todo", "todo"])
        precondition_decide(actor=self.cast.nfp, process=process, outcome="go", reason="Support is there.")
        response = self.phase_page(Phase.PREPARATION)
        self.assertEqual(key_step_states(response), ["done", "done", "todo", "todo", "done"])
        # Going ahead completes the phase, as the NFP's record now says too: one status, no "Recorded as".
        page = text_of(response.content.decode())
        self.assertIn("Completed", page)
        self.assertNotIn("Recorded as", page)

    def test_an_event_counts_once_it_has_been_held(self):
        briefing, _created = EventKind.objects.get_or_create(code="briefing", defaults={"name": "Briefing"})
        tomorrow = timezone.localdate() + timedelta(days=1)
        Event.objects.create(process=self.cast.process, kind=briefing, title="Cabinet briefing", held_on=tomorrow)
        self.assertEqual(key_step_states(self.phase_page(Phase.AWARENESS))[0], "todo")
        Event.objects.filter(process=self.cast.process).update(held_on=timezone.localdate())
        self.assertEqual(key_step_states(self.phase_page(Phase.AWARENESS))[0], "done")

    def test_the_plan_step_shared_with_monitoring_ticks_when_both_apps_record_it(self):
        make_plan_version(self.cast, status="published")
        CapacityActivity.objects.create(
            process=self.cast.process, kind="training", title="M&E course", held_on=date(2027, 3, 1)
        )
        self.assertEqual(key_step_states(self.phase_page(Phase.IMPLEMENTATION_PLAN))[3], "todo")
        MEPlan.objects.create(process=self.cast.process)
        self.assertEqual(key_step_states(self.phase_page(Phase.IMPLEMENTATION_PLAN))[3], "done")

    def test_monitoring_is_completed_once_the_final_evaluation_is(self):
        evaluation = Evaluation.objects.create(
            process=self.cast.process, kind="final", title="Final evaluation", evaluator="Independent team"
        )
        self.assertIn("From the records: In progress", text_of(self.phase_page(Phase.MONITORING).content.decode()))
        Evaluation.objects.filter(pk=evaluation.pk).update(status="completed", completed_on=timezone.localdate())
        self.assertIn("From the records: Completed", text_of(self.phase_page(Phase.MONITORING).content.decode()))

    def test_goals_complete_once_every_step_on_record_is_done(self):
        prioritisation = make_prioritisation(self.cast)
        priority = prioritisation.priorities[0]
        Priority.objects.filter(pk=priority.pk).update(is_selected=True)
        target = Target.objects.create(process=self.cast.process, priority=priority, statement="Fewer vacancies")
        self.assertEqual(key_step_states(self.phase_page(Phase.GOALS)), ["done", "done", "todo", "unrecorded"])
        Target.objects.filter(pk=target.pk).update(
            indicator="Vacancy rate",
            baseline="18% (2025)",
            target_value="10%",
            responsible=self.cast.health,
            resources="Budget line 12",
            finding=prioritisation.finding,
            due_on=date(2029, 12, 31),
        )
        response = self.phase_page(Phase.GOALS)
        self.assertEqual(key_step_states(response), ["done", "done", "done", "unrecorded"])
        self.assertIn("From the records: Completed", text_of(response.content.decode()))

    def test_situation_analysis_steps_follow_its_data_and_findings(self):
        process = self.cast.process
        source = DataSource.objects.create(process=process, name="Census 2020", kind="census")
        DataSeries.objects.create(
            process=process, title="Emigrant stock", topic="stocks", unit="persons", source=source
        )
        Finding.objects.create(process=process, statement="Nurses leave the rural districts.")
        states = key_step_states(self.phase_page(Phase.SITUATION_ANALYSIS))
        self.assertEqual(states, ["unrecorded", "todo", "done", "todo", "done"])


class HandSetStatusTests(PhaseCase):
    def test_both_statuses_show_when_they_differ_and_one_when_the_nfp_agrees(self):
        # A new process starts with preparation marked in progress, though nothing of it is on record yet.
        page = text_of(self.phase_page(Phase.PREPARATION).content.decode())
        self.assertIn("Recorded as: In progress · From the records: Not started", page)
        services.phase_update(
            actor=self.cast.nfp, process=self.cast.process, phase=Phase.PREPARATION, status="not_started", note=""
        )
        page = text_of(self.phase_page(Phase.PREPARATION).content.decode())
        self.assertNotIn("Recorded as", page)
        self.assertIn("Not started", page)

    def test_the_nfp_may_still_record_a_status_and_a_note_by_hand(self):
        self.client.force_login(self.cast.nfp)
        url = reverse("mainstreaming:phase_update", args=[self.cast.process.pk, Phase.GOALS])
        self.client.post(url, {"status": PhaseStatus.COMPLETED, "note": "Validated by the committee in March."})
        page = text_of(self.phase_page(Phase.GOALS).content.decode())
        self.assertIn("Recorded as: Completed · From the records: Not started", page)
        self.assertIn("Validated by the committee in March.", page)


class PlanStepperTests(PhaseCase):
    EXPECTED = {
        PlanStatus.DRAFT: [("todo", True), ("todo", False), ("todo", False), ("todo", False)],
        PlanStatus.IN_REVIEW: [("done", False), ("todo", True), ("todo", False), ("todo", False)],
        PlanStatus.ENDORSED: [("done", False), ("done", False), ("todo", True), ("todo", False)],
        PlanStatus.PUBLISHED: [("done", False), ("done", False), ("done", False), ("done", True)],
    }

    def stepper(self):
        self.client.force_login(self.cast.nfp)
        html = self.client.get(reverse("implementation_plans:plan_detail", args=[self.cast.process.pk]))
        stepper = html.content.decode().split('aria-label="Where the plan stands">', 1)[1].split("</ol>", 1)[0]
        return [
            ("done" if "step-done" in classes else "todo", current == ' aria-current="step"')
            for classes, current in re.findall(r'<li class="([^"]+)"( aria-current="step")?>', stepper)
        ]

    def test_before_any_plan_the_stepper_stands_at_draft(self):
        self.assertEqual(self.stepper(), self.EXPECTED[PlanStatus.DRAFT])

    def test_the_stepper_shows_each_status_of_the_plan(self):
        plan = Plan.objects.create(process=self.cast.process, title="Plan")
        for status, expected in self.EXPECTED.items():
            with self.subTest(status=status):
                Plan.objects.filter(pk=plan.pk).update(status=status)
                self.assertEqual(self.stepper(), expected)


class QueryCostTests(PhaseCase):
    def grow(self, size: int) -> None:
        """Records of every kind the phases read, `size` of each."""
        process = self.cast.process
        kind, _created = EventKind.objects.get_or_create(code="consultation", defaults={"name": "Consultation"})
        for index in range(size):
            Precondition.objects.create(process=process, title=f"Condition {size}-{index}", status="met")
            Event.objects.create(process=process, kind=kind, title=f"Event {size}-{index}", held_on=date(2026, 1, 1))
            Finding.objects.create(process=process, statement=f"Finding {size}-{index}")
            make_plan_version(self.cast, status="superseded", label=f"{size}-{index}")
            make_period(
                self.cast,
                label=f"P{size}-{index}",
                starts_on=date(2000 + index, size % 12 + 1, 1),
                ends_on=date(2000 + index, size % 12 + 1, 28),
            )

    def queries(self) -> int:
        with CaptureQueriesContext(connection) as queries:
            phase_list(process=self.cast.process)
        return len(queries)

    def test_the_seven_phases_read_their_records_in_the_same_queries_whatever_the_data(self):
        self.grow(3)
        small = self.queries()
        self.grow(30)
        self.assertEqual(self.queries(), small)
        self.assertLessEqual(small, 2)
