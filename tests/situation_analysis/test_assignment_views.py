"""
The assignment pages: the list, assigning, the answer page (edit form, read-only answers, questions only), the
concurrent-edit refusal (409), submitting, reviewing, reopening, comments and evidence files per question, the
history, and the query budgets of the list and the answer page.
"""

import re
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mainstreaming import services as core_services
from mainstreaming.choices import Role
from mainstreaming.models import Comment, Document
from situation_analysis import permissions
from situation_analysis.choices import Assessment, AssignmentStatus
from situation_analysis.models import Answer, Assignment, Finding
from situation_analysis.selectors import assignments as selectors
from situation_analysis.services import assignments as services
from situation_analysis.services import checklists as checklist_services
from situation_analysis.services import sources as source_services
from tests.cast import make_cast
from tests.factories import MembershipFactory, UserFactory
from tests.situation_analysis.test_assignments import DUE, full_answers, make_checklist, questions_of

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50


def page_version(response) -> int:
    match = re.search(rb'name="version" value="(\d+)"', response.content)
    assert match, "the answer form carries no version"
    return int(match.group(1))


class ViewCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.checklist = make_checklist(cls.cast)
        cls.questions = questions_of(cls.checklist)
        cls.health2 = UserFactory(username="health2")
        MembershipFactory(user=cls.health2, process=cls.cast.process, role=Role.MINISTRY, institution=cls.cast.health)
        cls.source = source_services.data_source_create(
            actor=cls.cast.nfp, process=cls.cast.process, name="SAV labour-force survey", kind="labour_force_survey"
        )
        cls.assignment = services.assignment_create(
            actor=cls.cast.nfp, checklist=cls.checklist, lead=cls.cast.health, due_on=DUE
        )

    def url(self, name, *args):
        return reverse(f"situation_analysis:{name}", args=[self.cast.process.pk, *args])

    def reload(self):
        return Assignment.objects.get(pk=self.assignment.pk)

    def login(self, user):
        self.client.force_login(user)

    def answer_everything(self, narrative="Because."):
        assignment = self.reload()
        return services.answers_save(
            actor=self.cast.own,
            assignment=assignment,
            changes=full_answers(self.questions, narrative=narrative),
            expected_version=assignment.version,
        )

    def submit(self):
        self.answer_everything()
        return services.assignment_submit(actor=self.cast.own, assignment=self.reload())

    def form_data(self, version, **per_question):
        """The answer form as a browser sends it: every question's fields, with these values for some."""
        data = {"version": str(version)}
        for question in self.questions:
            values = per_question.get(question.code, {})
            prefix = f"q{question.pk}_"
            data[f"{prefix}narrative"] = values.get("narrative", "")
            data[f"{prefix}evidence"] = values.get("evidence", "")
            if values.get("assessment"):
                data[f"{prefix}assessment"] = values["assessment"]
            if values.get("data_sources"):
                data[f"{prefix}data_sources"] = values["data_sources"]
        return data


# ---------------------------------------------------------------------------
# List and assigning
# ---------------------------------------------------------------------------


