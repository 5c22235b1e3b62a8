"""Celery entry points of the core: thin wrappers that load by id and call a service."""

import logging
import smtplib

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import send_mail

from mainstreaming import services

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
    soft_time_limit=settings.REPORT_BUILD_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_BUILD_TIME_LIMIT,
)
def build_report_pdf_task(self, report_id: str) -> None:
    """
    Build one report's PDF. Acknowledged only once finished, so a worker that dies mid-build leaves the task to
    be delivered again; the claim in report_build makes that second delivery harmless.
    """
    try:
        services.report_build(report_id=report_id)
    except SoftTimeLimitExceeded:
        services.report_fail(report_id=report_id, error="The build took too long and was stopped.")
    except services.TRANSIENT_ERRORS as exc:
        if self.request.retries < self.max_retries:
            logger.warning("Report %s: transient error, retrying: %s", report_id, exc)
            services.report_release(report_id=report_id)
            raise self.retry(exc=exc, countdown=5 * 2**self.request.retries) from exc
        services.report_fail(report_id=report_id, error=f"The build failed after several tries: {exc}")
    except Exception as exc:
        logger.exception("Report %s failed", report_id)
        services.report_fail(report_id=report_id, error=f"{type(exc).__name__}: {exc}")


@shared_task(
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_email_task(*, recipients: list[str], subject: str, body: str) -> None:
    """Send one notification e-mail; a mail server that is briefly away gets a few more tries."""
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@shared_task
def requeue_stalled_reports_task() -> list[str]:
    """Run by beat: give stalled report builds another chance (see report_requeue_stalled)."""
    return services.report_requeue_stalled()
