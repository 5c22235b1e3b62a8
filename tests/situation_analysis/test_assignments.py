"""
Assignments and answers, the services and their rules: the NFP assigns a checklist to a lead institution (and
contributing ones); only the lead's focal points save and submit; contributors comment; the facilitator and the
NFP review; other ministries read the answers only once approved; a save made on top of someone else's is refused;
the lead is reminded before the due date and once it has passed.
"""

from datetime import date, timedelta

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase

from mainstreaming import permissions as core_permissions
from mainstreaming import services as core_services
from mainstreaming.choices import ProcessStatus, Role
from mainstreaming.models import Comment
from situation_analysis import permissions
from situation_analysis.choices import Assessment, AssignmentStatus
from situation_analysis.models import Answer, Assignment
from situation_analysis.selectors.assignments import question_order, unanswered_codes
from situation_analysis.services import assignments as services
from situation_analysis.services import checklists as checklist_services
from situation_analysis.services import sources as source_services
from tests.cast import make_cast
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from tests.situation_analysis.test_checklists import make_template

DUE = date(2030, 6, 30)


def make_checklist(cast, code="SAT5", *, sector="sat-health", per_block=2):
    """A checklist of the cast's process with `per_block` questions in each of the two blocks."""
    template = make_template(code, sector=sector, per_block=per_block, title=f"Checklist {code}")
    return checklist_services.checklist_adopt(actor=cast.nfp, process=cast.process, template=template)


def questions_of(checklist):
    """The questions still asked, in the checklist's order (the first block first)."""
    questions = checklist.questions.filter(is_dropped=False)
    return sorted(questions, key=lambda q: question_order(q.block, q.position, q.code))


def full_answers(questions, assessment=Assessment.YES, narrative="Because."):
    return {q.pk: {"assessment": assessment, "narrative": f"{narrative} {q.code}"} for q in questions}


class AssignmentCase(TestCase):
    """The cast, a checklist assigned to the Ministry of Health, and a second focal point of that ministry."""

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.checklist = make_checklist(cls.cast)
        cls.questions = questions_of(cls.checklist)
        cls.health2 = UserFactory(username="health2")
        MembershipFactory(user=cls.health2, process=cls.cast.process, role=Role.MINISTRY, institution=cls.cast.health)
        cls.statistics = InstitutionFactory(process=cls.cast.process, name="Statistics Office", acronym="NSO")
        cls.assignment = services.assignment_create(
            actor=cls.cast.nfp, checklist=cls.checklist, lead=cls.cast.health, due_on=DUE, contributors=[]
        )

    def reload(self):
        return Assignment.objects.get(pk=self.assignment.pk)

    def save(self, user, changes, version=None):
        assignment = self.reload()
        return services.answers_save(
            actor=user,
            assignment=assignment,
            changes=changes,
            expected_version=assignment.version if version is None else version,
        )

    def answer_everything(self, user=None):
        return self.save(user or self.cast.own, full_answers(self.questions))

    def submit(self):
        self.answer_everything()
        return services.assignment_submit(actor=self.cast.own, assignment=self.reload())


# ---------------------------------------------------------------------------
# Assigning
# ---------------------------------------------------------------------------