class ListAndAssignTests(ViewCase):
    def test_the_list_shows_lead_contributors_due_date_status_and_overdue(self):
        late = make_checklist(self.cast, "SAV9", sector="sav-late")
        services.assignment_create(
            actor=self.cast.nfp,
            checklist=late,
            lead=self.cast.labour,
            contributors=[self.cast.health],
            due_on=timezone.localdate() - timedelta(days=3),
        )
        self.login(self.cast.other)
        response = self.client.get(self.url("assignment_list"))
        self.assertContains(response, "SAT5 Checklist SAT5")
        self.assertContains(response, "Ministry of Labour (MoL)")
        self.assertContains(response, '<tr class="overdue">', count=1)
        self.assertContains(response, "Overdue", count=1)
        self.assertContains(response, "0 of 4")
        self.assertContains(response, "MoH")  # the contributor of the late checklist

    def test_the_list_filters_by_status_and_by_institution(self):
        late = make_checklist(self.cast, "SAV9", sector="sav-late")
        services.assignment_create(
            actor=self.cast.nfp, checklist=late, lead=self.cast.labour, contributors=[self.cast.health], due_on=DUE
        )
        self.answer_everything()
        self.login(self.cast.nfp)
        drafts = self.client.get(self.url("assignment_list"), {"status": AssignmentStatus.DRAFT})
        self.assertEqual([a.checklist.code for a in drafts.context["assignments"]], ["SAT5"])
        labour = self.client.get(self.url("assignment_list"), {"institution": self.cast.labour.pk})
        self.assertEqual([a.checklist.code for a in labour.context["assignments"]], ["SAV9"])
        health = self.client.get(self.url("assignment_list"), {"institution": self.cast.health.pk})
        self.assertEqual({a.checklist.code for a in health.context["assignments"]}, {"SAT5", "SAV9"})
        none = self.client.get(self.url("assignment_list"), {"status": AssignmentStatus.APPROVED})
        self.assertContains(none, "No assignment matches this filter.")
        junk = self.client.get(self.url("assignment_list"), {"status": "nonsense", "institution": "x"})
        self.assertEqual(len(junk.context["assignments"]), 2)

    def test_the_empty_list_tells_the_nfp_to_assign_from_the_checklist_pages(self):
        Assignment.objects.all().delete()
        self.login(self.cast.nfp)
        response = self.client.get(self.url("assignment_list"))
        self.assertContains(response, "No checklist has been assigned yet.")
        self.assertContains(response, "open the checklist and choose “Assign”")
        self.assertContains(response, self.url("checklist_list"))

    def test_the_nfp_assigns_from_the_checklist_page_with_a_default_due_date(self):
        checklist = make_checklist(self.cast, "SAV8", sector="sav-new")
        self.login(self.cast.nfp)
        detail = self.client.get(checklist.get_absolute_url())
        create_url = self.url("assignment_create", checklist.pk)
        self.assertContains(detail, f'href="{create_url}"')
        self.assertContains(detail, "Not assigned yet.")
        form = self.client.get(create_url)
        default = (timezone.localdate() + timedelta(weeks=4)).isoformat()
        self.assertContains(form, f'value="{default}"')
        response = self.client.post(
            create_url, {"lead": self.cast.labour.pk, "contributors": [self.cast.health.pk], "due_on": default}
        )
        assignment = Assignment.objects.get(checklist=checklist)
        self.assertRedirects(response, assignment.get_absolute_url())
        self.assertEqual(assignment.lead, self.cast.labour)
        detail = self.client.get(checklist.get_absolute_url())
        self.assertContains(detail, "Answered by Ministry of Labour (MoL)")
        listing = self.client.get(self.url("checklist_list"))
        self.assertContains(listing, "MoL")
        self.assertContains(listing, "Assigned")
        # A second visit goes to the assignment to change it.
        again = self.client.get(create_url)
        self.assertRedirects(again, self.url("assignment_edit", assignment.pk))

    def test_bad_input_comes_back_beside_the_field_with_400_and_nothing_is_saved(self):
        checklist = make_checklist(self.cast, "SAV8", sector="sav-new")
        self.login(self.cast.nfp)
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        cases = [
            ({"lead": self.cast.health.pk, "due_on": yesterday}, "Choose a date from today onwards."),
            ({"due_on": DUE.isoformat()}, "This field is required."),
            (
                {"lead": self.cast.health.pk, "contributors": [self.cast.health.pk], "due_on": DUE.isoformat()},
                "The lead institution cannot also be a contributing one.",
            ),
            ({"lead": self.cast.health.pk, "due_on": "31/12/2030"}, "Enter a valid date."),
        ]
        for data, message in cases:
            with self.subTest(message=message):
                response = self.client.post(self.url("assignment_create", checklist.pk), data)
                self.assertContains(response, message, status_code=400)
        self.assertFalse(Assignment.objects.filter(checklist=checklist).exists())

    def test_the_nfp_changes_the_lead_and_the_rights_follow(self):
        self.login(self.cast.nfp)
        response = self.client.post(
            self.url("assignment_edit", self.assignment.pk),
            {
                "lead": self.cast.labour.pk,
                "contributors": [self.cast.health.pk],
                "due_on": DUE.isoformat(),
                "reason": "Labour leads",
            },
        )
        self.assertRedirects(response, self.assignment.get_absolute_url())
        assignment = self.reload()
        self.assertTrue(permissions.can_answer(self.cast.other, assignment))
        self.assertFalse(permissions.can_answer(self.cast.own, assignment))
        self.assertTrue(permissions.can_contribute(self.cast.own, assignment))
        self.assertEqual(
            assignment.history.latest("history_date").history_change_reason, "assignment.updated: Labour leads"
        )


