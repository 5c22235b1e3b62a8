"""
The goals area's pages: what each role may do (a ministry reads but cannot edit, a development partner gets 403,
an outsider 404, scoring is for the committee), bad input shown beside its field with 400, the breakdown and SMART
gaps on the pages, the golden thread, the links to the results chain, the dashboard panel, the demo, and query
budgets at two sizes.
"""

from datetime import date

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from implementation_plans.demo.goals import load_demo_goals
from implementation_plans.models import Goal, Priority, PriorityCriterion, PriorityScore, Target
from implementation_plans.services import goals as services
from mainstreaming.loaders import DemoCountry
from tests.cast import make_cast
from tests.factories import UserFactory
from tests.implementation_plans.builders import make_finding, make_prioritisation, seat_on_national_committee


def url(name, process, **kwargs):
    return reverse(f"implementation_plans:{name}", kwargs={"process_pk": process.pk, **kwargs})


class GoalViewCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.setup = make_prioritisation(cls.cast, priorities=2, weights=(3, 1))
        cls.goal = cls.setup.goal
        cls.p1, cls.p2 = cls.setup.priorities
        cls.relevance, cls.cost = cls.setup.criteria
        for criterion, value in ((cls.relevance, 5), (cls.cost, 2)):
            PriorityScore.objects.create(priority=cls.p1, criterion=criterion, scorer=cls.cast.nfp, score=value)
        cls.target = Target.objects.create(
            process=cls.process, priority=cls.p1, statement="Fill the vacant midwife posts", indicator="vacant posts"
        )

    def get(self, role, name, **kwargs):
        self.client.force_login(getattr(self.cast, role))
        return self.client.get(url(name, self.process, **kwargs))

    def post(self, role, name, data, **kwargs):
        self.client.force_login(getattr(self.cast, role))
        return self.client.post(url(name, self.process, **kwargs), data)


