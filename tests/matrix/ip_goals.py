"""
Permission-matrix rows of the implementation plan: goals.

Every internal reader reads the goals, pillars, criteria, priorities, the ranking and each record's history
(development partners get 403: the published plan is theirs); only the NFP writes. Scoring is for committee
members: the NFP, and a ministry focal point whose institution sits on the national committee. Here both
ministries sit on it (the Ministry of Health is seated below, the Ministry of Labour by the committees' rows), so
"own" and "other" score; the facilitator and development partners get 403. A ministry without a seat getting 403
is tested in tests/implementation_plans/test_goals_views.py. POST rows carry valid
data, so that the NFP's row shows the success path (302).
"""

from implementation_plans.models import PlanPillar, Priority, PriorityScore, Target
from tests.implementation_plans.builders import make_prioritisation, seat_on_national_committee
from tests.matrix import Row, internal, members, nfp_only


def objects(cast) -> dict[str, dict]:
    setup = make_prioritisation(cast, priorities=2, label="IPG")
    candidate, other_candidate = setup.priorities
    selected = Priority.objects.create(
        process=cast.process, goal=setup.goal, title="IPG selected", is_selected=True, selected_by=cast.nfp
    )
    PriorityScore.objects.create(priority=candidate, criterion=setup.criteria[0], scorer=cast.nfp, score=4)
    target = Target.objects.create(process=cast.process, priority=selected, statement="IPG matrix target")
    pillar = PlanPillar.objects.create(process=cast.process, code="IPG", name="IPG matrix pillar")
    free_goal = setup.goal.__class__.objects.create(process=cast.process, statement="IPG goal without priorities")
    seat_on_national_committee(cast.process, cast.health)
    process = {"process_pk": cast.process.pk}
    MATRIX["implementation_plans:priority_score"][0].data.update(
        {f"score-{candidate.pk}-{setup.criteria[0].pk}": "5", f"score-{other_candidate.pk}-{setup.criteria[1].pk}": "2"}
    )
    MATRIX["implementation_plans:priority_edit"][0].data.update(goal=str(setup.goal.pk))
    return {
        "ipg_process": process,
        "ipg_pillar": process | {"pk": pillar.pk},
        "ipg_goal": process | {"pk": setup.goal.pk},
        "ipg_free_goal": process | {"pk": free_goal.pk},
        "ipg_criterion": process | {"pk": setup.criteria[0].pk},
        "ipg_candidate": process | {"pk": candidate.pk},
        "ipg_selected": process | {"pk": selected.pk},
        "ipg_target": process | {"pk": target.pk},
    }


def scorers(status):
    """The NFP and the seated ministries score; the facilitator and development partners get 403."""
    return members(403, nfp=status, own=status, other=status)


REASON = {"reason": "IPG matrix: agreed by the committee"}
GOAL = {"statement": "IPG matrix: labour migration is safe and fair."}
PRIORITY = {"title": "IPG matrix: fair recruitment"}
TARGET = {"statement": "IPG matrix: orientation for every seasonal worker", "indicator": "share oriented"}

MATRIX: dict[str, list[Row]] = {
    "implementation_plans:pillar_list": [Row("ipg_process", internal(), internal(405))],
    "implementation_plans:pillar_create": [Row("ipg_process", nfp_only(), nfp_only(302), {"name": "IPG new pillar"})],
    "implementation_plans:pillar_edit": [
        Row("ipg_pillar", nfp_only(), nfp_only(302), {"name": "IPG pillar renamed"} | REASON)
    ],
    "implementation_plans:pillar_delete": [Row("ipg_pillar", nfp_only(), nfp_only(302), dict(REASON))],
    "implementation_plans:pillar_history": [Row("ipg_pillar", internal(), internal(405))],
    "implementation_plans:goal_list": [Row("ipg_process", internal(), internal(405))],
    "implementation_plans:goal_create": [Row("ipg_process", nfp_only(), nfp_only(302), dict(GOAL))],
    "implementation_plans:goal_detail": [Row("ipg_goal", internal(), internal(405))],
    "implementation_plans:goal_edit": [Row("ipg_goal", nfp_only(), nfp_only(302), GOAL | REASON)],
    "implementation_plans:goal_delete": [Row("ipg_free_goal", nfp_only(), nfp_only(302), dict(REASON))],
    "implementation_plans:goal_history": [Row("ipg_goal", internal(), internal(405))],
    "implementation_plans:priority_create": [Row("ipg_goal", nfp_only(), nfp_only(302), dict(PRIORITY))],
    "implementation_plans:criterion_list": [Row("ipg_process", internal(), internal(405))],
    "implementation_plans:criterion_create": [
        Row("ipg_process", nfp_only(), nfp_only(302), {"name": "IPG cost", "weight": "2"})
    ],
    "implementation_plans:criterion_edit": [
        Row("ipg_criterion", nfp_only(), nfp_only(302), {"name": "IPG relevance", "weight": "4"} | REASON)
    ],
    "implementation_plans:criterion_delete": [Row("ipg_criterion", nfp_only(), nfp_only(302), dict(REASON))],
    "implementation_plans:criterion_history": [Row("ipg_criterion", internal(), internal(405))],
    "implementation_plans:priority_ranking": [Row("ipg_process", internal(), internal(405))],
    "implementation_plans:priority_score": [Row("ipg_process", scorers(200), scorers(302), {})],
    "implementation_plans:priority_detail": [Row("ipg_candidate", internal(), internal(405))],
    "implementation_plans:priority_edit": [Row("ipg_candidate", nfp_only(), nfp_only(302), PRIORITY | REASON)],
    "implementation_plans:priority_delete": [Row("ipg_candidate", nfp_only(), nfp_only(302), dict(REASON))],
    "implementation_plans:priority_history": [Row("ipg_candidate", internal(), internal(405))],
    "implementation_plans:priority_select": [Row("ipg_candidate", nfp_only(), nfp_only(302), dict(REASON))],
    "implementation_plans:priority_unselect": [Row("ipg_selected", nfp_only(), nfp_only(302), dict(REASON))],
    "implementation_plans:target_create": [Row("ipg_selected", nfp_only(), nfp_only(302), dict(TARGET))],
    "implementation_plans:target_edit": [Row("ipg_target", nfp_only(), nfp_only(302), TARGET | REASON)],
    "implementation_plans:target_delete": [Row("ipg_target", nfp_only(), nfp_only(302), dict(REASON))],
    "implementation_plans:target_history": [Row("ipg_target", internal(), internal(405))],
}
