"""Uploads are checked by content and size; documents are served only to those who may see them; comments."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse

from mainstreaming import services
from mainstreaming.models import Comment
from mainstreaming.uploads import MAX_UPLOAD_SIZE, validate_upload
from tests.cast import make_cast


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


class UploadCheckTests(TestCase):
    def test_accepted_kinds_are_recognised_by_content(self):
        for name, content, label in [
            ("minutes.pdf", b"%PDF-1.7\n...", "PDF"),
            ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG"),
            ("agenda.docx", docx_bytes(), "Word"),
            ("notes.txt", "Réunion du comité".encode(), "text"),
        ]:
            with self.subTest(name=name):
                self.assertEqual(validate_upload(SimpleUploadedFile(name, content)).label, label)

    def test_a_renamed_program_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "not accepted"):
            validate_upload(SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50))

    def test_a_name_that_lies_about_the_content_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "rename it to end in .pdf"):
            validate_upload(SimpleUploadedFile("minutes.docx", b"%PDF-1.7\n..."))

    def test_a_zip_that_is_not_an_office_document_is_refused(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("payload.exe", "MZ")
        with self.assertRaisesMessage(ValidationError, "not accepted"):
            validate_upload(SimpleUploadedFile("agenda.docx", buffer.getvalue()))

    def test_a_file_too_large_is_refused_with_the_limit(self):
        upload = SimpleUploadedFile("big.txt", b"a" * (MAX_UPLOAD_SIZE + 1024 * 1024))
        with self.assertRaises(ValidationError) as caught:
            validate_upload(upload)
        self.assertEqual(
            caught.exception.messages, ["This file is too large (11.0\xa0MB): files may be at most 10.0\xa0MB."]
        )

    def test_an_empty_file_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "empty"):
            validate_upload(SimpleUploadedFile("empty.txt", b""))


class DocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_an_attached_document_is_served_whole_to_members_and_hidden_from_partners(self):
        document = services.document_attach(
            actor=self.cast.nfp,
            process=self.cast.process,
            owner=self.cast.health,
            uploaded=SimpleUploadedFile("tor.pdf", b"%PDF-1.7 terms of reference"),
            title="Terms of reference",
        )
        self.assertEqual(document.history.first().history_change_reason, "document.uploaded")
        self.client.force_login(self.cast.other)
        response = self.client.get(document.get_absolute_url())
        self.assertEqual(response.content, b"%PDF-1.7 terms of reference")
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.client.force_login(self.cast.donor)
        self.assertEqual(self.client.get(document.get_absolute_url()).status_code, 403)

    def test_a_refused_upload_says_why_beside_the_file_field_and_stores_nothing(self):
        with self.assertRaises(ValidationError) as caught:
            services.document_attach(
                actor=self.cast.nfp,
                process=self.cast.process,
                owner=self.cast.health,
                uploaded=SimpleUploadedFile("tor.pdf", b"MZ\x90\x00 not a pdf"),
            )
        self.assertIn("file", caught.exception.message_dict)
        self.assertFalse(self.cast.process.documents.exists())


class CommentTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def url(self):
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(self.cast.health)
        return reverse(
            "mainstreaming:comment_create", args=[self.cast.process.pk, content_type.pk, self.cast.health.pk]
        )

    def test_the_facilitator_comments_and_the_page_shows_it(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.post(
            self.url(), {"text": "Add the switchboard number.", "next": "https://evil.example/"}
        )
        self.assertRedirects(response, self.cast.health.get_absolute_url(), fetch_redirect_response=False)
        comment = Comment.objects.get()
        self.assertEqual((comment.author, comment.target), (self.cast.facilitator, self.cast.health))
        self.assertEqual(comment.history.first().history_user, self.cast.facilitator)

    def test_an_empty_comment_is_refused(self):
        self.client.force_login(self.cast.nfp)
        self.client.post(self.url(), {"text": "   "})
        self.assertFalse(Comment.objects.exists())

    def test_a_record_of_another_process_cannot_be_commented_through_this_one(self):
        from tests.factories import InstitutionFactory

        foreign = InstitutionFactory(process=self.cast.other_process)
        from django.contrib.contenttypes.models import ContentType

        url = reverse(
            "mainstreaming:comment_create",
            args=[self.cast.process.pk, ContentType.objects.get_for_model(foreign).pk, foreign.pk],
        )
        self.client.force_login(self.cast.nfp)
        self.assertEqual(self.client.post(url, {"text": "Hello"}).status_code, 404)


@override_settings()
class InstitutionContactTests(TestCase):
    def test_the_focal_point_keeps_the_contacts_of_their_institution(self):
        cast = make_cast()
        self.client.force_login(cast.own)
        response = self.client.post(
            reverse("mainstreaming:institution_edit", args=[cast.process.pk, cast.health.pk]),
            {
                "name": "Ministry of Health",
                "kind": "line_ministry",
                "email": "info@health.example.org",
                "phone": "+000 123",
                "website": "health.example.org",
            },
        )
        self.assertEqual(response.status_code, 302)
        cast.health.refresh_from_db()
        self.assertEqual(
            (cast.health.email, cast.health.website), ("info@health.example.org", "https://health.example.org")
        )
