"""
Demo records of the budget area: costs and funding for the demo country's activities.

Each accepted activity without any budget line or funding gets a cost in the plan's currency in its first year,
every other one a consultancy priced in euros at a recorded rate in its second year (its first when it ends within
it), four tenths of its cost secured from the government budget, and then in turn a pledge from the
European Union's delegation, money secured from the IOM country office, or the rest of its cost as a known gap. The
funding never exceeds the cost, and every line and funding falls in a year the activity runs. Activities that
already have money are left alone, so loading twice changes nothing; with no activity yet (the chain's demo not
loaded) the loader does nothing.
"""

from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext as _

from implementation_plans.choices import BudgetCategory, FundingSource, FundingStatus, ProposalStatus
from implementation_plans.models import Activity
from implementation_plans.services import budget as services
from implementation_plans.services.base import plan_of
from mainstreaming.loaders import DemoCountry, register_demo_loader

# How many of the plan's currency one unit of the foreign currency is worth (a rate fixed for the demo).
FOREIGN = {"USD": ("EUR", Decimal("1.08")), "EUR": ("USD", Decimal("0.925926"))}
CATEGORIES = (BudgetCategory.TRAINING, BudgetCategory.STAFF, BudgetCategory.COMMUNICATION, BudgetCategory.EQUIPMENT)


def load_demo_budget(demo: DemoCountry) -> None:
    process = demo.process
    actor = demo.users.get("nfp")
    activities = list(
        Activity.objects.filter(process=process, proposal_status=ProposalStatus.ACCEPTED)
        .order_by("output__outcome__goal__position", "output__outcome__position", "output__position", "position")
        .select_related("output")
    )
    if actor is None or not activities:
        return
    plan = plan_of(process)
    if plan.is_frozen:
        return
    unfunded = set(
        Activity.objects.filter(
            pk__in=[a.pk for a in activities], budget_lines__isnull=True, funding__isnull=True
        ).values_list("pk", flat=True)
    )
    first = plan.starts_in or process.period_start
    last = plan.ends_in or process.period_end
    foreign, rate = FOREIGN.get(plan.currency, ("EUR", None))
    partners = _partners(demo)
    for index, activity in enumerate(activities):
        if activity.pk not in unfunded:
            continue
        year, final_year = _years(activity, first, last)
        cost = Decimal(20000 + 7500 * (index % 4))
        total = cost
        services.budget_line_create(
            actor=actor,
            activity=activity,
            year=year,
            category=CATEGORIES[index % len(CATEGORIES)],
            description=_("Delivery of the activity"),
            amount=cost,
            currency=plan.currency,
            rate_to_plan=None,
        )
        if index % 2 == 0 and rate is not None:
            services.budget_line_create(
                actor=actor,
                activity=activity,
                year=min(year + 1, final_year),
                category=BudgetCategory.CONSULTANTS,
                description=_("International expert, priced in %(currency)s") % {"currency": foreign},
                amount=Decimal(12000),
                currency=foreign,
                rate_to_plan=rate,
            )
            total += Decimal(12000) * rate
        government = (cost * Decimal("0.4")).quantize(Decimal("1"))
        services.funding_create(
            actor=actor,
            activity=activity,
            source=FundingSource.GOVERNMENT,
            amount=government,
            currency=plan.currency,
            rate_to_plan=None,
            status=FundingStatus.SECURED,
            year=year,
            note=_("Line ministry's recurrent budget"),
        )
        rest = (total - government).quantize(Decimal("1"), rounding=ROUND_DOWN)
        _partner_funding(actor, activity, index, partners, plan.currency, foreign, rate, year, rest)


def _partner_funding(actor, activity, index, partners, currency, foreign, rate, year, rest: Decimal) -> None:
    """
    In turn: a pledge of the EU delegation in euros, money secured from the IOM, or the `rest` of the cost (what
    the government does not pay) as a gap already known; each within that rest, so funding never exceeds the cost.
    """
    turn = index % 3
    if turn == 0 and partners.get("EUD") and rate is not None:
        services.funding_create(
            actor=actor,
            activity=activity,
            source=FundingSource.DONOR,
            donor=partners["EUD"],
            amount=min(Decimal(15000), (rest / rate).quantize(Decimal("1"), rounding=ROUND_DOWN)),
            currency=foreign,
            rate_to_plan=rate,
            status=FundingStatus.PLEDGED,
            year=year,
            note=_("Announced at the partners' round table; agreement to be signed"),
        )
    elif turn == 1 and partners.get("IOM"):
        services.funding_create(
            actor=actor,
            activity=activity,
            source=FundingSource.DONOR,
            donor=partners["IOM"],
            amount=min(Decimal(8000), rest),
            currency=currency,
            rate_to_plan=None,
            status=FundingStatus.SECURED,
            year=year,
            note=_("Project agreement signed"),
        )
    else:
        services.funding_create(
            actor=actor,
            activity=activity,
            source=FundingSource.OTHER,
            amount=rest,
            currency=currency,
            rate_to_plan=None,
            status=FundingStatus.GAP,
            year=year,
            note=_("No source found yet: to raise at the next partners' meeting"),
        )


def _partners(demo: DemoCountry) -> dict:
    return {acronym: demo.institutions[acronym] for acronym in ("EUD", "IOM") if acronym in demo.institutions}


def _years(activity: Activity, first: int, last: int) -> tuple[int, int]:
    """The first and last years of the plan in which the activity runs (the plan's years when it has no dates)."""
    start = activity.starts_on.year if activity.starts_on else first
    end = activity.ends_on.year if activity.ends_on else last
    start = min(max(start, first), last)
    return start, min(max(end, start), last)


def register() -> None:
    """Registers the area's demo loader with the core (mainstreaming.loaders.register_demo_loader)."""
    register_demo_loader(load_demo_budget)
