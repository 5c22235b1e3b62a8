"""
Permission-matrix rows of the implementation plan: the chain.

Every internal reader reads the results chain, the proposals, the outcome, output and activity pages and their
history (development partners get 403: the published plan is theirs); only the NFP adds, edits, deletes,
reorders, moves and copies, records risks, decides proposals and uses a programme experience as a template.
The focal points of the responsible institution ("own", the Ministry of Health) update the status and dates of
its activity; those of another ("other") get 403. Any ministry focal point may open the proposal form (the
Ministry of Labour has no sector, so its POST comes back with the error, 400); the NFP, the facilitator and
development partners may not. The catalogue is reference content every member reads. Reorder is POST only.
"""

from implementation_plans.choices import ProposalStatus
from implementation_plans.models import Activity, Goal, Outcome, Output, ProgrammeExample, Risk
from tests.implementation_plans.builders import give_sector, make_owned_chain
from tests.matrix import Row, expect, internal, members, nfp_only


def objects(cast) -> dict[str, dict]:
    chain = make_owned_chain(cast, activities=1, label="IPC")
    process = cast.process
    activity = chain.activities[0]
    other_goal = Goal.objects.create(process=process, statement="IPC matrix: a second goal")
    other_outcome = Outcome.objects.create(process=process, goal=other_goal, title="IPC matrix: a second outcome")
    other_output = Output.objects.create(process=process, outcome=other_outcome, title="IPC matrix: a second output")
    risk = Risk.objects.create(process=process, outcome=chain.outcome, description="IPC matrix: a risk")
    sector = give_sector(cast.health, "health")
    proposal = Activity.objects.create(
        process=process,
        output=chain.output,
        title="IPC matrix: a proposal of the Ministry of Health",
        responsible=cast.health,
        proposed_by=cast.health,
        sector=sector,
        proposal_status=ProposalStatus.PROPOSED,
        proposal_note="IPC matrix: why",
    )
    example = ProgrammeExample.objects.create(
        code="ipc-matrix-example",
        sector=sector,
        title="IPC matrix: an experience",
        activity="Training",
        actors="A ministry",
        countries="Ghana",
        target_group="Nurses",
        time_span="2010–2012",
        outcomes="Nurses stayed",
        template_activities=[{"title": "IPC matrix: train nurses", "target_group": "Nurses"}],
    )
    base = {"process_pk": process.pk}
    ids = {
        "ipc_process": base,
        "ipc_goal": base | {"pk": chain.goal.pk},
        "ipc_outcome": base | {"pk": chain.outcome.pk},
        "ipc_output": base | {"pk": chain.output.pk},
        "ipc_activity": base | {"pk": activity.pk},
        "ipc_proposal": base | {"pk": proposal.pk},
        "ipc_risk": base | {"pk": risk.pk},
        "ipc_example": base | {"pk": example.pk},
    }
    TARGETS.update(goal=other_goal.pk, outcome=other_outcome.pk, output=other_output.pk, sector=sector.pk)
    TARGETS["use_outcome"] = chain.outcome.pk
    return ids


# Filled in by objects(): the move targets, the proposal's sector, the outcome a template goes under.
TARGETS: dict[str, int] = {}


class Lazy(dict):
    """POST data whose values are read from TARGETS when the test sends it (after objects() has run)."""

    def __init__(self, fixed=None, **from_targets):
        super().__init__()
        self.fixed = fixed or {}
        self.from_targets = from_targets

    def _resolved(self):
        return self.fixed | {key: TARGETS[name] for key, name in self.from_targets.items()}

    def items(self):
        return self._resolved().items()

    def keys(self):
        return self._resolved().keys()

    def __iter__(self):
        return iter(self._resolved())

    def __getitem__(self, key):
        return self._resolved()[key]

    def __len__(self):
        return len(self._resolved())

    def lists(self):
        return [(key, [value]) for key, value in self._resolved().items()]


ACTIVITY = {"title": "IPC matrix: run a workshop", "status": "planned", "is_national": "on"}
PROGRESS = {"status": "ongoing", "starts_on": "2027-01-01", "ends_on": "2027-06-30", "note": "IPC matrix: started"}
RISK = {"description": "IPC matrix: funding arrives late", "likelihood": "high", "impact": "medium"}
REASON = {"reason": "IPC matrix: entered twice"}
PROPOSAL = {"title": "IPC matrix: screen migrants for TB", "proposal_note": "IPC matrix: a gap", "is_national": "on"}

