"""
Monitoring's background work on a real Celery worker (see conftest.py): the periodic progress report built from
PostgreSQL through Redis prints the approved report and never a ministry's draft, and the beat task that reminds
institutions of their progress reports runs on the worker and records the day it reminded.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from mainstreaming.choices import BuildStatus
from monitoring.choices import ReportStatus as ProgressStatus
from monitoring.services.reports import period_report_request
from monitoring.tasks import send_progress_report_reminders_task
from tests.cast import make_cast
from tests.implementation_plans.builders import make_chain
from tests.integration.test_report_worker import TASK_TIMEOUT, pdf_text, stored_path, wait_until_finished
from tests.monitoring.builders import make_indicator, make_period, make_report, make_reported_indicator, make_value

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

DRAFT_FIGURE = "987654"


@pytest.fixture
def cast(worker):
    return make_cast()


def test_the_worker_builds_a_periods_progress_report_from_approved_reports_only(cast, worker):
    chain = make_chain(cast)
    reported = make_reported_indicator(cast, chain.outcome, values=(Decimal("40"),))
    period = reported.periods[0]
    drafted = make_indicator(cast, chain.output, responsible=cast.health, name="Nurses retained in rural districts")
    make_value(make_report(cast, period, cast.health), drafted, Decimal(DRAFT_FIGURE))

    with transaction.atomic():  # queued on commit: the worker sees it
        report = period_report_request(actor=cast.nfp, period=period)
    report = wait_until_finished(report, worker)
    assert report.status == BuildStatus.DONE, f"the build failed: {report.error}"

    text = pdf_text(stored_path(report).read_bytes())
    assert period.label in text
    assert "Ministry of Labour" in text
    assert "Workers oriented before departure" in text
    assert "Ministry of Health" in text  # listed with its status...
    assert DRAFT_FIGURE not in text.replace(" ", "")  # ...but its draft value is never printed


def test_the_worker_runs_the_progress_report_reminders(cast, worker):
    today = timezone.localdate()
    period = make_period(cast, label="current", starts_on=today - timedelta(days=90), ends_on=today - timedelta(days=1))
    period.due_on = today + timedelta(days=7)
    period.save()
    report = make_report(cast, period, cast.labour)
    assert report.status == ProgressStatus.DRAFT

    result = send_progress_report_reminders_task.delay()
    assert result.get(timeout=TASK_TIMEOUT) == 1
    report.refresh_from_db()
    assert report.last_reminded_on == today
    # A second run the same day reminds nobody again.
    assert send_progress_report_reminders_task.delay().get(timeout=TASK_TIMEOUT) == 0
