"""Awareness-raising and consultation events: who took part by category and sex, materials, history."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from mainstreaming.selectors import documents_of
from stakeholders.demo.consultation import load_reference
from stakeholders.models import Event, EventKind, EventParticipation
from stakeholders.selectors import consultation as selectors
from stakeholders.services import consultation as services
from tests.cast import make_cast
from tests.factories import InstitutionFactory


def make_event(cast, *, title="Briefing for line ministries", held_on=date(2026, 3, 4), kind="briefing", **extra):
    return services.event_create(
        actor=cast.nfp,
        process=cast.process,
        kind=EventKind.objects.get(code=kind),
        title=title,
        held_on=held_on,
        **extra,
    )


def counts(female=0, male=0, not_stated=0):
    return {"female": female, "male": male, "not_stated": not_stated}


class EventRecordTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        load_reference()

    def url(self, name, *args):
        return reverse(f"stakeholders:{name}", args=[self.cast.process.pk, *args])

    def test_the_nfp_records_an_event_with_its_targets_and_the_history_says_who_and_why(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("event_create"),
            {
                "kind": EventKind.objects.get(code="awareness-workshop").pk,
                "title": "Why migration matters for development",
                "held_on": "2026-02-10",
                "place": "Port Alder",
                "organiser": self.cast.health.pk,
                "target_institutions": [self.cast.health.pk, self.cast.labour.pk],
                "target_categories": ["diaspora", "government"],
                "key_messages": "Remittances exceed aid.",
                "outcomes": "Two ministries will name focal points.",
                "follow_ups": "Send the terms of reference.",
            },
        )
        event = Event.objects.get()
        self.assertRedirects(response, event.get_absolute_url())
        self.assertEqual(set(event.target_institutions.all()), {self.cast.health, self.cast.labour})
        # Stored in the order of the list, so every page shows categories the same way.
        self.assertEqual(event.target_categories, ["government", "diaspora"])
        rows = list(event.history.order_by("history_id"))
        self.assertEqual([row.history_change_reason for row in rows], ["event.created", "event.targets_changed"])
        self.assertTrue(all(row.history_user == self.cast.nfp for row in rows))

        detail = self.client.get(event.get_absolute_url())
        for text in ("Why migration matters for development", "Remittances exceed aid.", "Central government"):
            self.assertContains(detail, text)
        self.assertContains(detail, "Diaspora and migrant associations")

    def test_an_edit_keeps_the_reason_and_the_history_tab_shows_the_change(self):
        event = make_event(self.cast, target_institutions=[self.cast.health])
        before = set(event.history.values_list("history_id", flat=True))
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("event_edit", event.pk),
            {
                "kind": event.kind_id,
                "title": "Briefing for ministers",
                "held_on": "2026-03-04",
                "target_institutions": [self.cast.labour.pk],
                "reason": "The ministers came instead",
            },
        )
        self.assertRedirects(response, event.get_absolute_url())
        # One row for the fields, then the change of targets (simple-history keeps a row per removal and addition).
        rows = list(event.history.exclude(history_id__in=before).order_by("history_id"))
        self.assertEqual(rows[0].history_change_reason, "event.updated: The ministers came instead")
        self.assertEqual(
            {row.history_change_reason for row in rows[1:]}, {"event.targets_changed: The ministers came instead"}
        )
        self.assertTrue(all(row.history_user == self.cast.nfp for row in rows))
        self.assertEqual(
            list(event.history.first().target_institutions.values_list("institution", flat=True)), [self.cast.labour.pk]
        )
        history = self.client.get(self.url("event_history", event.pk))
        self.assertContains(history, "<del>Briefing for line ministries</del>", html=True)
        self.assertContains(history, "<ins>Briefing for ministers</ins>", html=True)
        self.assertContains(history, "The ministers came instead")

    def test_a_bad_date_is_shown_beside_its_field_and_nothing_is_saved(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url("event_create"), {"kind": EventKind.objects.first().pk, "title": "X", "held_on": "not a date"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFormError(response.context["form"], "held_on", "Enter a valid date.")
        self.assertContains(response, 'id="id_held_on_error"', status_code=400)
        self.assertFalse(Event.objects.exists())

    def test_institutions_of_another_process_are_refused(self):
        stranger = InstitutionFactory(process=self.cast.other_process, name="Foreign ministry")
        with self.assertRaises(ValidationError) as caught:
            make_event(self.cast, organiser=stranger)
        self.assertIn("organiser", caught.exception.message_dict)
        with self.assertRaises(ValidationError) as caught:
            make_event(self.cast, target_institutions=[stranger])
        self.assertIn("target_institutions", caught.exception.message_dict)
        self.assertFalse(Event.objects.exists())

    def test_only_the_nfp_records_events(self):
        for user in (self.cast.own, self.cast.facilitator, self.cast.donor):
            with self.subTest(user=user.username), self.assertRaises(PermissionDenied):
                services.event_create(
                    actor=user,
                    process=self.cast.process,
                    kind=EventKind.objects.first(),
                    title="Not allowed",
                    held_on=date(2026, 1, 1),
                )


class ParticipationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        load_reference()

    def setUp(self):
        self.event = make_event(self.cast)
        self.url = reverse("stakeholders:event_participation", args=[self.cast.process.pk, self.event.pk])

    def test_participation_is_totalled_by_sex_across_categories(self):
        services.event_participation_set(
            actor=self.cast.nfp,
            event=self.event,
            counts={"civil_society": counts(5, 3, 1), "government": counts(4, 6), "diaspora": counts(2, 0, 2)},
        )
        summary = selectors.event_get(process=self.cast.process, pk=self.event.pk).participation_summary
        # In the order of the category list, not alphabetically.
        self.assertEqual([row.category for row in summary.rows], ["government", "civil_society", "diaspora"])
        self.assertEqual(
            (summary.totals.female, summary.totals.male, summary.totals.not_stated, summary.totals.total),
            (11, 9, 3, 23),
        )
        self.assertEqual(summary.rows[1].counts.total, 9)

    def test_the_list_sums_each_event_and_all_events_by_sex(self):
        services.event_participation_set(
            actor=self.cast.nfp, event=self.event, counts={"government": counts(4, 6), "media": counts(1, 1, 1)}
        )
        later = make_event(self.cast, title="Consultation", kind="consultation", held_on=date(2026, 5, 1))
        services.event_participation_set(actor=self.cast.nfp, event=later, counts={"civil_society": counts(7, 2)})
        make_event(self.cast, title="Nobody counted yet", held_on=date(2026, 1, 1))

        self.client.force_login(self.cast.facilitator)
        response = self.client.get(reverse("stakeholders:event_list", args=[self.cast.process.pk]))
        events = response.context["events"]
        self.assertEqual(
            [e.title for e in events], ["Consultation", "Briefing for line ministries", "Nobody counted yet"]
        )
        self.assertEqual([e.participants.total for e in events], [9, 13, 0])
        totals = response.context["totals"]
        self.assertEqual((totals.female, totals.male, totals.not_stated, totals.total), (12, 9, 1, 22))
        self.assertContains(response, "3 events, 22 participants (12 women, 9 men).")

        filtered = self.client.get(
            reverse("stakeholders:event_list", args=[self.cast.process.pk]), {"kind": "consultation"}
        )
        self.assertEqual([e.title for e in filtered.context["events"]], ["Consultation"])
        self.assertEqual(filtered.context["totals"].total, 9)

    def test_the_form_saves_one_row_per_category_and_removes_rows_set_to_zero(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url,
            {"government-female": "3", "government-male": "4", "academia-not_stated": "2", "media-female": "0"},
        )
        self.assertRedirects(response, self.event.get_absolute_url())
        rows = {row.category: (row.female, row.male, row.not_stated) for row in self.event.participation.all()}
        self.assertEqual(rows, {"government": (3, 4, 0), "academia": (0, 0, 2)})
        government = self.event.participation.get(category="government")
        self.assertEqual(government.history.get().history_change_reason, "participation.recorded")
        self.assertEqual(government.history.get().history_user, self.cast.nfp)

        # The form shows what was saved; clearing a category removes its row, with the reason in its history.
        form = self.client.get(self.url).context["form"]
        self.assertEqual(form["government-male"].initial, 4)
        self.client.post(
            self.url,
            {"government-female": "3", "government-male": "5", "academia-not_stated": "0", "reason": "Recount"},
        )
        rows = {row.category: (row.female, row.male, row.not_stated) for row in self.event.participation.all()}
        self.assertEqual(rows, {"government": (3, 5, 0)})
        removed = EventParticipation.history.filter(category="academia", history_type="-").get()
        self.assertEqual(removed.history_change_reason, "participation.removed: Recount")
        self.assertEqual(removed.history_user, self.cast.nfp)
        self.assertEqual(government.history.first().history_change_reason, "participation.changed: Recount")

    def test_a_negative_number_is_refused_beside_its_field_and_nothing_is_saved(self):
        services.event_participation_set(actor=self.cast.nfp, event=self.event, counts={"government": counts(1, 1)})
        self.client.force_login(self.cast.nfp)
        response = self.client.post(self.url, {"government-female": "5", "civil_society-male": "-2"})
        self.assertEqual(response.status_code, 400)
        self.assertFormError(
            response.context["form"], "civil_society-male", "Ensure this value is greater than or equal to 0."
        )
        self.assertContains(response, 'id="id_civil_society-male_error"', status_code=400)
        self.assertEqual(self.event.participation.get().female, 1)

    def test_the_service_refuses_bad_numbers_by_field(self):
        with self.assertRaises(ValidationError) as caught:
            services.event_participation_set(
                actor=self.cast.nfp, event=self.event, counts={"government": {"female": -1, "male": 2}}
            )
        self.assertIn("government-female", caught.exception.message_dict)
        self.assertFalse(self.event.participation.exists())


class EventMaterialTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        load_reference()
        cls.event = make_event(cls.cast)

    def setUp(self):
        self.url = reverse("stakeholders:event_document_upload", args=[self.cast.process.pk, self.event.pk])

    def test_an_upload_is_kept_with_the_event_and_listed_on_its_page(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(
            self.url, {"title": "Workshop agenda", "file": SimpleUploadedFile("agenda.pdf", b"%PDF-1.7 agenda")}
        )
        self.assertRedirects(response, self.event.get_absolute_url())
        document = documents_of(self.event).get()
        self.assertEqual((document.title, document.uploaded_by), ("Workshop agenda", self.cast.nfp))
        self.client.force_login(self.cast.other)
        detail = self.client.get(self.event.get_absolute_url())
        self.assertContains(detail, "Workshop agenda")
        self.assertNotContains(detail, self.url)  # only the NFP is offered the upload

    def test_a_file_whose_content_is_refused_comes_back_with_the_reason_beside_the_field(self):
        self.client.force_login(self.cast.nfp)
        program = SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 50)
        response = self.client.post(self.url, {"title": "Agenda", "file": program})
        self.assertEqual(response.status_code, 400)
        self.assertIn("This kind of file is not accepted", str(response.context["form"].errors["file"]))
        self.assertContains(response, 'id="id_file_error"', status_code=400)
        self.assertFalse(documents_of(self.event).exists())

    def test_a_name_that_lies_about_its_content_is_refused_beside_the_field(self):
        self.client.force_login(self.cast.nfp)
        response = self.client.post(self.url, {"file": SimpleUploadedFile("agenda.docx", b"%PDF-1.7 agenda")})
        self.assertEqual(response.status_code, 400)
        self.assertIn("rename it to end in .pdf", str(response.context["form"].errors["file"]))

    def test_the_facilitator_comments_on_an_event(self):
        self.client.force_login(self.cast.facilitator)
        detail = self.client.get(self.event.get_absolute_url())
        self.assertContains(detail, "Add comment")
        self.assertNotContains(detail, "Attach a document")


class EventEmptyStateTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_an_empty_list_explains_that_awareness_raising_comes_first(self):
        url = reverse("stakeholders:event_list", args=[self.cast.process.pk])
        self.client.force_login(self.cast.nfp)
        response = self.client.get(url)
        self.assertContains(response, "Raising awareness is the National Focal Point's first task")
        self.assertContains(response, "Record the first event")
        self.client.force_login(self.cast.own)
        self.assertNotContains(self.client.get(url), "Record the first event")
