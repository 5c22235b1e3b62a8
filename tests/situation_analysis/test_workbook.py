"""
The offline workbook of an assignment: download it as .xlsx, fill it in with openpyxl as Excel would, upload it,
see the preview (nothing saved yet), confirm, and find the answers saved with the right history. And every way an
upload is refused, each with a clear message and nothing changed: a tampered file (question reworded, row added,
cell outside the answers filled, identification altered or removed), another assignment's file, a file that is
not a workbook, a file too large, an assessment that is not allowed (by row), a stale file, a checklist changed
since the download, a ministry that is not the lead, a closed checklist, and a confirmation made stale meanwhile.
"""

import io
import re
import zipfile

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from mainstreaming import l10n
from mainstreaming.choices import Role
from situation_analysis.choices import Assessment, AssignmentStatus
from situation_analysis.models import Answer, Assignment
from situation_analysis.services import assignments as services
from situation_analysis.services import checklists as checklist_services
from situation_analysis.services import workbook
from tests.cast import make_cast
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory
from tests.situation_analysis.test_assignments import DUE, make_checklist, questions_of
from tests.situation_analysis.test_checklists import make_template

XLSX_NAME = "SAT5-answers.xlsx"


def sheets(content: bytes):
    book = load_workbook(io.BytesIO(content))
    return book, book["Instructions"], book["Answers"]


def edit(content: bytes, change) -> bytes:
    """The workbook after `change(book, answers_sheet)`, saved as Excel would save it."""
    book, _instructions, answers = sheets(content)
    change(book, answers)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill(content: bytes, **rows) -> bytes:
    """Fill in answers by question code: fill(content, A1=("Partly", "narrative", "evidence")); None leaves a cell."""

    def change(book, sheet):
        codes = {sheet.cell(row, 1).value: row for row in range(2, sheet.max_row + 1)}
        for code, values in rows.items():
            for column, value in zip((4, 5, 6), values, strict=False):
                if value is not None:
                    sheet.cell(codes[code], column).value = value

    return edit(content, change)


def upload_file(content: bytes, name: str = XLSX_NAME) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


class WorkbookCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.checklist = make_checklist(cls.cast)
        cls.questions = questions_of(cls.checklist)
        cls.health2 = UserFactory(username="health2", first_name="Hana", last_name="Second")
        MembershipFactory(user=cls.health2, process=cls.cast.process, role=Role.MINISTRY, institution=cls.cast.health)
        cls.assignment = services.assignment_create(
            actor=cls.cast.nfp, checklist=cls.checklist, lead=cls.cast.health, due_on=DUE
        )
        first = cls.questions[0]
        services.answers_save(
            actor=cls.cast.own,
            assignment=cls.assignment,
            changes={first.pk: {"assessment": Assessment.NO, "narrative": "No plan yet.", "evidence": "Law 12/2020"}},
            expected_version=0,
        )

    def reload(self):
        return Assignment.objects.get(pk=self.assignment.pk)

    def url(self, name, assignment=None):
        assignment = assignment or self.assignment
        return reverse(
            f"situation_analysis:assignment_workbook_{name}",
            kwargs={"process_pk": assignment.process_id, "pk": assignment.pk},
        )

    def download(self, user=None, assignment=None) -> bytes:
        self.client.force_login(user or self.cast.own)
        response = self.client.get(self.url("download", assignment))
        self.assertEqual(response.status_code, 200)
        return response.content

    def upload(self, content: bytes, name: str = XLSX_NAME, user=None):
        self.client.force_login(user or self.cast.own)
        return self.client.post(self.url("upload"), {"file": upload_file(content, name)})

    def token_of(self, response) -> str:
        match = re.search(rb'name="token" value="([^"]+)"', response.content)
        self.assertIsNotNone(match, "the preview has no confirm form")
        return match.group(1).decode()

    def snapshot(self):
        """Everything an upload must not change: the version and every answer."""
        answers = Answer.objects.filter(assignment=self.assignment).order_by("pk")
        return (
            self.reload().version,
            [(a.question_id, a.assessment, a.narrative, a.evidence) for a in answers],
            Answer.history.filter(assignment_id=self.assignment.pk).count(),
        )

    def assertRefused(self, response, message, status=400):
        self.assertEqual(response.status_code, status, response.content[:500])
        self.assertContains(response, message, status_code=status)
        # Beside the file field, not a 500 nor a bare page.
        self.assertIn("file", response.context["form"].errors)


