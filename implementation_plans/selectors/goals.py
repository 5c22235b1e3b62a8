"""
The read side of goals, priorities and targets: the goals with their links, the ranking of the candidate
priorities, each scorer's sheet, and what each target still lacks to be SMART. Every function costs a fixed number
of queries, however many goals, priorities, scores and targets there are.

The ranking is computed in the database: for each priority, the average score of each criterion (over the scorers
who scored it), the number of scorers, and the weighted total, the sum of weight × average over the criteria. A
criterion nobody has scored yet for a priority adds nothing to its total, and the page says so. The weighted
average is that total divided by the sum of the weights: on the same 1-to-5 scale as a score.
"""

from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.shortcuts import get_object_or_404

from implementation_plans import smart
from implementation_plans.models import Goal, Plan, PlanPillar, Priority, PriorityCriterion, PriorityScore, Target
from mainstreaming.models import Process
from situation_analysis.models import Finding

# ---------------------------------------------------------------------------
# SMART (the check itself is implementation_plans.smart's)
# ---------------------------------------------------------------------------


def _decorate_targets(targets) -> list[Target]:
    return [smart.decorate(target) for target in targets]


def lacking_any() -> Q:
    """
    Targets with an empty SMART field, as a filter: what SQL can tell. A target that passes may still fail a letter
    on what it says (a number without its unit, a date outside the plan), which only `smart.smart_gaps` reads.
    """
    return (
        Q(statement="")
        | Q(indicator="")
        | Q(target_value="")
        | Q(baseline="")
        | Q(responsible__isnull=True)
        | Q(resources="")
        | Q(finding__isnull=True)
    )


def _process_targets(process: Process) -> list[Target]:
    """Every target of the process in the plan's order, each with what it lacks (one query)."""
    targets = (
        Target.objects.filter(process=process)
        .select_related("priority", "priority__goal", *smart.TARGET_RELATED)
        .order_by("priority__goal__position", "priority__position", "priority__created", "position", "created")
    )
    return _decorate_targets(targets)


def targets_lacking(*, process: Process, limit: int | None = None) -> list[Target]:
    """
    The targets that still lack one or more SMART elements, with what each lacks (one query). The check reads
    what is written (a number and its unit, a date inside the plan's period), so it is made here, not in SQL.
    """
    lacking = [target for target in _process_targets(process) if target.gaps]
    return lacking[:limit] if limit else lacking


def _counts(targets: list[Target]) -> dict:
    counts = {"total": len(targets), "incomplete": sum(1 for target in targets if target.gaps)}
    for letter in smart.SMART:
        counts[letter.key] = sum(1 for target in targets if any(gap.key == letter.key for gap in target.gaps))
    return counts


def smart_counts(*, process: Process) -> dict:
    """How many targets there are, how many lack something, and how many lack each letter (one query)."""
    return _counts(_process_targets(process))


# ---------------------------------------------------------------------------
# Pillars and criteria
# ---------------------------------------------------------------------------


def pillar_list(*, process: Process) -> list[PlanPillar]:
    """The national plan's pillars with how many goals each tags (one query)."""
    return list(PlanPillar.objects.filter(process=process).annotate(goal_count=Count("goals")))


def pillar_get(*, process: Process, pk: int) -> PlanPillar:
    return get_object_or_404(PlanPillar.objects.select_related("process"), process=process, pk=pk)


def criterion_list(*, process: Process) -> list[PriorityCriterion]:
    """The prioritisation criteria with their weights and how many scores each has (one query)."""
    return list(PriorityCriterion.objects.filter(process=process).annotate(score_count=Count("scores")))


def criterion_get(*, process: Process, pk: int) -> PriorityCriterion:
    return get_object_or_404(PriorityCriterion.objects.select_related("process"), process=process, pk=pk)


# ---------------------------------------------------------------------------
# Goals
# ---------------------------------------------------------------------------


