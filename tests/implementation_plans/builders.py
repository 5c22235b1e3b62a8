"""
Plan records for tests, made directly (not through the services) so that each area's tests can stand on the
others' records without depending on their services. Use the services themselves when the test is about them.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from implementation_plans.choices import BudgetCategory, FundingSource, FundingStatus
from implementation_plans.models import Activity, BudgetLine, Funding, Goal, Outcome, Output, Plan, Priority


@dataclass
class Chain:
    plan: Plan
    goal: Goal
    priority: Priority
    outcome: Outcome
    output: Output
    activities: list[Activity] = field(default_factory=list)


def make_chain(cast, *, activities: int = 1, responsible=None, label: str = "") -> Chain:
    """A plan with one goal > selected priority > outcome > output > `activities` activities, each with a
    10,000 USD budget line in 2027 and 4,000 USD of secured government funding."""
    process = cast.process
    plan = Plan.objects.filter(process=process).first() or Plan.objects.create(
        process=process, title="Meridia migration and development plan", currency="USD"
    )
    goal = Goal.objects.create(process=process, statement=f"Migration benefits development {label}".strip())
    priority = Priority.objects.create(
        process=process, goal=goal, title=f"Protect workers abroad {label}".strip(), is_selected=True
    )
    outcome = Outcome.objects.create(process=process, goal=goal, priority=priority, title="Workers leave informed")
    output = Output.objects.create(process=process, outcome=outcome, title="Pre-departure orientation in place")
    chain = Chain(plan=plan, goal=goal, priority=priority, outcome=outcome, output=output)
    for index in range(activities):
        activity = Activity.objects.create(
            process=process,
            output=output,
            title=f"Train orientation trainers {index + 1} {label}".strip(),
            responsible=responsible or cast.labour,
            starts_on=date(2027, 1, 1),
            ends_on=date(2027, 6, 30),
            position=index,
        )
        BudgetLine.objects.create(
            process=process,
            activity=activity,
            year=2027,
            category=BudgetCategory.TRAINING,
            amount=Decimal("10000"),
            currency="USD",
        )
        Funding.objects.create(
            process=process,
            activity=activity,
            source=FundingSource.GOVERNMENT,
            amount=Decimal("4000"),
            currency="USD",
            status=FundingStatus.SECURED,
        )
        chain.activities.append(activity)
    return chain


def make_plan_version(cast, *, status: str = "published", label: str = "", number: int | None = None):
    """A version of the process's plan with status `status`, frozen from a chain of one activity (made with
    make_chain) and a written narrative; the plan itself stays a draft, as after a version was returned or
    published and the plan edited again."""
    from django.db.models import Max
    from django.utils import timezone

    from implementation_plans.models import PlanVersion
    from implementation_plans.selectors.plan import plan_snapshot

    chain = make_chain(cast, activities=1, label=label)
    plan = chain.plan
    plan.rationale = plan.rationale or "Sequencing: information before departure, then protection abroad."
    plan.roles = plan.roles or "The Ministry of Labour answers for the orientation outputs."
    plan.fiduciary = plan.fiduciary or "Funds flow through the treasury single account."
    plan.save()
    if number is None:
        number = (PlanVersion.objects.filter(plan=plan).aggregate(last=Max("number"))["last"] or 0) + 1
    now = timezone.now()
    return PlanVersion.objects.create(
        process=cast.process,
        plan=plan,
        number=number,
        status=status,
        snapshot=plan_snapshot(process=cast.process, plan=plan),
        submitted_at=now,
        submitted_by=cast.nfp,
        published_at=now if status in ("published", "superseded") else None,
        published_by=cast.nfp if status in ("published", "superseded") else None,
    )


# ---------------------------------------------------------------------------
# Goals, priorities, criteria, scores and targets (the goals area)
# ---------------------------------------------------------------------------


def seat_on_national_committee(process, institution):
    """Give `institution` an active seat on the process's national committee (created when missing)."""
    from stakeholders.choices import CommitteeKind
    from stakeholders.models import Committee, CommitteeMember

    committee = Committee.objects.filter(process=process, kind=CommitteeKind.NATIONAL).first()
    if committee is None:
        committee = Committee.objects.create(
            process=process, kind=CommitteeKind.NATIONAL, name="National migration and development committee"
        )
    return CommitteeMember.objects.create(committee=committee, institution=institution, person_name="Seat holder")


