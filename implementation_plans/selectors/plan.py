"""
The read side of the plan document: the plan and its versions as each reader may see them, the snapshot of the
whole plan that a version freezes, the same snapshot laid out for a page or the PDF, and the comparison of two
snapshots.

A snapshot is plain JSON (strings, numbers, lists, dicts): the narrative and settings, the goals with their
selected priorities and SMART targets, the outcomes, outputs and accepted activities with their dates,
responsible institution, partners, status, budget lines and funding, and the plan's totals. Every record keeps its
database id, so two snapshots compare record by record ("this activity's end date moved"), not by position.
Amounts are strings with two decimals, dates ISO strings, choices their stored values (shown in the reader's
language when laid out).

Reading a snapshot costs a fixed number of queries whatever the size of the plan; laying it out and comparing two
cost none.
"""

import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from implementation_plans.choices import (
    ActivityStatus,
    BudgetCategory,
    FundingSource,
    FundingStatus,
    PlanStatus,
    VersionStatus,
)
from implementation_plans.extensions import layout_sections
from implementation_plans.models import (
    CURRENT_VERSION_STATUSES,
    BudgetLine,
    Goal,
    Outcome,
    Output,
    Plan,
    PlanVersion,
    Priority,
    Target,
    funding_line,
)
from implementation_plans.selectors.budget import (
    DEFAULT_CURRENCY,
    TimelineEntry,
    matrix_rows,
    plan_totals,
    timeline_chart,
)
from mainstreaming import l10n
from mainstreaming.models import Process
from stakeholders.choices import MeetingStatus
from stakeholders.models import MeetingDecision

SNAPSHOT_SCHEMA = 1
PLAN_FIELDS = ("title", "currency", "starts_in", "ends_in", "rationale", "roles", "fiduciary")
TOTAL_FIELDS = ("cost", "secured", "pledged", "funding_gap", "gap_declared", "surplus")

# ---------------------------------------------------------------------------
# The plan and its versions
# ---------------------------------------------------------------------------


def plan_get(process: Process) -> Plan | None:
    """The process's plan, or None before anything has been planned (a read never creates it)."""
    return Plan.objects.filter(process=process).first()


def _versions(process: Process):
    return (
        PlanVersion.objects.filter(process=process)
        .select_related("submitted_by", "published_by", "endorsement_decision__meeting__committee", "report")
        .order_by("-number")
    )


def version_list(process: Process) -> list[PlanVersion]:
    """Every version of the plan, newest first, without their snapshots (two queries' worth of columns)."""
    return list(_versions(process).defer("snapshot"))


def version_get(*, process: Process, number: int, can_view_internal: bool) -> PlanVersion:
    """One version; a development partner finds only the published one, every other version is 404 to them."""
    versions = _versions(process)
    if not can_view_internal:
        versions = versions.filter(status=VersionStatus.PUBLISHED)
    return get_object_or_404(versions, number=number)


def published_version(process: Process) -> PlanVersion | None:
    """The version development partners read: the last one published (older ones are superseded)."""
    return _versions(process).filter(status=VersionStatus.PUBLISHED).first()


def current_version(plan: Plan | None) -> PlanVersion | None:
    """The version under review or endorsed while the plan is; None while the plan is a draft or published."""
    if plan is None or not plan.is_frozen:
        return None
    return _versions(plan.process).filter(status__in=CURRENT_VERSION_STATUSES).first()


@dataclass(frozen=True)
class WorkflowStep:
    """A step of the plan's workflow (draft, in review, endorsed, published) and where the plan stands on it."""

    status: str
    label: str
    is_done: bool
    is_current: bool

    @property
    def state_label(self) -> str:
        """What a screen reader hears beside a step other than the current one (aria-current says that one)."""
        return _("done") if self.is_done else _("still to come")


def plan_steps(plan: Plan | None) -> list[WorkflowStep]:
    """
    The plan's workflow as a stepper: the steps before the plan's status done, its status current (and done too
    once published), the later ones still to come. No plan yet stands at the draft step.
    """
    current = PlanStatus.values.index(plan.status if plan else PlanStatus.DRAFT)
    last = len(PlanStatus.values) - 1
    return [
        WorkflowStep(
            status=value,
            label=label,
            is_done=index < current or index == current == last,
            is_current=index == current,
        )
        for index, (value, label) in enumerate(PlanStatus.choices)
    ]


