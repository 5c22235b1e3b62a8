"""
Demo records of the indicators area: indicators copied from the bank onto the demo plan's outcomes and outputs,
with baselines and yearly targets, and an M&E plan. Without outcomes (a demo whose chain was not loaded) the
indicators go on the goals; without goals, or if the process already has indicators, the loader does nothing,
so loading twice changes nothing. Everything goes through the services, so the history reads as if the NFP had
typed it in.

Baseline, targets and reported values are on one basis, as monitoring.arithmetic adds them up:
- a level (latest, or a percentage of parts): the baseline is the level before the plan, each target the level
  to reach by the end of its year, each quarter's value the level in that quarter;
- incremental (the value to date is the sum of the periods since reporting began): the baseline is what had been
  counted before the first period (zero for a count that starts with the plan) and each target is the sum to
  reach by the end of its year, so the targets never go down.
The targets move the indicator's way from its baseline, and the same figures appear in the priorities' targets that
the plan's results matrix prints (implementation_plans.demo.goals).
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from implementation_plans.models import Goal, Outcome, Output
from mainstreaming.loaders import DemoCountry, register_demo_loader
from monitoring.models import Indicator, IndicatorTemplate
from monitoring.services import indicators as services
from monitoring.services.me_plan import me_plan_save

# (bank code, on an outcome or an output, the start of its title, baseline, baseline date, responsible acronym,
# baseline source, targets for the plan's five years). Titles are those of implementation_plans.demo.chain.
SPECS = (
    (
        "3.c.1",
        "outcome",
        "The health system keeps",
        Decimal("14.2"),
        date(2024, 12, 31),
        "MoH",
        "Health workforce register, 2024",
        ("14.6", "15.2", "15.8", "16.5", "17.2"),
    ),
    (
        "10.7.1",
        "outcome",
        "Men and women go to work abroad",
        Decimal("2.8"),
        date(2023, 12, 31),
        "MoLSP",
        "Recruitment cost survey of returning workers, 2023",
        ("2.6", "2.3", "2.0", "1.7", "1.4"),
    ),
    (
        "MD-08",
        "output",
        "Pre-departure orientation",
        Decimal("12"),
        date(2024, 12, 31),
        "MoLSP",
        "Employment agency's register of departing workers, 2024",
        ("25", "40", "55", "70", "80"),
    ),
    (
        "MD-15",
        "output",
        "Returnees' skills recognised",
        Decimal("0"),
        date(2025, 12, 31),
        "MoLSP",
        "No recognition was processed before the skills-recognition desk opened",
        ("500", "1000", "1500", "2000", "2500"),
    ),
    (
        "MD-04",
        "outcome",
        "Migrants send money home",
        Decimal("7.9"),
        date(2025, 12, 31),
        "CBM",
        "Central bank's survey of remittance prices, 2025",
        ("7.3", "6.6", "5.9", "4.9", "4.5"),
    ),
)


def load_demo_indicators(demo: DemoCountry) -> None:
    process = demo.process
    nfp = demo.users.get("nfp")
    if nfp is None or Indicator.objects.filter(process=process).exists():
        return
    goals = list(Goal.objects.filter(process=process).order_by("position", "created"))
    if not goals:
        return
    outcomes = list(Outcome.objects.filter(process=process).order_by("goal__position", "position", "created"))
    outputs = list(Output.objects.filter(process=process).order_by("outcome__position", "position", "created"))
    bank = {entry.code: entry for entry in IndicatorTemplate.objects.filter(code__in=[s[0] for s in SPECS])}
    first_year = process.period_start
    for index, (code, level, title, baseline, baseline_on, who, source, targets) in enumerate(SPECS):
        template = bank.get(code)
        if template is None:
            continue
        pool = (outputs if level == "output" else outcomes) or outcomes or goals
        # The result of that title; in a demo whose chain differs, one of the same level in turn.
        result = next(
            (r for r in pool if getattr(r, "title", "").startswith(title)),
            pool[index % len(pool)],
        )
        responsible = demo.institutions.get(who)
        indicator = services.indicator_copy_from_bank(
            actor=nfp,
            process=process,
            template=template,
            result=result,
            baseline_value=baseline,
            baseline_date=baseline_on,
            baseline_source=source,
            frequency="quarterly",
            **({"responsible": responsible} if responsible else {}),
        )
        services.indicator_targets_set(
            actor=nfp,
            indicator=indicator,
            targets={
                first_year + offset: Decimal(value)
                for offset, value in enumerate(targets)
                if first_year + offset <= process.period_end
            },
        )
    me_plan_save(
        actor=nfp,
        process=process,
        data={
            "reporting_frequency": "quarterly",
            "first_period_starts_on": date(first_year, 1, 1),
            "midterm_evaluation_on": date((process.period_start + process.period_end) // 2, 6, 30),
            "final_evaluation_on": date(process.period_end, 12, 31),
            "evaluation_schedule": _(
                "An independent mid-term review for the committee, and a final evaluation feeding the next plan."
            ),
            "budget_amount": Decimal("120000"),
            "currency": "USD",
            "national_systems": _(
                "The national development plan's M&E system; the health workforce register; the central bank's "
                "survey of remittance prices; the employment agency's register of departing workers."
            ),
        },
    )


def register() -> None:
    register_demo_loader(load_demo_indicators)
