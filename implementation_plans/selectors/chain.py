"""
The read side of the results chain: the whole chain goal > outcome > output > activity on one page, the detail
of each item, the ministries' proposals, the lists a form chooses from, and the catalogue of programme
experiences. Every function costs a fixed number of queries, whatever the size of the plan.

Readers are the process's internal readers (everyone but development partners, who read the published plan);
the views check that before calling these.
"""

import re

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from implementation_plans.choices import ActivityStatus, ProposalStatus
from implementation_plans.models import Activity, Goal, Outcome, Output, Plan, Priority, ProgrammeExample, Risk
from mainstreaming.models import Institution, Process, Sector

# Activities in the order of the chain, across outputs.
ACTIVITY_CHAIN_ORDER = (
    "output__outcome__goal__position",
    "output__outcome__goal__created",
    "output__outcome__position",
    "output__outcome__created",
    "output__position",
    "output__created",
    "position",
    "created",
)
ORDER = ("position", "created", "pk")


def _activities(*, declined: bool = False) -> QuerySet[Activity]:
    activities = Activity.objects.select_related("responsible", "proposed_by", "sector").prefetch_related("partners")
    if not declined:
        activities = activities.exclude(proposal_status=ProposalStatus.DECLINED)
    return activities.order_by(*ORDER)


def _risks() -> QuerySet[Risk]:
    return Risk.objects.order_by("created", "pk")


# ---------------------------------------------------------------------------
# The chain
# ---------------------------------------------------------------------------


def results_chain(process: Process) -> list[Goal]:
    """
    The process's goals in order, each with its outcomes (and their priority and risks), their outputs (and
    risks) and their activities (responsible institution, partners, sector), declined proposals left out.
    Seven queries, whatever the size.
    """
    outputs = Output.objects.order_by(*ORDER).prefetch_related(
        Prefetch("risks", queryset=_risks()), Prefetch("activities", queryset=_activities())
    )
    outcomes = (
        Outcome.objects.select_related("priority")
        .order_by(*ORDER)
        .prefetch_related(Prefetch("risks", queryset=_risks()), Prefetch("outputs", queryset=outputs))
    )
    goals = list(
        Goal.objects.filter(process=process).order_by(*ORDER).prefetch_related(Prefetch("outcomes", queryset=outcomes))
    )
    for number, goal in enumerate(goals, start=1):
        goal.number = str(number)
        _number(goal.outcomes.all(), prefix=f"{number}.")
    return goals


def _number(outcomes, prefix: str = "") -> None:
    """Number the outcomes and their outputs as the chain prints them: outcome 1.2, output 1.2.3."""
    for position, outcome in enumerate(outcomes, start=1):
        outcome.number = f"{prefix}{position}"
        for index, output in enumerate(outcome.outputs.all(), start=1):
            output.number = f"{outcome.number}.{index}"


def goal_outcomes(goal: Goal) -> list[Outcome]:
    """One goal's outcomes with their outputs and activities (for the goal's page): five queries."""
    outputs = Output.objects.order_by(*ORDER).prefetch_related(Prefetch("activities", queryset=_activities()))
    outcomes = goal.outcomes.select_related("priority").order_by(*ORDER)
    outcomes = list(outcomes.prefetch_related(Prefetch("outputs", queryset=outputs)))
    _number(outcomes)
    return outcomes


def goal_get(*, process: Process, pk: int) -> Goal:
    return get_object_or_404(Goal, process=process, pk=pk)


def outcome_get(*, process: Process, pk: int) -> Outcome:
    return get_object_or_404(Outcome.objects.select_related("goal", "priority"), process=process, pk=pk)


def outcome_detail(outcome: Outcome) -> dict:
    """An outcome's risks and outputs, each output with its activities (four queries)."""
    outputs = outcome.outputs.order_by(*ORDER).prefetch_related(
        Prefetch("activities", queryset=_activities(declined=True))
    )
    return {"risks": list(outcome.risks.order_by("created", "pk")), "outputs": list(outputs)}


def output_get(*, process: Process, pk: int) -> Output:
    return get_object_or_404(
        Output.objects.select_related("outcome__goal", "copied_from__sector"), process=process, pk=pk
    )


def output_detail(output: Output) -> dict:
    """An output's risks and its activities, declined proposals included (three queries)."""
    return {
        "risks": list(output.risks.order_by("created", "pk")),
        "activities": list(_activities(declined=True).filter(output=output)),
    }


def activity_get(*, process: Process, pk: int) -> Activity:
    activities = Activity.objects.select_related(
        "output__outcome__goal", "responsible", "proposed_by", "sector"
    ).prefetch_related("partners")
    return get_object_or_404(activities, process=process, pk=pk)


def risk_get(*, process: Process, pk: int) -> Risk:
    return get_object_or_404(Risk.objects.select_related("outcome", "output"), process=process, pk=pk)


def plan_status(process: Process) -> tuple[Plan | None, bool]:
    """The plan (None before anything is planned) and whether it is frozen (in review or endorsed)."""
    plan = Plan.objects.filter(process=process).first()
    return plan, plan is not None and plan.is_frozen


# ---------------------------------------------------------------------------
# What a form chooses from
# ---------------------------------------------------------------------------


def goal_choices(process: Process) -> QuerySet[Goal]:
    return Goal.objects.filter(process=process).order_by(*ORDER)


def outcome_choices(process: Process) -> QuerySet[Outcome]:
    return Outcome.objects.filter(process=process).select_related("goal").order_by("goal__position", *ORDER)


