"""
Periodic progress reporting (handbook §9): the NFP opens a reporting period; every institution responsible for an
indicator or an accepted activity of the plan gets a progress report; its focal points enter the indicator
values (with their breakdowns), the activities' status, percent done, narrative and spending, the challenges and
next steps; they save drafts and submit; the facilitator or the NFP approves or requests changes. Approving the
last report of a period locks it; the NFP may unlock it with a reason, so that a reviewer can correct an approved
value, which adds a revision and never edits the approved one.

No lost updates: every save names the report version it started from. The report row is locked, and a save that
started from an older version is refused with nothing saved. Every save is all or nothing: the whole input is
validated first (monitoring.arithmetic does the arithmetic), and any error refuses it, with messages keyed by the
field they concern ("indicator-12-value", "activity-7-spent" ...).

Every write leaves one history row with who acted and a dotted code ("reporting_period.opened",
"progress_report.submitted", "indicator_value.corrected" ...), then the person's words where they gave some; each
review step is also a ReportStep, shown on the report.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from implementation_plans.choices import ActivityStatus, ProposalStatus
from implementation_plans.models import Activity
from mainstreaming import l10n, reminders
from mainstreaming import permissions as core_permissions
from mainstreaming import selectors as core_selectors
from mainstreaming import services as core_services
from mainstreaming.choices import ProcessStatus, Role
from mainstreaming.models import Institution, Process
from mainstreaming.services import delete_audited, required_reason, save_audited
from monitoring import arithmetic, permissions
from monitoring.choices import ActivityProgress, Aggregation, IndicatorType, PeriodStatus, ReportStatus, ReviewAction
from monitoring.models import (
    ActivityUpdate,
    Dimension,
    Indicator,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
)
from monitoring.selectors.reporting import missing_items
from monitoring.workflows import PERIOD, PLAN_STATUS, REPORT, record_step

# Breakdowns that partition the whole: their groups must add up to the total. The others (a country, a
# corridor, an occupation ...) list some groups only, or overlap, so they need not.
ADDING_UP_DIMENSIONS = frozenset(
    {
        Dimension.SEX,
        Dimension.AGE,
        Dimension.REGION,
        Dimension.MIGRATORY_STATUS,
        Dimension.SKILL_LEVEL,
        Dimension.DISABILITY,
        Dimension.INCOME,
    }
)

DEFAULT_ESCALATE_AFTER_DAYS = 14

# The database columns' limits (monitoring.models.indicators.VALUE and MONEY).
VALUE_DIGITS, VALUE_PLACES = 18, 4
MONEY_DIGITS, MONEY_PLACES = 16, 2


@dataclass
class ValueInput:
    """What a person typed for one indicator, as strings (see the module's docstring for the forms it takes)."""

    value: str = ""
    numerator: str = ""
    denominator: str = ""
    disaggregation: dict = field(default_factory=dict)
    note: str = ""

    def is_empty(self) -> bool:
        return not (
            _text(self.value)
            or _text(self.numerator)
            or _text(self.denominator)
            or _text(self.note)
            or _has_parts(self.disaggregation)
        )


@dataclass
class ActivityInput:
    """What a person typed for one activity: its status, percent done, what happened and what was spent."""

    status: str = ""
    percent_done: str = ""
    narrative: str = ""
    spent: str = ""

    def is_empty(self) -> bool:
        return not (_text(self.status) or _text(self.percent_done) or _text(self.narrative) or _text(self.spent))


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _has_parts(disaggregation) -> bool:
    for groups in (disaggregation or {}).values():
        for part in (groups or {}).values():
            if isinstance(part, dict):
                if _text(part.get("numerator")) or _text(part.get("denominator")):
                    return True
            elif _text(part):
                return True
    return False


def _message(error: ValidationError) -> str:
    """One sentence from a ValidationError raised by monitoring.arithmetic (its params filled in)."""
    return " ".join(error.messages)


def _fits(number: Decimal, *, digits: int, places: int) -> bool:
    sign, figures, exponent = number.normalize().as_tuple()
    decimals = max(0, -exponent)
    whole = max(0, len(figures) + exponent)
    return decimals <= places and whole <= digits - places


def _number(text: str, *, minimum=None, maximum=None, kind=IndicatorType.NUMBER, money: bool = False) -> Decimal:
    """A typed number, checked by monitoring.arithmetic and against the column it goes to."""
    value = arithmetic.validate_value(indicator_type=kind, value=_text(text), minimum=minimum, maximum=maximum)
    digits, places = (MONEY_DIGITS, MONEY_PLACES) if money else (VALUE_DIGITS, VALUE_PLACES)
    if not _fits(value, digits=digits, places=places):
        raise ValidationError(
            _("Use at most %(places)d decimal places and %(whole)d digits before the decimal point.")
            % {"places": places, "whole": digits - places}
        )
    return value


def _nfp_emails(process: Process) -> list[str]:
    return core_selectors.member_emails(process=process, roles=[Role.NFP])


def _institution_emails(report: ProgressReport) -> list[str]:
    return core_selectors.member_emails(process=report.process, institution=report.institution)


# ---------------------------------------------------------------------------
# Reporting periods
# ---------------------------------------------------------------------------


def _check_period(period: ReportingPeriod) -> None:
    """The period's own rules, then no duplicate name and no overlap with another period of the process."""
    period.label = _text(period.label)
    errors = {}
    if not period.label:
        errors["label"] = _("Name the period, such as 2026 or 2026-Q1.")
    for name, message in (
        ("starts_on", _("Give the date the period starts.")),
        ("ends_on", _("Give the date the period ends.")),
        ("due_on", _("Give the date the reports are due.")),
    ):
        if getattr(period, name) is None:
            errors[name] = message
    if errors:
        raise ValidationError(errors)
    period.clean()
    others = ReportingPeriod.objects.filter(process_id=period.process_id)
    if period.pk:
        others = others.exclude(pk=period.pk)
    if others.filter(label__iexact=period.label).exists():
        raise ValidationError({"label": _("This process already has a reporting period with this name.")})
    clash = others.filter(starts_on__lte=period.ends_on, ends_on__gte=period.starts_on).order_by("starts_on").first()
    if clash is not None:
        raise ValidationError(
            {
                "starts_on": _("The period overlaps the reporting period %(label)s (%(start)s to %(end)s).")
                % {"label": clash.label, "start": l10n.date(clash.starts_on), "end": l10n.date(clash.ends_on)}
            }
        )


def responsible_institutions(process: Process, *, starts_on: date, ends_on: date) -> list[Institution]:
    """
    The institutions of the process responsible for an indicator, or for an accepted activity that is not
    cancelled and whose dates overlap the period (or are not set), by name (two queries).
    """
    from_indicators = Indicator.objects.filter(process=process, responsible__isnull=False).values("responsible_id")
    from_activities = (
        Activity.objects.filter(process=process, responsible__isnull=False, proposal_status=ProposalStatus.ACCEPTED)
        .exclude(status=ActivityStatus.CANCELLED)
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=ends_on))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on))
        .values("responsible_id")
    )
    return list(
        Institution.objects.filter(process=process)
        .filter(Q(pk__in=from_indicators) | Q(pk__in=from_activities))
        .order_by("name")
    )


