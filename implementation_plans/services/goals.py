"""
Goals, priorities and SMART targets (handbook phase 5: "prioritised objectives with SMART targets").

The NFP writes the national plan's pillars, the goal statements (each answering findings of the situation analysis,
tagged with sectors, a pillar, SDG targets and GCM objectives), the candidate priorities under each goal, the
criteria candidates are scored against with their weights, and each priority's targets. Committee members score
the candidates (the rule `priority.score`); the NFP then selects, or unselects, priorities, saying why.

Every change goes through open_for_editing first: a plan in review or endorsed cannot change, and a change to a
published plan starts a new draft. Every write leaves one history row with who acted and why.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from implementation_plans import permissions as plan_permissions
from implementation_plans.models import (
    GcmObjective,
    Goal,
    PlanPillar,
    Priority,
    PriorityCriterion,
    PriorityScore,
    SdgTarget,
    Target,
)
from implementation_plans.services.base import check_deletable, require_draft, require_editing
from mainstreaming import permissions
from mainstreaming.models import Institution, Process, Sector
from mainstreaming.services import change_reason, delete_audited, position_in, required_reason, save_audited
from situation_analysis.models import Finding

PILLAR_FIELDS = ("code", "name", "position")
GOAL_FIELDS = ("statement", "rationale", "pillar", "position", "sectors", "findings", "sdg_targets", "gcm_objectives")
GOAL_LINKS = ("sectors", "findings", "sdg_targets", "gcm_objectives")
CRITERION_FIELDS = ("name", "description", "weight", "position")
PRIORITY_FIELDS = ("goal", "title", "description", "position", "findings")
TARGET_FIELDS = (
    "statement",
    "indicator",
    "baseline",
    "target_value",
    "responsible",
    "resources",
    "finding",
    "due_on",
    "position",
)

SCORE_MIN, SCORE_MAX = 1, 5


# ---------------------------------------------------------------------------
# Who scores
# ---------------------------------------------------------------------------


def _require_scorer(actor, process: Process) -> None:
    """Committee members score (the rule `priority.score`, see implementation_plans.permissions)."""
    permissions.require(actor, plan_permissions.SCORE, process)


# ---------------------------------------------------------------------------
# National plan pillars
# ---------------------------------------------------------------------------


@transaction.atomic
def pillar_create(*, actor, process: Process, name: str, code: str = "", position: int | None = None) -> PlanPillar:
    """Add a pillar of the national development plan, to tag goals with; last unless a position is given."""
    require_editing(actor, process)
    pillar = PlanPillar(
        process=process,
        code=(code or "").strip(),
        name=(name or "").strip(),
        position=position_in(PlanPillar.objects.filter(process=process), position),
    )
    _save(pillar, actor=actor, code="pillar.created")
    return pillar


@transaction.atomic
def pillar_update(*, actor, pillar: PlanPillar, data: Mapping, reason: str = "") -> PlanPillar:
    require_editing(actor, pillar.process)
    _check_fields("pillar_update", data, PILLAR_FIELDS)
    for name, value in _placed(data).items():
        setattr(pillar, name, value.strip() if isinstance(value, str) else value)
    _save(pillar, actor=actor, code="pillar.updated", reason=reason)
    return pillar


@transaction.atomic
def pillar_delete(*, actor, pillar: PlanPillar, reason: str) -> None:
    """Remove a pillar no goal is tagged with, saying why."""
    require_editing(actor, pillar.process)
    _delete_audited(
        pillar,
        actor=actor,
        code="pillar.deleted",
        reason=reason,
        protected=_("Goals are tagged with this pillar: tag them with another one first."),
    )


# ---------------------------------------------------------------------------
# Goals
# ---------------------------------------------------------------------------


@transaction.atomic
def goal_create(
    *,
    actor,
    process: Process,
    statement: str,
    rationale: str = "",
    pillar: PlanPillar | None = None,
    position: int | None = None,
    sectors: Iterable[Sector] = (),
    findings: Iterable[Finding] = (),
    sdg_targets: Iterable[SdgTarget] = (),
    gcm_objectives: Iterable[GcmObjective] = (),
) -> Goal:
    """
    Write a goal statement with its rationale, the findings it answers, its sectors, pillar and framework tags;
    it goes after the other goals unless a position is given. History: the creation, then (when it has links) one
    more row carrying them, both under goal.created.
    """
    require_editing(actor, process)
    goal = Goal(
        process=process,
        statement=statement,
        rationale=rationale,
        pillar=pillar,
        position=position_in(Goal.objects.filter(process=process), position),
    )
    links = {"sectors": sectors, "findings": findings, "sdg_targets": sdg_targets, "gcm_objectives": gcm_objectives}
    links = {name: list(dict.fromkeys(values)) for name, values in links.items()}
    _clean_goal(goal, links["findings"])
    save_audited(goal, actor=actor, code="goal.created")
    if any(links.values()):
        _set_links(goal, links)
        save_audited(goal, actor=actor, code="goal.created", validate=False)
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, data: Mapping, reason: str = "") -> Goal:
    """Change a goal's statement, rationale, pillar, position or links; one history row, none when nothing changed."""
    require_editing(actor, goal.process)
    _check_fields("goal_update", data, GOAL_FIELDS)
    data = _placed(data)
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    current = {name: list(getattr(goal, name).all()) for name in GOAL_LINKS}
    links = {name: list(dict.fromkeys(data[name])) if name in data else current[name] for name in GOAL_LINKS}
    before = _goal_values(goal, current)
    for name in ("statement", "rationale", "pillar", "position"):
        if name in data:
            setattr(goal, name, data[name])
    _clean_goal(goal, links["findings"])
    if _goal_values(goal, links) == before:
        return goal
    _set_links(goal, links)
    save_audited(goal, actor=actor, code="goal.updated", reason=reason)
    return goal


