"""
The read side of evaluations. Each selector costs a fixed number of queries, whatever the number of evaluations,
questions, findings, recommendations and responses (tests/monitoring/test_evaluations.py checks it). Access is
checked by the views (the process's role permissions); these only scope to the process.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mainstreaming.models import Institution, Process
from monitoring.models import (
    Evaluation,
    EvaluationFinding,
    EvaluationQuestion,
    ManagementResponse,
    MEPlan,
    Recommendation,
)
from monitoring.models.evaluations import open_q, overdue_q


def _today() -> date:
    return timezone.localdate()


def _count(queryset) -> Subquery:
    counted = queryset.order_by().values("evaluation_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


# ---------------------------------------------------------------------------
# Evaluations
# ---------------------------------------------------------------------------


def evaluation_list(*, process: Process) -> list[Evaluation]:
    """
    The process's evaluations, soonest due first, each with how many questions, findings and recommendations it
    has and how many of its responses are still open or overdue. One query.
    """
    today = _today()
    responses = ManagementResponse.objects.filter(recommendation__evaluation_id=OuterRef("pk"))
    return list(
        Evaluation.objects.filter(process=process).annotate(
            question_count=_count(EvaluationQuestion.objects.filter(evaluation_id=OuterRef("pk"))),
            finding_count=_count(EvaluationFinding.objects.filter(evaluation_id=OuterRef("pk"))),
            recommendation_count=_count(Recommendation.objects.filter(evaluation_id=OuterRef("pk"))),
            open_count=_response_count(responses.filter(open_q())),
            overdue_count=_response_count(responses.filter(overdue_q(today=today))),
        )
    )


def _response_count(queryset) -> Subquery:
    counted = queryset.order_by().values("recommendation__evaluation_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def evaluation_get(*, process: Process, pk) -> Evaluation:
    return get_object_or_404(Evaluation.objects.filter(process=process), pk=pk)


@dataclass
class QuestionFindings:
    question: EvaluationQuestion | None
    findings: list = field(default_factory=list)


@dataclass
class EvaluationDetail:
    evaluation: Evaluation
    questions: list  # of QuestionFindings, in order; findings answering no question last (question None)
    recommendations: list  # each with .response (or None), .is_overdue, .is_open
    finding_count: int = 0
    open_count: int = 0
    overdue_count: int = 0


def evaluation_detail(*, evaluation: Evaluation) -> EvaluationDetail:
    """
    An evaluation's page: its questions each with the findings answering it, the findings answering none, its
    recommendations each with its management response and owner. Three queries.
    """
    today = _today()
    questions = list(evaluation.questions.all())
    findings = list(evaluation.findings.all())
    by_question: dict[int | None, list] = {}
    for finding in findings:
        by_question.setdefault(finding.question_id, []).append(finding)
    rows = [QuestionFindings(question, by_question.get(question.pk, [])) for question in questions]
    if by_question.get(None):
        rows.append(QuestionFindings(None, by_question[None]))
    recommendations = list(evaluation.recommendations.select_related("response", "response__owner"))
    for recommendation in recommendations:
        recommendation.evaluation = evaluation
        response = getattr(recommendation, "response", None)
        recommendation.management_response = response
        recommendation.is_open = response is not None and response.is_open
        recommendation.is_overdue = response is not None and response.is_overdue_on(today)
        if response is not None:
            response.recommendation = recommendation
    return EvaluationDetail(
        evaluation=evaluation,
        questions=rows,
        recommendations=recommendations,
        finding_count=len(findings),
        open_count=sum(1 for r in recommendations if r.is_open),
        overdue_count=sum(1 for r in recommendations if r.is_overdue),
    )


def question_get(*, process: Process, pk) -> EvaluationQuestion:
    return get_object_or_404(EvaluationQuestion.objects.filter(process=process).select_related("evaluation"), pk=pk)


def finding_get(*, process: Process, pk) -> EvaluationFinding:
    queryset = EvaluationFinding.objects.filter(process=process).select_related("evaluation", "question")
    return get_object_or_404(queryset, pk=pk)


def recommendation_get(*, process: Process, pk) -> Recommendation:
    queryset = Recommendation.objects.filter(process=process).select_related("evaluation")
    return get_object_or_404(queryset, pk=pk)


def response_of(*, recommendation: Recommendation) -> ManagementResponse | None:
    response = ManagementResponse.objects.filter(recommendation=recommendation).select_related("owner").first()
    if response is not None:
        response.recommendation = recommendation
    return response


def me_plan_of(*, process: Process) -> MEPlan | None:
    return MEPlan.objects.filter(process=process).first()


# ---------------------------------------------------------------------------
# Responses across evaluations: the tracker, the dashboard and "For you"
# ---------------------------------------------------------------------------


def _responses(process: Process):
    return ManagementResponse.objects.filter(process=process).select_related(
        "owner", "recommendation", "recommendation__evaluation"
    )


def _mark(responses, today=None) -> list[ManagementResponse]:
    today = today or _today()
    responses = list(responses)
    for response in responses:
        response.is_overdue = response.is_overdue_on(today)
    return responses


def response_list(
    *, process: Process, owner_id: int | None = None, open_only: bool = False, overdue_only: bool = False
) -> list[ManagementResponse]:
    """The process's management responses, soonest due first (undated last), narrowed by owner or being open or
    overdue. One query."""
    queryset = _responses(process).order_by(
        Coalesce("due_on", Value(date.max)), "recommendation__evaluation__due_on", "created"
    )
    if owner_id:
        queryset = queryset.filter(owner_id=owner_id)
    if open_only:
        queryset = queryset.filter(open_q())
    if overdue_only:
        queryset = queryset.filter(overdue_q())
    return _mark(queryset)


def response_summary(*, process: Process) -> dict:
    """How many responses are still open and how many of those are overdue. One query."""
    return ManagementResponse.objects.filter(process=process).aggregate(
        open=Count("pk", filter=open_q()), overdue=Count("pk", filter=overdue_q())
    )


def overdue_responses(*, process: Process, limit: int = 5) -> list[ManagementResponse]:
    """The `limit` most overdue responses of the process. One query."""
    return _mark(_responses(process).filter(overdue_q()).order_by("due_on", "created")[:limit])


def institution_open_responses(
    *, process: Process, institution: Institution, limit: int = 10
) -> tuple[int, list[ManagementResponse]]:
    """An institution's open responses, the most overdue first; and how many there are in all. Two queries at most."""
    queryset = ManagementResponse.objects.filter(process=process, owner=institution).open()
    count = queryset.count()
    if not count:
        return 0, []
    shown = queryset.select_related("recommendation", "recommendation__evaluation").order_by("due_on", "created")
    return count, _mark(shown[:limit])