def _create_reports(period: ReportingPeriod, *, actor, institutions) -> list[ProgressReport]:
    """A draft report for each institution that has none in the period yet; its focal points may fill it in."""
    existing = set(ProgressReport.objects.filter(period=period).values_list("institution_id", flat=True))
    created = []
    for institution in institutions:
        if institution.pk in existing:
            continue
        report = ProgressReport(process=period.process, period=period, institution=institution)
        save_audited(report, actor=actor, code="progress_report.created", reason=str(institution))
        permissions.grant_reporter(report, institution)
        created.append(report)
        core_services.notify(
            recipients=core_selectors.member_emails(process=period.process, institution=institution),
            subject=_("Progress report to fill in: %(period)s") % {"period": period.label},
            body=_(
                "The National Focal Point has opened the reporting period %(period)s (%(start)s to %(end)s). "
                "%(institution)s reports on the indicators and activities it is responsible for, by %(due)s.\n\n"
                "Open the report from the process's monitoring pages; save drafts as you go and submit when done."
            )
            % {
                "period": period.label,
                "start": l10n.date(period.starts_on),
                "end": l10n.date(period.ends_on),
                "institution": institution,
                "due": l10n.date(period.due_on),
            },
        )
    return created


@transaction.atomic
def period_open(*, actor, process: Process, label: str, starts_on: date, ends_on: date, due_on: date):
    """
    Open a reporting period: one draft progress report for every institution responsible for an indicator or an
    accepted activity of the period, its focal points granted the right to fill it in and told by e-mail.
    """
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, process)
    period = ReportingPeriod(
        process=process, label=label, starts_on=starts_on, ends_on=ends_on, due_on=due_on, opened_by=actor
    )
    _check_period(period)
    institutions = responsible_institutions(process, starts_on=starts_on, ends_on=ends_on)
    if not institutions:
        raise ValidationError(
            _(
                "No institution is responsible for an indicator or an activity of this period, so nobody would "
                "report: give indicators or activities a responsible institution first."
            ),
            code="nobody_responsible",
        )
    save_audited(period, actor=actor, code="reporting_period.opened", reason=period.label)
    _create_reports(period, actor=actor, institutions=institutions)
    return period


