"""
Evaluations: the services' rules (only the NFP writes; the owner institution reports progress on its own response
and no other ministry may; the right moves with the owner; an accepted response needs its action, owner and due
date, a rejected one its reason; completion needs a date; overdue detection; history with actor and reason), the
pages (errors beside their fields, the M&E plan's dates offered, overdue flags, who sees which buttons), the
dashboard and "For you" panels, the demo, and query budgets at two data sizes.
"""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mainstreaming.loaders import DemoCountry
from monitoring import permissions
from monitoring.choices import EvaluationKind, EvaluationStatus, ResponseDecision, ResponseStatus
from monitoring.demo.evaluations import load_demo_evaluations
from monitoring.models import (
    Evaluation,
    EvaluationFinding,
    EvaluationQuestion,
    ManagementResponse,
    MEPlan,
    Recommendation,
)
from monitoring.selectors import evaluations as selectors
from monitoring.services import evaluations as services
from tests.cast import make_cast

TODAY = timezone.localdate
DAY = timedelta(days=1)


def url(name, process, **kwargs):
    return reverse(f"monitoring:{name}", kwargs={"process_pk": process.pk, **kwargs})


def fresh(user):
    """The user read again: a user object caches its object permissions once asked (checker_for)."""
    return type(user).objects.get(pk=user.pk)


def make_evaluation(cast, **fields) -> Evaluation:
    values = {"kind": EvaluationKind.MIDTERM, "title": "Mid-term review", "evaluator": "Evaluators Ltd"} | fields
    return services.evaluation_create(actor=cast.nfp, process=cast.process, **values)


def accept(cast, recommendation, owner=None, due_on=None, **fields) -> ManagementResponse:
    values = {
        "decision": ResponseDecision.ACCEPTED,
        "action": "Publish quarterly figures.",
        "owner": owner or cast.health,
        "due_on": due_on or TODAY() + 30 * DAY,
    } | fields
    return services.response_save(actor=cast.nfp, recommendation=recommendation, **values)


class ServiceCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.process = cls.cast.process
        cls.evaluation = make_evaluation(cls.cast)
        cls.recommendation = services.recommendation_create(
            actor=cls.cast.nfp, evaluation=cls.evaluation, text="Collect recruitment costs every quarter."
        )


