"""
The report pipeline end to end: a request committed in the web process, a real Celery worker (see conftest.py)
building the PDF from the same PostgreSQL database through Redis, and the file served back unchanged.
"""

import hashlib
import io
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from pypdf import PdfReader

from mainstreaming import services
from mainstreaming.choices import BuildStatus
from mainstreaming.models import Institution
from mainstreaming.tasks import build_report_pdf_task
from tests.cast import make_cast

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BUILD_TIMEOUT = 90
TASK_TIMEOUT = 30


def request_overview(cast):
    with transaction.atomic():  # the task is queued on commit: the worker sees it
        report = services.report_request(actor=cast.nfp, process=cast.process)
    assert report.parameters["language"] == "en"
    return report


def wait_until_finished(report, worker, timeout=BUILD_TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        report.refresh_from_db()
        if report.is_finished:
            return report
        if worker.process.poll() is not None:
            pytest.fail(f"the Celery worker died while report {report.pk} was {report.status}")
        if time.monotonic() > deadline:
            pytest.fail(f"report {report.pk} still {report.status} ({report.progress} %) after {timeout} s")
        time.sleep(0.25)


def build_overview(cast, worker):
    report = wait_until_finished(request_overview(cast), worker)
    assert report.status == BuildStatus.DONE, f"the build failed: {report.error}"
    return report


def stored_path(report) -> Path:
    return Path(settings.MEDIA_ROOT) / report.file.name


def history_reasons(report) -> list[str]:
    return list(report.history.order_by("history_date", "history_id").values_list("history_change_reason", flat=True))


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


@pytest.fixture
def cast(worker):
    # Made after the worker fixture has routed tasks to its queue, so any e-mail the set-up queues goes there too.
    return make_cast()


def test_the_worker_builds_the_overview_pdf(cast, worker):
    report = build_overview(cast, worker)

    assert report.attempts == 1
    assert report.page_count >= 2
    assert report.data_read_at is not None
    assert report.started_at is not None and report.finished_at is not None
    assert report.error == ""

    path = stored_path(report)
    assert path.is_file()
    assert path.resolve().is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    content = path.read_bytes()
    assert content.startswith(b"%PDF")
    assert report.file_size == len(content)
    assert hashlib.sha256(content).hexdigest() == report.sha256

    text = pdf_text(content)
    for expected in ("Process overview", "Ministry of Health", "Ministry of Labour"):
        assert expected in text
    # The cover prints the country in capitals (text-transform in print.css), so the text layer says "MERIDIA";
    # the document's title and author keep it as written.
    assert "meridia" in text.casefold()
    metadata = PdfReader(io.BytesIO(content)).metadata
    assert metadata.title == "Process overview — Meridia"
    assert metadata.author == "Meridia"

    reasons = history_reasons(report)
    for code in ("report.requested", "report.started", "report.built"):
        assert any(reason and reason.startswith(code) for reason in reasons), reasons
    assert [r for r in reasons if (r or "").startswith("report.built")] == ["report.built"]


def test_a_second_delivery_of_the_task_changes_nothing(cast, worker):
    report = build_overview(cast, worker)
    path = stored_path(report)
    content_before = path.read_bytes()
    mtime_before = path.stat().st_mtime_ns
    history_before = history_reasons(report)

    result = build_report_pdf_task.delay(str(report.pk))
    result.get(timeout=TASK_TIMEOUT)  # raises if the task failed; the worker has finished with it once this returns
    assert result.successful()

    report.refresh_from_db()
    assert report.status == BuildStatus.DONE
    assert report.attempts == 1
    assert path.read_bytes() == content_before
    assert path.stat().st_mtime_ns == mtime_before
    assert hashlib.sha256(content_before).hexdigest() == report.sha256
    assert history_reasons(report) == history_before
    assert [r for r in history_reasons(report) if (r or "").startswith("report.built")] == ["report.built"]


def test_a_download_is_the_frozen_record_not_todays_data(cast, worker, client):
    report = build_overview(cast, worker)
    stored = stored_path(report).read_bytes()

    services.institution_update(actor=cast.nfp, institution=cast.health, data={"name": "Ministry of Public Health"})
    assert Institution.objects.get(pk=cast.health.pk).name == "Ministry of Public Health"

    client.force_login(cast.nfp)
    response = client.get(
        reverse("mainstreaming:report_download", kwargs={"process_pk": cast.process.pk, "pk": report.pk})
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == stored
    assert hashlib.sha256(response.content).hexdigest() == report.sha256
    assert response["X-Content-SHA256"] == report.sha256
    text = pdf_text(response.content)
    assert "Ministry of Health" in text
    assert "Ministry of Public Health" not in text
