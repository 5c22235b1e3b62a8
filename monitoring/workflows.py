"""
The review steps of monitoring, as tables (mainstreaming.workflow): a progress report (submit, approve, return), a
reporting period (lock, unlock) and a management response's follow-up (start, complete, reopen, reset).

Each step names who may take it (a rule of monitoring.permissions or the core's), the statuses it starts from,
the audit code of its history row and the e-mail it sends. The services (monitoring.services) call
`REPORT.perform(actor, report, "approve", reason=note)`; views and templates ask `record.actions_for(user)` or
`record.can(user, "submit")`.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from implementation_plans.choices import ActivityStatus
from mainstreaming import permissions as core
from mainstreaming import selectors as core_selectors
from mainstreaming.choices import Role
from mainstreaming.services import notify, save_audited
from mainstreaming.workflow import Notice, Transition, Workflow, register
from monitoring import permissions
from monitoring.choices import ActivityProgress, PeriodStatus, ReportStatus, ResponseStatus, ReviewAction
from monitoring.models import ActivityUpdate, ManagementResponse, ProgressReport, ReportingPeriod, ReportStep
from monitoring.models.evaluations import open_q
from monitoring.selectors.reporting import missing_items

# How an activity's reported progress reads on the plan once the report is approved.
PLAN_STATUS = {
    ActivityProgress.NOT_STARTED: ActivityStatus.PLANNED,
    ActivityProgress.ON_TRACK: ActivityStatus.ONGOING,
    ActivityProgress.DELAYED: ActivityStatus.DELAYED,
    ActivityProgress.COMPLETED: ActivityStatus.COMPLETED,
    ActivityProgress.CANCELLED: ActivityStatus.CANCELLED,
}


# ---------------------------------------------------------------------------
# Reporting periods
# ---------------------------------------------------------------------------


def not_approved(period: ReportingPeriod) -> list[str]:
    """The institutions whose report of the period is not approved yet, by name (one query)."""
    rows = (
        ProgressReport.objects.filter(period=period)
        .exclude(status=ReportStatus.APPROVED)
        .order_by("institution__name")
        .values_list("institution__name", flat=True)
    )
    return list(rows)


def _every_report_approved(period: ReportingPeriod) -> None:
    waiting = not_approved(period)
    if waiting:
        raise ValidationError(
            _("Every report must be approved before the period is locked; still waiting: %(institutions)s.")
            % {"institutions": ", ".join(waiting)}
        )


def _stamp_locked(period, actor, reason) -> None:
    period.locked_at = timezone.now()


def _stamp_unlocked(period, actor, reason) -> None:
    period.locked_at, period.unlock_reason = None, reason


PERIOD = register(
    Workflow(
        ReportingPeriod,
        Transition(
            "lock",
            gettext_lazy("Lock"),
            sources=[PeriodStatus.OPEN],
            target=PeriodStatus.LOCKED,
            rule=core.MANAGE_PROCESS,
            audit_code="reporting_period.locked",
            status_message=gettext_lazy("The period is locked already."),
            guard=_every_report_approved,
            effects=_stamp_locked,
            # Locked on its own once every report is approved (lock_when_complete): nobody is waited for.
            todo=False,
        ),
        Transition(
            "unlock",
            gettext_lazy("Unlock"),
            sources=[PeriodStatus.LOCKED],
            target=PeriodStatus.OPEN,
            rule=core.MANAGE_PROCESS,
            audit_code="reporting_period.unlocked",
            reason_required=True,
            reason_message=gettext_lazy("Say why the period is unlocked; the reason is kept in the history."),
            status_message=gettext_lazy("The period is not locked."),
            effects=_stamp_unlocked,
            style="secondary",
            todo=False,
        ),
        due_field="due_on",
    )
)


def lock_when_complete(period: ReportingPeriod, *, actor) -> bool:
    """
    Lock the (row-locked) period once its last report is approved: the lock step's effects and audit code, taken by
    the system on the reviewer's approval (a reviewer need not manage the process). Whether it locked.
    """
    if period.is_locked or not_approved(period):
        return False
    lock = PERIOD["lock"]
    period.status = lock.target
    lock.effects(period, actor, "")
    save_audited(period, actor=actor, code=lock.audit_code, reason=_("every report approved"))
    return True


# ---------------------------------------------------------------------------
# Progress reports
# ---------------------------------------------------------------------------


def record_step(report: ProgressReport, *, actor, action: str, note: str = "") -> ReportStep:
    """One step of the report's review, shown on the report (who, when, what comment), audited."""
    step = ReportStep(process=report.process, report=report, action=action, actor=actor, note=(note or "").strip())
    save_audited(step, actor=actor, code=f"report_step.{action}", reason=note)
    return step


def _reviewer_emails(report: ProgressReport) -> list[str]:
    return core_selectors.member_emails(process=report.process, roles=[Role.NFP, Role.FACILITATOR])


def _institution_emails(report: ProgressReport) -> list[str]:
    return core_selectors.member_emails(process=report.process, institution=report.institution)


def _names(report: ProgressReport) -> dict:
    return {"institution": report.institution, "period": report.period.label}


def _complete(report: ProgressReport) -> None:
    missing = missing_items(report)
    if missing:
        raise ValidationError(
            [_("Give a value for every indicator and a status for every activity before submitting."), *missing],
            code="incomplete",
        )


def _stamp_submitted(report, actor, reason) -> None:
    report.submitted_at, report.submitted_by = timezone.now(), actor


