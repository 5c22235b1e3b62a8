"""
How far the situation analysis has come, read from this app's records (the core shows it on the dashboard, the
phase page and the process overview; mainstreaming.phases). Each fact is a subquery on the process's row.
"""

from django.db.models import Exists, OuterRef, Q

from mainstreaming.choices import Phase
from mainstreaming.phases import PhaseReading, PhaseRecords, register_phase_records
from situation_analysis.choices import AssignmentStatus
from situation_analysis.models import Checklist, DataSeries, DataSource, Finding, Observation


def situation_analysis_facts() -> dict:
    checklists = Checklist.objects.filter(process=OuterRef("pk"))
    by_sex = Q(breakdown_key__startswith="sex=") | Q(breakdown_key__contains="|sex=")
    return {
        "checklists": Exists(checklists),
        # A checklist adopted but not yet assigned, or assigned and not yet approved.
        "checklists_open": Exists(checklists.exclude(assignment__status=AssignmentStatus.APPROVED)),
        "sources": Exists(DataSource.objects.filter(process=OuterRef("pk"))),
        "series": Exists(DataSeries.objects.filter(process=OuterRef("pk"))),
        "by_sex": Exists(Observation.objects.filter(by_sex, series__process=OuterRef("pk"))),
        "findings": Exists(Finding.objects.filter(process=OuterRef("pk"))),
    }


def read_situation_analysis(facts: dict) -> PhaseReading:
    """
    The terms of reference are agreed outside the workbench (no record shows them). Each ministry has worked through
    its checklist once every checklist adopted is approved; data are gathered once there are sources and series;
    disaggregated once a series has values by sex; findings drawn once there are some.
    """
    return PhaseReading(
        steps=(
            None,
            facts["checklists"] and not facts["checklists_open"],
            facts["sources"] and facts["series"],
            facts["by_sex"],
            facts["findings"],
        ),
        started=facts["checklists"] or facts["sources"] or facts["series"] or facts["findings"],
    )


def register() -> None:
    register_phase_records(
        Phase.SITUATION_ANALYSIS, PhaseRecords(facts=situation_analysis_facts, read=read_situation_analysis)
    )