def _lock_period(period: ReportingPeriod) -> ReportingPeriod:
    locked = ReportingPeriod.objects.select_for_update(of=("self",)).get(pk=period.pk)
    period.status, period.locked_at, period.unlock_reason = locked.status, locked.locked_at, locked.unlock_reason
    return period


@dataclass
class PeriodUpdate:
    """What saving a period did: whether the period itself changed, and the reports it created."""

    period: ReportingPeriod
    changed: bool
    created: list[ProgressReport]

    def get_absolute_url(self) -> str:
        return self.period.get_absolute_url()


@transaction.atomic
def period_update(
    *, actor, period: ReportingPeriod, label: str, starts_on: date, ends_on: date, due_on: date, reason: str = ""
) -> PeriodUpdate:
    """
    Rename or re-date an open period. A new due date starts the reminders of the draft reports again. Every save,
    even one that changes nothing of the period, gives its report to an institution that became responsible for
    something of the period since it opened (the NFP saves unchanged precisely to reach it).
    """
    core_permissions.require(actor, core_permissions.MANAGE_PROCESS, period.process)
    _lock_period(period)
    if period.is_locked:
        raise ValidationError(_("The period is locked: unlock it before changing it."))
    before = (period.label, period.starts_on, period.ends_on, period.due_on)
    period.label, period.starts_on, period.ends_on, period.due_on = label, starts_on, ends_on, due_on
    _check_period(period)
    changed = (period.label, period.starts_on, period.ends_on, period.due_on) != before
    if changed:
        save_audited(period, actor=actor, code="reporting_period.updated", reason=reason)
    if changed and due_on != before[3]:
        for report in ProgressReport.objects.filter(period=period, status=ReportStatus.DRAFT).exclude(
            last_reminded_on__isnull=True, escalated_on__isnull=True
        ):
            report.last_reminded_on = report.escalated_on = None
            save_audited(report, actor=actor, code="progress_report.reminders_reset", validate=False)
    institutions = responsible_institutions(period.process, starts_on=starts_on, ends_on=ends_on)
    created = _create_reports(period, actor=actor, institutions=institutions)
    return PeriodUpdate(period=period, changed=changed, created=created)


@transaction.atomic
def period_lock(*, actor, period: ReportingPeriod, reason: str = "") -> ReportingPeriod:
    """Lock a period whose reports are all approved (approving the last one locks it by itself)."""
    return PERIOD.perform(actor, period, "lock", reason=reason)


