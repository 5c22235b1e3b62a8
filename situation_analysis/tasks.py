"""Celery entry points of the situation analysis: thin wrappers that call a service."""

from celery import shared_task

from situation_analysis.services import assignments as services


@shared_task
def send_assignment_reminders_task() -> int:
    """
    Run by beat every morning (CELERY_BEAT_SCHEDULE): remind the lead institutions of checklists due in a week or
    tomorrow, and, once overdue, every week (with the NFP in copy). Returns how many checklists were reminded. The
    service records the day of each reminder, so a second run the same day sends nothing more.
    """
    return services.assignments_remind()


# The name the first version of this module gave the task: tests and running workers may still call it.
assignments_remind_task = send_assignment_reminders_task