class AssignTests(AssignmentCase):
    def test_assigning_grants_the_lead_and_the_contributors_records_history_and_tells_the_lead(self):
        checklist = make_checklist(self.cast, "SAT6", sector="sat-labour")
        with self.captureOnCommitCallbacks(execute=True):
            assignment = services.assignment_create(
                actor=self.cast.nfp,
                checklist=checklist,
                lead=self.cast.health,
                due_on=DUE,
                contributors=[self.cast.labour],
            )
        self.assertEqual(assignment.status, AssignmentStatus.ASSIGNED)
        self.assertTrue(permissions.can_answer(self.cast.own, assignment))
        self.assertFalse(permissions.can_answer(self.cast.other, assignment))
        self.assertTrue(permissions.can_contribute(self.cast.other, assignment))
        self.assertFalse(permissions.can_answer(self.cast.nfp, assignment))
        created = assignment.history.earliest("history_date")
        self.assertEqual(created.history_user, self.cast.nfp)
        self.assertEqual(created.history_change_reason, "assignment.created: Ministry of Health (MoH)")
        self.assertEqual(set(assignment.contributors.all()), {self.cast.labour})
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["health2@example.org", "own@example.org"])
        self.assertIn("Checklist to answer: SAT6", mail.outbox[0].subject)
        self.assertIn("due on 30 Jun 2030", mail.outbox[0].body)

    def test_only_the_nfp_assigns(self):
        checklist = make_checklist(self.cast, "SAT6", sector="sat-labour")
        for user in (self.cast.own, self.cast.facilitator, self.cast.donor, self.cast.outsider):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.assignment_create(actor=user, checklist=checklist, lead=self.cast.health, due_on=DUE)
        self.assertFalse(Assignment.objects.filter(checklist=checklist).exists())

    def test_the_lead_and_contributors_must_be_distinct_institutions_of_the_process(self):
        checklist = make_checklist(self.cast, "SAT6", sector="sat-labour")
        elsewhere = InstitutionFactory(process=self.cast.other_process, name="Ministry elsewhere")
        cases = [
            ({"lead": elsewhere}, "lead"),
            ({"lead": self.cast.health, "contributors": [elsewhere]}, "contributors"),
            ({"lead": self.cast.health, "contributors": [self.cast.health]}, "contributors"),
            ({"lead": self.cast.health, "due_on": None}, "due_on"),
        ]
        for kwargs, field in cases:
            with self.subTest(field=field), self.assertRaises(ValidationError) as raised:
                services.assignment_create(actor=self.cast.nfp, checklist=checklist, **({"due_on": DUE} | kwargs))
            self.assertIn(field, raised.exception.message_dict)
        self.assertFalse(Assignment.objects.filter(checklist=checklist).exists())

    def test_a_checklist_is_assigned_once(self):
        with self.assertRaisesMessage(ValidationError, "has been assigned already"):
            services.assignment_create(actor=self.cast.nfp, checklist=self.checklist, lead=self.cast.labour, due_on=DUE)

    def test_the_rights_move_when_the_lead_changes(self):
        with self.captureOnCommitCallbacks(execute=True):
            services.assignment_update(
                actor=self.cast.nfp,
                assignment=self.reload(),
                lead=self.cast.labour,
                contributors=[self.cast.health],
                due_on=DUE,
                reason="Labour leads on this sector",
            )
        assignment = self.reload()
        self.assertFalse(permissions.can_answer(self.cast.own, assignment))
        self.assertTrue(permissions.can_contribute(self.cast.own, assignment))
        self.assertTrue(permissions.can_answer(self.cast.other, assignment))
        self.assertTrue(permissions.can_contribute(self.cast.other, assignment))
        latest = assignment.history.latest("history_date")
        self.assertEqual(latest.history_user, self.cast.nfp)
        self.assertEqual(latest.history_change_reason, "assignment.updated: Labour leads on this sector")
        self.assertEqual([message.to for message in mail.outbox], [["other@example.org"]])

    def test_a_contributor_that_becomes_the_lead_answers_and_comments(self):
        services.assignment_update(
            actor=self.cast.nfp,
            assignment=self.reload(),
            lead=self.cast.health,
            contributors=[self.cast.labour],
            due_on=DUE,
        )
        services.assignment_update(
            actor=self.cast.nfp, assignment=self.reload(), lead=self.cast.labour, contributors=[], due_on=DUE
        )
        assignment = self.reload()
        self.assertTrue(permissions.can_answer(self.cast.other, assignment))
        self.assertTrue(permissions.can_contribute(self.cast.other, assignment))
        self.assertFalse(permissions.can_contribute(self.cast.own, assignment))
        self.assertFalse(permissions.can_read_answers(self.cast.own, assignment))

    def test_changing_nothing_records_nothing_and_a_new_date_restarts_the_reminders(self):
        rows = self.assignment.history.count()
        services.assignment_update(actor=self.cast.nfp, assignment=self.reload(), lead=self.cast.health, due_on=DUE)
        self.assertEqual(self.assignment.history.count(), rows)
        Assignment.objects.filter(pk=self.assignment.pk).update(last_reminded_on=date(2030, 6, 23))
        services.assignment_update(
            actor=self.cast.nfp, assignment=self.reload(), lead=self.cast.health, due_on=DUE + timedelta(days=7)
        )
        self.assertIsNone(self.reload().last_reminded_on)

    def test_only_the_nfp_changes_an_assignment(self):
        for user in (self.cast.own, self.cast.facilitator):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.assignment_update(actor=user, assignment=self.reload(), lead=self.cast.labour, due_on=DUE)