class EvaluationServiceTests(ServiceCase):
    def test_only_the_nfp_writes(self):
        for role in ("own", "other", "facilitator", "donor"):
            user = self.cast.user(role)
            with self.subTest(role=role):
                with self.assertRaises(PermissionDenied):
                    services.evaluation_create(actor=user, process=self.process, kind="final", title="x", evaluator="y")
                with self.assertRaises(PermissionDenied):
                    services.question_create(actor=user, evaluation=self.evaluation, text="Why?")
                with self.assertRaises(PermissionDenied):
                    services.finding_create(actor=user, evaluation=self.evaluation, text="Because.")
                with self.assertRaises(PermissionDenied):
                    services.recommendation_create(actor=user, evaluation=self.evaluation, text="Do it.")
                with self.assertRaises(PermissionDenied):
                    services.response_save(
                        actor=user, recommendation=self.recommendation, decision="rejected", rationale="No."
                    )
                with self.assertRaises(PermissionDenied):
                    services.evaluation_delete(actor=user, evaluation=self.evaluation, reason="Mistake")
        self.assertEqual(Evaluation.objects.count(), 1)

    def test_the_m_and_e_plans_dates_are_offered_for_each_kind(self):
        MEPlan.objects.create(
            process=self.process, midterm_evaluation_on=date(2028, 6, 30), final_evaluation_on=date(2030, 12, 31)
        )
        self.assertEqual(
            services.evaluation_defaults(process=self.process, kind="midterm")["due_on"], date(2028, 6, 30)
        )
        self.assertEqual(services.evaluation_defaults(process=self.process, kind="final")["due_on"], date(2030, 12, 31))
        self.assertEqual(services.evaluation_defaults(process=self.process, kind="nonsense"), {})

    def test_a_completed_evaluation_needs_its_date_and_a_report_cannot_be_due_before_the_start(self):
        with self.assertRaises(ValidationError) as error:
            make_evaluation(self.cast, status=EvaluationStatus.COMPLETED)
        self.assertIn("completed_on", error.exception.message_dict)
        with self.assertRaises(ValidationError) as error:
            make_evaluation(self.cast, starts_on=date(2028, 5, 1), due_on=date(2028, 1, 1))
        self.assertIn("due_on", error.exception.message_dict)
        with self.assertRaises(ValidationError) as error:
            make_evaluation(self.cast, status=EvaluationStatus.COMPLETED, completed_on=TODAY() + DAY)
        self.assertIn("completed_on", error.exception.message_dict)

    def test_an_update_names_the_status_change_and_keeps_actor_and_reason(self):
        services.evaluation_update(
            actor=self.cast.nfp,
            evaluation=self.evaluation,
            data={"status": EvaluationStatus.UNDER_WAY},
            reason="Contract signed",
        )
        record = self.evaluation.history.latest()
        self.assertEqual(record.history_user, self.cast.nfp)
        self.assertEqual(record.history_change_reason, "evaluation.under_way: Contract signed")

    def test_a_finding_answers_a_question_of_its_own_evaluation_only(self):
        other = make_evaluation(self.cast, kind="final", title="Final")
        question = services.question_create(actor=self.cast.nfp, evaluation=other, text="Impact?")
        with self.assertRaises(ValidationError) as error:
            services.finding_create(actor=self.cast.nfp, evaluation=self.evaluation, question=question, text="Yes")
        self.assertIn("question", error.exception.message_dict)

    def test_removing_a_question_keeps_its_findings_and_needs_a_reason(self):
        question = services.question_create(actor=self.cast.nfp, evaluation=self.evaluation, text="On course?")
        finding = services.finding_create(
            actor=self.cast.nfp, evaluation=self.evaluation, question=question, text="Partly."
        )
        with self.assertRaises(ValidationError):
            services.question_delete(actor=self.cast.nfp, question=question, reason=" ")
        question_pk = question.pk
        services.question_delete(actor=self.cast.nfp, question=question, reason="Merged with another")
        finding.refresh_from_db()
        self.assertIsNone(finding.question)
        self.assertEqual(
            finding.history.latest().history_change_reason, "evaluation_finding.question_removed: Merged with another"
        )
        deleted = EvaluationQuestion.history.filter(id=question_pk, history_type="-").get()
        self.assertEqual(deleted.history_user, self.cast.nfp)

    def test_removing_an_evaluation_removes_everything_with_history_and_the_owners_right(self):
        question = services.question_create(actor=self.cast.nfp, evaluation=self.evaluation, text="On course?")
        services.finding_create(actor=self.cast.nfp, evaluation=self.evaluation, question=question, text="Partly.")
        response = accept(self.cast, self.recommendation)
        self.assertTrue(permissions.can_update_response(self.cast.own, response))
        with self.assertRaises(ValidationError):
            services.evaluation_delete(actor=self.cast.nfp, evaluation=self.evaluation, reason="")
        services.evaluation_delete(actor=self.cast.nfp, evaluation=self.evaluation, reason="Duplicate")
        for model in (Evaluation, EvaluationQuestion, EvaluationFinding, Recommendation, ManagementResponse):
            self.assertFalse(model.objects.exists(), model)
            deleted = model.history.get(history_type="-")
            self.assertEqual(deleted.history_user, self.cast.nfp)
            self.assertTrue(deleted.history_change_reason.endswith(": Duplicate"), model)
        self.assertFalse(permissions.can_update_response(fresh(self.cast.own), response))


