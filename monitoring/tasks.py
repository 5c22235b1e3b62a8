"""Celery entry points of monitoring: thin wrappers that call a service."""

from celery import shared_task

from monitoring.services import evaluations, reporting


@shared_task
def send_progress_report_reminders_task() -> int:
    """
    Run by beat every morning (CELERY_BEAT_SCHEDULE): remind the institutions whose progress reports are due in a
    week or tomorrow, then every week once overdue, and tell the NFP once a report is
    MONITORING_ESCALATE_AFTER_DAYS days overdue. Returns how many reports were reminded. The service records the
    day of each reminder, so a second run the same day sends nothing more.
    """
    return reporting.reports_remind()


@shared_task
def send_response_reminders_task() -> int:
    """
    Run by beat every morning (CELERY_BEAT_SCHEDULE): remind the owner institutions of management responses whose
    follow-up is due in a week or tomorrow, then every week once overdue. Returns how many responses were reminded.
    The service records the day of each reminder, so a second run the same day sends nothing more.
    """
    return evaluations.responses_remind()