class PermissionTests(GoalViewCase):
    def test_a_ministry_reads_the_goals_but_cannot_edit_them(self):
        self.assertEqual(self.get("own", "goal_detail", pk=self.goal.pk).status_code, 200)
        self.assertEqual(self.get("own", "goal_edit", pk=self.goal.pk).status_code, 403)
        response = self.post("own", "goal_create", {"statement": "A ministry's goal"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Goal.objects.filter(statement="A ministry's goal").exists())
        self.assertNotContains(self.get("own", "goal_detail", pk=self.goal.pk), url("goal_edit", self.process, pk=1))

    def test_a_development_partner_gets_403_and_an_outsider_404(self):
        for name, kwargs in (("goal_list", {}), ("goal_detail", {"pk": self.goal.pk}), ("priority_ranking", {})):
            with self.subTest(name=name):
                self.assertEqual(self.get("donor", name, **kwargs).status_code, 403)
                self.assertEqual(self.get("outsider", name, **kwargs).status_code, 404)

    def test_the_facilitator_comments_a_ministry_does_not(self):
        self.assertContains(self.get("facilitator", "goal_detail", pk=self.goal.pk), "Add comment")
        self.assertNotContains(self.get("own", "goal_detail", pk=self.goal.pk), "Add comment")
        self.assertContains(self.get("facilitator", "priority_detail", pk=self.p1.pk), "Add comment")

    def test_only_seated_ministries_score(self):
        self.assertEqual(self.get("own", "priority_score").status_code, 403)
        self.assertEqual(self.get("facilitator", "priority_score").status_code, 403)
        seat_on_national_committee(self.process, self.cast.health)
        self.assertEqual(self.get("own", "priority_score").status_code, 200)
        self.assertEqual(self.get("other", "priority_score").status_code, 403)

    def test_the_ranking_shows_select_links_to_the_nfp_only(self):
        select = url("priority_select", self.process, pk=self.p1.pk)
        self.assertContains(self.get("nfp", "priority_ranking"), select)
        self.assertNotContains(self.get("own", "priority_ranking"), select)


class PageTests(GoalViewCase):
    def test_the_goal_page_shows_the_golden_thread_targets_and_chain_links(self):
        response = self.get("nfp", "goal_detail", pk=self.goal.pk)
        self.assertContains(response, self.setup.finding.get_absolute_url())
        self.assertContains(response, self.p1.get_absolute_url())
        self.assertContains(response, "Fill the vacant midwife posts")
        self.assertContains(response, "Still lacking:")
        self.assertContains(response, reverse("implementation_plans:results_chain", args=[self.cast.process.pk]))

    def test_the_ranking_shows_the_breakdown_and_weighted_figures(self):
        response = self.get("own", "priority_ranking")
        # p1: 3 × 5 + 1 × 2 = 17, that is 4.25 on average; p2 is not scored.
        self.assertContains(response, "17.00")
        self.assertContains(response, "4.25")
        self.assertContains(response, "not scored")
        priorities = response.context["ranking"].priorities
        self.assertEqual([p.pk for p in priorities], [self.p1.pk, self.p2.pk])

    def test_the_priority_page_shows_the_breakdown_and_the_smart_gaps(self):
        response = self.get("own", "priority_detail", pk=self.p1.pk)
        self.assertContains(response, "Score breakdown (1 scorer)")
        self.assertContains(response, "17.00")
        self.assertContains(response, "time-bound (a date to reach it by, inside the plan&#x27;s period 2026–2030)")
        self.assertContains(response, "a baseline with a number, to measure the target against")
        self.assertContains(response, self.setup.finding.statement)

    def test_the_lists_and_history_pages_answer(self):
        for name, kwargs in (
            ("goal_list", {}),
            ("criterion_list", {}),
            ("pillar_list", {}),
            ("goal_history", {"pk": self.goal.pk}),
            ("priority_history", {"pk": self.p1.pk}),
            ("criterion_history", {"pk": self.cost.pk}),
            ("target_history", {"pk": self.target.pk}),
        ):
            with self.subTest(name=name):
                self.assertEqual(self.get("own", name, **kwargs).status_code, 200)

    def test_empty_pages_say_what_to_do_next(self):
        Target.objects.all().delete()
        PriorityScore.objects.all().delete()
        Priority.objects.all().delete()
        Goal.objects.all().delete()
        PriorityCriterion.objects.all().delete()
        self.assertContains(self.get("nfp", "goal_list"), "Write the first goal")
        self.assertContains(self.get("nfp", "criterion_list"), "Add the first criterion")
        self.assertContains(self.get("nfp", "pillar_list"), "Add the first pillar")
        self.assertContains(self.get("nfp", "priority_ranking"), "No prioritisation criterion has been set yet")


class FormTests(GoalViewCase):
    def test_a_goal_without_statement_comes_back_with_the_error_beside_the_field(self):
        response = self.post("nfp", "goal_create", {"statement": " ", "rationale": "why"})
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors["statement"])

    def test_a_goal_is_created_with_its_findings(self):
        response = self.post(
            "nfp", "goal_create", {"statement": "Decent work", "findings": [self.setup.finding.pk], "position": ""}
        )
        goal = Goal.objects.get(statement="Decent work")
        self.assertRedirects(response, goal.get_absolute_url())
        self.assertEqual(list(goal.findings.all()), [self.setup.finding])

    def test_a_goal_added_without_a_position_goes_after_the_others(self):
        form = self.get("nfp", "goal_create")
        self.assertNotContains(form, 'name="position" value="0"')
        before = list(Goal.objects.filter(process=self.process).order_by("position", "created"))
        self.post("nfp", "goal_create", {"statement": "Added last", "position": ""})
        after = list(Goal.objects.filter(process=self.process).order_by("position", "created"))
        self.assertEqual(after[:-1], before)
        self.assertEqual(after[-1].statement, "Added last")

    def test_a_weight_out_of_range_is_refused(self):
        response = self.post("nfp", "criterion_create", {"name": "Cost again", "weight": "11"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("weight", response.context["form"].errors)

    def test_a_duplicate_criterion_name_is_shown_beside_the_name(self):
        response = self.post("nfp", "criterion_create", {"name": self.cost.name, "weight": "2"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("name", response.context["form"].errors)

    def test_a_bad_date_on_a_target_is_refused(self):
        response = self.post("nfp", "target_create", {"statement": "x", "due_on": "next year"}, pk=self.p1.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("due_on", response.context["form"].errors)

    def test_a_target_is_added_and_shown_on_the_priority(self):
        data = {
            "statement": "Orientation for every seasonal worker",
            "indicator": "share oriented",
            "baseline": "15 %",
            "target_value": "80 %",
            "responsible": self.cast.labour.pk,
            "resources": "Two trainers",
            "finding": self.setup.finding.pk,
            "due_on": "2027-12-31",
        }
        response = self.post("nfp", "target_create", data, pk=self.p2.pk)
        target = Target.objects.get(statement=data["statement"])
        self.assertRedirects(response, target.get_absolute_url(), fetch_redirect_response=False)
        self.assertEqual(target.due_on, date(2027, 12, 31))
        self.assertContains(self.get("nfp", "priority_detail", pk=self.p2.pk), "This target is SMART.")

    def test_selecting_asks_for_a_reason_then_records_it(self):
        response = self.post("nfp", "priority_select", {"reason": ""}, pk=self.p1.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        response = self.post("nfp", "priority_select", {"reason": "Ranked first"}, pk=self.p1.pk)
        self.assertRedirects(response, self.p1.get_absolute_url())
        self.assertContains(self.get("own", "priority_detail", pk=self.p1.pk), "Ranked first")

    def test_a_scorer_saves_scores_from_the_sheet(self):
        seat_on_national_committee(self.process, self.cast.health)
        field = f"score-{self.p2.pk}-{self.relevance.pk}"
        self.assertContains(self.get("own", "priority_score"), f'name="{field}"')
        response = self.post("own", "priority_score", {field: "4", f"score-{self.p2.pk}-{self.cost.pk}": ""})
        self.assertRedirects(response, url("priority_ranking", self.process))
        score = PriorityScore.objects.get(scorer=self.cast.own)
        self.assertEqual((score.priority, score.criterion, score.score), (self.p2, self.relevance, 4))

    def test_a_score_out_of_range_is_refused(self):
        response = self.post("nfp", "priority_score", {f"score-{self.p2.pk}-{self.cost.pk}": "9"})
        self.assertEqual(response.status_code, 400)

    def test_a_plan_in_review_shows_the_notice_and_refuses_the_change(self):
        from implementation_plans.choices import PlanStatus
        from implementation_plans.models import Plan

        Plan.objects.create(process=self.process, title="Plan", status=PlanStatus.IN_REVIEW)
        self.assertContains(self.get("nfp", "goal_create"), "until it is returned to draft")
        response = self.post("nfp", "goal_create", {"statement": "Frozen goal"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Goal.objects.filter(statement="Frozen goal").exists())

    def test_the_history_tab_shows_who_changed_what_and_why(self):
        self.post(
            "nfp", "goal_edit", {"statement": "Health services keep their nurses", "reason": "sharper"}, pk=self.goal.pk
        )
        response = self.get("own", "goal_history", pk=self.goal.pk)
        self.assertContains(response, "Health services keep their nurses")
        self.assertContains(response, "sharper")

    def test_unselecting_returns_the_priority_to_the_candidates(self):
        services.priority_select(actor=self.cast.nfp, priority=self.p1, reason="Ranked first")
        response = self.post("nfp", "priority_unselect", {"reason": "No funding this cycle"}, pk=self.p1.pk)
        self.assertRedirects(response, self.p1.get_absolute_url())
        self.p1.refresh_from_db()
        self.assertFalse(self.p1.is_selected)
        self.assertContains(self.get("own", "priority_detail", pk=self.p1.pk), "No funding this cycle")

    def test_removing_a_goal_with_priorities_explains_why_not(self):
        response = self.post("nfp", "goal_delete", {"reason": "gone"}, pk=self.goal.pk)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "Priorities or outcomes hang on this goal", status_code=400)


class PanelAndDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_the_dashboard_shows_the_goals_card_with_incomplete_targets(self):
        setup = make_prioritisation(self.cast, priorities=1)
        Target.objects.create(process=self.cast.process, priority=setup.priorities[0], statement="Do better")
        self.client.force_login(self.cast.nfp)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertContains(response, "target still lacking a SMART element")
        self.assertContains(response, "Do better")
        self.client.force_login(self.cast.donor)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertNotContains(response, "Do better")

    def test_the_demo_loads_scores_selects_and_is_idempotent(self):
        finding = make_finding(
            self.cast.process, "The emigration of nurses and midwives leaves district hospitals understaffed."
        )
        seat_on_national_committee(self.cast.process, self.cast.health)
        health = UserFactory(username="demo-health")
        demo = DemoCountry(
            process=self.cast.process,
            institutions={"MoH": self.cast.health},
            users={"nfp": self.cast.nfp, "health": self.cast.own, "labour": health},
            admin=None,
        )
        load_demo_goals(demo)
        self.assertEqual(Goal.objects.filter(process=self.cast.process).count(), 3)
        self.assertEqual(Priority.objects.filter(process=self.cast.process, is_selected=True).count(), 3)
        self.assertTrue(PriorityScore.objects.filter(scorer=self.cast.own).exists())
        self.assertFalse(PriorityScore.objects.filter(scorer=health).exists())
        self.assertIn(finding, Goal.objects.get(position=0).findings.all())
        self.assertTrue(Target.objects.filter(process=self.cast.process, finding=finding).exists())
        load_demo_goals(demo)
        self.assertEqual(Goal.objects.filter(process=self.cast.process).count(), 3)


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------

# page -> the most queries it may cost
BUDGETS = {
    "goal_list": 14,
    "goal_detail": 19,
    "priority_detail": 15,
    "priority_ranking": 11,
    "priority_score": 13,
}


def _grow(cast, size: int) -> dict:
    """`size` priorities under one goal, each scored by `size` scorers on three criteria, each with two targets."""
    setup = make_prioritisation(cast, priorities=size, label=f"x{size}", weights=(3, 2, 1))
    for index in range(size):
        goal = Goal.objects.create(process=cast.process, statement=f"Goal {size}-{index}")
        goal.findings.add(setup.finding)
    scorers = [UserFactory() for _ in range(size)]
    PriorityScore.objects.bulk_create(
        PriorityScore(priority=priority, criterion=criterion, scorer=scorer, score=1 + (index % 5))
        for index, (priority, criterion, scorer) in enumerate(
            (p, c, s) for p in setup.priorities for c in setup.criteria for s in scorers
        )
    )
    for priority in setup.priorities:
        Target.objects.create(process=cast.process, priority=priority, statement="Complete", due_on=date(2028, 1, 1))
        Target.objects.create(process=cast.process, priority=priority, statement="Bare", finding=setup.finding)
    return {
        "goal_list": {},
        "goal_detail": {"pk": setup.goal.pk},
        "priority_detail": {"pk": setup.priorities[0].pk},
        "priority_ranking": {},
        "priority_score": {},
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


class FindingThreadTests(GoalViewCase):
    """The golden thread read from the finding's end: what of the plan cites it, and the NFP's next step."""

    def finding_page(self, user):
        self.client.force_login(user)
        finding = self.setup.finding
        return self.client.get(
            reverse("situation_analysis:finding_detail", kwargs={"process_pk": self.process.pk, "pk": finding.pk})
        )

    def test_the_finding_page_lists_the_goal_and_priorities_citing_it(self):
        response = self.finding_page(self.cast.own)
        self.assertContains(response, self.goal.get_absolute_url())
        self.assertContains(response, self.p1.get_absolute_url())
        self.assertContains(response, self.p2.get_absolute_url())
        self.assertNotContains(response, "Write a goal answering this finding")

    def test_the_nfp_writes_a_goal_from_the_finding_with_it_ticked(self):
        response = self.finding_page(self.cast.nfp)
        link = url("goal_create", self.process) + f"?finding={self.setup.finding.pk}"
        self.assertContains(response, link)
        form = self.client.get(link).context["form"]
        self.assertEqual(form.initial["findings"], [self.setup.finding.pk])

    def test_a_finding_of_another_process_is_not_preselected(self):
        elsewhere = make_finding(self.cast.other_process, "Elsewhere, nurses stay.")
        self.client.force_login(self.cast.nfp)
        form = self.client.get(url("goal_create", self.process) + f"?finding={elsewhere.pk}").context["form"]
        self.assertNotIn("findings", form.initial)

    def test_a_finding_nothing_cites_says_so(self):
        lone = make_finding(self.process, "Remittance costs are high.")
        self.client.force_login(self.cast.own)
        response = self.client.get(
            reverse("situation_analysis:finding_detail", kwargs={"process_pk": self.process.pk, "pk": lone.pk})
        )
        self.assertContains(response, "No goal, priority or target of the plan cites this finding yet.")