def make_finding(process, statement: str = "Nurses leave the rural districts."):
    from situation_analysis.models import Finding

    return Finding.objects.create(process=process, statement=statement, detail="District health reports.")


@dataclass
class Prioritisation:
    goal: Goal
    criteria: list
    priorities: list
    finding: object


def make_prioritisation(cast, *, priorities: int = 2, label: str = "", weights=(3, 1)) -> Prioritisation:
    """A goal citing a finding, `priorities` candidate priorities citing it too, and one criterion per weight."""
    from implementation_plans.models import PriorityCriterion

    process = cast.process
    finding = make_finding(process, f"Nurses leave the rural districts {label}".strip())
    goal = Goal.objects.create(process=process, statement=f"Health services keep their staff {label}".strip())
    goal.findings.add(finding)
    criteria = [
        PriorityCriterion.objects.create(process=process, name=f"Criterion {index + 1} {label}".strip(), weight=w)
        for index, w in enumerate(weights)
    ]
    made = []
    for index in range(priorities):
        priority = Priority.objects.create(
            process=process, goal=goal, title=f"Candidate {index + 1} {label}".strip(), position=index
        )
        priority.findings.add(finding)
        made.append(priority)
    return Prioritisation(goal=goal, criteria=criteria, priorities=made, finding=finding)


# ---------------------------------------------------------------------------
# The chain area
# ---------------------------------------------------------------------------


def make_owned_chain(cast, *, activities: int = 1, responsible=None, label: str = "") -> Chain:
    """make_chain, with the responsible institution's focal points granted `update_activity` on each activity (as
    the chain's services grant it), the Ministry of Health responsible unless told otherwise."""
    from implementation_plans.permissions import grant_responsible

    chain = make_chain(cast, activities=activities, responsible=responsible or cast.health, label=label)
    for activity in chain.activities:
        grant_responsible(activity)
    return chain


def give_sector(institution, code: str = "health"):
    """Record a sector of an institution (ministries propose activities for their sectors); returns the sector."""
    from mainstreaming.models import Sector

    sector, _created = Sector.objects.get_or_create(code=code, defaults={"name": code.title(), "position": 99})
    institution.sectors.add(sector)
    return sector


def make_decision(cast, *, held_on=None, status: str = "held", text: str = "The committee endorses the plan."):
    """A decision of a meeting of the process's national committee, held today unless `held_on` says otherwise."""
    from django.utils import timezone

    from stakeholders.choices import CommitteeKind
    from stakeholders.models import Committee, Meeting, MeetingDecision

    committee = Committee.objects.filter(process=cast.process, kind=CommitteeKind.NATIONAL).first()
    if committee is None:
        committee = Committee.objects.create(
            process=cast.process, kind=CommitteeKind.NATIONAL, name="National M&D Committee"
        )
    meeting = Meeting.objects.create(
        process=cast.process, committee=committee, held_on=held_on or timezone.localdate(), status=status
    )
    return MeetingDecision.objects.create(meeting=meeting, text=text)


# ---------------------------------------------------------------------------
# A plan at national size (the PDF's tests)
# ---------------------------------------------------------------------------

# Words of the generated titles: ordinary words, several of them long enough to tempt a narrow column into
# breaking them. No word is two others put together, so a word split by a line break cannot read as two words.
NATIONAL_VERBS = ("Train", "Establish", "Strengthen", "Coordinate", "Digitalise", "Harmonise", "Evaluate", "Publish")
NATIONAL_OBJECTS = (
    "governmental labour inspectorates",
    "interministerial coordination mechanisms",
    "reintegration counselling services",
    "recognition of professional qualifications",
    "consular assistance procedures",
    "remittance transfer information",
    "diaspora investment partnerships",
    "decentralised employment registers",
)
NATIONAL_PLACES = ("northern governorates", "coastal municipalities", "border districts", "the capital region")


@dataclass
class NationalPlan:
    plan: Plan
    activity_titles: list[str]
    version: object = None