class ResponseServiceTests(ServiceCase):
    def test_an_accepted_response_needs_action_owner_and_due_date(self):
        with self.assertRaises(ValidationError) as error:
            services.response_save(
                actor=self.cast.nfp, recommendation=self.recommendation, decision=ResponseDecision.ACCEPTED
            )
        self.assertEqual(set(error.exception.message_dict), {"action", "owner", "due_on"})
        with self.assertRaises(ValidationError) as error:
            services.response_save(
                actor=self.cast.nfp, recommendation=self.recommendation, decision=ResponseDecision.PARTLY_ACCEPTED
            )
        self.assertEqual(set(error.exception.message_dict), {"action", "owner", "due_on"})
        self.assertFalse(ManagementResponse.objects.exists())

    def test_a_rejected_response_needs_a_rationale_and_has_no_owner(self):
        with self.assertRaises(ValidationError) as error:
            services.response_save(
                actor=self.cast.nfp, recommendation=self.recommendation, decision=ResponseDecision.REJECTED
            )
        self.assertIn("rationale", error.exception.message_dict)
        response = services.response_save(
            actor=self.cast.nfp,
            recommendation=self.recommendation,
            decision=ResponseDecision.REJECTED,
            rationale="Out of the plan's scope.",
            owner=self.cast.health,
            due_on=TODAY(),
        )
        self.assertIsNone(response.owner)
        self.assertFalse(permissions.can_update_response(self.cast.own, response))
        with self.assertRaises(ValidationError):
            services.response_progress(actor=self.cast.nfp, response=response, status=ResponseStatus.IN_PROGRESS)

    def test_an_owner_of_another_process_is_refused(self):
        from tests.factories import InstitutionFactory

        elsewhere = InstitutionFactory(process=self.cast.other_process, name="Elsewhere ministry")
        with self.assertRaises(ValidationError) as error:
            accept(self.cast, self.recommendation, owner=elsewhere)
        self.assertIn("owner", error.exception.message_dict)

    def test_the_owners_focal_points_update_their_response_another_ministry_cannot(self):
        response = accept(self.cast, self.recommendation, owner=self.cast.health)
        services.response_progress(
            actor=self.cast.own, response=response, status=ResponseStatus.IN_PROGRESS, progress_note="Drafted."
        )
        response.refresh_from_db()
        self.assertEqual(response.status, ResponseStatus.IN_PROGRESS)
        record = response.history.latest()
        self.assertEqual(record.history_user, self.cast.own)
        self.assertEqual(record.history_change_reason, "management_response.in_progress: Drafted.")
        for role in ("other", "facilitator", "donor"):
            with self.subTest(role=role), self.assertRaises(PermissionDenied):
                services.response_progress(
                    actor=self.cast.user(role), response=response, status=ResponseStatus.COMPLETED
                )
        services.response_progress(actor=self.cast.nfp, response=response, status=ResponseStatus.NOT_STARTED)

    def test_the_right_to_report_moves_with_the_owner_and_the_new_owner_is_told(self):
        response = accept(self.cast, self.recommendation, owner=self.cast.health)
        self.assertTrue(permissions.can_update_response(self.cast.own, response))
        with self.captureOnCommitCallbacks(execute=True):
            response = accept(self.cast, self.recommendation, owner=self.cast.labour, reason="Labour leads it now")
        self.assertEqual(
            response.history.latest().history_change_reason, "management_response.owner_changed: Labour leads it now"
        )
        self.assertFalse(permissions.can_update_response(fresh(self.cast.own), response))
        self.assertTrue(permissions.can_update_response(fresh(self.cast.other), response))
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, [self.cast.other.email])
        self.assertIn("Collect recruitment costs every quarter.", mail.outbox[0].body)
        with self.assertRaises(PermissionDenied):
            services.response_progress(actor=fresh(self.cast.own), response=response, status=ResponseStatus.IN_PROGRESS)

    def test_saving_the_same_response_again_changes_nothing_and_sends_nothing(self):
        due = TODAY() + 30 * DAY
        accept(self.cast, self.recommendation, due_on=due)
        rows = ManagementResponse.history.count()
        with self.captureOnCommitCallbacks(execute=True):
            accept(self.cast, self.recommendation, due_on=due)
        self.assertEqual(ManagementResponse.history.count(), rows)
        self.assertEqual(mail.outbox, [])

    def test_completion_needs_a_date_that_has_come_and_only_completion_has_one(self):
        response = accept(self.cast, self.recommendation)
        cases = (
            (ResponseStatus.COMPLETED, None),
            (ResponseStatus.COMPLETED, TODAY() + DAY),
            (ResponseStatus.IN_PROGRESS, TODAY()),
        )
        for status, completed_on in cases:
            with self.subTest(status=status, completed_on=completed_on), self.assertRaises(ValidationError) as error:
                services.response_progress(
                    actor=self.cast.own, response=response, status=status, completed_on=completed_on
                )
            self.assertIn("completed_on", error.exception.message_dict)
        services.response_progress(
            actor=self.cast.own, response=response, status=ResponseStatus.COMPLETED, completed_on=TODAY()
        )
        response.refresh_from_db()
        self.assertFalse(response.is_open)
        self.assertEqual(response.history.latest().history_change_reason, "management_response.completed")

    def test_overdue_means_open_and_past_due(self):
        late = accept(self.cast, self.recommendation, due_on=TODAY() - DAY)
        self.assertTrue(services.is_overdue(late))
        soon = accept(
            self.cast,
            services.recommendation_create(actor=self.cast.nfp, evaluation=self.evaluation, text="Second"),
            due_on=TODAY() + DAY,
        )
        self.assertFalse(services.is_overdue(soon))
        done = accept(
            self.cast,
            services.recommendation_create(actor=self.cast.nfp, evaluation=self.evaluation, text="Third"),
            due_on=TODAY() - 5 * DAY,
        )
        services.response_progress(
            actor=self.cast.nfp, response=done, status=ResponseStatus.COMPLETED, completed_on=TODAY()
        )
        done.refresh_from_db()
        self.assertFalse(services.is_overdue(done))
        self.assertEqual(selectors.response_summary(process=self.process), {"open": 2, "overdue": 1})
        self.assertEqual([r.pk for r in selectors.overdue_responses(process=self.process)], [late.pk])
        self.assertEqual([r.pk for r in selectors.response_list(process=self.process, overdue_only=True)], [late.pk])
        listed = selectors.evaluation_list(process=self.process)[0]
        self.assertEqual((listed.recommendation_count, listed.open_count, listed.overdue_count), (3, 2, 1))
        count, mine = selectors.institution_open_responses(process=self.process, institution=self.cast.health)
        self.assertEqual(count, 2)
        self.assertTrue(mine[0].is_overdue)

    def test_turning_an_accepted_response_down_takes_the_owners_right_away(self):
        response = accept(self.cast, self.recommendation)
        response = services.response_save(
            actor=self.cast.nfp,
            recommendation=self.recommendation,
            decision=ResponseDecision.REJECTED,
            rationale="The budget was cut.",
            reason="Budget review",
        )
        self.assertEqual(response.history.latest().history_change_reason, "management_response.rejected: Budget review")
        self.assertIsNone(response.owner)
        self.assertFalse(permissions.can_update_response(fresh(self.cast.own), response))

    def test_removing_a_recommendation_takes_its_response_and_the_owners_right(self):
        response = accept(self.cast, self.recommendation)
        services.recommendation_delete(actor=self.cast.nfp, recommendation=self.recommendation, reason="Withdrawn")
        self.assertFalse(ManagementResponse.objects.exists())
        self.assertFalse(permissions.can_update_response(fresh(self.cast.own), response))
        self.assertEqual(
            ManagementResponse.history.get(history_type="-").history_change_reason,
            "management_response.deleted: Withdrawn",
        )


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


