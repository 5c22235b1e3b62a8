"""
What every service of the plan shares: the NFP's right check (the rule `plan.manage`), and the guard that keeps a
plan under review or endorsed (`Plan.is_frozen`) from changing under the reviewers' feet.

Editing is open while the plan is a draft. A plan in review or endorsed is frozen: the NFP returns it to draft
first. Editing a published plan starts a new draft (the published version stays frozen in its PlanVersion, and
development partners keep reading it).
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from implementation_plans import permissions as plan_permissions
from implementation_plans.models import Plan
from mainstreaming import permissions
from mainstreaming.models import Process
from mainstreaming.services import save_audited
from mainstreaming.workflow import workflow_of


def plan_of(process: Process) -> Plan:
    """The process's plan, created as an empty draft the first time anything is planned."""
    plan = Plan.objects.filter(process=process).first()
    if plan is None:
        plan = Plan(process=process, title=_("Implementation plan for mainstreaming migration"))
        save_audited(plan, actor=None, code="plan.created")
    return plan


def require_editing(actor, process: Process) -> Plan:
    """The check before any change the NFP makes to the plan's content: the right to manage, then open_for_editing."""
    permissions.require(actor, plan_permissions.MANAGE, process)
    return open_for_editing(actor=actor, process=process)


def open_for_editing(*, actor, process: Process) -> Plan:
    """
    Call before any change to the plan's content. Refuses while the plan is in review or endorsed; turns a
    published plan into a new draft (recorded in its history).
    """
    plan = Plan.objects.select_for_update().filter(process=process).first() or plan_of(process)
    if plan.is_frozen:
        raise ValidationError(
            _("The plan is %(status)s: return it to draft before changing it.")
            % {"status": plan.get_status_display().lower()}
        )
    if plan.is_published:
        workflow_of(Plan).perform(actor, plan, "new_draft", reason=_("changed after publication"))
    return plan


def require_draft(process: Process) -> None:
    """
    For changes that only a plan being drafted takes, and that must not start a new draft on their own, such as a
    committee member's scores: refused unless the plan is a draft (or not started). The NFP reopens the plan first.
    """
    plan = Plan.objects.filter(process=process).only("status").first()
    if plan is not None and not plan.is_draft:
        raise ValidationError(
            _("The plan is %(status)s: scoring is open again once the NFP starts a new draft.")
            % {"status": plan.get_status_display().lower()}
        )


# Checks a later phase adds before a goal, outcome or output may be deleted (monitoring refuses to lose the
# indicators that measure it): each takes the record and returns why it cannot be deleted, or "" when it may.
_DELETE_CHECKS: list[Callable[[object], str]] = []


def register_delete_check(check: Callable[[object], str]) -> None:
    _DELETE_CHECKS.append(check)


def check_deletable(*records) -> None:
    """Refuse, with every reason the later phases give, to delete records they still rely on."""
    reasons = [reason for record in records for check in _DELETE_CHECKS if (reason := check(record))]
    if reasons:
        raise ValidationError(list(dict.fromkeys(reasons)))