def national_activity_title(index: int) -> str:
    """A long, ordinary activity title, unique by its closing number."""
    verb = NATIONAL_VERBS[index % len(NATIONAL_VERBS)]
    thing = NATIONAL_OBJECTS[(index // len(NATIONAL_VERBS)) % len(NATIONAL_OBJECTS)]
    place = NATIONAL_PLACES[index % len(NATIONAL_PLACES)]
    return f"{verb} {thing} in the {place}, round {index + 1}"


def make_national_plan(
    cast, *, activities: int, goals: int = 8, outcomes_per_goal: int = 4, outputs_per_outcome: int = 5
) -> NationalPlan:
    """
    A plan at national size, made with bulk_create (a few dozen queries, whatever the size): `goals` goals, each
    with a selected priority and a target, `outcomes_per_goal` outcomes, `outputs_per_outcome` outputs each, and
    `activities` activities spread over the outputs, each with a responsible institution, two partners, dates
    over five years, a budget line and secured funding. Titles are long and ordinary (national_activity_title).
    """
    from mainstreaming.choices import InstitutionKind
    from mainstreaming.models import Institution

    process = cast.process
    plan = Plan.objects.filter(process=process).first() or Plan.objects.create(
        process=process, title="Meridia national migration and development plan", currency="USD"
    )
    Plan.objects.filter(pk=plan.pk).update(
        rationale="Information and protection come first, then services for returnees and the diaspora.",
        roles="Each directorate answers for its activities; the committee decides changes to outcomes.",
        fiduciary="Funds flow through the treasury single account and are audited with the national accounts.",
    )
    institutions = Institution.objects.bulk_create(
        Institution(
            process=process,
            name=f"Directorate of {place.title()} for {thing}",
            acronym=f"D{number}",
            kind=InstitutionKind.AGENCY,
        )
        for number, (place, thing) in enumerate(
            (place, thing.split()[-1]) for place in NATIONAL_PLACES for thing in NATIONAL_OBJECTS
        )
    )
    goal_rows = Goal.objects.bulk_create(
        Goal(
            process=process,
            statement=f"Migration serves the development of the {NATIONAL_PLACES[n % len(NATIONAL_PLACES)]} ({n + 1})",
            position=n,
        )
        for n in range(goals)
    )
    priorities = Priority.objects.bulk_create(
        Priority(process=process, goal=goal, title=f"Priority of goal {n + 1}", is_selected=True)
        for n, goal in enumerate(goal_rows)
    )
    from implementation_plans.models import Target

    Target.objects.bulk_create(
        Target(
            process=process,
            priority=priority,
            statement="Services reach every district",
            indicator="Share of districts with a counselling service",
            baseline="12%",
            target_value="85%",
        )
        for priority in priorities
    )
    outcomes = Outcome.objects.bulk_create(
        Outcome(
            process=process,
            goal=goal,
            priority=priority,
            title=f"Migrants and their families use {NATIONAL_OBJECTS[n % len(NATIONAL_OBJECTS)]} ({g + 1}.{n + 1})",
            position=n,
        )
        for g, (goal, priority) in enumerate(zip(goal_rows, priorities, strict=True))
        for n in range(outcomes_per_goal)
    )
    outputs = Output.objects.bulk_create(
        Output(
            process=process,
            outcome=outcome,
            title=f"{NATIONAL_OBJECTS[(o + n) % len(NATIONAL_OBJECTS)].capitalize()} in place ({o + 1}.{n + 1})",
            position=n,
        )
        for o, outcome in enumerate(outcomes)
        for n in range(outputs_per_outcome)
    )
    titles = [national_activity_title(index) for index in range(activities)]
    rows = Activity.objects.bulk_create(
        Activity(
            process=process,
            output=outputs[index * len(outputs) // activities],
            title=title,
            responsible=institutions[index % len(institutions)],
            starts_on=date(2026 + index % 4, 1 + index % 12, 1),
            ends_on=date(2027 + index % 4, 1 + index % 12, 28),
            position=index,
        )
        for index, title in enumerate(titles)
    )
    Partners = Activity.partners.through
    Partners.objects.bulk_create(
        Partners(activity_id=activity.pk, institution_id=institutions[(index + step) % len(institutions)].pk)
        for index, activity in enumerate(rows)
        for step in (3, 7)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            process=process,
            activity=activity,
            year=activity.starts_on.year,
            category=BudgetCategory.TRAINING,
            amount=Decimal(1000 * (1 + index % 50)),
            currency="USD",
        )
        for index, activity in enumerate(rows)
    )
    Funding.objects.bulk_create(
        Funding(
            process=process,
            activity=activity,
            source=FundingSource.GOVERNMENT,
            amount=Decimal(500 * (1 + index % 50)),
            currency="USD",
            status=FundingStatus.SECURED,
        )
        for index, activity in enumerate(rows)
    )
    return NationalPlan(plan=plan, activity_titles=titles)