def endorsement_decisions(process: Process):
    """The decisions of the process's committee meetings that were held: what may endorse a plan."""
    return (
        MeetingDecision.objects.filter(meeting__process=process, meeting__status=MeetingStatus.HELD)
        .select_related("meeting__committee")
        .order_by("-meeting__held_on", "position", "created")
    )


# ---------------------------------------------------------------------------
# The snapshot
# ---------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value)


def _money(value) -> str:
    return str(Decimal(str(value or 0)).quantize(Decimal("0.01")))


def _date(value) -> str | None:
    return value.isoformat() if value else None


def plan_snapshot(*, process: Process, plan: Plan | None = None) -> dict:
    """
    The whole plan as JSON: what a version freezes, and what the plan's page shows of the plan as it stands.
    Fourteen queries whatever the size, thirteen when `plan` is given (the activities come from the budget's
    results-matrix rows).
    """
    plan = plan if plan is not None else plan_get(process)
    goals = list(
        Goal.objects.filter(process=process).select_related("pillar").prefetch_related("sdg_targets", "gcm_objectives")
    )
    priorities = list(
        Priority.objects.filter(process=process, is_selected=True).prefetch_related(
            Prefetch("targets", queryset=Target.objects.select_related("responsible").order_by("position", "created"))
        )
    )
    outcomes = list(Outcome.objects.filter(process=process).select_related("priority"))
    outputs = list(Output.objects.filter(process=process))
    activities = matrix_rows(process)
    prefetch_related_objects(
        activities, Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("year", "category", "created"))
    )
    totals = plan_totals(process)

    activities_of: dict[int, list] = {}
    for activity in activities:
        activities_of.setdefault(activity.output_id, []).append(_activity(activity))
    outputs_of: dict[int, list] = {}
    for output in outputs:
        outputs_of.setdefault(output.outcome_id, []).append(
            {
                "id": output.pk,
                "title": output.title,
                "assumptions": output.assumptions,
                "activities": activities_of.get(output.pk, []),
            }
        )
    outcomes_of: dict[int, list] = {}
    for outcome in outcomes:
        outcomes_of.setdefault(outcome.goal_id, []).append(
            {
                "id": outcome.pk,
                "title": outcome.title,
                "assumptions": outcome.assumptions,
                "priority_id": outcome.priority_id,
                "priority": outcome.priority.title if outcome.priority_id else "",
                "outputs": outputs_of.get(outcome.pk, []),
            }
        )
    priorities_of: dict[int, list] = {}
    for priority in priorities:
        priorities_of.setdefault(priority.goal_id, []).append(
            {
                "id": priority.pk,
                "title": priority.title,
                "description": priority.description,
                "targets": [
                    {
                        "id": target.pk,
                        "statement": target.statement,
                        "indicator": target.indicator,
                        "baseline": target.baseline,
                        "target_value": target.target_value,
                        "responsible": _text(target.responsible) if target.responsible_id else "",
                        "due_on": _date(target.due_on),
                    }
                    for target in priority.targets.all()
                ],
            }
        )
    return {
        "schema": SNAPSHOT_SCHEMA,
        "plan": {name: getattr(plan, name) for name in PLAN_FIELDS}
        if plan
        else dict.fromkeys(PLAN_FIELDS, "") | {"currency": DEFAULT_CURRENCY, "starts_in": None, "ends_in": None},
        "goals": [
            {
                "id": goal.pk,
                "statement": goal.statement,
                "rationale": goal.rationale,
                "pillar": _text(goal.pillar) if goal.pillar_id else "",
                "sdg_targets": [target.code for target in goal.sdg_targets.all()],
                "gcm_objectives": [objective.number for objective in goal.gcm_objectives.all()],
                "priorities": priorities_of.get(goal.pk, []),
                "outcomes": outcomes_of.get(goal.pk, []),
            }
            for goal in goals
        ],
        "totals": {name: _money(getattr(totals, name)) for name in TOTAL_FIELDS},
    }


