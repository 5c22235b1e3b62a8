"""
How far the goals-and-priorities and implementation-plan phases have come, read from this app's records (the core
shows it on the dashboard, the phase pages and the process overview; mainstreaming.phases). Each fact is a
subquery on the process's row. Monitoring adds what it records of the plan's M&E arrangements
(monitoring.phase_records).
"""

from django.db.models import Exists, OuterRef

from implementation_plans.choices import ProposalStatus, VersionStatus
from implementation_plans.models import (
    Activity,
    Funding,
    Goal,
    Outcome,
    Output,
    Plan,
    PlanVersion,
    Priority,
    PriorityCriterion,
    Target,
)
from implementation_plans.selectors.goals import lacking_any
from mainstreaming.choices import Phase
from mainstreaming.phases import PhaseReading, PhaseRecords, register_phase_records
from stakeholders.models import CapacityActivity


def _of_process(model, **filters):
    return model.objects.filter(process=OuterRef("pk"), **filters)


# ---------------------------------------------------------------------------
# Goals and priorities
# ---------------------------------------------------------------------------


def goals_facts() -> dict:
    selected = _of_process(Priority, is_selected=True)
    return {
        "goals": Exists(_of_process(Goal)),
        "goals_answering_findings": Exists(_of_process(Goal, findings__isnull=False)),
        "priorities": Exists(_of_process(Priority)),
        "criteria": Exists(_of_process(PriorityCriterion)),
        "selected": Exists(selected),
        "selected_without_target": Exists(selected.filter(targets__isnull=True)),
        "targets_not_smart": Exists(_of_process(Target).filter(lacking_any())),
    }


def read_goals(facts: dict) -> PhaseReading:
    """
    Goals drafted once one answers a finding; prioritised once there are criteria and a priority is selected;
    SMART once every selected priority has targets and none lacks a SMART element. The consultation on the result
    is not linked to the goals in the workbench, so no record shows it.
    """
    return PhaseReading(
        steps=(
            facts["goals_answering_findings"],
            facts["criteria"] and facts["selected"],
            facts["selected"] and not facts["selected_without_target"] and not facts["targets_not_smart"],
            None,
        ),
        started=facts["goals"] or facts["priorities"] or facts["criteria"],
    )


# ---------------------------------------------------------------------------
# The implementation plan
# ---------------------------------------------------------------------------


def implementation_plan_facts() -> dict:
    activities = _of_process(Activity, proposal_status=ProposalStatus.ACCEPTED)
    return {
        "plan": Exists(_of_process(Plan)),
        "outcomes": Exists(_of_process(Outcome)),
        "activities": Exists(activities),
        "outcome_without_output": Exists(_of_process(Outcome, outputs__isnull=True)),
        "output_without_activity": Exists(
            _of_process(Output).exclude(activities__proposal_status=ProposalStatus.ACCEPTED)
        ),
        "activity_without_responsible": Exists(activities.filter(responsible__isnull=True)),
        "activity_without_cost": Exists(activities.filter(budget_lines__isnull=True)),
        "funding": Exists(_of_process(Funding)),
        "capacity_development": Exists(_of_process(CapacityActivity)),
        # A superseded version was published before a later one replaced it.
        "published": Exists(_of_process(PlanVersion, status__in=(VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED))),
    }


def read_implementation_plan(facts: dict) -> PhaseReading:
    """
    The chain is built once every outcome has an output and every output an activity; responsibilities are given
    once every activity has a responsible institution (outcomes and outputs record none); costed once every activity
    has a budget line and some funding is identified; capacity development is planned once there is a plan and a
    capacity-development activity on record (monitoring adds the M&E arrangements). The phase is complete once a
    version of the plan is published.
    """
    activities = facts["activities"]
    return PhaseReading(
        steps=(
            activities and not facts["outcome_without_output"] and not facts["output_without_activity"],
            activities and not facts["activity_without_responsible"],
            activities and not facts["activity_without_cost"] and facts["funding"],
            facts["plan"] and facts["capacity_development"],
            facts["published"],
        ),
        started=facts["plan"] or facts["outcomes"],
        completed=facts["published"],
    )


def register() -> None:
    register_phase_records(Phase.GOALS, PhaseRecords(facts=goals_facts, read=read_goals))
    register_phase_records(
        Phase.IMPLEMENTATION_PLAN, PhaseRecords(facts=implementation_plan_facts, read=read_implementation_plan)
    )