# ---------------------------------------------------------------------------
# Answering
# ---------------------------------------------------------------------------


class AnswerTests(AssignmentCase):
    def test_the_lead_saves_a_draft_and_the_version_moves(self):
        source = source_services.data_source_create(
            actor=self.cast.nfp, process=self.cast.process, name="SAT census", kind="census"
        )
        first, second = self.questions[:2]
        assignment = self.save(
            self.cast.own,
            {
                first.pk: {"assessment": Assessment.PARTLY, "narrative": "  Some. ", "data_sources": [source]},
                second.pk: {"assessment": "", "narrative": ""},
            },
        )
        self.assertEqual((assignment.version, assignment.status), (1, AssignmentStatus.DRAFT))
        answer = Answer.objects.get(question=first)
        self.assertEqual((answer.assessment, answer.narrative), (Assessment.PARTLY, "Some."))
        self.assertEqual(list(answer.data_sources.all()), [source])
        self.assertEqual((answer.saved_version, answer.saved_by), (1, self.cast.own))
        self.assertFalse(Answer.objects.filter(question=second).exists(), "an empty answer is not created")
        row = answer.history.latest("history_date")
        self.assertEqual((row.history_user, row.history_change_reason), (self.cast.own, "answer.saved"))
        latest = self.reload().history.latest("history_date")
        self.assertEqual(latest.history_change_reason, "assignment.answers_saved: 1 answer")
        self.assertEqual(latest.history_user, self.cast.own)

    def test_changing_only_the_data_sources_records_one_history_row_that_shows_them(self):
        source = source_services.data_source_create(
            actor=self.cast.nfp, process=self.cast.process, name="SAT survey", kind="household_survey"
        )
        first = self.questions[0]
        self.save(self.cast.own, {first.pk: {"assessment": Assessment.YES, "narrative": "Yes."}})
        answer = Answer.objects.get(question=first)
        rows = answer.history.count()
        self.save(self.cast.own, {first.pk: {"data_sources": [source]}})
        self.assertEqual(answer.history.count(), rows + 1)
        latest = answer.history.latest("history_date")
        self.assertEqual([row.datasource_id for row in latest.data_sources.all()], [source.pk])

    def test_saving_what_is_already_there_keeps_the_version(self):
        self.answer_everything()
        assignment = self.answer_everything()
        self.assertEqual(assignment.version, 1)

    def test_only_the_lead_saves_answers(self):
        services.assignment_update(
            actor=self.cast.nfp,
            assignment=self.reload(),
            lead=self.cast.health,
            contributors=[self.cast.labour],
            due_on=DUE,
        )
        for user in (self.cast.nfp, self.cast.other, self.cast.facilitator, self.cast.donor, self.cast.outsider):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                self.save(user, full_answers(self.questions))
        self.assertFalse(Answer.objects.exists())

    def test_a_save_from_an_older_version_is_refused_with_what_the_other_changed(self):
        first, second = self.questions[:2]
        self.save(self.cast.own, {first.pk: {"assessment": Assessment.NO, "narrative": "Mine"}}, version=0)
        with self.assertRaises(services.AnswerConflict) as raised:
            self.save(self.health2, {second.pk: {"assessment": Assessment.YES, "narrative": "Theirs"}}, version=0)
        conflict = raised.exception
        self.assertEqual(conflict.current_version, 1)
        self.assertEqual([c.question_code for c in conflict.changes], [first.code])
        change = conflict.changes[0]
        self.assertEqual((change.assessment, change.narrative), ("No", "Mine"))
        self.assertEqual(change.saved_by, self.cast.own.get_full_name())
        self.assertIn("Nothing of yours has been saved", conflict.messages[0])
        self.assertFalse(Answer.objects.filter(question=second).exists())
        # Having seen it, saving again from the current version applies.
        self.save(self.health2, {second.pk: {"assessment": Assessment.YES, "narrative": "Theirs"}}, version=1)
        self.assertEqual(Answer.objects.get(question=second).narrative, "Theirs")
        self.assertEqual(self.reload().version, 2)

    def test_bad_input_is_refused_and_nothing_is_saved(self):
        foreign = source_services.data_source_create(
            actor=self.cast.outsider, process=self.cast.other_process, name="Foreign census", kind="census"
        )
        first, second = self.questions[:2]
        other_checklist = make_checklist(self.cast, "SAT7", sector="sat-other")
        cases = [
            {first.pk: {"assessment": "maybe"}},
            {first.pk: {"assessment": Assessment.YES}, second.pk: {"data_sources": [foreign]}},
            {questions_of(other_checklist)[0].pk: {"assessment": Assessment.YES}},
        ]
        for changes in cases:
            with self.subTest(changes=changes), self.assertRaises(ValidationError):
                self.save(self.cast.own, changes)
        self.assertFalse(Answer.objects.exists())
        self.assertEqual(self.reload().version, 0)

    def test_a_dropped_question_cannot_be_answered(self):
        checklist_services.question_drop(actor=self.cast.nfp, question=self.questions[0], reason="Not here")
        with self.assertRaisesMessage(ValidationError, "dropped"):
            self.save(self.cast.own, {self.questions[0].pk: {"assessment": Assessment.YES}})

    def test_submitted_or_approved_answers_cannot_be_changed(self):
        self.submit()
        with self.assertRaisesMessage(ValidationError, "submitted"):
            self.save(self.cast.own, {self.questions[0].pk: {"narrative": "Later"}})
        services.assignment_approve(actor=self.cast.facilitator, assignment=self.reload())
        with self.assertRaisesMessage(ValidationError, "approved"):
            self.save(self.cast.own, {self.questions[0].pk: {"narrative": "Later"}})


