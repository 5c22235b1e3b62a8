"""
Permission-matrix rows of monitoring's evaluations: evaluations, their questions, findings and recommendations,
the management responses and their tracker.

Every internal reader (the NFP, both ministries, the facilitator) reads all of it and its history; development
partners get 403 (internal work); outsiders 404; only the NFP writes, except a response's progress: the response
here is owned by the Ministry of Health, so "own" may report progress and "other" (the Ministry of Labour) and the
facilitator may not. POST rows carry valid data, so that the allowed rows show the success path (302).
"""

from datetime import date

from monitoring.choices import EvaluationKind, ResponseDecision
from monitoring.services import evaluations as services
from tests.matrix import Row, internal, nfp_only


def objects(cast) -> dict[str, dict]:
    evaluation = services.evaluation_create(
        actor=cast.nfp,
        process=cast.process,
        kind=EvaluationKind.MIDTERM,
        title="EVAL matrix: mid-term review",
        evaluator="EVAL matrix evaluators",
    )
    question = services.question_create(actor=cast.nfp, evaluation=evaluation, text="EVAL matrix: on course?")
    finding = services.finding_create(actor=cast.nfp, evaluation=evaluation, question=question, text="Partly.")
    recommendation = services.recommendation_create(actor=cast.nfp, evaluation=evaluation, text="Report quarterly.")
    services.response_save(
        actor=cast.nfp,
        recommendation=recommendation,
        decision=ResponseDecision.ACCEPTED,
        action="Quarterly reports from the health ministry.",
        owner=cast.health,
        due_on=date(2030, 6, 30),
    )
    MATRIX["monitoring:management_response_edit"][0].data.update(owner=str(cast.health.pk))
    process = {"process_pk": cast.process.pk}
    return {
        "eval_process": process,
        "eval_evaluation": process | {"pk": evaluation.pk},
        "eval_question": process | {"pk": question.pk},
        "eval_finding": process | {"pk": finding.pk},
        "eval_recommendation": process | {"pk": recommendation.pk},
    }


EVALUATION = {"kind": "final", "title": "EVAL matrix: final evaluation", "evaluator": "Firm", "status": "planned"}
REASON = {"reason": "EVAL matrix: agreed with the committee"}
TEXT = {"text": "EVAL matrix text"}

MATRIX: dict[str, list[Row]] = {
    "monitoring:evaluation_list": [Row("eval_process", internal(), internal(405))],
    "monitoring:evaluation_create": [Row("eval_process", nfp_only(), nfp_only(302), dict(EVALUATION))],
    "monitoring:evaluation_detail": [Row("eval_evaluation", internal(), internal(405))],
    "monitoring:evaluation_edit": [Row("eval_evaluation", nfp_only(), nfp_only(302), EVALUATION | REASON)],
    "monitoring:evaluation_delete": [Row("eval_evaluation", nfp_only(), nfp_only(302), dict(REASON))],
    "monitoring:evaluation_history": [Row("eval_evaluation", internal(), internal(405))],
    "monitoring:evaluation_question_create": [
        Row("eval_evaluation", nfp_only(), nfp_only(302), TEXT | {"criterion": "Relevance"})
    ],
    "monitoring:evaluation_question_edit": [Row("eval_question", nfp_only(), nfp_only(302), TEXT | REASON)],
    "monitoring:evaluation_question_delete": [Row("eval_question", nfp_only(), nfp_only(302), dict(REASON))],
    "monitoring:evaluation_question_history": [Row("eval_question", internal(), internal(405))],
    "monitoring:evaluation_finding_create": [Row("eval_evaluation", nfp_only(), nfp_only(302), dict(TEXT))],
    "monitoring:evaluation_finding_edit": [Row("eval_finding", nfp_only(), nfp_only(302), TEXT | REASON)],
    "monitoring:evaluation_finding_delete": [Row("eval_finding", nfp_only(), nfp_only(302), dict(REASON))],
    "monitoring:evaluation_finding_history": [Row("eval_finding", internal(), internal(405))],
    "monitoring:recommendation_create": [Row("eval_evaluation", nfp_only(), nfp_only(302), dict(TEXT))],
    "monitoring:recommendation_edit": [Row("eval_recommendation", nfp_only(), nfp_only(302), TEXT | REASON)],
    "monitoring:recommendation_delete": [Row("eval_recommendation", nfp_only(), nfp_only(302), dict(REASON))],
    "monitoring:recommendation_history": [Row("eval_recommendation", internal(), internal(405))],
    "monitoring:management_response_edit": [
        Row(
            "eval_recommendation",
            nfp_only(),
            nfp_only(302),
            {"decision": "accepted", "action": "Quarterly reports.", "due_on": "2030-09-30", **REASON},
        )
    ],
    # The owner institution (health: "own") and the NFP report progress; another ministry and the facilitator
    # may not.
    "monitoring:management_response_progress": [
        Row(
            "eval_recommendation",
            internal(other=403, facilitator=403),
            internal(302, other=403, facilitator=403),
            {"status": "in_progress", "progress_note": "First quarterly report drafted."},
        )
    ],
    "monitoring:management_response_history": [Row("eval_recommendation", internal(), internal(405))],
    "monitoring:management_response_list": [Row("eval_process", internal(), internal(405))],
}
