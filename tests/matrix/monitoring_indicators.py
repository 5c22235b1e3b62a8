"""
Permission-matrix rows of monitoring: indicators, their targets, the indicator bank and the M&E plan.

Every internal reader (the NFP, both ministries, the facilitator) reads the indicators, the bank, the M&E plan and
their history; development partners get 403 (internal drafts); outsiders 404; only the NFP writes. The facilitator
comments on an indicator through the core's comment row (tested in tests/monitoring/test_indicators_views.py).
POST rows carry valid data, so that the NFP's row shows the success path (302).
"""

from decimal import Decimal

from monitoring.models import Indicator, IndicatorTarget, IndicatorTemplate, MEPlan
from tests.implementation_plans.builders import make_chain
from tests.matrix import Row, internal, nfp_only


def objects(cast) -> dict[str, dict]:
    chain = make_chain(cast, label="MON")
    template = IndicatorTemplate.objects.create(
        code="MON-1",
        name="MON matrix: departing workers oriented",
        unit="%",
        indicator_type="percentage",
        direction="higher",
        aggregation="latest",
        disaggregations=["sex"],
    )
    indicator = Indicator.objects.create(
        process=cast.process, outcome=chain.outcome, name="MON matrix indicator", unit="number"
    )
    IndicatorTarget.objects.create(process=cast.process, indicator=indicator, year=2027, value=Decimal("10"))
    MEPlan.objects.create(process=cast.process)
    process = {"process_pk": cast.process.pk}
    for name in ("monitoring:indicator_create", "monitoring:indicator_edit"):
        MATRIX[name][0].data.update(result=f"output:{chain.output.pk}")
    MATRIX["monitoring:bank_copy"][0].data.update(result=f"outcome:{chain.outcome.pk}")
    return {
        "mon_process": process,
        "mon_indicator": process | {"pk": indicator.pk},
        "mon_template": process | {"pk": template.pk},
    }


INDICATOR = {
    "name": "MON matrix: returnees assisted",
    "unit": "number",
    "indicator_type": "number",
    "direction": "higher",
    "aggregation": "incremental",
}
REASON = {"reason": "MON matrix: agreed with the statistics office"}

MATRIX: dict[str, list[Row]] = {
    "monitoring:indicator_list": [Row("mon_process", internal(), internal(405))],
    "monitoring:indicator_create": [Row("mon_process", nfp_only(), nfp_only(302), dict(INDICATOR))],
    "monitoring:indicator_detail": [Row("mon_indicator", internal(), internal(405))],
    "monitoring:indicator_edit": [Row("mon_indicator", nfp_only(), nfp_only(302), INDICATOR | REASON)],
    "monitoring:indicator_delete": [Row("mon_indicator", nfp_only(), nfp_only(302), dict(REASON))],
    "monitoring:indicator_history": [Row("mon_indicator", internal(), internal(405))],
    "monitoring:indicator_targets": [
        Row(
            "mon_indicator",
            nfp_only(),
            nfp_only(302),
            {"year_1": "2027", "value_1": "12", "year_2": "2028", "value_2": "15"},
        )
    ],
    "monitoring:indicator_target_history": [Row("mon_indicator", internal(), internal(405))],
    "monitoring:bank_list": [Row("mon_process", internal(), internal(405))],
    "monitoring:bank_copy": [Row("mon_template", nfp_only(), nfp_only(302), {"baseline_value": "40"})],
    "monitoring:me_plan_detail": [Row("mon_process", internal(), internal(405))],
    "monitoring:me_plan_edit": [
        Row("mon_process", nfp_only(), nfp_only(302), {"reporting_frequency": "annual", "currency": "USD"})
    ],
    "monitoring:me_plan_history": [Row("mon_process", internal(), internal(405))],
}