# ---------------------------------------------------------------------------
# The workbook itself
# ---------------------------------------------------------------------------


class WorkbookBuildTests(WorkbookCase):
    def test_it_has_instructions_answers_and_allowed_values(self):
        book, instructions, answers = sheets(self.download())
        text = " ".join(str(c.value) for row in instructions.iter_rows() for c in row if c.value is not None)
        self.assertIn("SAT5 Checklist SAT5", text)
        self.assertIn(l10n.date(DUE), text)
        self.assertIn("Upload a filled workbook", text)
        self.assertIn(self.url("upload"), text)
        for label in Assessment.labels:
            self.assertIn(str(label), text)
        header = [answers.cell(1, column).value for column in range(1, 7)]
        self.assertEqual(header, ["Code", "Block", "Question", "Assessment", "Narrative", "Other evidence"])
        self.assertEqual([answers.cell(row, 1).value for row in range(2, 6)], [q.code for q in self.questions])
        self.assertEqual(answers.cell(2, 3).value, self.questions[0].text)
        self.assertEqual([answers.cell(2, column).value for column in (4, 5, 6)], ["No", "No plan yet.", "Law 12/2020"])
        self.assertEqual(answers.max_row, 5)

    def test_only_the_answer_cells_are_unlocked_on_a_protected_sheet(self):
        book, instructions, answers = sheets(self.download())
        self.assertTrue(answers.protection.sheet)
        self.assertTrue(instructions.protection.sheet)
        self.assertTrue(book.security.lockStructure)
        for column in (1, 2, 3):
            self.assertTrue(answers.cell(2, column).protection.locked)
        for column in (4, 5, 6):
            self.assertFalse(answers.cell(2, column).protection.locked)

    def test_the_assessment_cells_offer_the_allowed_values_as_a_list(self):
        _book, instructions, answers = sheets(self.download())
        (validation,) = answers.data_validations.dataValidation
        self.assertEqual(validation.type, "list")
        self.assertEqual(str(validation.sqref), "D2:D5")
        match = re.fullmatch(r"'Instructions'!\$B\$(\d+):\$B\$(\d+)", validation.formula1)
        self.assertIsNotNone(match, validation.formula1)
        listed = [instructions.cell(row, 2).value for row in range(int(match[1]), int(match[2]) + 1)]
        self.assertEqual(listed, [str(label) for label in Assessment.labels])

    def test_a_hidden_sheet_carries_the_signed_identification(self):
        book, _instructions, _answers = sheets(self.download())
        metadata = book[workbook.METADATA_SHEET]
        self.assertEqual(metadata.sheet_state, "veryHidden")
        payload = signing.loads(metadata["A1"].value, salt=workbook.METADATA_SALT)
        self.assertEqual(
            (payload["process"], payload["assignment"], payload["checklist"], payload["checklist_code"]),
            (self.cast.process.pk, self.assignment.pk, self.checklist.pk, "SAT5"),
        )
        self.assertEqual(payload["version"], 1)
        self.assertEqual([q[0] for q in payload["questions"]], [q.pk for q in self.questions])

    def test_a_narrative_that_looks_like_a_formula_stays_text(self):
        services.answers_save(
            actor=self.cast.own,
            assignment=self.reload(),
            changes={self.questions[1].pk: {"narrative": '=HYPERLINK("http://evil")'}},
            expected_version=1,
        )
        _book, _instructions, answers = sheets(self.download())
        cell = answers.cell(3, 5)
        self.assertEqual((cell.value, cell.data_type), ('=HYPERLINK("http://evil")', "s"))

    def test_readers_download_and_other_ministries_only_once_approved(self):
        self.client.force_login(self.cast.other)
        self.assertEqual(self.client.get(self.url("download")).status_code, 403)
        self.download(self.cast.facilitator)
        self.download(self.cast.nfp)
        with self.assertRaises(PermissionDenied):
            workbook.assignment_workbook_build(actor=self.cast.other, assignment=self.reload())

    def test_the_detail_page_links_download_to_readers_and_upload_to_the_lead_only(self):
        detail = self.assignment.get_absolute_url()
        self.client.force_login(self.cast.own)
        page = self.client.get(detail)
        self.assertContains(page, self.url("download"))
        self.assertContains(page, self.url("upload"))
        self.client.force_login(self.cast.facilitator)
        page = self.client.get(detail)
        self.assertContains(page, self.url("download"))
        self.assertNotContains(page, self.url("upload"))
        self.client.force_login(self.cast.other)
        self.assertNotContains(self.client.get(detail), self.url("download"))


