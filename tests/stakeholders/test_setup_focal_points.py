"""
Focal points: the NFP asks each institution for one, records who was designated, and the designated person of a
government institution gets the ministry role for it, so the institution's rights follow them.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mainstreaming import permissions
from mainstreaming import services as core_services
from mainstreaming.choices import InstitutionKind, Role
from mainstreaming.models import Document, Membership
from stakeholders.choices import RequestStatus
from stakeholders.models import FocalPointDesignation, FocalPointRequest
from stakeholders.services import setup as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory

User = get_user_model()
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50


def url(name, cast, **kwargs):
    return reverse(f"stakeholders:{name}", kwargs={"process_pk": cast.process.pk, **kwargs})


def fresh(user):
    """The user as the next request would load it (permission checks are cached on the instance)."""
    return User.objects.get(pk=user.pk)


def can_change(user, institution) -> bool:
    return permissions.has_perm(fresh(user), "change_institution", institution)


def make_request(cast, institution, *, requested_on=None, due_on=None):
    today = timezone.localdate()
    return services.focal_point_request_create(
        actor=cast.nfp,
        process=cast.process,
        institution=institution,
        requested_on=requested_on or today - timedelta(days=10),
        due_on=due_on or today + timedelta(days=20),
    )


def designate(cast, institution, email, full_name="Ana Silva", **extra):
    return services.designation_create(
        actor=cast.nfp, process=cast.process, institution=institution, full_name=full_name, email=email, **extra
    )


class RequestTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def setUp(self):
        self.client.force_login(self.cast.nfp)

    def post(self, **data):
        payload = {
            "institution": self.cast.labour.pk,
            "requested_on": "2026-03-01",
            "due_on": "2026-03-31",
            "terms_of_reference": "Sector input and committee work, two days a month.",
        } | data
        return self.client.post(url("focal_point_request_create", self.cast), payload)

    def test_a_request_is_recorded_with_its_terms_of_reference_document(self):
        response = self.post(file=SimpleUploadedFile("tor.txt", b"Terms of reference of the focal point"))
        request = FocalPointRequest.objects.get()
        self.assertRedirects(response, url("focal_point_request_detail", self.cast, pk=request.pk))
        self.assertEqual(
            (request.institution, request.status, request.requested_by), (self.cast.labour, "open", self.cast.nfp)
        )
        self.assertEqual(str(request.due_on), "2026-03-31")
        document = Document.objects.get()
        self.assertEqual((document.owner, document.title), (request, "Terms of reference"))
        record = request.history.get()
        self.assertEqual(
            (record.history_user, record.history_change_reason), (self.cast.nfp, "focal_point_request.created")
        )
        response = self.client.get(url("focal_point_request_detail", self.cast, pk=request.pk))
        self.assertContains(response, "Sector input and committee work")
        self.assertContains(response, document.get_absolute_url())
        self.assertContains(response, "Add comment")

    def test_the_form_defaults_to_today_and_to_the_institution_named_in_the_link(self):
        response = self.client.get(url("focal_point_request_create", self.cast) + f"?institution={self.cast.health.pk}")
        form = response.context["form"]
        self.assertEqual(form["institution"].value(), self.cast.health.pk)
        self.assertEqual(form["requested_on"].value(), timezone.localdate())

    def test_a_refused_document_is_said_beside_the_field_and_nothing_is_saved(self):
        response = self.post(file=SimpleUploadedFile("tor.pdf", EXECUTABLE))
        self.assertEqual(response.status_code, 400)
        self.assertIn("file", response.context["form"].errors)
        self.assertFalse(FocalPointRequest.objects.exists())
        self.assertFalse(Document.objects.exists())

    def test_the_answer_cannot_be_due_before_the_request(self):
        response = self.post(due_on="2026-02-01")
        self.assertEqual(response.status_code, 400)
        self.assertFormError(response.context["form"], "due_on", "The answer cannot be due before the request is made.")

    def test_an_institution_has_one_request_awaiting_an_answer_at_a_time(self):
        make_request(self.cast, self.cast.labour)
        response = self.post()
        self.assertEqual(response.status_code, 400)
        self.assertIn("already has a request awaiting an answer", str(response.context["form"].errors["institution"]))
        self.assertEqual(FocalPointRequest.objects.count(), 1)

    def test_an_institution_of_another_process_cannot_be_chosen(self):
        elsewhere = InstitutionFactory(process=self.cast.other_process, name="Ministry elsewhere")
        response = self.post(institution=elsewhere.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("institution", response.context["form"].errors)

    def test_cancelling_asks_for_confirmation_and_a_reason(self):
        request = make_request(self.cast, self.cast.labour)
        cancel = url("focal_point_request_cancel", self.cast, pk=request.pk)
        self.assertContains(self.client.get(cancel), "Cancel the request")
        response = self.client.post(cancel, {"reason": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        response = self.client.post(cancel, {"reason": "The ministry is being reorganised"})
        self.assertRedirects(response, url("focal_point_request_detail", self.cast, pk=request.pk))
        request.refresh_from_db()
        self.assertEqual(request.status, RequestStatus.CANCELLED)
        record = request.history.first()
        self.assertEqual(
            record.history_change_reason, "focal_point_request.cancelled: The ministry is being reorganised"
        )
        response = self.client.post(cancel, {"reason": "Again"})
        self.assertEqual(response.status_code, 400)
        response = self.client.get(url("focal_point_request_history", self.cast, pk=request.pk))
        self.assertContains(response, "The ministry is being reorganised")

    def test_only_the_nfp_requests_and_partners_see_nothing(self):
        request = make_request(self.cast, self.cast.labour)
        for role in ("own", "facilitator"):
            with self.subTest(role=role):
                self.client.force_login(self.cast.user(role))
                self.assertEqual(self.post(institution=self.cast.health.pk).status_code, 403)
                self.assertEqual(
                    self.client.get(url("focal_point_request_detail", self.cast, pk=request.pk)).status_code, 200
                )
        self.client.force_login(self.cast.donor)
        for name, kwargs in [("focal_point_list", {}), ("focal_point_request_detail", {"pk": request.pk})]:
            with self.subTest(name=name):
                self.assertEqual(self.client.get(url(name, self.cast, **kwargs)).status_code, 403)


class DesignationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.partner = cls.cast.process.institutions.get(kind=InstitutionKind.DONOR)

    def setUp(self):
        self.client.force_login(self.cast.nfp)

    def post(self, **data):
        payload = {
            "institution": self.cast.labour.pk,
            "full_name": "Tomas Veres",
            "position": "Head of the Labour Migration Unit",
            "sex": "male",
            "email": "Tomas.Veres@example.org",
            "phone": "+000 555 0101",
            "designated_on": "2026-02-01",
        } | data
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url("designation_create", self.cast), payload)

    def test_a_newcomer_is_invited_with_the_ministry_role_and_gets_the_institutions_rights(self):
        request = make_request(self.cast, self.cast.labour)
        response = self.post(request=request.pk, file=SimpleUploadedFile("letter.txt", b"Nomination letter"))
        designation = FocalPointDesignation.objects.get()
        self.assertRedirects(response, designation.get_absolute_url())
        self.assertEqual(designation.email, "tomas.veres@example.org")
        self.assertTrue(designation.is_current)
        membership = Membership.objects.get(user__email="tomas.veres@example.org", is_active=True)
        self.assertEqual((membership.role, membership.institution), (Role.MINISTRY, self.cast.labour))
        self.assertEqual(designation.user, membership.user)
        self.assertTrue(can_change(membership.user, self.cast.labour))
        self.assertFalse(can_change(membership.user, self.cast.health))
        self.assertEqual(mail.outbox[0].to, ["tomas.veres@example.org"])
        self.assertRegex(mail.outbox[0].body, r"http://testserver/accounts/reset/\S+")
        request.refresh_from_db()
        self.assertEqual(request.status, RequestStatus.DESIGNATED)
        self.assertEqual(request.history.first().history_change_reason, "focal_point_request.designated: Tomas Veres")
        self.assertEqual(Document.objects.get().owner, designation)
        record = designation.history.get()
        self.assertEqual((record.history_user, record.history_change_reason), (self.cast.nfp, "designation.created"))
        response = self.client.get(designation.get_absolute_url())
        self.assertContains(response, "Head of the Labour Migration Unit")
        self.assertContains(response, url("designation_document_upload", self.cast, pk=designation.pk))

    def test_the_institutions_request_awaiting_an_answer_is_answered_when_none_is_named(self):
        request = make_request(self.cast, self.cast.labour)
        self.post()
        request.refresh_from_db()
        self.assertEqual(request.status, RequestStatus.DESIGNATED)
        self.assertEqual(FocalPointDesignation.objects.get().request, request)

    def test_the_form_is_prefilled_from_the_request_or_institution_in_the_link(self):
        request = make_request(self.cast, self.cast.labour)
        response = self.client.get(url("designation_create", self.cast) + f"?request={request.pk}")
        form = response.context["form"]
        self.assertEqual((form["request"].value(), form["institution"].value()), (request.pk, self.cast.labour.pk))
        response = self.client.get(url("designation_create", self.cast) + f"?institution={self.cast.health.pk}")
        self.assertEqual(response.context["form"]["institution"].value(), self.cast.health.pk)
        self.assertEqual(response.context["form"]["designated_on"].value(), timezone.localdate())

    def test_a_person_already_speaking_for_the_institution_is_kept(self):
        before = self.cast.own.memberships.get(is_active=True)
        response = self.post(institution=self.cast.health.pk, email=self.cast.own.email, full_name="Lina Haddad")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.cast.own.memberships.get(is_active=True), before)
        self.assertEqual(FocalPointDesignation.objects.get().user, self.cast.own)
        self.assertEqual(mail.outbox, [])
        self.assertTrue(can_change(self.cast.own, self.cast.health))

    def test_a_person_in_another_role_is_refused_beside_the_e_mail(self):
        request = make_request(self.cast, self.cast.labour)
        response = self.post(email=self.cast.facilitator.email, request=request.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "already takes part in this process as Expert facilitator", str(response.context["form"].errors["email"])
        )
        self.assertContains(response, 'id="id_email_error"', status_code=400)
        self.assertFalse(FocalPointDesignation.objects.exists())
        self.assertEqual(self.cast.facilitator.memberships.get(is_active=True).role, Role.FACILITATOR)
        request.refresh_from_db()
        self.assertEqual(request.status, RequestStatus.OPEN)

    def test_the_focal_point_of_another_institution_is_refused_beside_the_e_mail(self):
        response = self.post(institution=self.cast.health.pk, email=self.cast.other.email)
        self.assertEqual(response.status_code, 400)
        self.assertIn("already the focal point of Ministry of Labour", str(response.context["form"].errors["email"]))
        self.assertFalse(can_change(self.cast.other, self.cast.health))

    def test_a_request_sent_to_another_institution_is_refused_beside_the_field(self):
        request = make_request(self.cast, self.cast.health)
        response = self.post(request=request.pk)
        self.assertEqual(response.status_code, 400)
        self.assertIn("request", response.context["form"].errors)

    def test_bad_input_is_shown_beside_the_field(self):
        response = self.post(email="not-an-address", full_name="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("email", response.context["form"].errors)
        self.assertIn("full_name", response.context["form"].errors)

    def test_a_replacement_ends_the_earlier_designation_and_its_rights_but_keeps_it_in_history(self):
        first = designate(self.cast, self.cast.labour, "first@example.org", full_name="First Person")
        first_user = first.user
        self.assertTrue(can_change(first_user, self.cast.labour))

        response = self.post(email="second@example.org", full_name="Second Person")
        self.assertEqual(response.status_code, 302)
        first.refresh_from_db()
        second = FocalPointDesignation.objects.get(is_current=True, institution=self.cast.labour)
        self.assertEqual(second.full_name, "Second Person")
        self.assertEqual(
            (first.is_current, first.ended_on, first.end_reason),
            (False, timezone.localdate(), "replaced by Second Person"),
        )
        record = first.history.first()
        self.assertEqual(
            (record.history_user, record.history_change_reason),
            (self.cast.nfp, "designation.replaced: replaced by Second Person"),
        )
        self.assertFalse(Membership.objects.filter(user=first_user, is_active=True).exists())
        ended = Membership.objects.get(user=first_user)
        self.assertIn("replaced as focal point", ended.history.first().history_change_reason)
        self.assertFalse(can_change(first_user, self.cast.labour))
        self.assertTrue(can_change(second.user, self.cast.labour))

        response = self.client.get(url("focal_point_list", self.cast))
        self.assertContains(response, "Earlier focal points")
        self.assertContains(response, "replaced by Second Person")
        response = self.client.get(url("designation_history", self.cast, pk=first.pk))
        self.assertContains(response, "replaced by Second Person")

    def test_designating_the_same_person_again_keeps_their_role(self):
        first = designate(self.cast, self.cast.labour, "same@example.org", full_name="Same Person")
        self.post(email="same@example.org", full_name="Same Person", position="Director")
        first.refresh_from_db()
        self.assertFalse(first.is_current)
        self.assertTrue(Membership.objects.filter(user=first.user, is_active=True, role=Role.MINISTRY).exists())
        self.assertTrue(can_change(first.user, self.cast.labour))

    def test_a_non_government_institution_gets_a_focal_point_without_a_role(self):
        response = self.post(institution=self.partner.pk, email="partner.fp@example.org")
        self.assertEqual(response.status_code, 302)
        designation = FocalPointDesignation.objects.get()
        self.assertIsNone(designation.user)
        self.assertFalse(User.objects.filter(email="partner.fp@example.org").exists())
        self.assertEqual(mail.outbox, [])

    def test_ending_a_designation_ends_the_role_and_its_rights(self):
        designation = designate(self.cast, self.cast.labour, "leaving@example.org")
        end = url("designation_end", self.cast, pk=designation.pk)
        self.assertContains(self.client.get(end), "loses the ministry role")
        response = self.client.post(end, {"reason": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["form"].errors)
        response = self.client.post(end, {"reason": "Left the ministry"})
        self.assertRedirects(response, designation.get_absolute_url())
        designation.refresh_from_db()
        self.assertEqual((designation.is_current, designation.end_reason), (False, "Left the ministry"))
        self.assertEqual(designation.history.first().history_change_reason, "designation.ended: Left the ministry")
        self.assertFalse(Membership.objects.filter(user=designation.user, is_active=True).exists())
        self.assertFalse(can_change(designation.user, self.cast.labour))
        self.assertEqual(self.client.post(end, {"reason": "Again"}).status_code, 400)

    def test_documents_are_attached_to_a_designation_and_refused_files_said_beside_the_field(self):
        designation = designate(self.cast, self.cast.health, self.cast.own.email)
        upload = url("designation_document_upload", self.cast, pk=designation.pk)
        self.assertEqual(self.client.get(upload).status_code, 200)
        response = self.client.post(upload, {"title": "Letter", "file": SimpleUploadedFile("letter.pdf", EXECUTABLE)})
        self.assertEqual(response.status_code, 400)
        self.assertIn("file", response.context["form"].errors)
        response = self.client.post(upload, {"title": "Letter", "file": SimpleUploadedFile("letter.txt", b"We name")})
        self.assertRedirects(response, designation.get_absolute_url())
        document = Document.objects.get()
        self.assertEqual((document.owner, document.title), (designation, "Letter"))
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(designation.get_absolute_url())
        self.assertContains(response, "Letter")
        self.assertNotContains(response, upload)
        self.assertEqual(self.client.post(upload, {"file": SimpleUploadedFile("a.txt", b"x")}).status_code, 403)

    def test_only_the_nfp_designates(self):
        for role in ("own", "other", "facilitator", "donor"):
            with self.subTest(role=role):
                self.client.force_login(self.cast.user(role))
                self.assertEqual(self.post().status_code, 403)
        self.assertFalse(FocalPointDesignation.objects.exists())

    def test_a_designation_of_another_process_is_not_found(self):
        elsewhere = InstitutionFactory(process=self.cast.other_process, name="Ministry elsewhere")
        designation = services.designation_create(
            actor=self.cast.outsider,
            process=self.cast.other_process,
            institution=elsewhere,
            full_name="Someone Else",
            email="someone@example.org",
        )
        for name in ("designation_detail", "designation_end", "designation_history", "designation_document_upload"):
            with self.subTest(name=name):
                self.assertEqual(self.client.get(url(name, self.cast, pk=designation.pk)).status_code, 404)


class OverviewTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.education = InstitutionFactory(process=cls.cast.process, name="Ministry of Education", acronym="MoE")
        cls.finance = InstitutionFactory(process=cls.cast.process, name="Ministry of Finance", acronym="MoF")
        today = timezone.localdate()
        cls.overdue = make_request(
            cls.cast, cls.education, requested_on=today - timedelta(days=40), due_on=today - timedelta(days=5)
        )
        cls.not_due = make_request(cls.cast, cls.finance)
        designate(cls.cast, cls.cast.health, cls.cast.own.email, full_name="Lina Haddad", position="Director")

    def test_the_list_shows_focal_points_requests_overdue_and_institutions_without_one(self):
        self.client.force_login(self.cast.facilitator)
        response = self.client.get(url("focal_point_list", self.cast))
        self.assertContains(response, "Lina Haddad")
        self.assertContains(response, "Director")
        self.assertContains(response, "1 request is overdue.")
        self.assertContains(response, "Overdue", count=2)  # in the requests table and beside the institution
        page = response.context["page"]
        self.assertEqual(page.open_requests, [self.overdue, self.not_due])
        self.assertEqual(
            {i.name for i in page.without_focal_point},
            {"Ministry of Labour", "Ministry of Education", "Ministry of Finance"},
        )
        self.assertNotContains(response, "Request a focal point")

    def test_the_dashboard_shows_institutions_without_a_focal_point_and_requests_overdue(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertContains(response, "3 institutions still without a focal point")
        self.assertContains(response, "1 request overdue")
        self.assertContains(response, url("focal_point_request_detail", self.cast, pk=self.overdue.pk))
        self.assertNotContains(response, url("focal_point_request_detail", self.cast, pk=self.not_due.pk))
        self.assertContains(response, url("focal_point_list", self.cast))

    def test_the_dashboard_lists_at_most_five_of_each(self):
        today = timezone.localdate()
        for i in range(6):
            institution = InstitutionFactory(process=self.cast.process, name=f"Agency {i}", acronym=f"AG{i}")
            make_request(
                self.cast, institution, requested_on=today - timedelta(days=30), due_on=today - timedelta(days=i + 1)
            )
        self.client.force_login(self.cast.nfp)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertContains(response, "9 institutions still without a focal point")
        self.assertContains(response, "7 requests overdue")
        panel = next(p for phase in response.context["phases"] for p in phase.panels if "overdue" in p)
        self.assertEqual(len(panel["overdue"]), 5)
        self.assertEqual(len(panel["without"]), 5)

    def test_development_partners_see_none_of_it(self):
        self.client.force_login(self.cast.donor)
        response = self.client.get(reverse("mainstreaming:process_dashboard", args=[self.cast.process.pk]))
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "without a focal point")
        self.assertNotContains(response, "overdue")
        self.assertEqual(self.client.get(url("focal_point_list", self.cast)).status_code, 403)


class QueryBudgetTests(TestCase):
    """Focal-point pages cost the same number of queries with ten times the institutions, requests and people."""

    BUDGETS = {"focal_point_list": 11, "focal_point_request_detail": 11, "designation_detail": 11}

    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        cls.request = make_request(cls.cast, cls.cast.labour)
        cls.designation = designate(cls.cast, cls.cast.labour, "fp@example.org", request=cls.request)

    def grow(self, size):
        today = timezone.localdate()
        for i in range(size):
            institution = InstitutionFactory(process=self.cast.process, name=f"Institution {size}-{i}")
            make_request(
                self.cast, institution, due_on=today - timedelta(days=1) if i % 2 else today + timedelta(days=9)
            )
            if i % 3:
                designate(self.cast, institution, f"a{size}-{i}@example.org")
            if i % 3 == 2:
                designate(self.cast, institution, f"b{size}-{i}@example.org")
        for i in range(size):
            core_services.document_attach(
                actor=self.cast.nfp,
                process=self.cast.process,
                owner=self.designation,
                uploaded=SimpleUploadedFile(f"d{i}.txt", b"text"),
            )

    def count(self, name, **kwargs):
        page = url(name, self.cast, **kwargs)
        self.client.get(page)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(page)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_the_pages_cost_the_same_at_one_and_ten_times_the_data(self):
        self.client.force_login(self.cast.nfp)
        pages = {
            "focal_point_list": {},
            "focal_point_request_detail": {"pk": self.request.pk},
            "designation_detail": {"pk": self.designation.pk},
        }
        self.grow(3)
        small = {name: self.count(name, **kwargs) for name, kwargs in pages.items()}
        self.grow(30)
        large = {name: self.count(name, **kwargs) for name, kwargs in pages.items()}
        self.assertEqual(small, large)
        for name in pages:
            with self.subTest(name=name):
                self.assertLessEqual(large[name], self.BUDGETS[name])


class DemoTests(TestCase):
    def test_the_demo_country_has_its_preconditions_decision_and_focal_points(self):
        import io

        from django.core.management import call_command

        from mainstreaming.models import Process

        with self.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", stdout=io.StringIO())
        process = Process.objects.get()
        self.assertEqual(process.preconditions.count(), 10)
        self.assertEqual(process.precondition_decisions.get().outcome, "go")
        current = {d.institution.acronym: d for d in process.focal_point_designations.filter(is_current=True)}
        self.assertEqual(set(current), {"MoH", "MoLSP", "NSO"})
        self.assertEqual(current["MoH"].user.username, "health")
        self.assertEqual(current["MoLSP"].user.username, "labour")
        self.assertTrue(can_change(current["NSO"].user, current["NSO"].institution))
        self.assertIn("grace.mensah@example.org", [message.to[0] for message in mail.outbox])
        today = timezone.localdate()
        open_requests = process.focal_point_requests.filter(status=RequestStatus.OPEN)
        self.assertEqual(sorted(r.due_on < today for r in open_requests), [False, True])
