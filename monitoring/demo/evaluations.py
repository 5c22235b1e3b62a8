"""
Demo records of the evaluations area: the independent mid-term review of the demo plan and its final evaluation,
each due on the date the M&E plan schedules, with their questions. The mid-term review is planned while its start
(five months before its report is due) lies ahead, under way once it has started, and completed only once its due
date is two months past: then it has its findings, recommendations and the management's responses (one followed up
by the Ministry of Labour and still in progress, one overdue, one completed by the Ministry of Health, one not
accepted), dated relative to the day the demo is loaded, so that "overdue" always means something. With the demo
country's plan (2026 to 2030) the review is due in mid-2028, so loaded in 2026 it is planned. If the process
already has evaluations the loader does nothing, so loading twice changes nothing. Everything goes through the
services, so the history reads as if the NFP (and the ministries, for their progress) had typed it in.
"""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from mainstreaming.loaders import DemoCountry, register_demo_loader
from monitoring.choices import EvaluationKind, EvaluationStatus, ResponseDecision, ResponseStatus
from monitoring.models import Evaluation
from monitoring.services import evaluations as services


def load_demo_evaluations(demo: DemoCountry) -> None:
    process = demo.process
    nfp = demo.users.get("nfp")
    labour = demo.institutions.get("MoLSP")
    health = demo.institutions.get("MoH")
    if nfp is None or labour is None or health is None or Evaluation.objects.filter(process=process).exists():
        return
    today = timezone.localdate()
    days = timedelta(days=1)
    due_on = services.evaluation_defaults(process=process, kind=EvaluationKind.MIDTERM).get("due_on") or date(
        (process.period_start + process.period_end) // 2, 6, 30
    )
    starts_on = due_on - 150 * days
    completed = today > due_on + 60 * days
    if completed:
        status = EvaluationStatus.COMPLETED
    else:
        status = EvaluationStatus.UNDER_WAY if today >= starts_on else EvaluationStatus.PLANNED

    midterm = services.evaluation_create(
        actor=nfp,
        process=process,
        kind=EvaluationKind.MIDTERM,
        title=_("Mid-term review of the migration mainstreaming plan"),
        evaluator=_("Centre for Policy Evaluation, University of Meridia"),
        is_independent=True,
        scope=_(
            "Whether the plan's outcomes on fair recruitment, the health workforce and returnees' skills are on "
            "course at mid-term, and what to change for the second half of the plan."
        ),
        starts_on=starts_on,
        due_on=due_on,
        completed_on=due_on - 5 * days if completed else None,
        status=status,
        summary=_(
            "The plan is relevant and the committees work, but recruitment-cost monitoring lags and the returnee "
            "programmes reach few women."
        )
        if completed
        else "",
    )
    relevance = services.question_create(
        actor=nfp,
        evaluation=midterm,
        criterion=_("Relevance"),
        text=_("Do the plan's outcomes still answer the findings of the situation analysis?"),
    )
    effectiveness = services.question_create(
        actor=nfp,
        evaluation=midterm,
        criterion=_("Effectiveness"),
        text=_("Are the outcomes on course to reach their targets by the end of the plan?"),
    )
    services.question_create(
        actor=nfp,
        evaluation=midterm,
        criterion=_("Sustainability"),
        text=_("Will the ministries keep the new services going once partner funding ends?"),
    )
    if completed:
        _review_results(demo, midterm, relevance, effectiveness, today)

    defaults = services.evaluation_defaults(process=process, kind=EvaluationKind.FINAL)
    final = services.evaluation_create(
        actor=nfp,
        process=process,
        kind=EvaluationKind.FINAL,
        title=_("Final evaluation of the migration mainstreaming plan"),
        evaluator=_("To be selected by open tender"),
        is_independent=True,
        scope=_("What the plan achieved against its goals, at what cost, and what the next plan should carry on."),
        due_on=defaults.get("due_on") or date(process.period_end, 12, 31),
        status=EvaluationStatus.PLANNED,
    )
    for criterion, text in (
        (_("Impact"), _("What changed for migrants, their families and the communities they left and joined?")),
        (_("Efficiency"), _("Were the plan's results worth what they cost?")),
    ):
        services.question_create(actor=nfp, evaluation=final, criterion=criterion, text=text)


def _review_results(demo: DemoCountry, midterm, relevance, effectiveness, today) -> None:
    """A completed review's findings, recommendations and the management's responses with their follow-up."""
    nfp, labour, health = demo.users["nfp"], demo.institutions["MoLSP"], demo.institutions["MoH"]
    days = timedelta(days=1)
    services.finding_create(
        actor=nfp,
        evaluation=midterm,
        question=relevance,
        text=_("The outcomes still match the findings; the diaspora investment outcome has become more pressing."),
    )
    services.finding_create(
        actor=nfp,
        evaluation=midterm,
        question=effectiveness,
        text=_("Recruitment costs are reported once a year from a small survey: too late and too thin to steer by."),
    )
    services.finding_create(
        actor=nfp,
        evaluation=midterm,
        question=effectiveness,
        text=_("Women make up under a fifth of the returnees reached by the skills programme."),
    )
    services.finding_create(
        actor=nfp,
        evaluation=midterm,
        text=_("Ministries value the committee meetings but send different officials each time."),
    )

    recommendations = [
        (
            _("Collect recruitment costs every quarter from the employment agency's register of departing workers."),
            _("Ministry of Labour and Social Protection"),
            {
                "decision": ResponseDecision.ACCEPTED,
                "action": _("Add the recruitment-cost questions to the departure register and publish quarterly."),
                "owner": labour,
                "due_on": today + 90 * days,
            },
            (ResponseStatus.IN_PROGRESS, _("The questions are drafted; the register's software is being updated.")),
        ),
        (
            _("Reach women returnees through the women's cooperatives and offer childcare during training."),
            _("Ministry of Labour and Social Protection"),
            {
                "decision": ResponseDecision.PARTLY_ACCEPTED,
                "rationale": _("Childcare is not in this year's budget; outreach through cooperatives is."),
                "action": _("Run the outreach with the three largest women's cooperatives."),
                "owner": labour,
                "due_on": today - 10 * days,
            },
            None,
        ),
        (
            _("Give the health workforce's ethical-recruitment code a monitoring committee."),
            _("Ministry of Health"),
            {
                "decision": ResponseDecision.ACCEPTED,
                "action": _("Set up the committee with the nursing council and the private recruiters."),
                "owner": health,
                "due_on": today - 20 * days,
            },
            (ResponseStatus.COMPLETED, _("The committee met for the first time and adopted its terms of reference.")),
        ),
        (
            _("Create a separate migration ministry to run the plan."),
            _("The government"),
            {
                "decision": ResponseDecision.REJECTED,
                "rationale": _(
                    "Mainstreaming means every ministry carries migration in its own work; the coordination unit "
                    "and the committee do the joining up."
                ),
            },
            None,
        ),
    ]
    for text, addressed_to, response, progress in recommendations:
        recommendation = services.recommendation_create(
            actor=nfp, evaluation=midterm, text=text, addressed_to=addressed_to
        )
        saved = services.response_save(actor=nfp, recommendation=recommendation, **response)
        if progress is not None:
            status, note = progress
            owner_user = demo.users.get("labour" if saved.owner == labour else "health") or nfp
            services.response_progress(
                actor=owner_user,
                response=saved,
                status=status,
                progress_note=note,
                completed_on=today - 25 * days if status == ResponseStatus.COMPLETED else None,
            )


def register() -> None:
    register_demo_loader(load_demo_evaluations)