def _activity(activity) -> dict:
    return {
        "id": activity.pk,
        "title": activity.title,
        "description": activity.description,
        "responsible": _text(activity.responsible) if activity.responsible_id else "",
        "partners": [str(partner) for partner in activity.partners.all()],
        "starts_on": _date(activity.starts_on),
        "ends_on": _date(activity.ends_on),
        "is_national": activity.is_national,
        "region": activity.region,
        "target_group": activity.target_group,
        "status": activity.status,
        "cost": _money(activity.cost),
        "secured": _money(activity.secured),
        "pledged": _money(activity.pledged),
        "funding_gap": _money(activity.funding_gap),
        "budget_lines": [
            {
                "id": line.pk,
                "year": line.year,
                "category": line.category,
                "description": line.description,
                "amount": _money(line.amount),
                "currency": line.currency,
                "rate_to_plan": str(line.rate_to_plan),
            }
            for line in activity.budget_lines.all()
        ],
        "funding": [
            {
                "id": funding.pk,
                "source": funding.source,
                "donor": _text(funding.donor) if funding.donor_id else "",
                "year": funding.year,
                "amount": _money(funding.amount),
                "currency": funding.currency,
                "rate_to_plan": str(funding.rate_to_plan),
                "status": funding.status,
                "note": funding.note,
            }
            for funding in activity.funding.all()
        ],
    }


def snapshot_is_empty(snapshot: dict) -> bool:
    return not snapshot.get("goals")


# ---------------------------------------------------------------------------
# A snapshot laid out for a page or the PDF (no query)
# ---------------------------------------------------------------------------


def _labels() -> dict[str, dict]:
    return {
        "status": dict(ActivityStatus.choices),
        "category": dict(BudgetCategory.choices),
        "source": dict(FundingSource.choices),
        "funding_status": dict(FundingStatus.choices),
    }


def funding_label(funding: dict, labels: dict | None = None) -> str:
    labels = labels or _labels()
    source = funding["donor"] or str(labels["source"].get(funding["source"], funding["source"]))
    status = labels["funding_status"].get(funding["status"], funding["status"])
    return funding_line(source=source, amount=funding["amount"], currency=funding["currency"], status=status)


@dataclass
class MatrixRow:
    """One line of the results/action matrix: an activity, or a result that has none below it yet."""

    goal: str = ""
    outcome: str = ""
    output: str = ""
    activity: str = ""
    responsible: str = ""
    partners: str = ""
    starts_on: str | None = None
    ends_on: str | None = None
    cost: str = ""
    funding: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    baselines: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    goal_number: int | None = None


def snapshot_document(snapshot: dict) -> dict:
    """
    What the plan's page, a version's page and the PDF print: the narrative, the goals numbered with their
    priorities and targets, the chain with labels in the reader's language, the results/action matrix rows
    (goal, outcome, output, activity, responsible, partners, dates, cost, funding, indicator, baseline, target)
    and the totals.
    """
    snapshot = copy.deepcopy(snapshot)  # the labels added below must not reach a version's stored snapshot
    labels = _labels()
    # The timeline and the counts read the stored figures and dates, before they are written out below.
    timeline, counts = _timeline(snapshot, labels), _counts(snapshot)
    _write_out_figures(snapshot)
    targets_of: dict[int, list[dict]] = {}
    goals = []
    rows: list[MatrixRow] = []
    for number, goal in enumerate(snapshot.get("goals", []), start=1):
        for priority in goal["priorities"]:
            targets_of[priority["id"]] = priority["targets"]
        goals.append({**goal, "number": number})
    for goal in goals:
        first_of_goal = True
        for outcome_number, outcome in enumerate(goal["outcomes"], start=1):
            targets = targets_of.get(outcome["priority_id"], [])
            # Numbered as the results chain numbers them (outcome 1.2, output 1.2.3), for the PDF's grouped matrix.
            outcome["number"] = f"{goal['number']}.{outcome_number}"
            outcome["targets"] = targets
            for output_number, output in enumerate(outcome["outputs"], start=1):
                output["number"] = f"{outcome['number']}.{output_number}"
            outcome_cells = {
                "indicators": [t["indicator"] for t in targets if t["indicator"]],
                "baselines": [t["baseline"] for t in targets if t["baseline"]],
                "targets": [t["target_value"] for t in targets if t["target_value"]],
            }
            first_of_outcome = True
            for output in outcome["outputs"] or [None]:
                first_of_output = True
                for activity in (output or {}).get("activities") or [None]:
                    row = MatrixRow(goal_number=goal["number"])
                    if first_of_goal:
                        row.goal = goal["statement"]
                    if first_of_outcome:
                        row.outcome = outcome["title"]
                        row.indicators = outcome_cells["indicators"]
                        row.baselines = outcome_cells["baselines"]
                        row.targets = outcome_cells["targets"]
                    if output and first_of_output:
                        row.output = output["title"]
                    if activity:
                        row.activity = activity["title"]
                        row.responsible = activity["responsible"]
                        row.partners = ", ".join(activity["partners"])
                        row.starts_on, row.ends_on = activity["starts_on"], activity["ends_on"]
                        row.cost = activity["cost"]
                        row.funding = [funding_label(f, labels) for f in activity["funding"]]
                        activity["status_label"] = str(labels["status"].get(activity["status"], activity["status"]))
                        for line in activity["budget_lines"]:
                            line["category_label"] = str(labels["category"].get(line["category"], line["category"]))
                        for funding in activity["funding"]:
                            funding["label"] = funding_label(funding, labels)
                    rows.append(row)
                    first_of_goal = first_of_outcome = first_of_output = False
        if first_of_goal:  # a goal without outcomes yet
            rows.append(MatrixRow(goal=goal["statement"], goal_number=goal["number"]))
    return {
        "plan": snapshot.get("plan", {}),
        "goals": goals,
        "matrix": rows,
        "totals": snapshot.get("totals", {}),
        "is_empty": snapshot_is_empty(snapshot),
        "counts": counts,
        "timeline": timeline,
        # What later phases froze with the version (implementation_plans.extensions); absent from older versions.
        "sections": layout_sections(snapshot.get("sections", {})),
    }