# ---------------------------------------------------------------------------
# The answer page
# ---------------------------------------------------------------------------


class AnswerPageTests(ViewCase):
    def test_the_lead_gets_the_form_with_the_version_and_saves_a_draft(self):
        self.login(self.cast.own)
        page = self.client.get(self.assignment.get_absolute_url())
        self.assertEqual(page_version(page), 0)
        self.assertContains(page, 'form="answers-form"')
        self.assertContains(page, "Save draft")
        self.assertContains(page, "Yes")  # an assessment choice
        self.assertContains(page, "SAV labour-force survey")  # a data source to tick
        first = self.questions[0]
        response = self.client.post(
            self.url("answers_save", self.assignment.pk),
            self.form_data(
                0, A1={"assessment": "partly", "narrative": "Some regions.", "data_sources": [str(self.source.pk)]}
            ),
            follow=True,
        )
        self.assertRedirects(response, self.assignment.get_absolute_url())
        self.assertContains(response, "Draft saved")
        answer = Answer.objects.get(question=first)
        self.assertEqual((answer.assessment, answer.narrative), (Assessment.PARTLY, "Some regions."))
        self.assertEqual(list(answer.data_sources.all()), [self.source])
        self.assertEqual(page_version(response), 1)
        self.assertContains(response, "Some regions.")
        self.assertEqual(Answer.objects.count(), 1, "questions left empty get no answer")

    def test_the_answer_form_answers_get_with_405(self):
        self.login(self.cast.own)
        self.assertEqual(self.client.get(self.url("answers_save", self.assignment.pk)).status_code, 405)

    def test_a_bad_assessment_comes_back_beside_the_field_with_400(self):
        self.login(self.cast.own)
        response = self.client.post(
            self.url("answers_save", self.assignment.pk),
            self.form_data(0, A1={"assessment": "maybe", "narrative": "Kept"}),
        )
        self.assertContains(response, "Select a valid choice.", status_code=400)
        self.assertContains(response, "Kept", status_code=400)
        self.assertFalse(Answer.objects.exists())

    def test_a_save_after_the_answers_were_submitted_is_refused_with_the_reason(self):
        self.login(self.cast.own)
        version = page_version(self.client.get(self.assignment.get_absolute_url()))
        self.submit()
        response = self.client.post(
            self.url("answers_save", self.assignment.pk), self.form_data(version, A1={"narrative": "Too late"})
        )
        self.assertContains(response, "The answers are submitted and cannot be changed now.", status_code=400)
        self.assertNotEqual(Answer.objects.get(question=self.questions[0]).narrative, "Too late")

    def test_the_nfp_other_ministries_and_the_facilitator_may_not_save_answers(self):
        for user in (self.cast.nfp, self.cast.other, self.cast.facilitator, self.cast.donor):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.post(
                    self.url("answers_save", self.assignment.pk), self.form_data(0, A1={"assessment": "yes"})
                )
                self.assertEqual(response.status_code, 403)
        self.assertFalse(Answer.objects.exists())

    def test_another_ministry_sees_the_questions_and_the_status_only_until_approval(self):
        self.answer_everything(narrative="Confidential draft")
        self.login(self.cast.other)
        page = self.client.get(self.assignment.get_absolute_url())
        self.assertContains(page, self.questions[0].text)
        self.assertContains(page, "In draft")
        self.assertContains(page, "become visible to every ministry once")
        self.assertNotContains(page, "Confidential draft")
        self.assertNotContains(page, "answers-form")
        self.assertNotContains(page, self.url("assignment_history", self.assignment.pk))
        services.assignment_submit(actor=self.cast.own, assignment=self.reload())
        services.assignment_approve(actor=self.cast.facilitator, assignment=self.reload(), note="Thorough")
        page = self.client.get(self.assignment.get_absolute_url())
        self.assertContains(page, "Confidential draft")
        self.assertContains(page, "Thorough")
        self.assertNotContains(page, "become visible to every ministry once")
        self.assertNotContains(page, "Comment on A1")  # other ministries read, they do not comment

    def test_reviewers_read_the_draft_with_comment_forms(self):
        self.answer_everything(narrative="Draft text")
        for user in (self.cast.facilitator, self.cast.nfp):
            with self.subTest(user=user.username):
                self.login(user)
                page = self.client.get(self.assignment.get_absolute_url())
                self.assertContains(page, "Draft text A1")
                self.assertContains(page, "Comment on A1")
                self.assertNotContains(page, 'form="answers-form"')

    def test_each_question_carries_the_findings_citing_its_answer_for_readers_only(self):
        # The page includes situation_analysis/inc/finding_links.html with these; the findings' own pages belong
        # to the findings area, so this reads what the page is given rather than the rendered links.
        self.answer_everything()
        answer = Answer.objects.get(question=self.questions[0])
        finding = Finding.objects.create(process=self.cast.process, statement="Nurses leave for pay.")
        finding.answers.add(answer)
        page = selectors.answer_page(assignment=self.reload(), can_read_answers=True)
        self.assertEqual([q.findings for q in page.questions], [[finding]] + [[]] * (len(self.questions) - 1))
        hidden = selectors.answer_page(assignment=self.reload(), can_read_answers=False)
        self.assertEqual(
            {(q.current_answer, len(q.findings), len(q.comments)) for q in hidden.questions}, {(None, 0, 0)}
        )

    def test_donors_and_outsiders_do_not_see_the_page(self):
        self.login(self.cast.donor)
        self.assertEqual(self.client.get(self.assignment.get_absolute_url()).status_code, 403)
        self.login(self.cast.outsider)
        self.assertEqual(self.client.get(self.assignment.get_absolute_url()).status_code, 404)


