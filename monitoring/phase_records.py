"""
How far monitoring and evaluation has come, and the M&E arrangements the implementation plan's fourth key step
asks for, read from this app's records (the core shows it on the dashboard, the phase pages and the process
overview; mainstreaming.phases). Each fact is a subquery on the process's row.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from mainstreaming.choices import Phase
from mainstreaming.phases import PhaseReading, PhaseRecords, register_phase_records
from monitoring.choices import EvaluationKind, EvaluationStatus, ReportStatus
from monitoring.models import Evaluation, Indicator, MEPlan, ProgressReport, ReportingPeriod


def _of_process(model, **filters):
    return model.objects.filter(process=OuterRef("pk"), **filters)


def monitoring_facts() -> dict:
    indicators = _of_process(Indicator)
    return {
        "me_plan": Exists(_of_process(MEPlan)),
        "national_systems": Exists(_of_process(MEPlan).exclude(national_systems="")),
        "indicators": Exists(indicators),
        # As the dashboard's indicators card counts them (monitoring.selectors.indicators.dashboard_summary).
        "indicator_incomplete": Exists(
            indicators.filter(Q(baseline_value__isnull=True, baseline_text="") | Q(targets__isnull=True))
        ),
        "periods": Exists(_of_process(ReportingPeriod)),
        "approved": Exists(_of_process(ProgressReport, status=ReportStatus.APPROVED)),
        # As monitoring.selectors.reporting.is_overdue says: a draft after its period's due date.
        "overdue": Exists(
            _of_process(ProgressReport, status=ReportStatus.DRAFT, period__due_on__lt=timezone.localdate())
        ),
        "midterm": Exists(_of_process(Evaluation, kind=EvaluationKind.MIDTERM)),
        "final": Exists(_of_process(Evaluation, kind=EvaluationKind.FINAL)),
        "final_completed": Exists(
            _of_process(Evaluation, kind=EvaluationKind.FINAL, status=EvaluationStatus.COMPLETED)
        ),
    }


def read_monitoring(facts: dict) -> PhaseReading:
    """
    The systems in place are identified once the M&E plan names them; indicators are set once there are some and
    none lacks a baseline or targets; reports are collected once some are approved and none is overdue; the
    evaluations are planned once there is a mid-term and a final one. The committee's review of progress is not
    linked to monitoring in the workbench. The phase is complete once the final evaluation is.
    """
    return PhaseReading(
        steps=(
            facts["national_systems"],
            facts["indicators"] and not facts["indicator_incomplete"],
            facts["approved"] and not facts["overdue"],
            facts["midterm"] and facts["final"],
        ),
        started=facts["me_plan"] or facts["indicators"] or facts["periods"] or facts["midterm"] or facts["final"],
        completed=facts["final_completed"],
    )


def plan_me_facts() -> dict:
    return {"me_plan": Exists(_of_process(MEPlan))}


def read_plan_me(facts: dict) -> PhaseReading:
    """The implementation plan's fourth key step also asks for the M&E arrangements: the M&E plan."""
    return PhaseReading(steps=(None, None, None, facts["me_plan"], None))


def register() -> None:
    register_phase_records(Phase.MONITORING, PhaseRecords(facts=monitoring_facts, read=read_monitoring))
    register_phase_records(Phase.IMPLEMENTATION_PLAN, PhaseRecords(facts=plan_me_facts, read=read_plan_me))