@transaction.atomic
def period_unlock(*, actor, period: ReportingPeriod, reason: str) -> ReportingPeriod:
    """The NFP unlocks a period with a reason (kept on the period and in its history), so values can be corrected."""
    return PERIOD.perform(actor, period, "unlock", reason=reason)


# ---------------------------------------------------------------------------
# Filling in a report
# ---------------------------------------------------------------------------


def _lock_report(report: ProgressReport) -> ProgressReport:
    locked = ProgressReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    report.version, report.status = locked.version, locked.status
    report.challenges, report.next_steps = locked.challenges, locked.next_steps
    return report


def _require_fillable(actor, report: ProgressReport) -> None:
    core_permissions.require(actor, permissions.FILL, report)
    _lock_report(report)
    period = ReportingPeriod.objects.get(pk=report.period_id)
    report.period = period
    if period.is_locked:
        raise ValidationError(_("The reporting period is locked: its reports cannot change."))
    if not report.is_open:
        raise ValidationError(
            _("The report is %(status)s and cannot be changed now.") % {"status": report.get_status_display().lower()}
        )


def clean_value(indicator: Indicator, data: ValueInput) -> tuple[dict, dict]:
    """
    The columns of an IndicatorValue from what was typed for `indicator`, and the errors keyed by field
    ("indicator-12-value", "indicator-12-sex" ...). An empty input gives ({}, {}).
    """
    prefix = f"indicator-{indicator.pk}"
    errors: dict[str, str] = {}
    if data.is_empty():
        return {}, {}
    columns = {
        "value": None,
        "numerator": None,
        "denominator": None,
        "yes_no": None,
        "text_value": "",
        "disaggregation": {},
        "note": _text(data.note),
    }
    typed = _text(data.value)
    kind = indicator.indicator_type
    from_parts = kind == IndicatorType.PERCENTAGE and indicator.aggregation == Aggregation.PERCENTAGE
    total_fraction = None

    if from_parts:
        typed_numerator, typed_denominator = _text(data.numerator), _text(data.denominator)
        if typed_numerator or typed_denominator or typed or _has_parts(data.disaggregation):
            for name, text in (("numerator", typed_numerator), ("denominator", typed_denominator)):
                if not text:
                    errors[f"{prefix}-{name}"] = _(
                        "Give the numerator and the denominator: the percentage is worked out from them."
                    )
                    continue
                try:
                    columns[name] = _number(text, minimum=0)
                except ValidationError as error:
                    errors[f"{prefix}-{name}"] = _message(error)
            if columns["numerator"] is not None and columns["denominator"] is not None:
                try:
                    arithmetic.validate_fraction(numerator=columns["numerator"], denominator=columns["denominator"])
                except ValidationError as error:
                    errors[f"{prefix}-numerator"] = _message(error)
                else:
                    total_fraction = arithmetic.Fraction(columns["numerator"], columns["denominator"])
                    columns["value"] = arithmetic.percentage_of(
                        numerator=columns["numerator"], denominator=columns["denominator"]
                    )
    elif typed:
        try:
            if kind in (IndicatorType.NUMBER, IndicatorType.PERCENTAGE):
                columns["value"] = _number(typed, kind=kind)
            elif kind == IndicatorType.YES_NO:
                answer = typed.lower()
                if answer in ("yes", str(_("yes")).lower()):
                    columns["yes_no"] = True
                elif answer in ("no", str(_("no")).lower()):
                    columns["yes_no"] = False
                else:
                    raise ValidationError(_("Answer yes or no."))
            elif indicator.aggregation == Aggregation.QUALITATIVE:
                if typed not in (indicator.scale or []):
                    raise ValidationError(
                        _("Choose a level of the indicator's scale: %(levels)s.")
                        % {"levels": ", ".join(indicator.scale or [])}
                    )
                columns["text_value"] = typed
            else:
                text = arithmetic.validate_value(indicator_type=IndicatorType.TEXT, value=typed)
                if len(text) > 300:
                    raise ValidationError(_("Keep the value to 300 characters; explain the rest in the note."))
                columns["text_value"] = text
        except ValidationError as error:
            errors[f"{prefix}-value"] = _message(error)
    elif _has_parts(data.disaggregation):
        errors[f"{prefix}-value"] = _("Give the total as well as its breakdown.")

    breakdown, breakdown_errors = _clean_disaggregation(indicator, data.disaggregation, columns, total_fraction)
    errors.update(breakdown_errors)
    columns["disaggregation"] = breakdown
    return columns, errors