class ConcurrentEditTests(ViewCase):
    def test_the_second_save_from_the_same_version_is_refused_with_the_first_change_shown(self):
        first_client, second_client = self.client_class(), self.client_class()
        first_client.force_login(self.cast.own)
        second_client.force_login(self.health2)
        url = self.assignment.get_absolute_url()
        version = page_version(first_client.get(url))
        self.assertEqual(page_version(second_client.get(url)), version)

        saved = first_client.post(
            self.url("answers_save", self.assignment.pk),
            self.form_data(version, A1={"assessment": "no", "narrative": "The first person's view"}),
        )
        self.assertEqual(saved.status_code, 302)

        refused = second_client.post(
            self.url("answers_save", self.assignment.pk),
            self.form_data(
                version,
                A1={"assessment": "yes", "narrative": "The second person's view"},
                A2={"assessment": "partly", "narrative": "Only the second person wrote this"},
            ),
        )
        self.assertEqual(refused.status_code, 409)
        self.assertContains(refused, "Someone else saved answers", status_code=409)
        self.assertContains(refused, "Nothing of yours has been saved", status_code=409)
        # The panel shows what the first person changed, who and which question.
        panel = refused.content.decode().split('class="notice conflict"')[1].split("</section>")[0]
        self.assertIn("A1", panel)
        self.assertIn("The first person&#x27;s view", panel)
        self.assertIn(self.cast.own.get_full_name(), panel)
        self.assertIn("No", panel)
        # The second person's own typing is kept in the form, with the current version.
        self.assertContains(refused, "The second person&#x27;s view", status_code=409)
        self.assertContains(refused, "Only the second person wrote this", status_code=409)
        self.assertEqual(page_version(refused), version + 1)
        # Nothing of theirs was saved.
        self.assertEqual(Answer.objects.get(question=self.questions[0]).narrative, "The first person's view")
        self.assertFalse(Answer.objects.filter(question=self.questions[1]).exists())

        # Having seen it, saving again applies.
        again = second_client.post(
            self.url("answers_save", self.assignment.pk),
            self.form_data(
                page_version(refused),
                A1={"assessment": "yes", "narrative": "The second person's view"},
                A2={"assessment": "partly", "narrative": "Only the second person wrote this"},
            ),
        )
        self.assertEqual(again.status_code, 302)
        self.assertEqual(Answer.objects.get(question=self.questions[0]).narrative, "The second person's view")
        self.assertEqual(Answer.objects.get(question=self.questions[1]).saved_by, self.health2)
        self.assertEqual(self.reload().version, version + 2)


# ---------------------------------------------------------------------------
# Submitting, reviewing, reopening
# ---------------------------------------------------------------------------