def _write_out_figures(snapshot: dict) -> None:
    """
    The snapshot's amounts and dates in the reader's language ("362 300,00", "5 déc. 2026"), in place. A snapshot
    stores them language-neutral ("362300.00", "2026-12-05"); a page or a PDF prints them for its reader.
    """

    def day(value):
        return l10n.date(date.fromisoformat(value)) if value else value

    totals = snapshot.get("totals", {})
    for name in TOTAL_FIELDS:
        if name in totals:
            totals[name] = l10n.amount(totals[name])
    for goal in snapshot.get("goals", []):
        for priority in goal["priorities"]:
            for target in priority["targets"]:
                target["due_on"] = day(target.get("due_on"))
        for outcome in goal["outcomes"]:
            for output in outcome["outputs"]:
                for activity in output["activities"]:
                    activity["starts_on"], activity["ends_on"] = day(activity["starts_on"]), day(activity["ends_on"])
                    for name in ("cost", "secured", "pledged", "funding_gap"):
                        activity[name] = l10n.amount(activity[name])
                    for entry in (*activity["budget_lines"], *activity["funding"]):
                        entry["amount"] = l10n.amount(entry["amount"])
                        entry["rate_to_plan"] = l10n.number(entry["rate_to_plan"])


def _timeline(snapshot: dict, labels: dict):
    """The Gantt chart of the snapshot's dated activities, drawn by the timeline page's own code ("" if none)."""
    entries = [
        TimelineEntry(
            title=activity["title"],
            starts_on=date.fromisoformat(activity["starts_on"]) if activity.get("starts_on") else None,
            ends_on=date.fromisoformat(activity["ends_on"]) if activity.get("ends_on") else None,
            status=activity["status"],
            status_label=str(labels["status"].get(activity["status"], activity["status"])),
            outcome=outcome["title"],
            output=output["title"],
        )
        for goal in snapshot.get("goals", [])
        for outcome in goal["outcomes"]
        for output in outcome["outputs"]
        for activity in output["activities"]
    ]
    dated = [entry for entry in entries if entry.starts_on and entry.ends_on]
    if not dated:
        return ""
    plan = snapshot.get("plan", {})
    first = plan.get("starts_in") or min(entry.starts_on.year for entry in dated)
    last = plan.get("ends_in") or max(entry.ends_on.year for entry in dated)
    chart, _start, _end = timeline_chart(dated, first_year=first, last_year=last)
    return chart


def _counts(snapshot: dict) -> dict:
    levels = flatten_snapshot(snapshot)
    return {level: len(records) for level, records in levels.items()}


# ---------------------------------------------------------------------------
# Comparing two snapshots (pure: no query)
# ---------------------------------------------------------------------------

# The levels in the order the comparison shows them, with the fields compared and their labels.
LEVELS = ("plan", "goal", "priority", "target", "outcome", "output", "activity", "budget_line", "funding")


def _level_labels() -> dict[str, str]:
    return {
        "plan": _("Narrative, settings and totals"),
        "goal": _("Goals"),
        "priority": _("Priorities"),
        "target": _("Targets"),
        "outcome": pgettext("results chain", "Outcomes"),
        "output": _("Outputs"),
        "activity": _("Activities"),
        "budget_line": _("Budget lines"),
        "funding": _("Funding"),
    }


