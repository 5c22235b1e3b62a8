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