# ---------------------------------------------------------------------------
# The round trip
# ---------------------------------------------------------------------------


class RoundTripTests(WorkbookCase):
    def test_download_fill_upload_preview_then_confirm(self):
        a1, a2, b1 = self.questions[0], self.questions[1], self.questions[2]
        content = fill(
            self.download(),
            A1=("Partly", "A plan is being drafted.", None),
            A2=("yes", "Two bilateral agreements.", "Agreements of 2019 and 2023"),
            B1=("don't know", None, None),
        )
        before = self.snapshot()

        preview = self.upload(content)
        self.assertEqual(preview.status_code, 200, preview.content[:500])
        self.assertContains(preview, "Changes the workbook would make")  # the table's caption
        self.assertContains(preview, "Nothing has been saved yet")
        changes = {c.code: {f.name: (f.before, f.after) for f in c.fields} for c in preview.context["result"].changes}
        self.assertEqual(
            changes,
            {
                "A1": {"assessment": ("No", "Partly"), "narrative": ("No plan yet.", "A plan is being drafted.")},
                "A2": {
                    "assessment": ("", "Yes"),
                    "narrative": ("", "Two bilateral agreements."),
                    "evidence": ("", "Agreements of 2019 and 2023"),
                },
                "B1": {"assessment": ("", "Don't know")},
            },
        )
        self.assertEqual(self.snapshot(), before)  # nothing applied before the confirmation

        confirmed = self.client.post(self.url("apply"), {"token": self.token_of(preview)})
        self.assertRedirects(confirmed, self.assignment.get_absolute_url())
        assignment = self.reload()
        self.assertEqual(assignment.version, 2)
        answers = {a.question_id: a for a in Answer.objects.filter(assignment=assignment)}
        self.assertEqual(
            (answers[a1.pk].assessment, answers[a1.pk].narrative, answers[a1.pk].evidence),
            (Assessment.PARTLY, "A plan is being drafted.", "Law 12/2020"),
        )
        self.assertEqual(
            (answers[a2.pk].assessment, answers[a2.pk].evidence), (Assessment.YES, "Agreements of 2019 and 2023")
        )
        self.assertEqual((answers[b1.pk].assessment, answers[b1.pk].saved_by), (Assessment.DONT_KNOW, self.cast.own))
        self.assertNotIn(self.questions[3].pk, answers)
        row = answers[a1.pk].history.latest("history_date")
        self.assertEqual(row.history_user, self.cast.own)
        self.assertEqual(row.history_change_reason, f"{workbook.HISTORY_CODE}: {XLSX_NAME}")
        self.assertEqual(Answer.history.filter(history_change_reason__startswith=workbook.HISTORY_CODE).count(), 3)
        latest = assignment.history.latest("history_date")
        self.assertEqual(
            (latest.history_user, latest.history_change_reason), (self.cast.own, row.history_change_reason)
        )

    def test_a_workbook_downloaded_in_french_is_read_whatever_the_language_of_the_upload(self):
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
        content = self.download()
        book = load_workbook(io.BytesIO(content))
        payload = signing.loads(book[workbook.METADATA_SHEET]["A1"].value, salt=workbook.METADATA_SALT)
        with translation.override("fr"):
            self.assertEqual(payload["choices"], [[value, str(label)] for value, label in Assessment.choices])
            self.assertEqual(payload["sheet"], _("Answers"))
        sheet = book[payload["sheet"]]
        sheet.cell(3, 4).value = payload["choices"][1][1]  # "Partly", in French
        out = io.BytesIO()
        book.save(out)
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        preview = self.upload(out.getvalue())
        self.assertEqual(preview.status_code, 200, preview.content[:500])
        self.assertEqual(preview.context["result"].changes[0].values, {"assessment": Assessment.PARTLY})

    def test_an_unchanged_workbook_proposes_nothing(self):
        before = self.snapshot()
        preview = self.upload(self.download())
        self.assertEqual(preview.status_code, 200)
        self.assertEqual(preview.context["result"].changes, [])
        self.assertContains(preview, "changes no answer")
        self.assertNotContains(preview, 'name="token"')
        self.assertEqual(self.snapshot(), before)

    def test_emptying_cells_clears_the_answer(self):
        content = fill(self.download(), A1=("", "", ""))
        preview = self.upload(content)
        result = preview.context["result"]
        self.assertEqual([f.name for f in result.changes[0].fields], ["assessment", "narrative", "evidence"])
        self.client.post(self.url("apply"), {"token": self.token_of(preview)})
        answer = Answer.objects.get(question=self.questions[0])
        self.assertEqual((answer.assessment, answer.narrative, answer.evidence), ("", "", ""))

    def test_the_service_reads_and_applies_without_the_views(self):
        content = fill(self.download(), B2=("Not applicable", "Covered elsewhere.", None))
        result = workbook.assignment_workbook_read(
            actor=self.cast.own, assignment=self.reload(), uploaded=upload_file(content)
        )
        self.assertEqual([(c.code, c.row) for c in result.changes], [("B2", 5)])
        self.assertEqual(result.field_count, 2)
        self.assertEqual(Answer.objects.filter(question=self.questions[3]).count(), 0)
        count = workbook.assignment_workbook_apply(actor=self.cast.own, assignment=self.reload(), token=result.token)
        self.assertEqual(count, 1)
        answer = Answer.objects.get(question=self.questions[3])
        self.assertEqual((answer.assessment, answer.narrative), (Assessment.NOT_APPLICABLE, "Covered elsewhere."))


