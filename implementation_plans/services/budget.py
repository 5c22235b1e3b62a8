"""
Budget lines and funding of the activities, written by the NFP.

A budget line is a cost of one activity in one year, in any currency, with the rate that converts it into the
plan's currency. Funding says where money for an activity comes from (the government budget, a development
partner, the private sector, the diaspora, other) and whether it is secured, pledged or a known gap. Every change
goes through open_for_editing first: a plan in review or endorsed cannot change, and a change to a published plan
starts a new draft.
"""

import re
from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from implementation_plans.choices import FundingSource
from implementation_plans.models import Activity, BudgetLine, Funding, Plan
from implementation_plans.services.base import require_editing
from mainstreaming.choices import InstitutionKind
from mainstreaming.services import delete_audited, required_reason, save_audited

BUDGET_LINE_FIELDS = ("year", "category", "description", "amount", "currency", "rate_to_plan")
FUNDING_FIELDS = ("source", "donor", "year", "amount", "currency", "rate_to_plan", "status", "note")

# The institutions that may be named as a development partner funding an activity.
PARTNER_KINDS = (InstitutionKind.DONOR, InstitutionKind.INTERNATIONAL_ORGANISATION)

CURRENCY_CODE = re.compile(r"[A-Z]{3}")


# ---------------------------------------------------------------------------
# Budget lines
# ---------------------------------------------------------------------------


@transaction.atomic
def budget_line_create(*, actor, activity: Activity, **data) -> BudgetLine:
    """Add a cost to an activity: year, category, amount, currency and its rate to the plan's currency."""
    plan = require_editing(actor, activity.process)
    _check_fields("budget_line_create", data, BUDGET_LINE_FIELDS)
    line = BudgetLine(process=activity.process, activity=activity, **data)
    _check_money(line, plan, year_required=True)
    save_audited(line, actor=actor, code="budget_line.created")
    return line


@transaction.atomic
def budget_line_update(*, actor, line: BudgetLine, data: Mapping, reason: str = "") -> BudgetLine:
    plan = require_editing(actor, line.process)
    _check_fields("budget_line_update", data, BUDGET_LINE_FIELDS)
    for name, value in data.items():
        setattr(line, name, value)
    _check_money(line, plan, year_required=True)
    save_audited(line, actor=actor, code="budget_line.updated", reason=reason)
    return line


@transaction.atomic
def budget_line_delete(*, actor, line: BudgetLine, reason: str) -> None:
    """Remove a cost, saying why; the history keeps the line, who removed it and why."""
    require_editing(actor, line.process)
    _delete_audited(line, actor=actor, code="budget_line.deleted", reason=reason)


# ---------------------------------------------------------------------------
# Funding
# ---------------------------------------------------------------------------


@transaction.atomic
def funding_create(*, actor, activity: Activity, **data) -> Funding:
    """Record money for an activity: its source (and development partner), amount, currency, rate and status."""
    plan = require_editing(actor, activity.process)
    _check_fields("funding_create", data, FUNDING_FIELDS)
    funding = Funding(process=activity.process, activity=activity, **data)
    _check_funding(funding, plan)
    save_audited(funding, actor=actor, code="funding.created")
    return funding


@transaction.atomic
def funding_update(*, actor, funding: Funding, data: Mapping, reason: str = "") -> Funding:
    plan = require_editing(actor, funding.process)
    _check_fields("funding_update", data, FUNDING_FIELDS)
    for name, value in data.items():
        setattr(funding, name, value)
    _check_funding(funding, plan)
    save_audited(funding, actor=actor, code="funding.updated", reason=reason)
    return funding


@transaction.atomic
def funding_delete(*, actor, funding: Funding, reason: str) -> None:
    require_editing(actor, funding.process)
    _delete_audited(funding, actor=actor, code="funding.deleted", reason=reason)


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def _check_fields(name: str, data: Mapping, allowed) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{name}() got unexpected fields: {sorted(unknown)}")


def _check_money(obj, plan: Plan, *, year_required: bool) -> None:
    """
    The currency as a three-letter code; the rate to the plan's currency above zero, 1 (and filled in) for the
    plan's own currency, required for any other; the year within the plan's years when they are set.
    """
    errors: dict[str, str] = {}
    obj.currency = (obj.currency or "").strip().upper()
    if not CURRENCY_CODE.fullmatch(obj.currency):
        errors["currency"] = _("Give the currency as its three-letter code, such as USD or EUR.")
    elif obj.rate_to_plan is None or obj.rate_to_plan == "":
        if obj.currency == plan.currency:
            obj.rate_to_plan = Decimal(1)
        else:
            errors["rate_to_plan"] = _(
                "Give the rate from %(currency)s to the plan's currency: how many %(plan)s one %(currency)s is worth."
            ) % {"currency": obj.currency, "plan": plan.currency}
    elif Decimal(obj.rate_to_plan) <= 0:
        errors["rate_to_plan"] = _("The rate must be above zero.")
    elif obj.currency == plan.currency and Decimal(obj.rate_to_plan) != 1:
        errors["rate_to_plan"] = _("An amount in the plan's currency (%(plan)s) has a rate of 1.") % {
            "plan": plan.currency
        }
    if obj.amount is not None and Decimal(obj.amount) < 0:
        errors["amount"] = _("The amount cannot be negative.")
    year_error = _year_error(obj.year, plan) if obj.year is not None else None
    if year_error:
        errors["year"] = year_error
    elif obj.year is None and year_required:
        errors["year"] = _("Give the year of the cost.")
    if errors:
        raise ValidationError(errors)


def _year_error(year: int, plan: Plan) -> str | None:
    first, last = plan.starts_in, plan.ends_in
    if first and last and not first <= year <= last:
        return _("The plan runs from %(first)s to %(last)s: choose a year within it.") % {"first": first, "last": last}
    if first and not last and year < first:
        return _("The plan starts in %(first)s: choose that year or a later one.") % {"first": first}
    if last and not first and year > last:
        return _("The plan ends in %(last)s: choose that year or an earlier one.") % {"last": last}
    return None


def _check_funding(funding: Funding, plan: Plan) -> None:
    """The money rules, then the development partner: required for a partner's money, and one of the process's."""
    errors: dict[str, list[str]] = {}
    try:
        _check_money(funding, plan, year_required=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if funding.source == FundingSource.DONOR:
        donor = funding.donor
        if donor is None:
            errors["donor"] = [_("Name the development partner that funds the activity.")]
        elif donor.process_id != funding.process_id or donor.kind not in PARTNER_KINDS:
            errors["donor"] = [
                _("Choose a development partner of this process: a donor or an international organisation.")
            ]
    elif funding.donor_id is not None:
        errors["donor"] = [_("Name a development partner only when the money comes from one.")]
    if errors:
        raise ValidationError(errors)


def _delete_audited(obj, *, actor, code: str, reason: str) -> None:
    delete_audited(obj, actor=actor, code=code, reason=required_reason(reason))