# ---------------------------------------------------------------------------
# Comments
# ---------------------------------------------------------------------------


class CommentTests(AssignmentCase):
    def setUp(self):
        services.assignment_update(
            actor=self.cast.nfp,
            assignment=self.reload(),
            lead=self.cast.health,
            contributors=[self.cast.labour],
            due_on=DUE,
        )

    def test_reviewers_the_lead_and_contributors_comment_on_one_question(self):
        question = self.questions[0]
        for user in (self.cast.facilitator, self.cast.nfp, self.cast.own, self.cast.other):
            with self.subTest(user=user.username):
                answer = services.answer_for_question(actor=user, assignment=self.reload(), question=question)
                services.answer_comment(actor=user, answer=answer, text=f"From {user.username}")
        answer = Answer.objects.get(question=question)
        self.assertEqual(Comment.objects.filter(target_id=str(answer.pk)).count(), 4)
        self.assertEqual(self.reload().version, 0, "opening an answer for a comment changes no answer")
        self.assertEqual(answer.history.get().history_change_reason, "answer.opened")

    def test_other_ministries_donors_and_outsiders_do_not_comment_on_drafts(self):
        services.assignment_update(
            actor=self.cast.nfp, assignment=self.reload(), lead=self.cast.health, contributors=[], due_on=DUE
        )
        question = self.questions[0]
        answer = services.answer_for_question(actor=self.cast.own, assignment=self.reload(), question=question)
        for user in (self.cast.other, self.cast.donor, self.cast.outsider):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.answer_comment(actor=user, answer=answer, text="No")
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.answer_for_question(actor=user, assignment=self.reload(), question=self.questions[1])

    def test_a_question_of_another_checklist_is_refused(self):
        other = questions_of(make_checklist(self.cast, "SAT7", sector="sat-other"))[0]
        with self.assertRaises(ValidationError):
            services.answer_for_question(actor=self.cast.own, assignment=self.reload(), question=other)


