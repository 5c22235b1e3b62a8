"""
Findings: the statements the analysis draws from the checklist answers and the migration-profile data series, by
sector and with their significance. The NFP writes them; the plan's priorities cite them later.

A finding rests on evidence: it cites at least one answer or series of its own process, or its detail says what it
rests on. Its history records the answers and series it cites, so a change of evidence shows on its History tab.
"""

from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from mainstreaming import permissions
from mainstreaming.loaders import DemoCountry
from mainstreaming.models import Process, Sector
from mainstreaming.services import change_reason, save_audited
from situation_analysis.choices import SeriesTopic, Significance
from situation_analysis.models import Answer, DataSeries, Finding
from situation_analysis.services.base import check_fields

FINDING_FIELDS = ("statement", "detail", "sector", "significance", "answers", "series")

# Checks another app adds before a finding may be deleted (the plan refuses to lose a finding a priority cites):
# each takes the finding and returns why it cannot be deleted, or "" when it may. See register_delete_check.
_DELETE_CHECKS: list[Callable[[Finding], str]] = []


def register_delete_check(check: Callable[[Finding], str]) -> None:
    """Let a later phase refuse the deletion of a finding it relies on, without this app importing it."""
    if check not in _DELETE_CHECKS:
        _DELETE_CHECKS.append(check)


def unregister_delete_check(check: Callable[[Finding], str]) -> None:
    if check in _DELETE_CHECKS:
        _DELETE_CHECKS.remove(check)


# ---------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------


def _check_links(process: Process, answers: list[Answer], series: list[DataSeries]) -> None:
    errors = {}
    if any(answer.process_id != process.pk for answer in answers):
        errors["answers"] = _("Cite answers to this process's checklists only.")
    if any(item.process_id != process.pk for item in series):
        errors["series"] = _("Cite data series of this process only.")
    if errors:
        raise ValidationError(errors)


def _check_basis(finding: Finding, answers: list[Answer], series: list[DataSeries]) -> None:
    if not answers and not series and not finding.detail:
        raise ValidationError(
            _(
                "A finding rests on evidence: cite at least one checklist answer or data series, or explain in the "
                "detail what it is based on."
            )
        )


def _clean(finding: Finding) -> None:
    finding.statement = (finding.statement or "").strip()
    finding.detail = (finding.detail or "").strip()
    if not finding.statement:
        raise ValidationError({"statement": _("Write the finding in one or two sentences.")})


def _set_links(finding: Finding, answers: list[Answer], series: list[DataSeries]) -> None:
    """Set the cited answers and series without history rows of their own: the save that follows records them."""
    finding.skip_history_when_saving = True
    try:
        finding.answers.set(answers)
        finding.series.set(series)
    finally:
        del finding.skip_history_when_saving


# ---------------------------------------------------------------------------
# Writes
# ---------------------------------------------------------------------------


@transaction.atomic
def finding_create(
    *,
    actor,
    process: Process,
    statement: str,
    detail: str = "",
    sector: Sector | None = None,
    significance: str = Significance.MEDIUM,
    answers: Iterable[Answer] = (),
    series: Iterable[DataSeries] = (),
) -> Finding:
    """
    Record a finding with the answers and series it is drawn from. History: the creation, then (when it cites
    anything) one more row with the citations, both under finding.created.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, process)
    answers, series = list(dict.fromkeys(answers)), list(dict.fromkeys(series))
    finding = Finding(
        process=process, statement=statement, detail=detail, sector=sector, significance=significance or ""
    )
    _clean(finding)
    _check_links(process, answers, series)
    _check_basis(finding, answers, series)
    save_audited(finding, actor=actor, code="finding.created")
    if answers or series:
        # The links need the finding's row first; the second save records them on one history row.
        _set_links(finding, answers, series)
        save_audited(finding, actor=actor, code="finding.created", validate=False)
    return finding


@transaction.atomic
def finding_update(*, actor, finding: Finding, data: Mapping, reason: str = "") -> Finding:
    """
    Change the statement, detail, sector, significance or the answers and series cited. One history row per
    change, carrying the citations as they now stand; nothing is written when nothing changed.
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, finding.process)
    check_fields("finding_update", data, FINDING_FIELDS)
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    current_answers = list(finding.answers.all())
    current_series = list(finding.series.all())
    answers = list(dict.fromkeys(data["answers"])) if "answers" in data else current_answers
    series = list(dict.fromkeys(data["series"])) if "series" in data else current_series
    before = _values(finding, current_answers, current_series)
    for name in ("statement", "detail", "sector", "significance"):
        if name in data:
            setattr(finding, name, data[name])
    _clean(finding)
    _check_links(finding.process, answers, series)
    _check_basis(finding, answers, series)
    if _values(finding, answers, series) == before:
        return finding
    _set_links(finding, answers, series)
    save_audited(finding, actor=actor, code="finding.updated", reason=reason)
    return finding


def _values(finding: Finding, answers, series) -> dict:
    return {
        "statement": finding.statement,
        "detail": finding.detail,
        "sector": finding.sector_id,
        "significance": finding.significance,
        "answers": sorted(answer.pk for answer in answers),
        "series": sorted(item.pk for item in series),
    }


