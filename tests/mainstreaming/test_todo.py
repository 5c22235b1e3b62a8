"""
The to-do list: every registered workflow's to-do steps give the records a person may act on (the step's rule
narrows them), soonest due first, one query per kind; steps marked as not a to-do stay off it; providers add the
work that is not a workflow step; the dashboard shows it first and the header its count.

The apps' workflows are not registered here: a test-only workflow on checklist assignments stands in for them.
"""

from datetime import timedelta
from unittest import mock

from django.core.cache import cache
from django.db.models import Q
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from mainstreaming import permissions, todo, workflow
from mainstreaming.models import Membership
from mainstreaming.workflow import Transition, Workflow
from situation_analysis.choices import AssignmentStatus
from situation_analysis.models import Assignment
from tests.cast import make_cast
from tests.situation_analysis.test_progress import assign


def _answers(who, assignment) -> bool:
    user = getattr(who, "user", who)
    return Membership.objects.filter(user=user, institution=assignment.lead_id, is_active=True).exists()


def _narrow_answers(user, queryset):
    return queryset.filter(Q(lead__memberships__user=user, lead__memberships__is_active=True)).distinct()


permissions.register_rule("todotest.answer", _answers, narrow=_narrow_answers)

FLOW = Workflow(
    Assignment,
    Transition(
        "submit",
        "Submit",
        [AssignmentStatus.ASSIGNED, AssignmentStatus.DRAFT],
        AssignmentStatus.SUBMITTED,
        rule="todotest.answer",
        audit_code="assignment.submitted",
    ),
    Transition(
        "approve",
        "Review",
        [AssignmentStatus.SUBMITTED],
        AssignmentStatus.APPROVED,
        rule=permissions.REVIEW_PROCESS,
        audit_code="assignment.approved",
    ),
    Transition(
        "reopen",
        "Reopen",
        [AssignmentStatus.APPROVED],
        AssignmentStatus.DRAFT,
        rule=permissions.MANAGE_PROCESS,
        audit_code="assignment.reopened",
        todo=False,
    ),
    due_field="due_on",
)


class TodoListTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        today = timezone.localdate()
        cls.late = assign(cls.cast, "TD1", "td-health", cls.cast.health, due_on=today - timedelta(days=2))
        cls.soon = assign(cls.cast, "TD2", "td-health", cls.cast.health, due_on=today + timedelta(days=5))
        cls.labours = assign(cls.cast, "TD3", "td-labour", cls.cast.labour, due_on=today)
        cls.submitted = assign(cls.cast, "TD4", "td-labour", cls.cast.labour, status=AssignmentStatus.SUBMITTED)
        cls.approved = assign(cls.cast, "TD5", "td-labour", cls.cast.labour, status=AssignmentStatus.APPROVED)

    def setUp(self):
        cache.clear()
        patcher = mock.patch.dict(workflow._WORKFLOWS, {Assignment: FLOW}, clear=True)
        patcher.start()
        self.addCleanup(patcher.stop)

    def records(self, user):
        return [(item.record, str(item.action)) for item in todo.todo_list(user, self.cast.process)]

    def test_a_ministry_sees_its_own_drafts_soonest_due_first(self):
        self.assertEqual(self.records(self.cast.own), [(self.late, "Submit"), (self.soon, "Submit")])
        (first, _second) = todo.todo_list(self.cast.own, self.cast.process)
        self.assertTrue(first.is_overdue)
        self.assertEqual(first.url, self.late.get_absolute_url())

    def test_the_facilitator_sees_every_submission_awaiting_review_and_no_reopening(self):
        self.assertEqual(self.records(self.cast.facilitator), [(self.submitted, "Review")])

    def test_the_nfp_reviews_and_is_told_of_institutions_nobody_speaks_for(self):
        items = todo.todo_list(self.cast.nfp, self.cast.process)
        self.assertIn((self.submitted, "Review"), [(item.record, str(item.action)) for item in items])
        self.assertNotIn(self.approved, [item.record for item in items])  # reopening is not a to-do

    def test_outsiders_and_partners_get_no_workflow_steps(self):
        self.assertEqual(self.records(self.cast.outsider), [])
        self.assertNotIn(Assignment, {type(item.record) for item in todo.todo_list(self.cast.donor, self.cast.process)})

    def test_one_query_per_kind_whatever_the_data(self):
        with self.assertNumQueries(todo.QUERIES_PER_KIND):
            todo.workflow_items(self.cast.facilitator, self.cast.process, FLOW)
        # One query for the kind's own steps, one for what is overdue with others (the NFP's), one per provider.
        self.assertLessEqual(todo.query_budget(), todo.QUERIES_PER_KIND * 2 + todo.QUERIES_PER_PROVIDER * 3)

    def test_the_dashboard_shows_the_list_first_and_the_header_its_count(self):
        self.client.force_login(self.cast.own)
        page = self.client.get(reverse("mainstreaming:process_dashboard", kwargs={"process_pk": self.cast.process.pk}))
        html = page.content.decode()
        self.assertIn('id="todo"', html)
        self.assertLess(html.index('id="todo"'), html.index("Phases</h2>"))
        self.assertIn("TD1", html)
        self.assertIn("2 to do", html)
        self.assertEqual(todo.cached_count(self.cast.own, self.cast.process), 2)

    def test_an_empty_list_says_what_to_do_next(self):
        self.client.force_login(self.cast.facilitator)
        Assignment.objects.filter(pk=self.submitted.pk).update(status=AssignmentStatus.APPROVED)
        page = self.client.get(reverse("mainstreaming:process_dashboard", kwargs={"process_pk": self.cast.process.pk}))
        self.assertContains(page, "Nothing waits for you now.")