def _stamp_approved(report, actor, reason) -> None:
    report.approved_at, report.approved_by = timezone.now(), actor


def _after_submit(report, actor, reason) -> None:
    record_step(report, actor=actor, action=ReviewAction.SUBMITTED, note=reason)


def _after_return(report, actor, reason) -> None:
    record_step(report, actor=actor, action=ReviewAction.RETURNED, note=reason)


def _after_approve(report, actor, reason) -> None:
    """
    The step on the report, the plan's activities take the status reported, the period locks once its last report
    is approved, and the institution is told.
    """
    record_step(report, actor=actor, action=ReviewAction.APPROVED, note=reason)
    period = ReportingPeriod.objects.select_for_update(of=("self",)).get(pk=report.period_id)
    report.period = period
    because = _("reported in %(period)s by %(institution)s") % _names(report)
    updates = ActivityUpdate.objects.filter(report=report).exclude(status="").select_related("activity")
    for update in updates:
        activity = update.activity
        status = PLAN_STATUS[update.status]
        if activity.status != status:
            activity.status = status
            save_audited(activity, actor=actor, code=f"activity.{status}", reason=because, validate=False)
    lock_when_complete(period, actor=actor)
    notify(
        recipients=_institution_emails(report),
        subject=_("Progress report approved: %(period)s") % {"period": period.label},
        body=_("Your progress report for %(period)s has been approved.") % {"period": period.label}
        + (f"\n\n{reason}" if reason else ""),
    )


REPORT = register(
    Workflow(
        ProgressReport,
        Transition(
            "submit",
            gettext_lazy("Submit for review"),
            sources=[ReportStatus.DRAFT],
            target=ReportStatus.SUBMITTED,
            rule=permissions.FILL,
            audit_code="progress_report.submitted",
            guard=_complete,
            effects=_stamp_submitted,
            after=_after_submit,
            notice=Notice(
                to=_reviewer_emails,
                subject=gettext_lazy("Progress report submitted: %(institution)s, %(period)s"),
                body=gettext_lazy(
                    "%(institution)s has submitted its progress report for %(period)s. Review it, then approve it or "
                    "request changes."
                ),
                context=_names,
            ),
        ),
        Transition(
            "approve",
            gettext_lazy("Approve"),
            sources=[ReportStatus.SUBMITTED],
            target=ReportStatus.APPROVED,
            rule=permissions.REVIEW,
            audit_code="progress_report.approved",
            status_message=gettext_lazy("Only a submitted report can be reviewed."),
            effects=_stamp_approved,
            after=_after_approve,
        ),
        Transition(
            "return",
            gettext_lazy("Request changes"),
            sources=[ReportStatus.SUBMITTED],
            target=ReportStatus.DRAFT,
            rule=permissions.REVIEW,
            audit_code="progress_report.changes_requested",
            reason_required=True,
            reason_message=gettext_lazy("Say what needs to change."),
            status_message=gettext_lazy("Only a submitted report can be reviewed."),
            after=_after_return,
            notice=Notice(
                to=_institution_emails,
                subject=gettext_lazy("Changes requested: progress report %(period)s"),
                body=gettext_lazy(
                    "The reviewer asks for changes to your progress report for %(period)s:\n\n%(reason)s"
                ),
                context=_names,
            ),
            style="secondary",
        ),
        due_field="period__due_on",
        select_related=("institution",),
    )
)


# ---------------------------------------------------------------------------
# Management responses
# ---------------------------------------------------------------------------


def _following_up(response: ManagementResponse) -> None:
    if not response.is_following_up:
        raise ValidationError(_("The recommendation was not accepted: there is no follow-up to report on."))


def _response_step(name, label, sources, target, style="primary", todo=True) -> Transition:
    return Transition(
        name,
        label,
        sources=sources,
        target=target,
        rule=permissions.UPDATE,
        audit_code=f"management_response.{target}",
        guard=_following_up,
        style=style,
        todo=todo,
        waiting_for=permissions.OWNED,
    )


RESPONSE = register(
    Workflow(
        ManagementResponse,
        _response_step("start", gettext_lazy("Start"), [ResponseStatus.NOT_STARTED], ResponseStatus.IN_PROGRESS),
        _response_step(
            "complete",
            gettext_lazy("Complete"),
            [ResponseStatus.NOT_STARTED, ResponseStatus.IN_PROGRESS],
            ResponseStatus.COMPLETED,
        ),
        _response_step(
            "reopen",
            gettext_lazy("Reopen"),
            [ResponseStatus.COMPLETED],
            ResponseStatus.IN_PROGRESS,
            "secondary",
            todo=False,
        ),
        _response_step(
            "reset",
            gettext_lazy("Reset"),
            [ResponseStatus.IN_PROGRESS, ResponseStatus.COMPLETED],
            ResponseStatus.NOT_STARTED,
            "secondary",
            todo=False,
        ),
        due_field="due_on",
        select_related=("recommendation__evaluation",),
        waiting=open_q(),
    )
)


def response_step(current: str, target: str) -> str:
    """The name of the follow-up's step from `current` to `target` (each pair of statuses has one)."""
    for transition in RESPONSE.transitions:
        if transition.target == target and transition.starts_from(current):
            return transition.name
    raise ValidationError({"status": _("Choose a status from the list.")})


__all__ = ["PERIOD", "PLAN_STATUS", "REPORT", "RESPONSE", "lock_when_complete", "not_approved", "record_step"]
