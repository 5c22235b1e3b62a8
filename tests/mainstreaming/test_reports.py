"""The report pipeline: queued on commit, built once, frozen, checked again on download."""

import hashlib
from pathlib import Path
from unittest import mock

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.test import TestCase
from django.urls import reverse

from mainstreaming import pdf, services
from mainstreaming.choices import BuildStatus, Visibility
from mainstreaming.models import Report
from mainstreaming.tasks import build_report_pdf_task
from tests.cast import make_cast


class ReportPipelineTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def request_report(self, user=None):
        with self.captureOnCommitCallbacks(execute=True):
            report = services.report_request(actor=user or self.cast.nfp, process=self.cast.process)
        report.refresh_from_db()
        return report

    def download(self, report, user=None):
        self.client.force_login(user or self.cast.nfp)
        return self.client.get(reverse("mainstreaming:report_download", args=[self.cast.process.pk, report.pk]))

    def test_nothing_is_queued_before_the_request_commits(self):
        with mock.patch.object(build_report_pdf_task, "delay") as delay:
            with self.captureOnCommitCallbacks(execute=False) as callbacks:
                report = services.report_request(actor=self.cast.nfp, process=self.cast.process)
            delay.assert_not_called()
            for callback in callbacks:
                callback()
            delay.assert_called_once_with(str(report.pk))

    def test_a_built_report_records_its_hash_pages_and_the_moment_its_data_was_read(self):
        report = self.request_report()
        self.assertEqual(report.status, BuildStatus.DONE)
        self.assertEqual(report.progress, 100)
        self.assertGreaterEqual(report.page_count, 2)
        self.assertIsNotNone(report.data_read_at)
        content = (Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()
        self.assertTrue(content.startswith(b"%PDF"))
        self.assertEqual(report.sha256, hashlib.sha256(content).hexdigest())
        self.assertEqual(report.file_size, len(content))
        reasons = [row.history_change_reason for row in report.history.order_by("history_id")]
        self.assertEqual(reasons, ["report.requested", "report.started", "report.built"])

    def test_the_download_is_the_same_bytes_whatever_changed_since(self):
        report = self.request_report()
        first = self.download(report)
        services.institution_update(actor=self.cast.nfp, institution=self.cast.health, data={"name": "Renamed"})
        second = self.download(report)
        self.assertEqual(first.status_code, 200)
        self.assertEqual(first["Content-Type"], "application/pdf")
        self.assertIn("attachment;", first["Content-Disposition"])
        self.assertEqual(first.content, second.content)
        self.assertEqual(hashlib.sha256(second.content).hexdigest(), report.sha256)

    def test_a_second_delivery_of_the_task_changes_nothing(self):
        report = self.request_report()
        before = (Path(settings.MEDIA_ROOT) / report.file.name).read_bytes()
        build_report_pdf_task.delay(str(report.pk))
        report.refresh_from_db()
        self.assertEqual(report.attempts, 1)
        self.assertEqual((Path(settings.MEDIA_ROOT) / report.file.name).read_bytes(), before)
        self.assertEqual(report.history.filter(history_change_reason="report.built").count(), 1)

    def test_a_build_lost_with_its_worker_is_taken_again(self):
        report = Report.objects.create(process=self.cast.process, kind="process_overview", requested_by=self.cast.nfp)
        long_ago = report.created.replace(year=report.created.year - 1)
        Report.objects.filter(pk=report.pk).update(status=BuildStatus.RUNNING, started_at=long_ago)
        build_report_pdf_task.delay(str(report.pk))
        report.refresh_from_db()
        self.assertEqual(report.status, BuildStatus.DONE)

    def test_a_build_running_elsewhere_is_left_alone(self):
        report = Report.objects.create(process=self.cast.process, kind="process_overview", requested_by=self.cast.nfp)
        Report.objects.filter(pk=report.pk).update(status=BuildStatus.RUNNING, started_at=report.created)
        build_report_pdf_task.delay(str(report.pk))
        report.refresh_from_db()
        self.assertEqual((report.status, report.attempts), (BuildStatus.RUNNING, 0))

    def test_a_transient_error_is_retried(self):
        real_render = pdf.render_pdf
        calls = []

        def flaky(**kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise OSError("disk briefly unavailable")
            return real_render(**kwargs)

        with mock.patch("mainstreaming.pdf.render_pdf", side_effect=flaky):
            report = self.request_report()
        self.assertEqual(report.status, BuildStatus.DONE)
        self.assertEqual(report.attempts, 2)

    def test_a_permanent_error_fails_the_build_with_a_message(self):
        with mock.patch("mainstreaming.pdf.render_pdf", side_effect=ValueError("template is broken")):
            report = self.request_report()
        self.assertEqual(report.status, BuildStatus.FAILED)
        self.assertIn("template is broken", report.error)
        self.client.force_login(self.cast.nfp)
        response = self.client.get(report.get_absolute_url())
        self.assertContains(response, "The build failed.")
        self.assertEqual(self.download(report).status_code, 404)

    def test_a_build_past_its_time_limit_is_marked_failed(self):
        with mock.patch("mainstreaming.pdf.render_pdf", side_effect=SoftTimeLimitExceeded()):
            report = self.request_report()
        self.assertEqual(report.status, BuildStatus.FAILED)
        self.assertIn("too long", report.error)

    def test_a_tampered_file_is_not_served(self):
        report = self.request_report()
        (Path(settings.MEDIA_ROOT) / report.file.name).write_bytes(b"%PDF-1.7 forged")
        response = self.download(report)
        self.assertRedirects(response, report.get_absolute_url(), fetch_redirect_response=False)
        response = self.client.get(report.get_absolute_url())
        self.assertContains(response, "cannot be served")

    def test_the_detail_page_polls_until_done_and_then_offers_the_download(self):
        report = Report.objects.create(process=self.cast.process, kind="process_overview", requested_by=self.cast.nfp)
        self.client.force_login(self.cast.nfp)
        response = self.client.get(reverse("mainstreaming:report_status", args=[self.cast.process.pk, report.pk]))
        self.assertContains(response, "hx-trigger")
        self.assertContains(response, "<progress")
        build_report_pdf_task.delay(str(report.pk))
        response = self.client.get(reverse("mainstreaming:report_status", args=[self.cast.process.pk, report.pk]))
        self.assertNotContains(response, "hx-trigger")
        self.assertContains(response, "Download the PDF")

    def test_requesting_from_the_dashboard_redirects_to_the_progress_page(self):
        self.client.force_login(self.cast.facilitator)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(reverse("mainstreaming:report_request", args=[self.cast.process.pk]))
        report = Report.objects.get()
        self.assertRedirects(response, report.get_absolute_url())
        self.assertEqual(report.requested_by, self.cast.facilitator)

    def test_the_report_is_listed_in_the_process_audit_trail(self):
        self.request_report()
        self.client.force_login(self.cast.nfp)
        response = self.client.get(reverse("mainstreaming:process_history", args=[self.cast.process.pk]))
        self.assertContains(response, "report.built")
        self.assertContains(response, "Process overview")

    def test_the_pdf_speaks_the_language_of_its_requester(self):
        from django.utils import translation

        with translation.override("fr"):
            report = self.request_report()
        self.assertEqual(report.parameters["language"], "fr")


class PublicationTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()
        report = services.report_request(actor=cls.cast.nfp, process=cls.cast.process)
        cls.report = services.report_build(report_id=report.pk)

    def test_the_donor_sees_a_report_only_once_it_is_published(self):
        self.client.force_login(self.cast.donor)
        list_url = reverse("mainstreaming:report_list", args=[self.cast.process.pk])
        self.assertNotContains(self.client.get(list_url), self.report.get_absolute_url())
        services.report_publish(actor=self.cast.nfp, report=self.report, reason="Endorsed by the committee")
        self.assertContains(self.client.get(list_url), self.report.get_absolute_url())
        download = self.client.get(
            reverse("mainstreaming:report_download", args=[self.cast.process.pk, self.report.pk])
        )
        self.assertEqual(download.status_code, 200)

    def test_publishing_records_who_and_why_and_never_touches_the_file(self):
        services.report_publish(actor=self.cast.nfp, report=self.report, reason="Endorsed")
        self.report.refresh_from_db()
        self.assertEqual(self.report.visibility, Visibility.PUBLISHED)
        row = self.report.history.first()
        self.assertEqual((row.history_user, row.history_change_reason), (self.cast.nfp, "report.published: Endorsed"))
        self.assertEqual(row.sha256, self.report.sha256)

    def test_a_report_still_building_cannot_be_published(self):
        from django.core.exceptions import ValidationError

        queued = Report.objects.create(process=self.cast.process, kind="process_overview", requested_by=self.cast.nfp)
        with self.assertRaises(ValidationError):
            services.report_publish(actor=self.cast.nfp, report=queued)


class StalledAndAtomicTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    def test_beat_requeues_a_build_no_worker_took(self):
        from datetime import timedelta

        from django.utils import timezone

        from mainstreaming.tasks import requeue_stalled_reports_task

        def report(**fields):
            created = Report.objects.create(
                process=self.cast.process, kind="process_overview", requested_by=self.cast.nfp
            )
            Report.objects.filter(pk=created.pk).update(**fields)
            return created

        now = timezone.now()
        stalled = report(queued_at=now - timedelta(hours=1))
        fresh = report(queued_at=now)
        forgotten = report(created=now - timedelta(days=2), queued_at=now - timedelta(hours=1))
        with mock.patch.object(build_report_pdf_task, "delay") as delay:
            requeued = requeue_stalled_reports_task.delay().get()
            self.assertEqual(requeued, [str(stalled.pk)])
            delay.assert_called_once_with(str(stalled.pk))
            # Sent again just now: the next beat leaves it alone rather than piling up messages.
            self.assertEqual(requeue_stalled_reports_task.delay().get(), [])
        for item in (stalled, fresh, forgotten):
            item.refresh_from_db()
        self.assertEqual((stalled.status, fresh.status), (BuildStatus.QUEUED, BuildStatus.QUEUED))
        self.assertEqual(forgotten.status, BuildStatus.FAILED)
        self.assertIn("No worker built this report", forgotten.error)
        build_report_pdf_task.delay(str(stalled.pk))
        stalled.refresh_from_db()
        self.assertEqual(stalled.status, BuildStatus.DONE)

    def test_a_failed_write_leaves_the_previous_file_whole(self):
        path = Path(settings.MEDIA_ROOT) / "atomic" / "report.pdf"
        services.write_atomically(path, b"first version")

        class Boom(Exception):
            pass

        with mock.patch("os.fsync", side_effect=Boom), self.assertRaises(Boom):
            services.write_atomically(path, b"second version that never lands")
        self.assertEqual(path.read_bytes(), b"first version")
        self.assertEqual([p.name for p in path.parent.iterdir()], ["report.pdf"])  # no temporary file left


class AdminTests(TestCase):
    def test_the_site_admin_creates_a_process_and_its_first_nfp(self):
        from django.contrib.auth import get_user_model

        from mainstreaming import permissions
        from mainstreaming.models import Process
        from tests.factories import UserFactory

        admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
        first_nfp = UserFactory(username="first-nfp")
        self.client.force_login(admin)
        response = self.client.post(
            reverse("admin:mainstreaming_process_add"),
            {
                "country": "Tanaria",
                "title": "Migration in the PRSP",
                "instrument": "prsp",
                "period_start": 2027,
                "period_end": 2031,
                "current_phase": "preparation",
                "status": "active",
                "first_nfp": first_nfp.pk,
            },
        )
        self.assertEqual(response.status_code, 302, response.content[:2000])
        process = Process.objects.get(country="Tanaria")
        self.assertEqual(process.phases.count(), 7)
        self.assertTrue(permissions.has_perm(first_nfp, permissions.MANAGE_PROCESS, process))
        self.assertEqual(process.history.first().history_user, admin)
        self.client.force_login(first_nfp)
        self.assertEqual(self.client.get(process.get_absolute_url()).status_code, 200)

    def test_the_period_cannot_end_before_it_starts(self):
        from django.contrib.auth import get_user_model

        admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
        self.client.force_login(admin)
        response = self.client.post(
            reverse("admin:mainstreaming_process_add"),
            {
                "country": "Tanaria",
                "title": "Backwards",
                "instrument": "prsp",
                "period_start": 2031,
                "period_end": 2027,
                "current_phase": "preparation",
                "status": "active",
            },
        )
        self.assertContains(response, "cannot end before it starts")