# ---------------------------------------------------------------------------
# Submitting and reviewing
# ---------------------------------------------------------------------------


class ReviewTests(AssignmentCase):
    def test_submitting_needs_an_assessment_for_every_question(self):
        first = self.questions[0]
        self.save(self.cast.own, {first.pk: {"assessment": Assessment.YES, "narrative": "Yes"}})
        with self.assertRaises(ValidationError) as raised:
            services.assignment_submit(actor=self.cast.own, assignment=self.reload())
        missing = ", ".join(q.code for q in self.questions[1:])
        self.assertIn(f"still missing: {missing}.", raised.exception.messages[0])
        self.assertEqual(self.reload().status, AssignmentStatus.DRAFT)

    def test_only_the_lead_submits_contributors_do_not(self):
        services.assignment_update(
            actor=self.cast.nfp,
            assignment=self.reload(),
            lead=self.cast.health,
            contributors=[self.cast.labour],
            due_on=DUE,
        )
        self.answer_everything()
        for user in (self.cast.other, self.cast.nfp, self.cast.facilitator):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.assignment_submit(actor=user, assignment=self.reload())

    def test_submitting_tells_the_reviewers_and_records_who(self):
        self.answer_everything()
        with self.captureOnCommitCallbacks(execute=True):
            services.assignment_submit(actor=self.health2, assignment=self.reload(), reason="All done")
        assignment = self.reload()
        self.assertEqual((assignment.status, assignment.submitted_by), (AssignmentStatus.SUBMITTED, self.health2))
        row = assignment.history.latest("history_date")
        self.assertEqual(
            (row.history_user, row.history_change_reason), (self.health2, "assignment.submitted: All done")
        )
        self.assertEqual(mail.outbox[-1].to, ["facilitator@example.org", "nfp@example.org"])
        self.assertIn("Ministry of Health (MoH) has submitted its answers", mail.outbox[-1].body)

    def test_ministries_do_not_review(self):
        self.submit()
        for user in (self.cast.own, self.cast.other, self.cast.donor):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.assignment_approve(actor=user, assignment=self.reload())
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.assignment_request_changes(actor=user, assignment=self.reload(), reason="No")

    def test_only_submitted_answers_are_reviewed(self):
        self.answer_everything()
        with self.assertRaisesMessage(ValidationError, "Only submitted answers"):
            services.assignment_approve(actor=self.cast.facilitator, assignment=self.reload())

    def test_requesting_changes_returns_to_draft_with_the_reason_and_keeps_the_comments(self):
        self.submit()
        answer = Answer.objects.get(question=self.questions[0])
        services.answer_comment(actor=self.cast.facilitator, answer=answer, text="Which survey says so?")
        with self.assertRaises(ValidationError) as raised:
            services.assignment_request_changes(actor=self.cast.facilitator, assignment=self.reload(), reason=" ")
        self.assertIn("reason", raised.exception.message_dict)
        with self.captureOnCommitCallbacks(execute=True):
            services.assignment_request_changes(
                actor=self.cast.facilitator, assignment=self.reload(), reason="Give the source of A1."
            )
        assignment = self.reload()
        self.assertEqual(assignment.status, AssignmentStatus.DRAFT)
        self.assertEqual(
            (assignment.review_note, assignment.reviewed_by), ("Give the source of A1.", self.cast.facilitator)
        )
        self.assertEqual(Comment.objects.filter(target_id=str(answer.pk)).count(), 1)
        row = assignment.history.latest("history_date")
        self.assertEqual(row.history_change_reason, "assignment.changes_requested: Give the source of A1.")
        self.assertEqual(row.history_user, self.cast.facilitator)
        self.assertEqual(mail.outbox[-1].to, ["health2@example.org", "own@example.org"])
        self.assertIn("Give the source of A1.", mail.outbox[-1].body)
        # The lead changes the answer and submits again.
        self.save(self.cast.own, {self.questions[0].pk: {"narrative": "The 2024 labour-force survey."}})
        services.assignment_submit(actor=self.cast.own, assignment=self.reload())
        self.assertEqual(self.reload().status, AssignmentStatus.SUBMITTED)

    def test_other_ministries_read_the_answers_only_once_approved(self):
        self.submit()
        self.assertFalse(permissions.can_read_answers(self.cast.other, self.reload()))
        self.assertTrue(permissions.can_read_answers(self.cast.facilitator, self.reload()))
        self.assertFalse(core_permissions.can_view(self.cast.other, Answer.objects.first()))
        services.assignment_approve(actor=self.cast.nfp, assignment=self.reload(), note="Good")
        assignment = self.reload()
        self.assertEqual((assignment.status, assignment.review_note), (AssignmentStatus.APPROVED, "Good"))
        self.assertTrue(permissions.can_read_answers(self.cast.other, assignment))
        self.assertTrue(core_permissions.can_view(self.cast.other, Answer.objects.first()))
        self.assertFalse(permissions.can_read_answers(self.cast.donor, assignment))
        self.assertEqual(assignment.history.latest("history_date").history_change_reason, "assignment.approved: Good")

    def test_the_nfp_reopens_approved_answers_with_a_reason(self):
        self.submit()
        services.assignment_approve(actor=self.cast.facilitator, assignment=self.reload())
        with self.assertRaises(PermissionDenied):
            services.assignment_reopen(actor=self.cast.facilitator, assignment=self.reload(), reason="New data")
        with self.assertRaises(ValidationError):
            services.assignment_reopen(actor=self.cast.nfp, assignment=self.reload(), reason="")
        services.assignment_reopen(actor=self.cast.nfp, assignment=self.reload(), reason="New census data")
        assignment = self.reload()
        self.assertEqual(assignment.status, AssignmentStatus.DRAFT)
        self.assertFalse(permissions.can_read_answers(self.cast.other, assignment))
        row = assignment.history.latest("history_date")
        self.assertEqual(
            (row.history_user, row.history_change_reason), (self.cast.nfp, "assignment.reopened: New census data")
        )
        with self.assertRaisesMessage(ValidationError, "Only approved answers"):
            services.assignment_reopen(actor=self.cast.nfp, assignment=self.reload(), reason="Again")