class WorkflowTests(ViewCase):
    def test_submitting_is_refused_with_the_unanswered_codes(self):
        services.answers_save(
            actor=self.cast.own,
            assignment=self.reload(),
            changes={self.questions[0].pk: {"assessment": "yes", "narrative": "Yes"}},
            expected_version=0,
        )
        self.login(self.cast.own)
        page = self.client.get(self.url("assignment_submit", self.assignment.pk))
        self.assertContains(page, "Still missing:")
        for question in self.questions[1:]:
            self.assertContains(page, f"<li>{question.code}</li>")
        response = self.client.post(self.url("assignment_submit", self.assignment.pk))
        missing = ", ".join(q.code for q in self.questions[1:])
        self.assertContains(response, f"still missing: {missing}.", status_code=400)
        self.assertEqual(self.reload().status, AssignmentStatus.DRAFT)

    def test_contributors_comment_but_do_not_submit(self):
        services.assignment_update(
            actor=self.cast.nfp,
            assignment=self.reload(),
            lead=self.cast.health,
            contributors=[self.cast.labour],
            due_on=DUE,
        )
        self.answer_everything(narrative="Draft for contributors")
        self.login(self.cast.other)
        page = self.client.get(self.assignment.get_absolute_url())
        self.assertContains(page, "Draft for contributors")
        self.assertContains(page, "Comment on A1")
        self.assertNotContains(page, self.url("assignment_submit", self.assignment.pk))
        self.assertEqual(self.client.post(self.url("assignment_submit", self.assignment.pk)).status_code, 403)
        question = self.questions[0]
        response = self.client.post(
            self.url("answer_comment", self.assignment.pk, question.pk), {f"c{question.pk}-text": "Add the 2023 data."}
        )
        self.assertRedirects(response, f"{self.assignment.get_absolute_url()}#question-{question.pk}")
        comment = Comment.objects.get()
        self.assertEqual((comment.author, comment.target), (self.cast.other, Answer.objects.get(question=question)))

    def test_an_empty_comment_comes_back_beside_its_question_with_400(self):
        self.login(self.cast.facilitator)
        question = self.questions[1]
        response = self.client.post(
            self.url("answer_comment", self.assignment.pk, question.pk), {f"c{question.pk}-text": " "}
        )
        self.assertContains(response, "This field is required.", status_code=400)
        self.assertFalse(Comment.objects.exists())

    def test_other_ministries_may_not_comment_on_a_draft(self):
        self.login(self.cast.other)
        question = self.questions[0]
        response = self.client.post(
            self.url("answer_comment", self.assignment.pk, question.pk), {f"c{question.pk}-text": "Hi"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Answer.objects.exists())

    def test_the_facilitator_requests_changes_then_approves(self):
        self.submit()
        question = self.questions[0]
        self.login(self.cast.facilitator)
        self.client.post(
            self.url("answer_comment", self.assignment.pk, question.pk), {f"c{question.pk}-text": "Which source?"}
        )
        form = self.client.get(self.url("assignment_review", self.assignment.pk))
        self.assertContains(form, "Record the decision")
        refused = self.client.post(
            self.url("assignment_review", self.assignment.pk), {"decision": "changes", "note": ""}
        )
        self.assertContains(refused, "Say what needs to change.", status_code=400)
        self.assertEqual(self.reload().status, AssignmentStatus.SUBMITTED)
        response = self.client.post(
            self.url("assignment_review", self.assignment.pk), {"decision": "changes", "note": "Name the source of A1."}
        )
        self.assertRedirects(response, self.assignment.get_absolute_url())
        self.assertEqual(self.reload().status, AssignmentStatus.DRAFT)

        # The lead sees the reason and the comment, changes the answer and submits again.
        self.login(self.cast.own)
        page = self.client.get(self.assignment.get_absolute_url())
        self.assertContains(page, "Changes requested")
        self.assertContains(page, "Name the source of A1.")
        self.assertContains(page, "Which source?")
        data = self.form_data(
            page_version(page),
            **{q.code: {"assessment": "yes", "narrative": f"Because. {q.code}"} for q in self.questions},
        )
        data[f"q{question.pk}_narrative"] = "The 2024 labour-force survey."
        self.assertEqual(self.client.post(self.url("answers_save", self.assignment.pk), data).status_code, 302)
        self.assertRedirects(
            self.client.post(self.url("assignment_submit", self.assignment.pk), {"note": "Source added"}),
            self.assignment.get_absolute_url(),
        )

        self.login(self.cast.facilitator)
        response = self.client.post(
            self.url("assignment_review", self.assignment.pk), {"decision": "approve", "note": ""}, follow=True
        )
        self.assertContains(response, "The answers are approved")
        assignment = self.reload()
        self.assertEqual(
            (assignment.status, assignment.reviewed_by), (AssignmentStatus.APPROVED, self.cast.facilitator)
        )
        self.assertEqual(Answer.objects.get(question=question).narrative, "The 2024 labour-force survey.")

    def test_ministries_do_not_review(self):
        self.submit()
        for user in (self.cast.own, self.cast.other):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.post(self.url("assignment_review", self.assignment.pk), {"decision": "approve"})
                self.assertEqual(response.status_code, 403)
        self.assertEqual(self.reload().status, AssignmentStatus.SUBMITTED)

    def test_the_nfp_reopens_with_a_reason_on_a_confirmation_page(self):
        self.submit()
        services.assignment_approve(actor=self.cast.facilitator, assignment=self.reload())
        self.login(self.cast.nfp)
        page = self.client.get(self.url("assignment_reopen", self.assignment.pk))
        self.assertContains(page, "Reopen the answers")
        refused = self.client.post(self.url("assignment_reopen", self.assignment.pk), {"reason": ""})
        self.assertContains(refused, "This field is required.", status_code=400)
        self.assertEqual(self.reload().status, AssignmentStatus.APPROVED)
        response = self.client.post(self.url("assignment_reopen", self.assignment.pk), {"reason": "New census"})
        self.assertRedirects(response, self.assignment.get_absolute_url())
        self.assertEqual(self.reload().status, AssignmentStatus.DRAFT)
        page = self.client.get(self.assignment.get_absolute_url())
        self.assertContains(page, "Reopened")
        self.assertContains(page, "New census")


# ---------------------------------------------------------------------------
# Evidence files and history
# ---------------------------------------------------------------------------


class EvidenceAndHistoryTests(ViewCase):
    def upload(self, name="study.txt", content=b"A study of nurses' pay."):
        question = self.questions[0]
        return self.client.post(
            self.url("answer_document_upload", self.assignment.pk, question.pk),
            {"title": "Pay study", "file": SimpleUploadedFile(name, content)},
        )

    def test_the_lead_attaches_evidence_and_other_ministries_cannot_download_the_draft_file(self):
        services.assignment_update(
            actor=self.cast.nfp,
            assignment=self.reload(),
            lead=self.cast.health,
            contributors=[self.cast.labour],
            due_on=DUE,
        )
        self.login(self.cast.own)
        response = self.upload()
        self.assertRedirects(response, f"{self.assignment.get_absolute_url()}#question-{self.questions[0].pk}")
        document = Document.objects.get()
        self.assertEqual(document.owner, Answer.objects.get(question=self.questions[0]))
        self.assertContains(self.client.get(self.assignment.get_absolute_url()), "Pay study")
        download = reverse("mainstreaming:document_download", args=[self.cast.process.pk, document.pk])
        self.assertEqual(self.client.get(download).status_code, 200)
        self.login(self.cast.other)  # a contributor: reads the drafts
        self.assertEqual(self.client.get(download).status_code, 200)

        stranger = UserFactory(username="sav-stranger")
        elsewhere = core_services.institution_create(
            actor=self.cast.nfp, process=self.cast.process, name="SAV Ministry of Trade", kind="line_ministry"
        )
        MembershipFactory(user=stranger, process=self.cast.process, role=Role.MINISTRY, institution=elsewhere)
        self.login(stranger)
        self.assertEqual(self.client.get(download).status_code, 404)
        self.login(self.cast.donor)
        self.assertEqual(self.client.get(download).status_code, 403)

        self.submit()
        services.assignment_approve(actor=self.cast.facilitator, assignment=self.reload())
        self.login(stranger)
        self.assertEqual(self.client.get(download).status_code, 200)

    def test_a_refused_file_or_a_submitted_checklist_comes_back_with_400(self):
        self.login(self.cast.own)
        response = self.upload("study.pdf", EXECUTABLE)
        self.assertEqual(response.status_code, 400)
        self.assertIn("file", response.context["form"].errors)
        self.submit()
        response = self.upload()
        self.assertContains(response, "cannot be changed now", status_code=400)
        self.assertFalse(Document.objects.exists())

    def test_only_the_lead_attaches_evidence(self):
        for user in (self.cast.nfp, self.cast.facilitator, self.cast.other):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.upload().status_code, 403)

    def test_the_history_shows_the_assignment_and_its_answers_with_who_and_why(self):
        self.submit()
        services.assignment_request_changes(actor=self.cast.facilitator, assignment=self.reload(), reason="More data")
        self.login(self.cast.facilitator)
        response = self.client.get(self.url("assignment_history", self.assignment.pk))
        for code in (
            "assignment.created",
            "assignment.answers_saved",
            "assignment.submitted",
            "assignment.changes_requested",
            "answer.saved",
        ):
            self.assertContains(response, f"<code>{code}</code>")
        self.assertContains(response, "More data")
        entries = response.context["answer_entries"]
        self.assertEqual({entry.object_label for entry in entries}, {q.code for q in self.questions})
        self.assertEqual({entry.user for entry in entries}, {self.cast.own.get_full_name()})

    def test_a_ministry_that_may_not_read_the_answers_gets_403_on_the_history(self):
        self.login(self.cast.other)
        self.assertEqual(self.client.get(self.url("assignment_history", self.assignment.pk)).status_code, 403)