@transaction.atomic
def goal_delete(*, actor, goal: Goal, reason: str) -> None:
    """Remove a goal that has no priority and no outcome yet, saying why; the history keeps it."""
    require_editing(actor, goal.process)
    check_deletable(goal)
    _delete_audited(
        goal,
        actor=actor,
        code="goal.deleted",
        reason=reason,
        protected=_("Priorities or outcomes hang on this goal: move or remove them first."),
    )


def _clean_goal(goal: Goal, findings: list[Finding]) -> None:
    goal.statement = (goal.statement or "").strip()
    goal.rationale = (goal.rationale or "").strip()
    errors: dict[str, str] = {}
    if not goal.statement:
        errors["statement"] = _("Write the goal in one sentence: the change the country wants to see.")
    if goal.pillar_id and goal.pillar.process_id != goal.process_id:
        errors["pillar"] = _("Choose a pillar of this process's national plan.")
    if any(finding.process_id != goal.process_id for finding in findings):
        errors["findings"] = _("Cite findings of this process's situation analysis only.")
    if errors:
        raise ValidationError(errors)


def _goal_values(goal: Goal, links: Mapping) -> dict:
    values = {name: getattr(goal, name) for name in ("statement", "rationale", "pillar_id", "position")}
    return values | {name: sorted(item.pk for item in links[name]) for name in GOAL_LINKS}


def _set_links(obj, links: Mapping) -> None:
    """Set the many-to-many links without history rows of their own: the save that follows records them."""
    obj.skip_history_when_saving = True
    try:
        for name, values in links.items():
            getattr(obj, name).set(values)
    finally:
        del obj.skip_history_when_saving


# ---------------------------------------------------------------------------
# Prioritisation criteria
# ---------------------------------------------------------------------------


@transaction.atomic
def criterion_create(
    *, actor, process: Process, name: str, weight: int = 1, description: str = "", position: int | None = None
) -> PriorityCriterion:
    """Add a criterion to score candidate priorities against, with its weight (1 to 10); last unless placed."""
    require_editing(actor, process)
    criterion = PriorityCriterion(
        process=process,
        name=(name or "").strip(),
        description=(description or "").strip(),
        weight=weight,
        position=position_in(PriorityCriterion.objects.filter(process=process), position),
    )
    _save(criterion, actor=actor, code="criterion.created")
    return criterion


@transaction.atomic
def criterion_update(*, actor, criterion: PriorityCriterion, data: Mapping, reason: str = "") -> PriorityCriterion:
    """Rename or reweigh a criterion; the ranking follows at once (the scores stay)."""
    require_editing(actor, criterion.process)
    _check_fields("criterion_update", data, CRITERION_FIELDS)
    for name, value in _placed(data).items():
        setattr(criterion, name, value.strip() if isinstance(value, str) else value)
    _save(criterion, actor=actor, code="criterion.updated", reason=reason)
    return criterion


@transaction.atomic
def criterion_delete(*, actor, criterion: PriorityCriterion, reason: str) -> None:
    """Remove a criterion and the scores given against it, saying why; the history keeps both."""
    require_editing(actor, criterion.process)
    for score in criterion.scores.all():
        score._history_user = actor
        score._change_reason = change_reason("score.deleted", _("its criterion was removed"))
        score.delete()
    _delete_audited(criterion, actor=actor, code="criterion.deleted", reason=reason)


# ---------------------------------------------------------------------------
# Candidate priorities
# ---------------------------------------------------------------------------


