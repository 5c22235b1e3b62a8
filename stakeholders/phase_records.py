"""
How far the preparation, institutional set-up and awareness phases have come, read from this app's records (the
core shows it on the dashboard, the phase pages and the process overview; mainstreaming.phases).

Each fact is a subquery on the process's row, so that the core reads every phase in one query.
"""

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from mainstreaming.choices import Phase, Role
from mainstreaming.models import Institution, Membership
from mainstreaming.phases import PhaseReading, PhaseRecords, register_phase_records
from stakeholders.choices import CommitteeKind, ConditionStatus, DecisionOutcome
from stakeholders.models import (
    CapacityActivity,
    CapacityNeed,
    Committee,
    Event,
    FocalPointDesignation,
    FocalPointRequest,
    Precondition,
    PreconditionDecision,
    StakeholderProfile,
)
from stakeholders.selectors.setup import expects_focal_point

# The handbook's conditions (fixtures/reference/preconditions.json) behind each of the first four key steps of the
# preparation phase; a step is done once each of its conditions kept in the process has been assessed.
PREPARATION_STEP_CONDITIONS = (
    ("political-support", "lead-institution"),
    ("planning-window",),
    ("willing-ministries", "minimum-evidence"),
    ("aligned-partners", "civic-space"),
)

# The event kinds (fixtures/reference/event_kinds.json) that brief government and partners, and that consult
# stakeholders outside government.
BRIEFING_KINDS = ("briefing", "awareness-workshop")
CONSULTATION_KINDS = ("consultation",)


def _of_process(model, **filters):
    return model.objects.filter(process=OuterRef("pk"), **filters)


# ---------------------------------------------------------------------------
# Preparation: the preconditions check and the go or postpone decision
# ---------------------------------------------------------------------------


def preparation_facts() -> dict:
    facts = {"conditions": Exists(_of_process(Precondition))}
    for index, codes in enumerate(PREPARATION_STEP_CONDITIONS):
        conditions = _of_process(Precondition, code__in=codes)
        facts[f"assessed_{index}"] = Exists(conditions.exclude(status=ConditionStatus.UNKNOWN))
        facts[f"unknown_{index}"] = Exists(conditions.filter(status=ConditionStatus.UNKNOWN))
    latest = _of_process(PreconditionDecision).order_by("-decided_on", "-created", "-pk")
    facts["decision"] = Subquery(latest.values("outcome")[:1])
    return facts


def read_preparation(facts: dict) -> PhaseReading:
    """The conditions assessed, the decision taken; the phase is complete once the latest decision is to go ahead."""
    checked = tuple(
        facts[f"assessed_{index}"] and not facts[f"unknown_{index}"]
        for index in range(len(PREPARATION_STEP_CONDITIONS))
    )
    return PhaseReading(
        steps=(*checked, facts["decision"] is not None),
        started=facts["conditions"] or facts["decision"] is not None,
        completed=facts["decision"] == DecisionOutcome.GO,
    )


# ---------------------------------------------------------------------------
# Institutional set-up: the NFP and facilitator, focal points, the two committees
# ---------------------------------------------------------------------------


def institutional_setup_facts() -> dict:
    current = FocalPointDesignation.objects.filter(institution=OuterRef("pk"), is_current=True)
    without_focal_point = (
        Institution.objects.filter(process=OuterRef("pk")).filter(expects_focal_point()).exclude(Exists(current))
    )
    return {
        "facilitator": Exists(_of_process(Membership, role=Role.FACILITATOR, is_active=True)),
        "nfp": Exists(_of_process(Membership, role=Role.NFP, is_active=True)),
        "requested": Exists(_of_process(FocalPointRequest)),
        "designated": Exists(_of_process(FocalPointDesignation, is_current=True)),
        "without_focal_point": Exists(without_focal_point),
        "national": Exists(_of_process(Committee, kind=CommitteeKind.NATIONAL)),
        "consultative": Exists(_of_process(Committee, kind=CommitteeKind.CONSULTATIVE)),
    }


def read_institutional_setup(facts: dict) -> PhaseReading:
    """Complete once both roles are filled, every institution expected to has a focal point, both committees exist."""
    return PhaseReading(
        steps=(
            facts["nfp"] and facts["facilitator"],
            facts["designated"] and not facts["without_focal_point"],
            facts["national"],
            facts["consultative"],
        ),
        started=facts["requested"] or facts["designated"] or facts["national"] or facts["consultative"],
    )


# ---------------------------------------------------------------------------
# Awareness raising and consultation: events held, the stakeholder map, capacity needs and what answers them
# ---------------------------------------------------------------------------


def awareness_facts() -> dict:
    held = _of_process(Event, held_on__lte=timezone.localdate())
    return {
        "events": Exists(_of_process(Event)),
        "briefed": Exists(held.filter(kind__code__in=BRIEFING_KINDS)),
        "consulted": Exists(held.filter(kind__code__in=CONSULTATION_KINDS)),
        "mapped": Exists(_of_process(StakeholderProfile)),
        "needs": Exists(_of_process(CapacityNeed)),
        "needs_unanswered": Exists(_of_process(CapacityNeed, activities__isnull=True)),
        "capacity_activities": Exists(_of_process(CapacityActivity)),
    }


def read_awareness(facts: dict) -> PhaseReading:
    """Complete once briefings and consultations were held, the map drawn and every capacity need answered."""
    return PhaseReading(
        steps=(
            facts["briefed"],
            facts["mapped"],
            facts["consulted"],
            facts["needs"] and not facts["needs_unanswered"],
        ),
        started=facts["events"] or facts["mapped"] or facts["needs"] or facts["capacity_activities"],
    )


def register() -> None:
    register_phase_records(Phase.PREPARATION, PhaseRecords(facts=preparation_facts, read=read_preparation))
    register_phase_records(
        Phase.INSTITUTIONAL_SETUP, PhaseRecords(facts=institutional_setup_facts, read=read_institutional_setup)
    )
    register_phase_records(Phase.AWARENESS, PhaseRecords(facts=awareness_facts, read=read_awareness))