def _clean_disaggregation(indicator: Indicator, disaggregation, columns: dict, total_fraction) -> tuple[dict, dict]:
    prefix = f"indicator-{indicator.pk}"
    kind = indicator.indicator_type
    from_parts = kind == IndicatorType.PERCENTAGE and indicator.aggregation == Aggregation.PERCENTAGE
    declared = set(indicator.disaggregations or [])
    cleaned, errors = {}, {}
    for code, groups in (disaggregation or {}).items():
        key = f"{prefix}-{code}"
        if not _has_parts({code: groups}):
            continue
        if code not in declared:
            errors[key] = _("This indicator is not broken down this way.")
            continue
        if kind not in (IndicatorType.NUMBER, IndicatorType.PERCENTAGE):
            errors[key] = _("Only numbers and percentages can be broken down.")
            continue
        label = str(Dimension(code).label).lower()
        try:
            if from_parts:
                parts, stored = _fraction_parts(groups)
                if total_fraction is not None and code in ADDING_UP_DIMENSIONS:
                    arithmetic.check_disaggregated_fraction(total=total_fraction, parts=parts, dimension=label)
            else:
                parts, stored = {}, {}
                for group, text in (groups or {}).items():
                    if isinstance(text, dict):
                        raise ValidationError(_("Give one number for each group."))
                    if not _text(text):
                        parts[group] = None
                        continue
                    parts[group] = _number(text, kind=kind, minimum=0 if kind == IndicatorType.NUMBER else None)
                    stored[group] = f"{parts[group]:f}"
                if columns["value"] is not None:
                    arithmetic.check_disaggregation(
                        total=columns["value"],
                        parts=parts,
                        dimension=label,
                        must_add_up=code in ADDING_UP_DIMENSIONS,
                        indicator_type=kind,
                    )
        except ValidationError as error:
            errors[key] = _message(error)
            continue
        if stored:
            cleaned[code] = stored
    return cleaned, errors


def _fraction_parts(groups) -> tuple[dict, dict]:
    """The groups of a percentage from parts: {group: Fraction or None}, and what is stored of them."""
    parts, stored = {}, {}
    for group, part in (groups or {}).items():
        if not isinstance(part, dict):
            raise ValidationError(_("Give each group's numerator and denominator."))
        numerator, denominator = _text(part.get("numerator")), _text(part.get("denominator"))
        if not numerator and not denominator:
            parts[group] = None
            continue
        if not (numerator and denominator):
            raise ValidationError(_("Give both the numerator and the denominator of %(group)s.") % {"group": group})
        fraction = arithmetic.Fraction(_number(numerator, minimum=0), _number(denominator, minimum=0))
        arithmetic.validate_fraction(numerator=fraction.numerator, denominator=fraction.denominator)
        parts[group] = fraction
        stored[group] = {"numerator": f"{fraction.numerator:f}", "denominator": f"{fraction.denominator:f}"}
    return parts, stored