def _field_labels() -> dict[str, str]:
    return {
        "title": _("Title"),
        "currency": _("Currency"),
        "starts_in": _("First year"),
        "ends_in": _("Last year"),
        "rationale": _("Rationale and sequencing"),
        "roles": _("Roles, accountabilities and decision rules"),
        "fiduciary": _("Budgetary and fiduciary arrangements"),
        "total_cost": _("Total cost"),
        "total_secured": _("Total secured"),
        "total_pledged": _("Total pledged"),
        "total_funding_gap": _("Total funding gap"),
        "statement": _("Statement"),
        "pillar": _("National plan pillar"),
        "sdg_targets": _("SDG targets"),
        "gcm_objectives": _("GCM objectives"),
        "description": _("Description"),
        "indicator": _("Indicator"),
        "baseline": _("Baseline"),
        "target_value": _("Target value"),
        "responsible": _("Responsible"),
        "due_on": _("To be reached by"),
        "assumptions": _("Assumptions"),
        "priority": _("Priority"),
        "partners": _("Partners"),
        "starts_on": _("Start"),
        "ends_on": _("End"),
        "location": _("Location"),
        "target_group": _("Target group"),
        "status": _("Status"),
        "cost": _("Cost"),
        "year": _("Year"),
        "category": _("Category"),
        "amount": _("Amount"),
        "rate_to_plan": _("Rate to the plan's currency"),
        "source": _("Source"),
        "note": _("Note"),
        "goal": _("Goal"),
        "outcome": _("Outcome"),
        "output": _("Output"),
        "activity": _("Activity"),
        "rationale_goal": _("Rationale"),
    }


def _join(values) -> str:
    return ", ".join(str(value) for value in values)


def flatten_snapshot(snapshot: dict) -> dict[str, dict]:
    """
    The snapshot as one table per level: {level: {id: {"label": ..., "parent": ..., "fields": {name: value}}}},
    every value a string, choices, amounts and dates in the reader's language. The plan itself is the one record
    of level "plan".
    """
    snapshot = copy.deepcopy(snapshot)
    _write_out_figures(snapshot)
    labels = _labels()
    levels: dict[str, dict] = {level: {} for level in LEVELS}
    plan = snapshot.get("plan", {})
    totals = snapshot.get("totals", {})
    levels["plan"]["plan"] = {
        "label": plan.get("title") or _("The plan"),
        "parent": "",
        "fields": {name: _text(plan.get(name)) for name in PLAN_FIELDS}
        | {f"total_{name}": _text(totals.get(name)) for name in ("cost", "secured", "pledged", "funding_gap")},
    }

    def put(level, record_id, label, parent, fields):
        levels[level][record_id] = {"label": label, "parent": parent, "fields": fields}

    for goal in snapshot.get("goals", []):
        goal_label = goal["statement"]
        put(
            "goal",
            goal["id"],
            goal_label,
            "",
            {
                "statement": goal["statement"],
                "rationale_goal": goal["rationale"],
                "pillar": goal["pillar"],
                "sdg_targets": _join(goal["sdg_targets"]),
                "gcm_objectives": _join(goal["gcm_objectives"]),
            },
        )
        for priority in goal["priorities"]:
            put(
                "priority",
                priority["id"],
                priority["title"],
                goal_label,
                {"title": priority["title"], "description": priority["description"]},
            )
            for target in priority["targets"]:
                put(
                    "target",
                    target["id"],
                    target["statement"],
                    priority["title"],
                    {name: _text(target[name]) for name in ("statement", "indicator", "baseline", "target_value")}
                    | {"responsible": target["responsible"], "due_on": _text(target["due_on"])},
                )
        for outcome in goal["outcomes"]:
            put(
                "outcome",
                outcome["id"],
                outcome["title"],
                goal_label,
                {"title": outcome["title"], "assumptions": outcome["assumptions"], "priority": outcome["priority"]},
            )
            for output in outcome["outputs"]:
                put(
                    "output",
                    output["id"],
                    output["title"],
                    outcome["title"],
                    {"title": output["title"], "assumptions": output["assumptions"]},
                )
                for activity in output["activities"]:
                    _flatten_activity(put, activity, output["title"], labels)
    return levels