# ---------------------------------------------------------------------------
# Refusals of the upload: each with a clear message, and nothing changed
# ---------------------------------------------------------------------------


class TamperedFileTests(WorkbookCase):
    def check_refused(self, content, message, name=XLSX_NAME, status=400):
        before = self.snapshot()
        response = self.upload(content, name)
        self.assertRefused(response, message, status)
        self.assertEqual(self.snapshot(), before)
        return response

    def test_a_reworded_question_is_refused(self):
        def reword(book, sheet):
            sheet.cell(3, 3).value = "Is everything fine?"

        content = edit(fill(self.download(), A1=("Yes", None, None)), reword)
        self.check_refused(content, "Row 3 (A2): the question&#x27;s text has been changed.")

    def test_an_added_row_is_refused(self):
        def add_row(book, sheet):
            sheet.cell(6, 1).value = "B3"
            sheet.cell(6, 3).value = "A question of my own?"
            sheet.cell(6, 4).value = "Yes"

        response = self.check_refused(edit(self.download(), add_row), "A row has been added below the questions")
        self.assertContains(response, "changed outside the answer cells", status_code=400)

    def test_a_removed_row_is_refused(self):
        def remove_row(book, sheet):
            sheet.delete_rows(3)

        self.check_refused(edit(self.download(), remove_row), "Row 3 should hold question A2")

    def test_a_cell_outside_the_answer_columns_is_refused(self):
        def note_aside(book, sheet):
            sheet["H2"] = "A note to self"

        self.check_refused(
            edit(self.download(), note_aside), "Cells outside the answer columns have been filled in: H2"
        )

    def test_an_altered_identification_is_refused(self):
        def alter(book, sheet):
            metadata = book[workbook.METADATA_SHEET]
            payload = signing.loads(metadata["A1"].value, salt=workbook.METADATA_SALT)
            payload["version"] = 99
            value, _signature = signing.dumps(payload, salt=workbook.METADATA_SALT, compress=True).rsplit(":", 1)
            metadata["A1"] = f"{value}:{metadata['A1'].value.rsplit(':', 1)[1]}"  # the data changed, not the seal

        self.check_refused(edit(self.download(), alter), "hidden identification has been altered")

    def test_a_forged_signature_is_refused(self):
        def forge(book, sheet):
            payload = signing.loads(book[workbook.METADATA_SHEET]["A1"].value, salt=workbook.METADATA_SALT)
            payload["assignment"] = self.assignment.pk
            signer = signing.TimestampSigner(key="not-the-site-key", salt=workbook.METADATA_SALT)
            book[workbook.METADATA_SHEET]["A1"] = signer.sign_object(payload, compress=True)

        self.check_refused(edit(self.download(), forge), "hidden identification has been altered")

    def test_a_workbook_without_identification_is_refused(self):
        def remove(book, sheet):
            del book[workbook.METADATA_SHEET]

        self.check_refused(edit(self.download(), remove), "was not downloaded from this application")

    def test_another_assignments_workbook_is_refused(self):
        other = services.assignment_create(
            actor=self.cast.nfp,
            checklist=make_checklist(self.cast, "SAT6", sector="sat-other"),
            lead=self.cast.health,
            due_on=DUE,
        )
        content = fill(self.download(assignment=other), A1=("Yes", None, None))
        self.check_refused(content, "This workbook belongs to another checklist (SAT6), not to SAT5.")

    def test_another_process_workbook_is_refused(self):
        elsewhere = self.cast.other_process
        checklist = checklist_services.checklist_adopt(
            actor=self.cast.outsider, process=elsewhere, template=make_template("SAT7", sector="sat-elsewhere")
        )
        assignment = services.assignment_create(
            actor=self.cast.outsider,
            checklist=checklist,
            lead=InstitutionFactory(process=elsewhere, name="Ministry elsewhere"),
            due_on=DUE,
        )
        content = workbook.assignment_workbook_build(actor=self.cast.outsider, assignment=assignment)
        self.check_refused(content, "This workbook belongs to another process, not to this one.")

    def test_a_file_that_is_not_a_workbook_is_refused(self):
        self.check_refused(b"Assessment: yes\nNarrative: fine", "This kind of file is not accepted. Accepted: Excel.")
        self.check_refused(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50, "This kind of file is not accepted.")

    def test_a_damaged_zip_named_xlsx_is_refused(self):
        self.check_refused(b"PK\x03\x04" + b"\x00" * 200, "This kind of file is not accepted.")

    def test_an_office_file_that_is_not_a_real_workbook_is_refused(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/workbook.xml", "not a workbook")
        self.check_refused(out.getvalue(), "This file could not be read as an Excel workbook.")

    def test_a_workbook_under_another_name_is_refused(self):
        self.check_refused(self.download(), "rename it to end in .xlsx", name="answers.pdf")

    def test_a_file_too_large_is_refused(self):
        content = b"PK\x03\x04" + b"\x00" * workbook.MAX_SIZE
        self.check_refused(content, "This file is too large")

    def test_an_empty_file_is_refused(self):
        response = self.upload(b"")
        self.assertEqual(response.status_code, 400)
        self.assertIn("file", response.context["form"].errors)

    def test_no_file_at_all_is_refused_beside_the_field(self):
        self.client.force_login(self.cast.own)
        response = self.client.post(self.url("upload"), {})
        self.assertEqual(response.status_code, 400)
        self.assertIn("file", response.context["form"].errors)


class ValueTests(WorkbookCase):
    def test_an_assessment_not_in_the_list_is_reported_by_row(self):
        before = self.snapshot()
        content = fill(self.download(), A1=("Yes", None, None), A2=("Maybe", None, None), B2=("42", None, None))
        response = self.upload(content)
        self.assertRefused(response, "Row 3 (A2): “Maybe” is not an allowed assessment. Choose one of: Yes, Partly")
        self.assertContains(response, "Row 5 (B2): “42” is not an allowed assessment.", status_code=400)
        self.assertNotContains(response, "Row 2 (A1)", status_code=400)
        self.assertEqual(self.snapshot(), before)

    def test_labels_are_read_whatever_their_case_and_spacing(self):
        content = fill(self.download(), A2=("  not APPLICABLE ", None, None))
        response = self.upload(content)
        self.assertEqual(response.context["result"].changes[0].values, {"assessment": Assessment.NOT_APPLICABLE})

    def test_a_narrative_too_long_is_refused(self):
        content = fill(self.download(), A2=(None, "x" * (workbook.MAX_TEXT + 1), None))
        self.assertRefused(self.upload(content), "Row 3 (A2): the narrative is longer than 20000 characters.")

    def test_numbers_typed_in_a_narrative_are_taken_as_text(self):
        content = fill(self.download(), A2=(None, 2024, None))
        response = self.upload(content)
        self.assertEqual(response.context["result"].changes[0].values, {"narrative": "2024"})


class StaleAndChangedChecklistTests(WorkbookCase):
    def test_a_stale_workbook_is_refused_with_what_changed_and_by_whom(self):
        content = fill(self.download(), A1=("Yes", "Mine", None))
        services.answers_save(
            actor=self.health2,
            assignment=self.reload(),
            changes={self.questions[3].pk: {"assessment": Assessment.PARTLY, "narrative": "Saved on screen."}},
            expected_version=1,
        )
        before = self.snapshot()
        response = self.upload(content)
        self.assertRefused(response, "saved after this workbook was downloaded, so it is out of date", status=409)
        self.assertContains(response, "Answers saved since the workbook was downloaded", status_code=409)
        table = response.content.decode().split('id="stale-caption"')[1].split("</table>")[0]
        self.assertIn("B2", table)
        self.assertIn("Hana Second", table)
        self.assertIn("Saved on screen.", table)
        self.assertNotIn("A1", table)
        self.assertEqual(self.snapshot(), before)

    def test_a_workbook_of_an_earlier_checklist_version_is_refused(self):
        content = self.download()
        checklist_services.question_update(actor=self.cast.nfp, question=self.questions[1], data={"text": "New?"})
        checklist_services.question_add(
            actor=self.cast.nfp, checklist=self.checklist, block=self.questions[0].block, text="Added?"
        )
        response = self.upload(fill(content, A1=("Yes", None, None)))
        self.assertRefused(response, "The checklist&#x27;s questions have changed since this workbook was downloaded")
        self.assertContains(response, "Questions reworded since: A2.", status_code=400)
        self.assertContains(response, "Questions added since: A3.", status_code=400)

    def test_a_workbook_with_a_question_dropped_since_is_refused(self):
        content = self.download()
        checklist_services.question_drop(actor=self.cast.nfp, question=self.questions[3], reason="Duplicate")
        self.assertRefused(self.upload(content), "Questions dropped since: B2.")


class RightsTests(WorkbookCase):
    def test_a_ministry_that_is_not_the_lead_is_refused(self):
        content = self.download()
        before = self.snapshot()
        for user in (self.cast.other, self.cast.nfp, self.cast.facilitator):
            self.client.force_login(user)
            self.assertEqual(self.client.get(self.url("upload")).status_code, 403)
            response = self.client.post(self.url("upload"), {"file": upload_file(content)})
            self.assertEqual(response.status_code, 403)
            self.assertEqual(self.client.post(self.url("apply"), {"token": "x"}).status_code, 403)
        with self.assertRaises(PermissionDenied):
            workbook.assignment_workbook_read(
                actor=self.cast.other, assignment=self.reload(), uploaded=upload_file(content)
            )
        self.assertEqual(self.snapshot(), before)

    def test_a_submitted_checklist_takes_no_upload(self):
        content = fill(self.download(), A1=("Yes", None, None))
        services.answers_save(
            actor=self.cast.own,
            assignment=self.reload(),
            changes={q.pk: {"assessment": Assessment.YES} for q in self.questions},
            expected_version=1,
        )
        services.assignment_submit(actor=self.cast.own, assignment=self.reload())
        self.client.force_login(self.cast.own)
        page = self.client.get(self.url("upload"))
        self.assertContains(page, "a workbook can be uploaded again once the checklist is back in draft")
        before = self.snapshot()
        self.assertRefused(self.upload(content), "The answers are submitted and cannot be changed now.")
        self.assertEqual(self.snapshot(), before)
        self.assertEqual(self.reload().status, AssignmentStatus.SUBMITTED)


class ConfirmTests(WorkbookCase):
    def preview(self):
        response = self.upload(fill(self.download(), A2=("Yes", "From the workbook.", None)))
        self.assertEqual(response.status_code, 200)
        return self.token_of(response)

    def test_the_confirmation_is_refused_when_the_answers_changed_meanwhile(self):
        token = self.preview()
        services.answers_save(
            actor=self.health2,
            assignment=self.reload(),
            changes={self.questions[2].pk: {"narrative": "Saved on screen meanwhile."}},
            expected_version=1,
        )
        before = self.snapshot()
        response = self.client.post(self.url("apply"), {"token": token})
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "nothing has been changed", status_code=409)
        self.assertContains(response, "Saved on screen meanwhile.", status_code=409)
        self.assertEqual(self.snapshot(), before)
        self.assertFalse(Answer.objects.filter(question=self.questions[1]).exists())

    def test_an_altered_confirmation_is_refused(self):
        token = self.preview()
        value, signature = token.rsplit(":", 1)
        before = self.snapshot()
        for bad in (f"{value}x:{signature}", "", "junk"):
            response = self.client.post(self.url("apply"), {"token": bad})
            self.assertEqual(response.status_code, 400)
            self.assertContains(response, "nothing has been changed", status_code=400)
        self.assertEqual(self.snapshot(), before)

    def test_a_confirmation_is_only_for_the_person_who_uploaded(self):
        token = self.preview()
        self.client.force_login(self.health2)
        response = self.client.post(self.url("apply"), {"token": token})
        self.assertContains(response, "not yours", status_code=400)
        with self.assertRaises(ValidationError):
            workbook.assignment_workbook_apply(actor=self.health2, assignment=self.reload(), token=token)

    def test_a_confirmation_is_refused_when_the_questions_changed_meanwhile(self):
        token = self.preview()
        checklist_services.question_update(actor=self.cast.nfp, question=self.questions[1], data={"text": "New?"})
        response = self.client.post(self.url("apply"), {"token": token})
        self.assertContains(response, "questions have changed since the preview", status_code=400)
        self.assertFalse(Answer.objects.filter(question=self.questions[1]).exists())

    def test_applying_is_post_only(self):
        self.client.force_login(self.cast.own)
        self.assertEqual(self.client.get(self.url("apply")).status_code, 405)