def clean_activity(activity: Activity, data: ActivityInput) -> tuple[dict, dict]:
    """The columns of an ActivityUpdate from what was typed for `activity`, and the errors keyed by field."""
    prefix = f"activity-{activity.pk}"
    if data.is_empty():
        return {}, {}
    errors: dict[str, str] = {}
    status = _text(data.status)
    narrative = _text(data.narrative)
    columns = {"status": status, "percent_done": None, "narrative": narrative, "spent": None}
    if status and status not in ActivityProgress.values:
        errors[f"{prefix}-status"] = _("Choose a status from the list.")
    percent = _text(data.percent_done)
    if percent:
        if not percent.isdigit() or int(percent) > 100:
            errors[f"{prefix}-percent_done"] = _("Enter a whole number from 0 to 100.")
        else:
            columns["percent_done"] = int(percent)
    done = columns["percent_done"]
    if done is not None and f"{prefix}-status" not in errors:
        if status == ActivityProgress.COMPLETED and done < 100:
            errors[f"{prefix}-percent_done"] = _("A completed activity is 100% done.")
        elif status == ActivityProgress.NOT_STARTED and done > 0:
            errors[f"{prefix}-percent_done"] = _("An activity not started yet is 0% done.")
        elif status in (ActivityProgress.ON_TRACK, ActivityProgress.DELAYED) and done == 100:
            errors[f"{prefix}-status"] = _("An activity 100% done is completed: choose “Completed”.")
    if status == ActivityProgress.COMPLETED and done is None:
        columns["percent_done"] = 100
    if status in (ActivityProgress.DELAYED, ActivityProgress.CANCELLED) and not narrative:
        errors[f"{prefix}-narrative"] = _("Say what happened: why the activity is delayed or cancelled.")
    spent = _text(data.spent)
    if spent:
        try:
            amount = _number(spent, money=True)
            if amount < 0:
                raise ValidationError(_("The amount spent cannot be negative."))
            columns["spent"] = amount
        except ValidationError as error:
            errors[f"{prefix}-spent"] = _message(error)
    return columns, errors


def _changed(obj, columns: dict) -> bool:
    return any(getattr(obj, name) != value for name, value in columns.items())


@transaction.atomic
def report_save(
    *,
    actor,
    report: ProgressReport,
    version: int,
    challenges: str,
    next_steps: str,
    values: dict,
    activities: dict,
) -> ProgressReport:
    """
    Save the institution's report as a draft, all or nothing. `values` maps an indicator's id to a ValueInput,
    `activities` an activity's id to an ActivityInput; items left out stay as they are; an empty input clears
    what was entered. Refused when the report changed since `version`.
    """
    from monitoring.selectors.reporting import report_items

    _require_fillable(actor, report)
    if version != report.version:
        raise ValidationError(
            _(
                "Someone else saved this report while you were editing it. Nothing of yours has been saved: "
                "reload the report, check what they changed, then enter your changes again."
            ),
            code="conflict",
        )
    items = report_items(report)
    indicators = {row.indicator.pk: row for row in items.indicators}
    activity_rows = {row.activity.pk: row for row in items.activities}
    errors: dict[str, str] = {}
    cleaned_values, cleaned_activities = {}, {}
    for pk, data in (values or {}).items():
        row = indicators.get(int(pk))
        if row is None:
            errors.setdefault("__all__", _("An indicator this report does not cover was sent."))
            continue
        columns, value_errors = clean_value(row.indicator, data)
        errors.update(value_errors)
        cleaned_values[row.indicator.pk] = (row, columns)
    for pk, data in (activities or {}).items():
        row = activity_rows.get(int(pk))
        if row is None:
            errors.setdefault("__all__", _("An activity this report does not cover was sent."))
            continue
        columns, activity_errors = clean_activity(row.activity, data)
        errors.update(activity_errors)
        cleaned_activities[row.activity.pk] = (row, columns)
    if errors:
        raise ValidationError(errors)

    changed = 0
    for row, columns in cleaned_values.values():
        changed += _write_value(report, row.indicator, row.value, columns, actor=actor)
    for row, columns in cleaned_activities.values():
        changed += _write_update(report, row.activity, row.update, columns, actor=actor)
    challenges, next_steps = _text(challenges), _text(next_steps)
    if changed or (challenges, next_steps) != (report.challenges, report.next_steps):
        report.challenges, report.next_steps = challenges, next_steps
        report.version += 1
        save_audited(report, actor=actor, code="progress_report.saved")
    return report


