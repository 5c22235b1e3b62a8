"""
Monitoring and evaluation (handbook §9 and §10), in three parts:

- indicators: the bank, the plan's indicators with baselines and yearly targets, and the M&E plan;
- reporting: reporting periods, each institution's progress report with its indicator values (revised, never
  edited once approved) and activity updates, and the steps of its review;
- evaluations: mid-term and final evaluations, their findings and recommendations, and management responses.
"""

from monitoring.models.evaluations import (
    Evaluation,
    EvaluationFinding,
    EvaluationQuestion,
    ManagementResponse,
    Recommendation,
)
from monitoring.models.indicators import (
    FIXED_GROUPS,
    MONEY,
    VALUE,
    YEAR,
    YES_NO,
    Dimension,
    Indicator,
    IndicatorTarget,
    IndicatorTemplate,
    MEPlan,
)
from monitoring.models.reporting import (
    ActivityUpdate,
    Breakdown,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReportStep,
)

__all__ = [
    "MONEY",
    "VALUE",
    "YEAR",
    "YES_NO",
    "FIXED_GROUPS",
    "ActivityUpdate",
    "Breakdown",
    "Dimension",
    "Evaluation",
    "EvaluationFinding",
    "EvaluationQuestion",
    "Indicator",
    "IndicatorTarget",
    "IndicatorTemplate",
    "IndicatorValue",
    "MEPlan",
    "ManagementResponse",
    "ProgressReport",
    "Recommendation",
    "ReportStep",
    "ReportingPeriod",
]