@transaction.atomic
def priority_create(
    *,
    actor,
    goal: Goal,
    title: str,
    description: str = "",
    position: int | None = None,
    findings: Iterable[Finding] = (),
) -> Priority:
    """Propose a candidate priority under a goal, citing the findings it answers; last of the goal's unless placed."""
    require_editing(actor, goal.process)
    findings = list(dict.fromkeys(findings))
    priority = Priority(
        process=goal.process,
        goal=goal,
        title=title,
        description=description,
        position=position_in(goal.priorities.all(), position),
    )
    _clean_priority(priority, findings)
    save_audited(priority, actor=actor, code="priority.created")
    if findings:
        _set_links(priority, {"findings": findings})
        save_audited(priority, actor=actor, code="priority.created", validate=False)
    return priority


@transaction.atomic
def priority_update(*, actor, priority: Priority, data: Mapping, reason: str = "") -> Priority:
    require_editing(actor, priority.process)
    _check_fields("priority_update", data, PRIORITY_FIELDS)
    data = _placed(data)
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    current = list(priority.findings.all())
    findings = list(dict.fromkeys(data["findings"])) if "findings" in data else current
    before = _priority_values(priority, current)
    for name in ("goal", "title", "description", "position"):
        if name in data:
            setattr(priority, name, data[name])
    _clean_priority(priority, findings)
    if _priority_values(priority, findings) == before:
        return priority
    _set_links(priority, {"findings": findings})
    save_audited(priority, actor=actor, code="priority.updated", reason=reason)
    return priority


@transaction.atomic
def priority_delete(*, actor, priority: Priority, reason: str) -> None:
    """Remove a candidate priority (with its scores and targets), saying why. A selected one is unselected first."""
    require_editing(actor, priority.process)
    if priority.is_selected:
        raise ValidationError(_("This priority is selected: unselect it first, saying why."))
    _delete_audited(
        priority,
        actor=actor,
        code="priority.deleted",
        reason=reason,
        protected=_("Outcomes deliver this priority: move them to another priority first."),
    )


@transaction.atomic
def priority_select(*, actor, priority: Priority, reason: str) -> Priority:
    """
    The NFP selects a candidate priority for the plan, saying why (for example the committee's decision and the
    ranking). Records who and when on the priority, and the reason on its history row (priority.selected).
    """
    require_editing(actor, priority.process)
    reason = required_reason(reason, _("Say why this priority is selected; the reason is kept in the history."))
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    if priority.is_selected:
        raise ValidationError(_("This priority is already selected."))
    priority.is_selected = True
    priority.selected_at = timezone.now()
    priority.selected_by = actor
    save_audited(priority, actor=actor, code="priority.selected", reason=reason)
    return priority


@transaction.atomic
def priority_unselect(*, actor, priority: Priority, reason: str) -> Priority:
    """The NFP takes a priority back to the candidates, saying why; its targets and scores stay."""
    require_editing(actor, priority.process)
    reason = required_reason(reason, _("Say why this priority is unselected; the reason is kept in the history."))
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    if not priority.is_selected:
        raise ValidationError(_("This priority is not selected."))
    priority.is_selected = False
    priority.selected_at = None
    priority.selected_by = None
    save_audited(priority, actor=actor, code="priority.unselected", reason=reason)
    return priority


def _clean_priority(priority: Priority, findings: list[Finding]) -> None:
    priority.title = (priority.title or "").strip()
    priority.description = (priority.description or "").strip()
    errors: dict[str, str] = {}
    if not priority.title:
        errors["title"] = _("Name the priority in a few words.")
    if priority.goal_id and priority.goal.process_id != priority.process_id:
        errors["goal"] = _("Choose a goal of this process.")
    if any(finding.process_id != priority.process_id for finding in findings):
        errors["findings"] = _("Cite findings of this process's situation analysis only.")
    if errors:
        raise ValidationError(errors)


def _priority_values(priority: Priority, findings) -> dict:
    values = {name: getattr(priority, name) for name in ("goal_id", "title", "description", "position")}
    return values | {"findings": sorted(finding.pk for finding in findings)}


# ---------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------