# ---------------------------------------------------------------------------
# Query budgets
# ---------------------------------------------------------------------------


class QueryBudgetTests(TestCase):
    """The list and the answer page cost the same number of queries with 2 or 20 of everything."""

    BUDGETS = {"list": 12, "detail_lead": 16, "detail_reviewer": 15, "detail_other": 10}

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.checklist = make_checklist(cls.cast, per_block=1)
        cls.assignment = services.assignment_create(
            actor=cls.cast.nfp,
            checklist=cls.checklist,
            lead=cls.cast.health,
            contributors=[cls.cast.labour],
            due_on=DUE,
        )
        # A ministry neither leading nor contributing: it sees the questions only.
        cls.stranger = UserFactory(username="sqb-stranger")
        trade = core_services.institution_create(
            actor=cls.cast.nfp, process=cls.cast.process, name="SQB Ministry of Trade", kind="line_ministry"
        )
        MembershipFactory(user=cls.stranger, process=cls.cast.process, role=Role.MINISTRY, institution=trade)

    def grow(self, size):
        nfp, own = self.cast.nfp, self.cast.own
        start = Assignment.objects.count()
        for i in range(size):
            checklist = make_checklist(self.cast, f"SQB{start + i}", sector=f"sqb-{start + i}", per_block=1)
            services.assignment_create(
                actor=nfp, checklist=checklist, lead=self.cast.labour, contributors=[self.cast.health], due_on=DUE
            )
            checklist_services.question_add(
                actor=nfp, checklist=self.checklist, block="sector_on_migration", text=f"Q {i}?"
            )
            source_services.data_source_create(
                actor=nfp, process=self.cast.process, name=f"SQB source {start + i}", kind="census"
            )
        sources = list(self.cast.process.data_sources.all())
        assignment = Assignment.objects.get(pk=self.assignment.pk)
        questions = questions_of(self.checklist)
        services.answers_save(
            actor=own,
            assignment=assignment,
            changes={q.pk: {"assessment": "yes", "narrative": q.text, "data_sources": sources[:3]} for q in questions},
            expected_version=assignment.version,
        )
        for question in questions:
            answer = Answer.objects.get(question=question)
            if not Comment.objects.filter(target_id=str(answer.pk)).exists():
                services.answer_comment(actor=self.cast.facilitator, answer=answer, text="Check")
                services.answer_document_attach(
                    actor=own, answer=answer, uploaded=SimpleUploadedFile("e.txt", b"Evidence text")
                )

    def count(self, user, url):
        self.client.force_login(user)
        self.client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def counts(self):
        list_url = reverse("situation_analysis:assignment_list", args=[self.cast.process.pk])
        detail_url = self.assignment.get_absolute_url()
        return {
            "list": self.count(self.cast.other, list_url),
            "detail_lead": self.count(self.cast.own, detail_url),
            "detail_reviewer": self.count(self.cast.facilitator, detail_url),
            "detail_other": self.count(self.stranger, detail_url),
        }

    def test_the_list_and_the_answer_page_cost_the_same_with_ten_times_the_data(self):
        self.grow(2)
        small = self.counts()
        self.grow(18)
        large = self.counts()
        self.assertEqual(large, small)
        for name, count in large.items():
            self.assertLessEqual(count, self.BUDGETS[name], name)