class ViewCase(ServiceCase):
    def get(self, role, name, **kwargs):
        self.client.force_login(self.cast.user(role))
        return self.client.get(url(name, self.process, **kwargs))

    def post(self, role, name, data, **kwargs):
        self.client.force_login(self.cast.user(role))
        return self.client.post(url(name, self.process, **kwargs), data)


class ViewTests(ViewCase):
    def test_the_empty_list_says_what_to_do_and_shows_the_schedule(self):
        Evaluation.objects.all().delete()
        MEPlan.objects.create(process=self.process, midterm_evaluation_on=date(2028, 6, 30))
        response = self.get("nfp", "evaluation_list")
        self.assertContains(response, "No evaluation yet")
        self.assertContains(response, "30 Jun 2028")
        self.assertContains(response, url("evaluation_create", self.process) + "?kind=midterm")
        self.assertNotContains(self.get("own", "evaluation_list"), url("evaluation_create", self.process))

    def test_the_create_form_offers_the_m_and_e_plans_date(self):
        MEPlan.objects.create(process=self.process, final_evaluation_on=date(2030, 12, 31))
        self.client.force_login(self.cast.nfp)
        response = self.client.get(url("evaluation_create", self.process) + "?kind=final")
        self.assertEqual(response.context["form"].initial["due_on"], date(2030, 12, 31))
        self.assertContains(response, 'value="2030-12-31"')

    def test_bad_input_comes_back_beside_the_fields_and_is_kept(self):
        data = {
            "kind": "midterm",
            "title": "Review typed by hand",
            "evaluator": "",
            "status": "completed",
            "starts_on": "2028-05-01",
            "due_on": "2028-01-01",
        }
        response = self.post("nfp", "evaluation_create", data)
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertEqual(set(errors), {"evaluator", "due_on", "completed_on"})
        self.assertContains(response, 'id="id_due_on_error"', status_code=400)
        self.assertContains(response, "Review typed by hand", status_code=400)

    def test_the_response_form_shows_what_an_accepted_or_rejected_response_lacks(self):
        response = self.post("nfp", "management_response_edit", {"decision": "accepted"}, pk=self.recommendation.pk)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(set(response.context["form"].errors), {"action", "owner", "due_on"})
        response = self.post("nfp", "management_response_edit", {"decision": "rejected"}, pk=self.recommendation.pk)
        self.assertEqual(set(response.context["form"].errors), {"rationale"})
        self.assertContains(response, "Say why the recommendation is not accepted.", status_code=400)

    def test_the_progress_form_refuses_completion_without_a_date(self):
        accept(self.cast, self.recommendation)
        response = self.post("own", "management_response_progress", {"status": "completed"}, pk=self.recommendation.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("completed_on", response.context["form"].errors)
        response = self.post(
            "own",
            "management_response_progress",
            {"status": "completed", "completed_on": TODAY().isoformat(), "progress_note": "Done"},
            pk=self.recommendation.pk,
        )
        self.assertEqual(response.status_code, 302)

    def test_progress_without_a_response_is_404(self):
        self.assertEqual(self.get("nfp", "management_response_progress", pk=self.recommendation.pk).status_code, 404)
        self.assertEqual(self.get("nfp", "management_response_history", pk=self.recommendation.pk).status_code, 404)

    def test_the_detail_shows_findings_by_question_responses_and_overdue_flags(self):
        question = services.question_create(actor=self.cast.nfp, evaluation=self.evaluation, text="On course?")
        services.finding_create(actor=self.cast.nfp, evaluation=self.evaluation, question=question, text="Partly so.")
        services.finding_create(actor=self.cast.nfp, evaluation=self.evaluation, text="Committees work well.")
        accept(self.cast, self.recommendation, due_on=TODAY() - DAY)
        progress = url("management_response_progress", self.process, pk=self.recommendation.pk)
        response = self.get("own", "evaluation_detail", pk=self.evaluation.pk)
        self.assertContains(response, "Partly so.")
        self.assertContains(response, "Findings answering no particular question")
        self.assertContains(response, "Overdue")
        self.assertContains(response, progress)
        self.assertNotContains(response, url("recommendation_edit", self.process, pk=self.recommendation.pk))
        self.assertNotContains(self.get("other", "evaluation_detail", pk=self.evaluation.pk), progress)
        self.assertNotContains(self.get("facilitator", "evaluation_detail", pk=self.evaluation.pk), progress)
        self.assertContains(
            self.get("nfp", "evaluation_detail", pk=self.evaluation.pk),
            url("recommendation_edit", self.process, pk=self.recommendation.pk),
        )

    def test_the_history_pages_name_who_and_why(self):
        accept(self.cast, self.recommendation)
        services.response_progress(
            actor=self.cast.own,
            response=self.recommendation.response,
            status=ResponseStatus.IN_PROGRESS,
            progress_note="Questions drafted",
        )
        response = self.get("facilitator", "management_response_history", pk=self.recommendation.pk)
        self.assertContains(response, "Questions drafted")
        self.assertContains(response, self.cast.own.get_full_name() or self.cast.own.username)
        self.assertEqual(self.get("donor", "evaluation_history", pk=self.evaluation.pk).status_code, 403)

    def test_the_dashboard_and_the_ministrys_home_show_open_responses(self):
        accept(self.cast, self.recommendation, due_on=TODAY() - DAY)
        dashboard = reverse("mainstreaming:process_dashboard", kwargs={"process_pk": self.process.pk})
        self.client.force_login(self.cast.nfp)
        response = self.client.get(dashboard)
        self.assertContains(response, "Follow-up of the evaluations")
        self.assertNotContains(response, "Evaluation follow-ups of")
        self.client.force_login(self.cast.own)
        response = self.client.get(dashboard)
        self.assertContains(response, "Evaluation follow-ups of MoH")
        self.client.force_login(self.cast.other)
        self.assertNotContains(self.client.get(dashboard), "Evaluation follow-ups of")
        self.client.force_login(self.cast.donor)
        self.assertNotContains(self.client.get(dashboard), "Follow-up of the evaluations")

    def test_the_tracker_filters_by_owner_and_overdue(self):
        accept(self.cast, self.recommendation, due_on=TODAY() - DAY)
        other = services.recommendation_create(actor=self.cast.nfp, evaluation=self.evaluation, text="Labour's task")
        accept(self.cast, other, owner=self.cast.labour)
        response = self.get("own", "management_response_list")
        self.assertEqual(len(response.context["responses"]), 2)
        self.client.force_login(self.cast.own)
        response = self.client.get(url("management_response_list", self.process) + "?overdue=on")
        self.assertEqual([r.pk for r in response.context["responses"]], [self.recommendation.response.pk])
        response = self.client.get(url("management_response_list", self.process) + f"?owner={self.cast.labour.pk}")
        self.assertEqual([r.recommendation_id for r in response.context["responses"]], [other.pk])
        self.assertFalse(response.context["show_update"])


class DemoTests(TestCase):
    def test_a_midterm_whose_date_is_past_is_completed_with_its_follow_up_and_loads_once(self):
        cast = make_cast()
        MEPlan.objects.create(
            process=cast.process, midterm_evaluation_on=TODAY() - 200 * DAY, final_evaluation_on=date(2030, 12, 31)
        )
        demo = DemoCountry(
            process=cast.process,
            institutions={"MoLSP": cast.labour, "MoH": cast.health},
            users={"nfp": cast.nfp, "labour": cast.other, "health": cast.own},
            admin=None,
        )
        load_demo_evaluations(demo)
        load_demo_evaluations(demo)
        midterm = Evaluation.objects.get(kind="midterm")
        final = Evaluation.objects.get(kind="final")
        self.assertEqual(midterm.status, EvaluationStatus.COMPLETED)
        self.assertEqual((final.status, final.due_on), (EvaluationStatus.PLANNED, date(2030, 12, 31)))
        responses = ManagementResponse.objects.filter(recommendation__evaluation=midterm)
        self.assertTrue(responses.filter(owner=cast.labour).exists())
        self.assertTrue(responses.filter(status=ResponseStatus.COMPLETED).exists())
        self.assertTrue(responses.filter(decision=ResponseDecision.REJECTED).exists())
        self.assertTrue(midterm.findings.filter(question__isnull=False).exists())
        labour_response = responses.filter(owner=cast.labour, status=ResponseStatus.IN_PROGRESS).get()
        self.assertEqual(labour_response.history.latest().history_user, cast.other)

    def test_a_midterm_still_ahead_is_planned_without_findings(self):
        cast = make_cast()
        MEPlan.objects.create(
            process=cast.process, midterm_evaluation_on=TODAY() + 400 * DAY, final_evaluation_on=date(2030, 12, 31)
        )
        demo = DemoCountry(
            process=cast.process,
            institutions={"MoLSP": cast.labour, "MoH": cast.health},
            users={"nfp": cast.nfp, "labour": cast.other, "health": cast.own},
            admin=None,
        )
        load_demo_evaluations(demo)
        midterm = Evaluation.objects.get(kind="midterm")
        self.assertEqual((midterm.status, midterm.due_on), (EvaluationStatus.PLANNED, TODAY() + 400 * DAY))
        self.assertIsNone(midterm.completed_on)
        self.assertTrue(midterm.questions.exists())
        self.assertFalse(midterm.findings.exists())
        self.assertFalse(ManagementResponse.objects.exists())


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------

BUDGETS = {"evaluation_list": 8, "evaluation_detail": 12, "management_response_list": 11}


def _grow(cast, size: int) -> dict[str, dict]:
    """One more evaluation with `size` questions, findings and recommendations (each answered, owned by health)."""
    evaluation = make_evaluation(cast, title=f"Evaluation {size}")
    for index in range(size):
        question = services.question_create(actor=cast.nfp, evaluation=evaluation, text=f"Question {size}.{index}")
        services.finding_create(actor=cast.nfp, evaluation=evaluation, question=question, text=f"Finding {index}")
        services.finding_create(actor=cast.nfp, evaluation=evaluation, text=f"Loose finding {index}")
        recommendation = services.recommendation_create(
            actor=cast.nfp, evaluation=evaluation, text=f"Recommendation {size}.{index}"
        )
        accept(cast, recommendation, due_on=TODAY() + (index - size // 2) * DAY)
    return {
        "evaluation_list": {},
        "evaluation_detail": {"pk": evaluation.pk},
        "management_response_list": {},
    }


def _count(client, address) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["nfp", "own"])
def test_the_pages_cost_the_same_queries_with_ten_times_the_data(client, django_assert_max_num_queries, role):
    cast = make_cast()
    client.force_login(cast.user(role))
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


class ReminderTests(ServiceCase):
    def test_owners_are_reminded_a_week_and_a_day_before_then_weekly_once_overdue(self):
        # The schedule every kind shares since issue 12 (the README's "Reminders" table): a week and a day
        # before, the day after the due date, then a week after the last reminder.
        response = accept(self.cast, self.recommendation, due_on=date(2030, 3, 15))
        expected = {
            date(2030, 3, 8): 1,  # a week before
            date(2030, 3, 9): 0,
            date(2030, 3, 14): 1,  # the day before
            date(2030, 3, 15): 0,
            date(2030, 3, 16): 1,  # the day after
            date(2030, 3, 17): 0,
            date(2030, 3, 22): 0,
            date(2030, 3, 23): 1,  # a week after the last reminder
            date(2030, 3, 30): 1,
            date(2030, 3, 31): 0,
        }
        for day, count in expected.items():
            mail.outbox = []
            with self.subTest(day=day), self.captureOnCommitCallbacks(execute=True):
                self.assertEqual(services.responses_remind(today=day), count)
            self.assertEqual(len(mail.outbox), count)
        self.assertEqual(mail.outbox, [])
        services.response_progress(
            actor=self.cast.nfp, response=response, status=ResponseStatus.COMPLETED, completed_on=TODAY()
        )
        self.assertEqual(services.responses_remind(today=date(2030, 4, 5)), 0)