def goal_list(*, process: Process) -> list[Goal]:
    """
    The goals in order, each with its pillar, sectors, framework tags and the number of findings it answers,
    of candidate and of selected priorities (four queries).
    """
    goals = (
        Goal.objects.filter(process=process)
        .select_related("pillar")
        .prefetch_related("sectors", "sdg_targets", "gcm_objectives")
        .annotate(
            finding_count=_count(Goal.findings.through, "goal"),
            priority_count=_count(Priority, "goal"),
            selected_count=_count(Priority, "goal", is_selected=True),
        )
    )
    goals = list(goals)
    for number, goal in enumerate(goals, start=1):
        goal.number = number
    return goals


def _count(model, link: str, **filters):
    rows = model.objects.filter(**{link: OuterRef("pk")}, **filters).order_by().values(link).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), Value(0))


def goal_get(*, process: Process, pk: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("process", "pillar"), process=process, pk=pk)


@dataclass
class ThreadLink:
    """One strand of the golden thread on a goal's page: a finding, and the goal and priorities that answer it."""

    finding: Finding
    by_goal: bool = False
    priorities: list = field(default_factory=list)


@dataclass
class GoalDetail:
    goal: Goal
    findings: list
    priorities: list
    criteria: list
    thread: list
    smart: dict


def goal_detail(*, goal: Goal) -> GoalDetail:
    """
    A goal with its tags and findings, its priorities (ranked figures, cited findings, targets and what each
    target still lacks) and the golden thread from each finding to the goal and the priorities that answer it.
    Nine queries, whatever the size.
    """
    goal = (
        Goal.objects.filter(pk=goal.pk)
        .select_related("process", "pillar")
        .prefetch_related("sectors", "sdg_targets", "gcm_objectives")
        .get()
    )
    findings = list(goal.findings.select_related("sector").order_by("sector__position", "-created"))
    criteria = list(PriorityCriterion.objects.filter(process=goal.process_id))
    priorities = list(
        _ranked(Priority.objects.filter(goal=goal), criteria)
        .select_related("selected_by")
        .prefetch_related(
            Prefetch("findings", queryset=Finding.objects.select_related("sector").order_by("-created")),
            Prefetch("targets", queryset=_target_queryset()),
        )
        .order_by("position", "created")
    )
    _attach_breakdown(priorities, criteria)
    thread: dict[int, ThreadLink] = {finding.pk: ThreadLink(finding=finding, by_goal=True) for finding in findings}
    for priority in priorities:
        priority.target_list = _decorate_targets(priority.targets.all())
        for finding in priority.findings.all():
            thread.setdefault(finding.pk, ThreadLink(finding=finding)).priorities.append(priority)
    targets = [target for priority in priorities for target in priority.target_list]
    smart_summary = {"total": len(targets), "incomplete": sum(1 for target in targets if target.gaps)}
    return GoalDetail(
        goal=goal,
        findings=findings,
        priorities=priorities,
        criteria=criteria,
        thread=list(thread.values()),
        smart=smart_summary,
    )


def _target_queryset():
    return Target.objects.select_related("responsible", "finding", *smart.TARGET_RELATED).order_by(
        "position", "created"
    )


# ---------------------------------------------------------------------------
# Priorities and the ranking
# ---------------------------------------------------------------------------


def _average(criterion_id: int):
    rows = (
        PriorityScore.objects.filter(priority=OuterRef("pk"), criterion_id=criterion_id)
        .order_by()
        .values("priority")
        .annotate(average=Cast(Avg("score"), FloatField()))
        .values("average")
    )
    return Subquery(rows, output_field=FloatField())