def output_choices(process: Process) -> QuerySet[Output]:
    return (
        Output.objects.filter(process=process)
        .select_related("outcome")
        .order_by("outcome__goal__position", "outcome__position", *ORDER)
    )


def priority_choices(goal: Goal) -> QuerySet[Priority]:
    return Priority.objects.filter(goal=goal).order_by("position", "created")


def institution_choices(process: Process) -> QuerySet[Institution]:
    return Institution.objects.filter(process=process).order_by("name")


# ---------------------------------------------------------------------------
# Proposals and a ministry's activities
# ---------------------------------------------------------------------------


def proposal_list(*, process: Process, institution: Institution | None = None) -> list[Activity]:
    """
    The ministries' proposals, pending first, then the decided ones newest first; only one institution's when
    `institution` is given (what a focal point sees of their own). One query and a prefetch.
    """
    proposals = (
        Activity.objects.filter(process=process, proposed_by__isnull=False)
        .select_related("output__outcome", "proposed_by", "sector")
        .order_by("-created")
    )
    if institution is not None:
        proposals = proposals.filter(proposed_by=institution)
    proposals = list(proposals)
    pending = [a for a in proposals if a.proposal_status == ProposalStatus.PROPOSED]
    return pending + [a for a in proposals if a.proposal_status != ProposalStatus.PROPOSED]


def institution_work(*, process: Process, institution: Institution, limit: int = 10) -> dict:
    """
    A ministry's "for you": its accepted activities still to finish (planned, ongoing or delayed, soonest end
    first) and its proposals, counted by status. Two queries.
    """
    open_statuses = (ActivityStatus.PLANNED, ActivityStatus.ONGOING, ActivityStatus.DELAYED)
    activities = list(
        Activity.objects.filter(
            process=process,
            responsible=institution,
            proposal_status=ProposalStatus.ACCEPTED,
            status__in=open_statuses,
        ).order_by("ends_on", *ACTIVITY_CHAIN_ORDER)[: limit + 1]
    )
    counts = Activity.objects.filter(process=process, proposed_by=institution).aggregate(
        pending=Count("pk", filter=Q(proposal_status=ProposalStatus.PROPOSED)),
        accepted=Count("pk", filter=Q(proposal_status=ProposalStatus.ACCEPTED)),
        declined=Count("pk", filter=Q(proposal_status=ProposalStatus.DECLINED)),
    )
    return {"activities": activities[:limit], "more": len(activities) > limit, "proposals": counts}


def chain_counts(process: Process) -> dict:
    """The dashboard's chain panel: outcomes, outputs, accepted activities, pending proposals (two queries)."""
    outcomes = Outcome.objects.filter(process=process).aggregate(
        outcomes=Count("pk", distinct=True), outputs=Count("outputs", distinct=True)
    )
    activities = Activity.objects.filter(process=process).aggregate(
        activities=Count("pk", filter=Q(proposal_status=ProposalStatus.ACCEPTED)),
        pending=Count("pk", filter=Q(proposal_status=ProposalStatus.PROPOSED)),
        without_responsible=Count("pk", filter=Q(proposal_status=ProposalStatus.ACCEPTED, responsible__isnull=True)),
    )
    return outcomes | activities


# ---------------------------------------------------------------------------
# The catalogue of programme experiences
# ---------------------------------------------------------------------------


def programme_example_list(*, search: str = "", sector: Sector | None = None, country: str = "") -> list:
    """
    The catalogue, filtered: `search` matches the title, activity, actors, countries, target group and outcomes;
    `sector` and `country` narrow it. One query.
    """
    examples = ProgrammeExample.objects.select_related("sector")
    for word in search.split():
        examples = examples.filter(
            Q(title__icontains=word)
            | Q(activity__icontains=word)
            | Q(actors__icontains=word)
            | Q(countries__icontains=word)
            | Q(target_group__icontains=word)
            | Q(outcomes__icontains=word)
        )
    if sector is not None:
        examples = examples.filter(sector=sector)
    if country:
        examples = examples.filter(countries__icontains=country)
    return list(examples)


def catalogue_countries() -> list[str]:
    """Every country the catalogue names, sorted, for the country filter (one query)."""
    countries = set()
    for value in ProgrammeExample.objects.values_list("countries", flat=True):
        countries.update(_country_names(value))
    return sorted(countries, key=str.casefold)


def _country_names(value: str) -> list[str]:
    """The country names of a free-text list: "Ghana; the Netherlands (2010)" -> Ghana, Netherlands. Counts such
    as "16 countries" name no country and are left out."""
    value = re.sub(r"\([^)]*\)", "", value)
    names = []
    for part in re.split(r",|;|\band\b", value):
        name = re.sub(r"^the\s+", "", part.strip(), flags=re.IGNORECASE)
        if name and not re.search(r"\d|countries|states", name, flags=re.IGNORECASE):
            names.append(name)
    return names


def catalogue_sectors() -> QuerySet[Sector]:
    """The sectors the catalogue has experiences of (one query)."""
    return Sector.objects.filter(pk__in=ProgrammeExample.objects.values("sector")).order_by("position")


def programme_example_get(pk: int) -> ProgrammeExample:
    return get_object_or_404(ProgrammeExample.objects.select_related("sector"), pk=pk)


def programme_example_uses(*, process: Process, example: ProgrammeExample) -> list[Output]:
    """The outputs of this process copied from the experience (one query)."""
    return list(Output.objects.filter(process=process, copied_from=example).select_related("outcome"))