class RegisteredWorkflowsTests(TestCase):
    """The apps' own tables, as registered: every to-do step can narrow a list, and each role gets its work."""

    @classmethod
    def setUpTestData(cls):
        from tests.monitoring.builders import make_period, make_report

        cls.cast = make_cast()
        cls.health_draft = assign(cls.cast, "RW1", "rw-health", cls.cast.health)
        cls.labour_draft = assign(cls.cast, "RW2", "rw-labour", cls.cast.labour)
        cls.submitted = assign(cls.cast, "RW3", "rw-labour", cls.cast.labour, status=AssignmentStatus.SUBMITTED)
        cls.report = make_report(cls.cast, make_period(cls.cast), cls.cast.labour, status="submitted")

    def setUp(self):
        cache.clear()

    def records(self, user):
        return [item.record for item in todo.todo_list(user, self.cast.process)]

    def test_every_to_do_step_names_a_rule_that_can_narrow_a_list(self):
        for flow in workflow.workflows():
            for transition in flow.transitions:
                if transition.todo:
                    with self.subTest(kind=flow.model.__name__, step=transition.name):
                        self.assertIsNotNone(permissions.get_rule(transition.rule).narrow)

    def test_the_facilitator_is_waited_for_on_every_submission_in_any_phase(self):
        records = self.records(self.cast.facilitator)
        self.assertIn(self.submitted, records)
        self.assertIn(self.report, records)
        self.assertNotIn(self.health_draft, records)

    def test_a_ministry_sees_its_own_drafts_and_never_another_ministrys(self):
        records = self.records(self.cast.own)  # health's focal point
        self.assertIn(self.health_draft, records)
        self.assertNotIn(self.labour_draft, records)
        self.assertNotIn(self.report, records)

    def test_a_partner_is_waited_for_on_no_workflow_step(self):
        self.assertEqual([r for r in self.records(self.cast.donor) if r in (self.submitted, self.report)], [])

    def test_the_list_costs_its_budget_whatever_the_data(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def cost():
            with CaptureQueriesContext(connection) as captured:
                items = todo.todo_list(self.cast.nfp, self.cast.process)
                [(str(item.record), item.url) for item in items]
            return len(captured)

        small = cost()
        for index in range(8):
            assign(self.cast, f"RX{index}", f"rx-{index}", self.cast.health, status=AssignmentStatus.SUBMITTED)
        self.assertEqual(cost(), small)
        self.assertLessEqual(small, todo.query_budget())

    def test_an_action_point_waits_for_its_institution_and_reaches_the_nfp_once_overdue(self):
        from stakeholders.services import committees
        from tests.stakeholders.test_committees_services import held_meeting

        today = timezone.localdate()
        meeting = held_meeting(self.cast)
        upcoming = committees.action_point_create(
            actor=self.cast.nfp,
            meeting=meeting,
            description="Send the figures",
            owner=self.cast.health,
            due_on=today + timedelta(days=10),
        )
        late = committees.action_point_create(
            actor=self.cast.nfp,
            meeting=meeting,
            description="Share the agency list",
            owner=self.cast.health,
            due_on=today - timedelta(days=3),
        )
        health = todo.todo_list(self.cast.own, self.cast.process)
        self.assertIn(upcoming, [item.record for item in health])
        self.assertIn(late, [item.record for item in health])
        self.assertNotIn(late, self.records(self.cast.other))  # labour's focal point

        nfp = {item.record: str(item.action) for item in todo.todo_list(self.cast.nfp, self.cast.process)}
        self.assertNotIn(upcoming, nfp)  # the NFP may update it, but it waits for Health
        self.assertEqual(nfp[late], "Overdue: follow up")