def _flatten_activity(put, activity: dict, parent: str, labels: dict) -> None:
    put(
        "activity",
        activity["id"],
        activity["title"],
        parent,
        {
            "title": activity["title"],
            "description": activity["description"],
            "responsible": activity["responsible"],
            "partners": _join(activity["partners"]),
            "starts_on": _text(activity["starts_on"]),
            "ends_on": _text(activity["ends_on"]),
            "location": _("National") if activity["is_national"] else activity["region"],
            "target_group": activity["target_group"],
            "status": str(labels["status"].get(activity["status"], activity["status"])),
            "cost": activity["cost"],
        },
    )
    for line in activity["budget_lines"]:
        category = str(labels["category"].get(line["category"], line["category"]))
        put(
            "budget_line",
            line["id"],
            f"{line['year']} {category}",
            activity["title"],
            {
                "year": _text(line["year"]),
                "category": category,
                "description": line["description"],
                "amount": f"{line['amount']}{l10n.NBSP}{line['currency']}",
                "rate_to_plan": line["rate_to_plan"],
            },
        )
    for funding in activity["funding"]:
        put(
            "funding",
            funding["id"],
            funding_label(funding, labels),
            activity["title"],
            {
                "source": funding["donor"] or str(labels["source"].get(funding["source"], funding["source"])),
                "status": str(labels["funding_status"].get(funding["status"], funding["status"])),
                "year": _text(funding["year"]),
                "amount": f"{funding['amount']}{l10n.NBSP}{funding['currency']}",
                "rate_to_plan": funding["rate_to_plan"],
                "note": funding["note"],
            },
        )


@dataclass
class FieldChange:
    field: str
    label: str
    before: str
    after: str


@dataclass
class RecordDiff:
    """One record of a level that was added, removed or changed between two versions."""

    change: str  # "added", "removed" or "changed"
    id: object
    label: str
    parent: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class LevelDiff:
    level: str
    label: str
    added: list[RecordDiff] = field(default_factory=list)
    removed: list[RecordDiff] = field(default_factory=list)
    changed: list[RecordDiff] = field(default_factory=list)

    @property
    def records(self) -> list[RecordDiff]:
        return self.added + self.changed + self.removed

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def snapshot_diff(before: dict, after: dict) -> list[LevelDiff]:
    """
    What changed from one snapshot to another, level by level of the chain (the plan, goals, priorities,
    targets, outcomes, outputs, activities, budget lines, funding): the records added, those removed, and for each
    record in both the fields whose value differs, with the value before and after. Records are matched by their
    id, so a renamed activity is "changed", not "removed and added". Levels without a difference are left out.
    """
    field_labels = _field_labels()
    level_labels = _level_labels()
    old, new = flatten_snapshot(before), flatten_snapshot(after)
    result = []
    for level in LEVELS:
        diff = LevelDiff(level=level, label=level_labels[level])
        a, b = old[level], new[level]
        for record_id, record in b.items():
            if record_id not in a:
                diff.added.append(
                    RecordDiff(
                        "added",
                        record_id,
                        record["label"],
                        record["parent"],
                        [
                            FieldChange(name, field_labels.get(name, name), "", value)
                            for name, value in record["fields"].items()
                            if value
                        ],
                    )
                )
                continue
            changes = [
                FieldChange(name, field_labels.get(name, name), a[record_id]["fields"].get(name, ""), value)
                for name, value in record["fields"].items()
                if a[record_id]["fields"].get(name, "") != value
            ]
            if changes:
                diff.changed.append(RecordDiff("changed", record_id, record["label"], record["parent"], changes))
        for record_id, record in a.items():
            if record_id not in b:
                diff.removed.append(
                    RecordDiff(
                        "removed",
                        record_id,
                        record["label"],
                        record["parent"],
                        [
                            FieldChange(name, field_labels.get(name, name), value, "")
                            for name, value in record["fields"].items()
                            if value
                        ],
                    )
                )
        if diff:
            result.append(diff)
    return result


def version_pair(versions: list[PlanVersion], a, b) -> tuple[PlanVersion | None, PlanVersion | None, str]:
    """
    The two versions `?a=&b=` name among `versions` (newest first), defaulting to the two newest; an error
    message instead when a number is not one of them or both are the same.
    """
    by_number = {version.number: version for version in versions}
    if a in (None, "") and b in (None, ""):
        if len(versions) < 2:
            return None, None, ""
        return versions[1], versions[0], ""
    try:
        first, second = int(a), int(b)
    except (TypeError, ValueError):
        return None, None, _("Choose two versions of the plan to compare.")
    if first not in by_number or second not in by_number:
        return None, None, _("The plan has no such version: choose two from the lists.")
    if first == second:
        return None, None, _("Choose two different versions.")
    return by_number[first], by_number[second], ""
