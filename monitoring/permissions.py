"""
Who may do what in monitoring and evaluation, in one place.

* The NFP manages (manage_process): opens, locks and unlocks reporting periods, manages evaluations and publishes
  the reports. The facilitator and the NFP review (review_process): approve a progress report or send it back,
  and correct an approved value with a reason.
* A progress report's institution fills it in: its focal points hold the guardian permission
  `fill_progressreport` on the report, granted to the institution's group when the report is created.
* Every other internal reader (ministries, the facilitator) reads a report once it is approved, never another
  ministry's draft; development partners read only the published PDF reports.
* A management response's owner institution reports progress on it: `update_managementresponse` on its group,
  moved when the owner changes.
"""

from django.db.models import Q

from mainstreaming import permissions as core
from monitoring.choices import ReportStatus

FILL_REPORT = "fill_progressreport"
UPDATE_RESPONSE = "update_managementresponse"


def can_view(request_or_user, process) -> bool:
    """Internal readers: every page of the phase except the published PDFs is internal."""
    return core.has_perm(request_or_user, core.VIEW_INTERNAL, process)


def can_manage(request_or_user, process) -> bool:
    return core.has_perm(request_or_user, core.MANAGE_PROCESS, process)


def can_review(request_or_user, process) -> bool:
    return core.has_perm(request_or_user, core.REVIEW_PROCESS, process)


def can_fill(request_or_user, report) -> bool:
    """The report's institution's focal points (and site admins). The NFP does not report for a ministry."""
    return core.has_perm(request_or_user, FILL_REPORT, report)


def can_read_report(request_or_user, report) -> bool:
    """Reviewers and the report's own institution read it at every stage; other internal readers once approved."""
    if not can_view(request_or_user, report.process):
        return False
    return (
        report.status == ReportStatus.APPROVED
        or can_review(request_or_user, report.process)
        or can_fill(request_or_user, report)
    )


def readable_reports(request_or_user, process, reports):
    """
    Narrow `reports` (a queryset of progress reports of `process`) to those `can_read_report` lets the user read:
    all for reviewers; for other internal readers the approved ones and those their institution fills in (the
    same guardian permission as `can_fill`); none for anyone else.
    """
    if not can_view(request_or_user, process):
        return reports.none()
    if can_review(request_or_user, process):
        return reports
    user = getattr(request_or_user, "user", request_or_user)
    own = reports.model.objects.holding(user, FILL_REPORT).values("pk")
    return reports.filter(Q(status=ReportStatus.APPROVED) | Q(pk__in=own))


def can_update_response(request_or_user, response) -> bool:
    """The NFP, or the focal points of the institution that owns the follow-up."""
    return can_manage(request_or_user, response.process) or core.has_perm(request_or_user, UPDATE_RESPONSE, response)


# ---------------------------------------------------------------------------
# Grants (called from services only)
# ---------------------------------------------------------------------------


def grant_reporter(report, institution) -> None:
    core.grant_to_institution(FILL_REPORT, institution, report)


def revoke_reporter(report, institution) -> None:
    core.revoke_from_institution(FILL_REPORT, institution, report)


def grant_response_owner(response, institution) -> None:
    core.grant_to_institution(UPDATE_RESPONSE, institution, response)


def revoke_response_owner(response, institution) -> None:
    core.revoke_from_institution(UPDATE_RESPONSE, institution, response)


def register() -> None:
    """Teach the core's comments and document downloads the rules of progress reports."""
    from monitoring.models import ProgressReport

    core.register_rule("progressreport.read", can_read_report)
    core.register_object_rules(ProgressReport, view="progressreport.read", comment="progressreport.read")