def _write(current, columns: dict, *, new, code: str, actor) -> int:
    """
    Store a row's cleaned `columns` on the `current` record (a `new()` one when there is none; the record deleted
    when the row was emptied), audited as `code`.saved or `code`.cleared. 1 when something changed, else 0.
    """
    if not columns:
        if current is None:
            return 0
        delete_audited(current, actor=actor, code=f"{code}.cleared")
        return 1
    if current is not None and not _changed(current, columns):
        return 0
    record = current or new()
    for name, cleaned in columns.items():
        setattr(record, name, cleaned)
    save_audited(record, actor=actor, code=f"{code}.saved")
    return 1


def _write_value(report, indicator, current: IndicatorValue | None, columns: dict, *, actor) -> int:
    def new():
        return IndicatorValue(process=report.process, report=report, indicator=indicator)

    return _write(current, columns, new=new, code="indicator_value", actor=actor)


def _write_update(report, activity, current: ActivityUpdate | None, columns: dict, *, actor) -> int:
    def new():
        return ActivityUpdate(process=report.process, report=report, activity=activity)

    return _write(current, columns, new=new, code="activity_update", actor=actor)


# ---------------------------------------------------------------------------
# Submitting and reviewing
# ---------------------------------------------------------------------------


@transaction.atomic
def report_submit(*, actor, report: ProgressReport, note: str = "") -> ProgressReport:
    """The institution hands its report in: every indicator needs a value and every activity a status."""
    _require_fillable(actor, report)
    return REPORT.perform(actor, report, "submit", reason=note)


def _tell_institution(report: ProgressReport, subject: str, body: str) -> None:
    core_services.notify(recipients=_institution_emails(report), subject=subject, body=body)


@transaction.atomic
def report_approve(*, actor, report: ProgressReport, note: str = "") -> ProgressReport:
    """
    The facilitator or the NFP accepts the report: its values count from now on, every institution reads them,
    the plan's activities take the status reported, and the period locks once its last report is approved.
    """
    return REPORT.perform(actor, report, "approve", reason=note)


@transaction.atomic
def report_request_changes(*, actor, report: ProgressReport, reason: str) -> ProgressReport:
    """Send the report back to its institution, in draft, with what to change."""
    return REPORT.perform(actor, report, "return", reason=reason)


@transaction.atomic
def value_correct(*, actor, value: IndicatorValue, data: ValueInput, reason: str) -> IndicatorValue:
    """
    Correct an approved value: a new revision, current from now on, with the reason and who corrected it; the
    corrected revision stays, no longer current, and is never edited otherwise. The period must be open (the NFP
    unlocks it first). Errors are keyed as in report_save ("indicator-12-value"), plus "reason".
    """
    report = value.report
    core_permissions.require(actor, permissions.REVIEW, report)
    reason = required_reason(reason, _("Say why the value is corrected; the reason is kept in the history."))
    period = _lock_period(ReportingPeriod.objects.get(pk=report.period_id))
    _lock_report(report)
    previous = IndicatorValue.objects.select_for_update(of=("self",)).select_related("indicator").get(pk=value.pk)
    if report.status != ReportStatus.APPROVED:
        raise ValidationError(_("Only the values of an approved report are corrected; a draft is simply edited."))
    if period.is_locked:
        raise ValidationError(_("The reporting period is locked: unlock it before correcting a value."))
    if not previous.is_current:
        raise ValidationError(_("This revision has been corrected already: correct the current one."))
    indicator = previous.indicator
    columns, errors = clean_value(indicator, data)
    if not columns and not errors:
        errors[f"indicator-{indicator.pk}-value"] = _("Give the corrected value.")
    if errors:
        raise ValidationError(errors)
    if not _changed(previous, columns):
        raise ValidationError({f"indicator-{indicator.pk}-value": _("The correction is the same as the value.")})
    previous.is_current = False
    save_audited(previous, actor=actor, code="indicator_value.superseded", reason=reason)
    last = IndicatorValue.objects.filter(report=report, indicator=indicator).aggregate(last=Max("revision"))["last"]
    corrected = IndicatorValue(
        process=report.process,
        report=report,
        indicator=indicator,
        revision=(last or 0) + 1,
        is_current=True,
        correction_reason=reason,
        corrected_by=actor,
        **columns,
    )
    save_audited(corrected, actor=actor, code="indicator_value.corrected", reason=reason)
    record_step(report, actor=actor, action=ReviewAction.CORRECTED, note=reason)
    value.is_current = False
    _tell_institution(
        report,
        _("Value corrected: %(indicator)s, %(period)s") % {"indicator": indicator, "period": period.label},
        _(
            "The value of %(indicator)s in your approved report for %(period)s was corrected from %(old)s to %(new)s:"
            "\n\n%(reason)s"
        )
        % {
            "indicator": indicator,
            "period": period.label,
            "old": previous.display_value,
            "new": corrected.display_value,
            "reason": reason,
        },
    )
    return corrected