@transaction.atomic
def scores_save(*, actor, process: Process, scores: Mapping[tuple[int, int], int | None]) -> int:
    """
    Record the actor's scores: {(priority id, criterion id): 1..5, or None to withdraw a score}. Only candidates
    (priorities not yet selected) and criteria of this process are scored. Returns how many scores changed; each
    change leaves a history row (score.given, score.changed, score.withdrawn). Scoring is open while the plan is
    a draft only: a committee member's scores must not start a new draft of a published plan, which is the NFP's
    decision.
    """
    _require_scorer(actor, process)
    require_draft(process)
    candidates = set(Priority.objects.filter(process=process, is_selected=False).values_list("pk", flat=True))
    criteria = set(PriorityCriterion.objects.filter(process=process).values_list("pk", flat=True))
    errors = []
    for (priority_id, criterion_id), value in scores.items():
        if priority_id not in candidates or criterion_id not in criteria:
            errors.append(_("Score the candidate priorities of this process against its criteria only."))
        elif value is not None and not SCORE_MIN <= value <= SCORE_MAX:
            bounds = {"low": SCORE_MIN, "high": SCORE_MAX}
            errors.append(_("A score is a whole number from %(low)s to %(high)s.") % bounds)
    if errors:
        raise ValidationError(sorted(set(errors)))
    mine = {
        (score.priority_id, score.criterion_id): score
        for score in PriorityScore.objects.filter(scorer=actor, priority__process=process).select_for_update()
    }
    changed = 0
    for (priority_id, criterion_id), value in scores.items():
        existing = mine.get((priority_id, criterion_id))
        if existing is None and value is not None:
            score = PriorityScore(priority_id=priority_id, criterion_id=criterion_id, scorer=actor, score=value)
            save_audited(score, actor=actor, code="score.given")
            changed += 1
        elif existing is not None and value is None:
            existing._history_user = actor
            existing._change_reason = "score.withdrawn"
            existing.delete()
            changed += 1
        elif existing is not None and existing.score != value:
            existing.score = value
            save_audited(existing, actor=actor, code="score.changed")
            changed += 1
    return changed


# ---------------------------------------------------------------------------
# SMART targets
# ---------------------------------------------------------------------------


@transaction.atomic
def target_create(*, actor, priority: Priority, statement: str, **data) -> Target:
    """
    Give a priority a target: what (specific), indicator and value, who and with what, which finding, by when. It
    goes after the priority's other targets unless a position is given.
    """
    require_editing(actor, priority.process)
    _check_fields("target_create", data, TARGET_FIELDS)
    target = Target(process=priority.process, priority=priority, statement=statement)
    for name, value in data.items():
        setattr(target, name, _text_or_value(value))
    target.position = position_in(priority.targets.all(), data.get("position"))
    _clean_target(target)
    save_audited(target, actor=actor, code="target.created")
    return target


@transaction.atomic
def target_update(*, actor, target: Target, data: Mapping, reason: str = "") -> Target:
    require_editing(actor, target.process)
    _check_fields("target_update", data, TARGET_FIELDS)
    for name, value in _placed(data).items():
        setattr(target, name, _text_or_value(value))
    _clean_target(target)
    save_audited(target, actor=actor, code="target.updated", reason=reason)
    return target


@transaction.atomic
def target_delete(*, actor, target: Target, reason: str) -> None:
    require_editing(actor, target.process)
    _delete_audited(target, actor=actor, code="target.deleted", reason=reason)


def _text_or_value(value):
    return value.strip() if isinstance(value, str) else value


def _clean_target(target: Target) -> None:
    target.statement = (target.statement or "").strip()
    errors: dict[str, str] = {}
    if not target.statement:
        errors["statement"] = _("Say specifically what will be achieved, for whom.")
    if (
        target.responsible_id
        and Institution.objects.filter(pk=target.responsible_id).values_list("process_id", flat=True).first()
        != target.process_id
    ):
        errors["responsible"] = _("Choose an institution of this process.")
    if target.finding_id and target.finding.process_id != target.process_id:
        errors["finding"] = _("Choose a finding of this process's situation analysis.")
    if errors:
        raise ValidationError(errors)


# ---------------------------------------------------------------------------
# Findings the plan relies on
# ---------------------------------------------------------------------------


def finding_delete_check(finding: Finding) -> str:
    """Registered with the situation analysis: a finding a goal or a priority cites is not deleted silently."""
    if finding.goals.exists() or finding.priorities.exists():
        return _("Goals or priorities of the plan cite this finding: remove it from them first.")
    return ""


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _placed(data: Mapping) -> dict:
    """An update's data without an empty position: a record left unplaced keeps the place it has."""
    return {name: value for name, value in data.items() if not (name == "position" and value is None)}


def _check_fields(name: str, data: Mapping, allowed) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{name}() got unexpected fields: {sorted(unknown)}")


def _save(obj, *, actor, code: str, reason: str = "") -> None:
    """save_audited, after checking that the name is not taken in the process (pillars and criteria)."""
    if not obj.name:
        raise ValidationError({"name": _("Give it a name.")})
    taken = type(obj).objects.filter(process=obj.process_id, name__iexact=obj.name).exclude(pk=obj.pk)
    if taken.exists():
        raise ValidationError({"name": _("This process already has one of this name.")})
    save_audited(obj, actor=actor, code=code, reason=reason)


def _delete_audited(obj, *, actor, code: str, reason: str, protected: str = "") -> None:
    reason = required_reason(reason)
    try:
        with transaction.atomic():
            delete_audited(obj, actor=actor, code=code, reason=reason)
    except ProtectedError:
        raise ValidationError(protected or _("Other records rely on this one: remove them first.")) from None
