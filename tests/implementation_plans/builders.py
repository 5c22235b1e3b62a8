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