# ---------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------


class ReminderTests(AssignmentCase):
    def remind(self, day):
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            sent = services.assignments_remind(today=day)
        return sent, list(mail.outbox)

    def test_the_lead_is_reminded_seven_days_and_one_day_before_once_a_day(self):
        sent, outbox = self.remind(DUE - timedelta(days=7))
        self.assertEqual(sent, 1)
        self.assertEqual(outbox[0].to, ["health2@example.org", "own@example.org"])
        self.assertEqual(outbox[0].subject, "Reminder: SAT5 Checklist SAT5 is due on 30 Jun 2030")
        self.assertIn(
            "The answers of Ministry of Health (MoH) to SAT5 Checklist SAT5 are due on 30 Jun 2030", outbox[0].body
        )
        self.assertEqual(self.remind(DUE - timedelta(days=7)), (0, []), "once a day")
        self.assertEqual(self.remind(DUE - timedelta(days=6)), (0, []))
        sent, outbox = self.remind(DUE - timedelta(days=1))
        self.assertEqual((sent, len(outbox)), (1, 1))
        self.assertEqual(self.remind(DUE), (0, []))
        row = self.reload().history.latest("history_date")
        self.assertEqual((row.history_user, row.history_change_reason), (None, "assignment.reminded_before"))

    def test_an_overdue_checklist_reminds_the_lead_and_the_nfp_every_week(self):
        sent, outbox = self.remind(DUE + timedelta(days=1))
        self.assertEqual(sent, 1)
        self.assertEqual(outbox[0].to, ["health2@example.org", "nfp@example.org", "own@example.org"])
        self.assertEqual(outbox[0].subject, "Overdue: SAT5 Checklist SAT5 was due on 30 Jun 2030")
        self.assertIn("have not been submitted yet", outbox[0].body)
        self.assertEqual(self.remind(DUE + timedelta(days=2)), (0, []))
        self.assertEqual(self.remind(DUE + timedelta(days=7)), (0, []))
        self.assertEqual(self.remind(DUE + timedelta(days=8))[0], 1)

    def test_the_daily_task_reminds_for_today(self):
        from django.utils import timezone

        from situation_analysis.tasks import assignments_remind_task

        Assignment.objects.filter(pk=self.assignment.pk).update(due_on=timezone.localdate() + timedelta(days=1))
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(assignments_remind_task.delay().get(), 1)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(self.reload().last_reminded_on, timezone.localdate())

    def test_submitted_and_approved_checklists_and_closed_processes_are_not_reminded(self):
        self.submit()
        self.assertEqual(self.remind(DUE - timedelta(days=1)), (0, []))
        services.assignment_approve(actor=self.cast.facilitator, assignment=self.reload())
        self.assertEqual(self.remind(DUE + timedelta(days=1)), (0, []))
        services.assignment_reopen(actor=self.cast.nfp, assignment=self.reload(), reason="More to say")
        core_services.process_set_status(
            actor=self.cast.nfp, process=self.cast.process, status=ProcessStatus.POSTPONED, reason="Elections"
        )
        self.assertEqual(self.remind(DUE + timedelta(days=1)), (0, []))