# The ministries' proposal form: any ministry focal point; the other ministry has no sector to propose for.
PROPOSE_GET = expect(nfp=403, own=200, other=200, facilitator=403, donor=403)
PROPOSE_POST = expect(nfp=403, own=302, other=400, facilitator=403, donor=403)
# Status and dates: the NFP and the responsible institution's focal points.
PROGRESS_GET = expect(nfp=200, own=200, other=403, facilitator=403, donor=403)
PROGRESS_POST = expect(nfp=302, own=302, other=403, facilitator=403, donor=403)


def _item_rows(kind: str, which: str, edit: dict, move_target: str) -> dict[str, list[Row]]:
    """The rows every chain item shares: detail, edit, delete, history, reorder, move, copy."""
    name = f"implementation_plans:{kind}"
    return {
        f"{name}_detail": [Row(which, internal(), internal(405))],
        f"{name}_edit": [Row(which, nfp_only(), nfp_only(302), edit | {"reason": "IPC matrix: clearer"})],
        f"{name}_delete": [Row(which, nfp_only(), nfp_only(302), dict(REASON))],
        f"{name}_history": [Row(which, internal(), internal(405))],
        f"{name}_reorder": [Row(which, nfp_only(405), nfp_only(302), {"direction": "down"})],
        f"{name}_move": [Row(which, nfp_only(), nfp_only(302), Lazy({"reason": "IPC matrix"}, target=move_target))],
        f"{name}_copy": [Row(which, nfp_only(), nfp_only(302))],
    }


MATRIX: dict[str, list[Row]] = {
    "implementation_plans:results_chain": [Row("ipc_process", internal(), internal(405))],
    "implementation_plans:proposal_list": [Row("ipc_process", internal(), internal(405))],
    "implementation_plans:outcome_create": [
        Row("ipc_goal", nfp_only(), nfp_only(302), {"title": "IPC matrix: workers leave informed"})
    ],
    **_item_rows("outcome", "ipc_outcome", {"title": "IPC matrix: a clearer outcome"}, "goal"),
    "implementation_plans:output_create": [
        Row("ipc_outcome", nfp_only(), nfp_only(302), {"title": "IPC matrix: an orientation course"})
    ],
    **_item_rows("output", "ipc_output", {"title": "IPC matrix: a clearer output"}, "outcome"),
    "implementation_plans:outcome_risk_create": [Row("ipc_outcome", nfp_only(), nfp_only(302), dict(RISK))],
    "implementation_plans:output_risk_create": [Row("ipc_output", nfp_only(), nfp_only(302), dict(RISK))],
    "implementation_plans:risk_edit": [Row("ipc_risk", nfp_only(), nfp_only(302), dict(RISK))],
    "implementation_plans:risk_delete": [Row("ipc_risk", nfp_only(), nfp_only(302), dict(REASON))],
    "implementation_plans:risk_history": [Row("ipc_risk", internal(), internal(405))],
    "implementation_plans:activity_create": [Row("ipc_output", nfp_only(), nfp_only(302), dict(ACTIVITY))],
    "implementation_plans:activity_propose": [
        Row("ipc_output", PROPOSE_GET, PROPOSE_POST, Lazy(PROPOSAL, sector="sector"))
    ],
    **_item_rows("activity", "ipc_activity", dict(ACTIVITY), "output"),
    "implementation_plans:activity_progress": [Row("ipc_activity", PROGRESS_GET, PROGRESS_POST, dict(PROGRESS))],
    "implementation_plans:activity_accept": [Row("ipc_proposal", nfp_only(), nfp_only(302), {"note": "Welcome"})],
    "implementation_plans:activity_decline": [
        Row("ipc_proposal", nfp_only(), nfp_only(302), {"reason": "IPC matrix: out of scope"})
    ],
    "implementation_plans:programme_example_list": [Row("ipc_process", members(), members(405))],
    "implementation_plans:programme_example_detail": [Row("ipc_example", members(), members(405))],
    "implementation_plans:programme_example_history": [Row("ipc_example", internal(), internal(405))],
    "implementation_plans:programme_example_use": [
        Row("ipc_example", nfp_only(), nfp_only(302), Lazy(outcome="use_outcome"))
    ],
}
