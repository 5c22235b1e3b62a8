"""
Demo records of the indicators area: indicators copied from the bank onto the demo plan's outcomes and outputs,
with baselines and yearly targets, and an M&E plan. Without outcomes (a demo whose chain was not loaded) the
indicators go on the goals; without goals, or if the process already has indicators, the loader does nothing,
so loading twice changes nothing. Everything goes through the services, so the history reads as if the NFP had
typed it in.
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from implementation_plans.models import Goal, Outcome, Output
from mainstreaming.loaders import DemoCountry, register_demo_loader
from monitoring.models import Indicator, IndicatorTemplate
from monitoring.services import indicators as services
from monitoring.services.me_plan import me_plan_save

# (bank code, on an outcome or an output, which one in chain order, baseline, baseline year, responsible acronym,
# change per year). The chain's demo has fair recruitment, the health workforce and returnees' skills and savings
# as outcomes, in that order; with fewer results the indices wrap around.
SPECS = (
    ("MD-08", "output", 0, Decimal("12"), 2024, "MoLSP", Decimal("15")),
    ("10.7.1", "outcome", 0, Decimal("2.8"), 2023, "MoLSP", Decimal("-0.4")),
    ("3.c.1", "outcome", 1, Decimal("14.2"), 2024, "MoH", Decimal("0.6")),
    ("MD-15", "output", 3, Decimal("350"), 2024, "MoLSP", Decimal("100")),
    ("MD-12", "outcome", 2, Decimal("1500000"), 2024, "", Decimal("500000")),
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
    years = range(max(process.period_start, 2025), process.period_end + 1)
    for code, level, index, baseline, year, who, step in SPECS:
        template = bank.get(code)
        if template is None:
            continue
        pool = (outputs if level == "output" else outcomes) or outcomes or goals
        result = pool[index % len(pool)]
        responsible = demo.institutions.get(who)
        indicator = services.indicator_copy_from_bank(
            actor=nfp,
            process=process,
            template=template,
            result=result,
            baseline_value=baseline,
            baseline_date=date(year, 12, 31),
            baseline_source=_("National statistics office, latest survey"),
            frequency="annual",
            **({"responsible": responsible} if responsible else {}),
        )
        targets = {}
        value = baseline
        for target_year in years:
            value = value + step
            if template.indicator_type == "percentage":
                value = min(max(value, Decimal("0")), Decimal("100"))
            targets[target_year] = max(value, Decimal("0"))
        services.indicator_targets_set(actor=nfp, indicator=indicator, targets=targets)
    me_plan_save(
        actor=nfp,
        process=process,
        data={
            "reporting_frequency": "annual",
            "first_period_starts_on": date(max(process.period_start, 2025), 1, 1),
            "midterm_evaluation_on": date((process.period_start + process.period_end) // 2, 6, 30),
            "final_evaluation_on": date(process.period_end, 12, 31),
            "evaluation_schedule": _(
                "An independent mid-term review for the committee, and a final evaluation feeding the next plan."
            ),
            "budget_amount": Decimal("120000"),
            "currency": "USD",
            "national_systems": _(
                "The national development plan's M&E system; the labour force survey; the central bank's balance "
                "of payments; the employment agency's register of departing workers."
            ),
        },
    )


def register() -> None:
    register_demo_loader(load_demo_indicators)