# ---------------------------------------------------------------------------
# Demo
# ---------------------------------------------------------------------------


class DemoTests(TestCase):
    def test_the_demo_assigns_three_checklists_two_answered_and_approved_one_overdue_once(self):
        from mainstreaming.loaders import DemoCountry
        from situation_analysis.demo import records as demo_services

        cast = make_cast()
        for code, sector in (("C1", "governance"), ("C4", "employment"), ("C5", "health"), ("C14", "diaspora")):
            make_template(code, sector=sector, title=sector.title(), per_block=3)
        make_template("C9", sector="financial-sector", title="Financial sector")
        statistics = InstitutionFactory(process=cast.process, name="Statistics", acronym="NSO")
        foreign = InstitutionFactory(process=cast.process, name="Foreign Affairs", acronym="MoFAD")
        demo = DemoCountry(
            process=cast.process,
            institutions={
                "NSO": statistics,
                "CBM": statistics,
                "MoFAD": foreign,
                "MoH": cast.health,
                "MoLSP": cast.labour,
            },
            users={"nfp": cast.nfp, "health": cast.own, "labour": cast.other, "facilitator": cast.facilitator},
            admin=None,
        )
        demo_services.load_demo_records(demo)
        services.load_demo_assignments(demo)
        services.load_demo_assignments(demo)
        by_sector = {a.checklist.sector.code: a for a in Assignment.objects.select_related("checklist__sector")}
        self.assertEqual(set(by_sector), {"health", "employment", "diaspora"})
        health = by_sector["health"]
        self.assertEqual((health.status, health.lead, health.reviewed_by), ("approved", cast.health, cast.facilitator))
        self.assertEqual(unanswered_codes(health), [])
        self.assertEqual(Comment.objects.filter(process=cast.process).count(), 1)
        employment = by_sector["employment"]
        self.assertEqual((employment.status, employment.lead), ("approved", cast.labour))
        self.assertEqual(unanswered_codes(employment), [])
        diaspora = by_sector["diaspora"]
        self.assertEqual((diaspora.status, diaspora.lead), ("assigned", foreign))
        self.assertLess(diaspora.due_on, date.today())