def _criterion_count(criterion_id: int):
    rows = (
        PriorityScore.objects.filter(priority=OuterRef("pk"), criterion_id=criterion_id)
        .order_by()
        .values("priority")
        .annotate(n=Count("scorer", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _scorers():
    rows = (
        PriorityScore.objects.filter(priority=OuterRef("pk"))
        .order_by()
        .values("priority")
        .annotate(n=Count("scorer", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _ranked(queryset, criteria: list[PriorityCriterion]):
    """
    `queryset` of priorities annotated, in the database, with `avg_<criterion id>` and `n_<criterion id>` (the
    average score and the number of scorers of each criterion), `scorers`, `weighted_total` and `weighted_average`.
    """
    annotations = {}
    for criterion in criteria:
        annotations[f"avg_{criterion.pk}"] = _average(criterion.pk)
        annotations[f"n_{criterion.pk}"] = _criterion_count(criterion.pk)
    queryset = queryset.annotate(scorers=_scorers(), **annotations)
    total = Value(0.0, output_field=FloatField())
    for criterion in criteria:
        total = total + Value(float(criterion.weight), output_field=FloatField()) * Coalesce(
            F(f"avg_{criterion.pk}"), Value(0.0, output_field=FloatField())
        )
    weights = float(sum(criterion.weight for criterion in criteria)) or 1.0
    return queryset.annotate(
        weighted_total=ExpressionWrapper(total, output_field=FloatField()),
    ).annotate(
        weighted_average=ExpressionWrapper(
            F("weighted_total") / Value(weights, output_field=FloatField()), output_field=FloatField()
        )
    )


@dataclass
class CriterionScore:
    criterion: PriorityCriterion
    average: float | None
    scorers: int

    @property
    def weighted(self) -> float:
        return (self.average or 0.0) * self.criterion.weight


def _attach_breakdown(priorities: list[Priority], criteria: list[PriorityCriterion]) -> None:
    """Read each priority's per-criterion annotations into `.breakdown` (no query)."""
    for priority in priorities:
        priority.breakdown = [
            CriterionScore(
                criterion=criterion,
                average=getattr(priority, f"avg_{criterion.pk}"),
                scorers=getattr(priority, f"n_{criterion.pk}"),
            )
            for criterion in criteria
        ]
        priority.unscored = [item.criterion for item in priority.breakdown if item.average is None]


@dataclass
class Ranking:
    criteria: list
    priorities: list
    total_weight: int
    max_total: int


def ranking(*, process: Process) -> Ranking:
    """
    Every priority of the process ranked by its weighted total, highest first (ties: in the goals' order), each
    with `.rank`, `.breakdown` (criterion, average, scorers), `.scorers`, `.weighted_total` and
    `.weighted_average`. Two queries, whatever the number of priorities, criteria and scores.
    """
    criteria = list(PriorityCriterion.objects.filter(process=process))
    priorities = list(
        _ranked(Priority.objects.filter(process=process), criteria)
        .select_related("goal", "selected_by")
        .order_by(F("weighted_total").desc(), "goal__position", "goal__created", "position", "created")
    )
    _attach_breakdown(priorities, criteria)
    for rank, priority in enumerate(priorities, start=1):
        priority.rank = rank
    total_weight = sum(criterion.weight for criterion in criteria)
    return Ranking(criteria=criteria, priorities=priorities, total_weight=total_weight, max_total=5 * total_weight)


def priority_get(*, process: Process, pk: int) -> Priority:
    return get_object_or_404(Priority.objects.select_related("process", "goal", "selected_by"), process=process, pk=pk)


@dataclass
class PriorityDetail:
    priority: Priority
    findings: list
    targets: list
    breakdown: list
    criteria: list
    selection_reason: str
    outcomes: list


def priority_detail(*, priority: Priority) -> PriorityDetail:
    """
    A priority with its cited findings, its score breakdown, its targets and what each still lacks, the reason
    given when it was last selected or unselected, and the outcomes that deliver it. Six queries.
    """
    criteria = list(PriorityCriterion.objects.filter(process=priority.process_id))
    scored = _ranked(Priority.objects.filter(pk=priority.pk), criteria).get()
    _attach_breakdown([scored], criteria)
    for name in ("scorers", "weighted_total", "weighted_average", "breakdown", "unscored"):
        setattr(priority, name, getattr(scored, name))
    findings = list(priority.findings.select_related("sector").order_by("sector__position", "-created"))
    targets = _decorate_targets(_target_queryset().filter(priority=priority))
    record = (
        priority.history.filter(
            Q(history_change_reason__startswith="priority.selected")
            | Q(history_change_reason__startswith="priority.unselected")
        )
        .order_by("-history_date", "-history_id")
        .values_list("history_change_reason", flat=True)
        .first()
    )
    reason = record.split(": ", 1)[1] if record and ": " in record else ""
    outcomes = list(priority.outcomes.order_by("position", "created"))
    return PriorityDetail(
        priority=priority,
        findings=findings,
        targets=targets,
        breakdown=priority.breakdown,
        criteria=criteria,
        selection_reason=reason,
        outcomes=outcomes,
    )


def target_get(*, process: Process, pk: int) -> Target:
    return get_object_or_404(
        Target.objects.select_related("process", "priority", "priority__goal"), process=process, pk=pk
    )


# ---------------------------------------------------------------------------
# A scorer's sheet
# ---------------------------------------------------------------------------


@dataclass
class ScoreSheet:
    criteria: list
    candidates: list  # priorities not yet selected, with `.mine`: {criterion id: score}


def score_sheet(*, process: Process, user) -> ScoreSheet:
    """The candidate priorities with `user`'s own scores against each criterion (three queries)."""
    criteria = list(PriorityCriterion.objects.filter(process=process))
    candidates = list(
        Priority.objects.filter(process=process, is_selected=False)
        .select_related("goal")
        .order_by("goal__position", "goal__created", "position", "created")
    )
    mine: dict[int, dict[int, int]] = {}
    for priority_id, criterion_id, score in PriorityScore.objects.filter(
        scorer=user, priority__process=process
    ).values_list("priority_id", "criterion_id", "score"):
        mine.setdefault(priority_id, {})[criterion_id] = score
    for priority in candidates:
        priority.mine = mine.get(priority.pk, {})
    return ScoreSheet(criteria=criteria, candidates=candidates)


# ---------------------------------------------------------------------------
# Forms and the dashboard
# ---------------------------------------------------------------------------


def plan_for_goals(*, process: Process) -> Plan | None:
    """The process's plan, without creating it on a read (its status decides whether the goals may change)."""
    return Plan.objects.filter(process=process).first()


def dashboard_summary(*, process: Process) -> dict:
    """
    The goals card: goals, candidate and selected priorities, criteria and targets, and the first targets that
    still lack a SMART element (two queries, whatever the size).
    """
    counts = (
        Process.objects.filter(pk=process.pk)
        .annotate(
            n_goals=_process_count(Goal),
            n_priorities=_process_count(Priority),
            n_selected=_process_count(Priority, is_selected=True),
            n_criteria=_process_count(PriorityCriterion),
        )
        .values("n_goals", "n_priorities", "n_selected", "n_criteria")
        .get()
    )
    counts = {name.removeprefix("n_"): value for name, value in counts.items()}
    targets = _process_targets(process)
    lacking = [target for target in targets if target.gaps]
    counts |= {"targets": len(targets), "incomplete": len(lacking)}
    return {"counts": counts, "lacking": lacking[:5]}


def _process_count(model, **filters):
    rows = model.objects.filter(process=OuterRef("pk"), **filters)
    rows = rows.order_by().values("process").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


# ---------------------------------------------------------------------------
# The golden thread seen from a finding (shown on the situation analysis's finding page)
# ---------------------------------------------------------------------------


def finding_citations(finding: Finding) -> list:
    """The goals answering a finding, the priorities citing it and the targets relevant to it: three queries."""
    from situation_analysis.selectors.findings import Citation

    def cite(model, records, label):
        kind = str(model._meta.verbose_name).capitalize()
        return [Citation(kind, label(record), record.get_absolute_url()) for record in records]

    return [
        *cite(Goal, finding.goals.all(), lambda goal: goal.statement),
        *cite(Priority, finding.priorities.all(), lambda priority: priority.title),
        *cite(Target, finding.targets.select_related("priority"), lambda target: target.statement),
    ]