@transaction.atomic
def finding_delete(*, actor, finding: Finding, reason: str) -> None:
    """
    Delete a finding, saying why; the history keeps it, with who deleted it and why. Refused while a later phase
    relies on it (a target of the plan names it, or a check registered by that phase says no).
    """
    permissions.require(actor, permissions.MANAGE_PROCESS, finding.process)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the finding is deleted; the reason is kept in the history.")})
    refusals = [message for message in (check(finding) for check in _DELETE_CHECKS) if message]
    if refusals:
        raise ValidationError(refusals)
    finding._history_user = actor
    finding._change_reason = change_reason("finding.deleted", reason)
    try:
        with transaction.atomic():
            finding.delete()
    except ProtectedError:
        raise ValidationError(
            _("The implementation plan relies on this finding: remove it from the plan first, then delete it.")
        ) from None


# ---------------------------------------------------------------------------
# Demo records
# ---------------------------------------------------------------------------

S = Significance

# Each finding: its statement, sector code (None: across sectors), significance, detail (so that it stands even
# when the answers or series it cites are not in the demo), the answers it cites as (checklist code, question
# code), and the series as (titles to look for, topic to fall back on).
DEMO_FINDINGS = [
    {
        "statement": "The emigration of nurses and midwives leaves district hospitals with posts vacant for more "
        "than a year.",
        "sector": "health",
        "significance": S.HIGH,
        "detail": "Eleven district hospitals report midwife posts vacant for over a year; pay and the lack of "
        "specialist posts are the reasons health workers give for leaving.",
        "answers": [("C5", "B1"), ("C5", "A1")],
        "series": (("Health workers leaving the country", "Emigration of health workers"), SeriesTopic.HEALTH),
    },
    {
        "statement": "Foreign-trained health workers wait about nine months for recognition, and many work below "
        "their level meanwhile.",
        "sector": "health",
        "significance": S.MEDIUM,
        "detail": "Recognition of qualifications takes nine months on average; many foreign nurses work as "
        "assistants until it comes through.",
        "answers": [("C5", "B2")],
        "series": None,
    },
    {
        "statement": "Health professionals of the diaspora offer to teach at home, but nothing matches them with "
        "the posts that need them.",
        "sector": "health",
        "significance": S.LOW,
        "detail": "The diaspora medical association has offered volunteer teaching missions; no roster exists.",
        "answers": [("C5", "B4")],
        "series": (("Citizens abroad by country of residence", "Diaspora by country of residence"), None),
    },
    {
        "statement": "Youth unemployment in the northern provinces drives most emigration for work.",
        "sector": "employment",
        "significance": S.HIGH,
        "detail": "Youth unemployment is highest in the northern provinces, where most emigrants come from "
        "(Labour Force Survey).",
        "answers": [("C4", "A1")],
        "series": (("Emigration for work", "Emigrants by region of origin"), SeriesTopic.FLOWS),
    },
    {
        "statement": "Regular channels to work abroad exist, but women are under a fifth of the seasonal workers.",
        "sector": "employment",
        "significance": S.MEDIUM,
        "detail": "Two bilateral labour agreements are in force; the seasonal schemes recruit few women.",
        "answers": [("C4", "A3")],
        "series": None,
    },
    {
        "statement": "Remittances are a large and growing inflow, but only what passes through formal channels is "
        "measured.",
        "sector": "financial-sector",
        "significance": S.HIGH,
        "detail": "The central bank's balance-of-payments statistics cover formal transfers only; informal "
        "channels are not measured.",
        "answers": [("C9", "B2"), ("C9", "B4")],
        "series": (("Remittance inflows", "Personal remittances received"), SeriesTopic.REMITTANCES),
    },
    {
        "statement": "Several key sources cannot be broken down by sex, which hides the situation of women migrants.",
        "sector": None,
        "significance": S.MEDIUM,
        "detail": "The remittance statistics have no breakdown by sex, and the seasonal schemes do not publish "
        "their workers by sex; the handbook asks for data by sex wherever possible.",
        "answers": [],
        "series": None,
    },
]


def _demo_series(process: Process, wanted) -> list[DataSeries]:
    if not wanted:
        return []
    titles, topic = wanted
    for title in titles:
        found = DataSeries.objects.filter(process=process, title__iexact=title).first()
        if found is not None:
            return [found]
    if topic:
        found = DataSeries.objects.filter(process=process, topic=topic).order_by("title").first()
        if found is not None:
            return [found]
    return []


def load_demo_findings(demo: DemoCountry) -> None:
    """
    Seven findings for the demo country, by sector and with their significance, each citing the demo answers and
    series that exist by now (looked up by checklist and question code, and by series title or topic); links that
    do not exist are left out. Loading again changes nothing.
    """
    process, nfp = demo.process, demo.users["nfp"]
    existing = set(process.findings.values_list("statement", flat=True))
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for row in DEMO_FINDINGS:
        if row["statement"] in existing:
            continue
        answers = []
        for checklist_code, question_code in row["answers"]:
            answer = Answer.objects.filter(
                process=process, question__checklist__code=checklist_code, question__code=question_code
            ).first()
            if answer is not None:
                answers.append(answer)
        finding_create(
            actor=nfp,
            process=process,
            statement=row["statement"],
            detail=row["detail"],
            sector=sectors.get(row["sector"]) if row["sector"] else None,
            significance=row["significance"],
            answers=answers,
            series=_demo_series(process, row["series"]),
        )
