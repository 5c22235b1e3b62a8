"""
Who may do what in monitoring and evaluation, in one place: the phase's permission rules (mainstreaming.permissions).

* The NFP manages (the core's `manage_process` rule): opens, locks and unlocks reporting periods, manages
  evaluations and publishes the reports. The facilitator and the NFP review (`progressreport.review`): approve a
  progress report or send it back, and correct an approved value with a reason.
* A progress report's institution fills it in (`progressreport.fill`): its focal points hold the guardian
  permission `fill_progressreport` on the report, granted to the institution's group when the report is created.
* Every other internal reader (ministries, the facilitator) reads a report once it is approved, never another
  ministry's draft (`progressreport.read`); development partners read only the published PDF reports.
* A management response's owner institution reports progress on it (`managementresponse.update`):
  `update_managementresponse` on its group, moved when the owner changes; the NFP may too.

Each rule that a list can be filtered by has a `narrow`, so that selectors `restrict()` their querysets with it.
"""

from django.db.models import Q

from mainstreaming import permissions as core
from monitoring.choices import ReportStatus

FILL_REPORT = "fill_progressreport"
UPDATE_RESPONSE = "update_managementresponse"

READ_REPORT = "progressreport.read"
FILL = "progressreport.fill"
REVIEW = "progressreport.review"
UPDATE = "managementresponse.update"
OWNED = "managementresponse.owned"


def _user(request_or_user):
    return getattr(request_or_user, "user", request_or_user)


# ---------------------------------------------------------------------------
# Progress reports
# ---------------------------------------------------------------------------


def _narrow_fill(user, queryset):
    """The reports the person's institution fills in (site admins: all)."""
    if user.is_superuser:
        return queryset
    return queryset.filter(pk__in=queryset.model.objects.holding(user, FILL_REPORT).values("pk"))


@core.rule(FILL, narrow=_narrow_fill)
def can_fill(request_or_user, report) -> bool:
    """The report's institution's focal points (and site admins). The NFP does not report for a ministry."""
    return core.has_perm(request_or_user, FILL_REPORT, report)


@core.rule(REVIEW, narrow=core.narrow_by(core.REVIEW_PROCESS))
def can_review(request_or_user, report) -> bool:
    """The facilitator and the NFP review every report of the process (a report or its process)."""
    return core.has_perm(request_or_user, core.REVIEW_PROCESS, core.process_of(report))


def _narrow_read(user, queryset):
    """
    Reviewers read every report of their processes; other internal readers the approved ones and those their
    institution fills in (the same guardian permission as `progressreport.fill`); nobody else any.
    """
    internal = core.restrict(queryset, user, core.VIEW_INTERNAL)
    if user.is_superuser:
        return internal
    own = queryset.model.objects.holding(user, FILL_REPORT).values("pk")
    return internal.filter(
        Q(status=ReportStatus.APPROVED)
        | Q(process__in=core.processes_holding(user, core.REVIEW_PROCESS))
        | Q(pk__in=own)
    )


@core.rule(READ_REPORT, narrow=_narrow_read)
def can_read_report(request_or_user, report) -> bool:
    """Reviewers and the report's own institution read it at every stage; other internal readers once approved."""
    if not core.has_perm(request_or_user, core.VIEW_INTERNAL, report.process):
        return False
    return report.is_approved or can_review(request_or_user, report) or can_fill(request_or_user, report)


# ---------------------------------------------------------------------------
# Management responses
# ---------------------------------------------------------------------------


def _narrow_update(user, queryset):
    """The responses of the processes the person manages, and those their institution owns."""
    if user.is_superuser:
        return queryset
    owned = queryset.model.objects.holding(user, UPDATE_RESPONSE).values("pk")
    return queryset.filter(Q(process__in=core.processes_holding(user, core.MANAGE_PROCESS)) | Q(pk__in=owned))


@core.rule(UPDATE, narrow=_narrow_update)
def can_update_response(request_or_user, response) -> bool:
    """The NFP, or the focal points of the institution that owns the follow-up."""
    return core.has_perm(request_or_user, core.MANAGE_PROCESS, response.process) or core.has_perm(
        request_or_user, UPDATE_RESPONSE, response
    )


@core.rule(
    OWNED,
    narrow=lambda user, queryset: queryset.filter(pk__in=queryset.model.objects.holding(user, UPDATE_RESPONSE)),
)
def owns_response(request_or_user, response) -> bool:
    """The focal points of the institution that owns the follow-up: the people it waits for."""
    return core.has_perm(request_or_user, UPDATE_RESPONSE, response)


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

    core.register_object_rules(ProgressReport, view=READ_REPORT, comment=READ_REPORT)