# ---------------------------------------------------------------------------
# Reminders (Celery beat, once a day)
# ---------------------------------------------------------------------------


def escalate_after_days() -> int:
    return int(getattr(settings, "MONITORING_ESCALATE_AFTER_DAYS", DEFAULT_ESCALATE_AFTER_DAYS))


# A draft report's institution is reminded a week and a day before the due date; once overdue, the day after it
# and then every week; after settings.MONITORING_ESCALATE_AFTER_DAYS days overdue the NFP is told, once (the
# README's "Reminders" table).
REPORT_REMINDERS = reminders.Schedule(days_before=(7, 1), every_days_after=7, escalate_after_days=escalate_after_days)


def reports_remind(*, today: date | None = None) -> int:
    """
    E-mail the institutions whose draft reports are due in a week or tomorrow, then weekly once overdue; after
    MONITORING_ESCALATE_AFTER_DAYS days overdue, tell the NFP (once). One e-mail per report a day at most.
    Returns how many reports were reminded.
    """
    return reminders.send_reminders(
        ProgressReport.objects.filter(
            status=ReportStatus.DRAFT, period__status=PeriodStatus.OPEN, process__status=ProcessStatus.ACTIVE
        ).select_related("period", "institution", "process"),
        schedule=REPORT_REMINDERS,
        due_field="period__due_on",
        send=_send_report_reminder,
        audit_prefix="progress_report",
        today=today,
    )


def _send_report_reminder(report: ProgressReport, kind: str, today: date) -> None:
    period = report.period
    values = {
        "institution": report.institution,
        "period": period.label,
        "due": l10n.date(period.due_on),
        "days": (today - period.due_on).days,
    }
    recipients = _institution_emails(report)
    if kind == reminders.BEFORE:
        subject = _("Reminder: progress report %(period)s due on %(due)s") % values
        body = (
            _("The progress report of %(institution)s for %(period)s is due on %(due)s. Submit it when it is done.")
            % values
        )
    elif kind == reminders.OVERDUE:
        subject = _("Overdue: progress report %(period)s was due on %(due)s") % values
        body = (
            _(
                "The progress report of %(institution)s for %(period)s was due on %(due)s and has not been "
                "submitted yet. Submit it, or tell the National Focal Point when it will be ready."
            )
            % values
        )
    else:
        recipients = sorted(set(recipients) | set(_nfp_emails(report.process)))
        subject = _("Escalated: progress report %(period)s of %(institution)s is %(days)d days late") % values
        body = (
            _(
                "The progress report of %(institution)s for %(period)s was due on %(due)s and is still not "
                "submitted, %(days)d days later. The National Focal Point is informed, to follow it up with the "
                "institution."
            )
            % values
        )
    core_services.notify(recipients=recipients, subject=subject, body=body)


__all__ = [
    "ADDING_UP_DIMENSIONS",
    "PLAN_STATUS",
    "ActivityInput",
    "PeriodUpdate",
    "ValueInput",
    "clean_activity",
    "clean_value",
    "missing_items",
    "period_lock",
    "period_open",
    "period_unlock",
    "period_update",
    "report_approve",
    "report_request_changes",
    "report_save",
    "report_submit",
    "reports_remind",
    "responsible_institutions",
    "value_correct",
]
