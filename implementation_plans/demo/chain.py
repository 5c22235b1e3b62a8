"""
Demo records of the chain area: outcomes, outputs, activities and risks under the demo country's goals, the
activities led by the Ministry of Labour and Social Protection and the Ministry of Health (so that their focal
points, "labour" and "health", have activities to update), one output taken from the catalogue of programme
experiences, and two proposals of the Ministry of Health: one pending, one declined.

The goals come from the goals area's demo: the chain is spread over whatever goals the process has, in order;
with no goal the loader does nothing. A process that already has outcomes is left alone, so loading twice
changes nothing. Everything goes through the services, so the history reads as if the NFP had typed it in.
"""

from datetime import date

from django.utils.translation import gettext as _

from implementation_plans.choices import ActivityStatus, Level, PlanStatus
from implementation_plans.models import Goal, Outcome, ProgrammeExample
from implementation_plans.services import chain as services
from implementation_plans.services.base import plan_of
from mainstreaming.loaders import DemoCountry, register_demo_loader
from mainstreaming.models import Sector


def _chain() -> list[dict]:
    """The demo's outcomes with their outputs and activities; "who" names an institution by acronym."""
    return [
        {
            "title": _("Men and women leaving to work abroad do so informed, through fair recruitment"),
            "assumptions": _("Destination countries keep their seasonal and care-work schemes open."),
            "risk": (
                _("Unlicensed recruiters undercut the licensed agencies"),
                Level.HIGH,
                Level.MEDIUM,
                _("Joint inspections with the labour inspectorate; a public list of licensed agencies."),
            ),
            "outputs": [
                {
                    "title": _("Pre-departure orientation offered in every region"),
                    "assumptions": _("Regional employment offices have a room and a trainer for the sessions."),
                    "activities": [
                        (
                            _("Design the pre-departure orientation curriculum"),
                            "MoLSP",
                            ("NEA", "IOM"),
                            date(2026, 3, 1),
                            date(2026, 9, 30),
                            "",
                            _("Prospective migrant workers"),
                            ActivityStatus.ONGOING,
                        ),
                        (
                            _("Train 40 orientation trainers in the regional employment offices"),
                            "NEA",
                            ("MoLSP",),
                            date(2026, 10, 1),
                            date(2027, 3, 31),
                            "",
                            _("Employment office staff"),
                            ActivityStatus.PLANNED,
                        ),
                        (
                            _("Run monthly orientation sessions in the Northern Province"),
                            "MoLSP",
                            ("MMWA",),
                            date(2027, 1, 1),
                            date(2028, 12, 31),
                            _("Northern Province"),
                            _("Seasonal agricultural workers"),
                            ActivityStatus.PLANNED,
                        ),
                    ],
                },
                {
                    "title": _("Recruitment agencies licensed and their fees capped"),
                    "assumptions": "",
                    "activities": [
                        (
                            _("Draft the regulation on recruitment fees"),
                            "MoLSP",
                            ("CMTU",),
                            date(2026, 6, 1),
                            date(2027, 6, 30),
                            "",
                            _("Recruitment agencies"),
                            ActivityStatus.DELAYED,
                        ),
                    ],
                },
            ],
        },
        {
            "title": _("The health system keeps and attracts the health workers it needs"),
            "assumptions": _("The health workforce budget is not cut in the medium-term expenditure framework."),
            "risk": (
                _("Nurses keep leaving faster than they are trained"),
                Level.MEDIUM,
                Level.HIGH,
                _("Retention allowances in rural posts; bilateral agreements with the main destinations."),
            ),
            "outputs": [
                {
                    "title": _("A health workforce retention plan adopted"),
                    "assumptions": "",
                    "activities": [
                        (
                            _("Survey the intentions of nurses and midwives to emigrate"),
                            "MoH",
                            ("NSO", "CMS"),
                            date(2026, 4, 1),
                            date(2026, 12, 31),
                            "",
                            _("Nurses and midwives"),
                            ActivityStatus.COMPLETED,
                        ),
                        (
                            _("Negotiate an ethical-recruitment agreement with the main destination"),
                            "MoH",
                            ("MoFAD",),
                            date(2027, 1, 1),
                            date(2027, 12, 31),
                            "",
                            _("Health workers"),
                            ActivityStatus.PLANNED,
                        ),
                    ],
                },
            ],
        },
        {
            "title": _("Returning migrants and the diaspora invest their skills and savings at home"),
            "assumptions": _("Remittance costs keep falling."),
            "risk": (
                _("Returnees find no recognition of the skills they gained abroad"),
                Level.MEDIUM,
                Level.MEDIUM,
                _("A skills-recognition desk at the employment agency."),
            ),
            "outputs": [
                {
                    "title": _("Returnees' skills recognised and matched with jobs"),
                    "assumptions": "",
                    "activities": [
                        (
                            _("Open a skills-recognition desk for returnees"),
                            "NEA",
                            ("MoER",),
                            date(2027, 3, 1),
                            date(2028, 2, 28),
                            "",
                            _("Returning migrants"),
                            ActivityStatus.PLANNED,
                        ),
                        (
                            _("Screen returning health workers for posts in district hospitals"),
                            "MoH",
                            ("NEA",),
                            date(2027, 6, 1),
                            date(2029, 5, 31),
                            "",
                            _("Returning health workers"),
                            ActivityStatus.PLANNED,
                        ),
                    ],
                },
            ],
        },
    ]


def load_demo_chain(demo: DemoCountry) -> None:
    process = demo.process
    nfp = demo.users.get("nfp")
    goals = list(Goal.objects.filter(process=process).order_by("position", "created"))
    if nfp is None or not goals or Outcome.objects.filter(process=process).exists():
        return
    if plan_of(process).status in (PlanStatus.IN_REVIEW, PlanStatus.ENDORSED):
        return
    places = demo.institutions
    outputs = []
    for index, spec in enumerate(_chain()):
        goal = goals[index % len(goals)]
        outcome = services.outcome_create(actor=nfp, goal=goal, title=spec["title"], assumptions=spec["assumptions"])
        description, likelihood, impact, mitigation = spec["risk"]
        services.risk_create(
            actor=nfp,
            outcome=outcome,
            description=description,
            likelihood=likelihood,
            impact=impact,
            mitigation=mitigation,
        )
        for output_spec in spec["outputs"]:
            output = services.output_create(
                actor=nfp, outcome=outcome, title=output_spec["title"], assumptions=output_spec["assumptions"]
            )
            outputs.append(output)
            for title, who, partners, starts_on, ends_on, region, target_group, status in output_spec["activities"]:
                services.activity_create(
                    actor=nfp,
                    output=output,
                    title=title,
                    responsible=places.get(who),
                    partners=[places[acronym] for acronym in partners if acronym in places],
                    starts_on=starts_on,
                    ends_on=ends_on,
                    is_national=not region,
                    region=region,
                    target_group=target_group,
                    status=status,
                )
    services.risk_create(
        actor=nfp,
        output=outputs[0],
        description=_("Too few applicants attend the sessions before they leave"),
        likelihood=Level.MEDIUM,
        impact=Level.MEDIUM,
        mitigation=_("Make the orientation certificate part of the exit formalities."),
    )
    _template_output(nfp, outputs[0].outcome)
    _proposals(demo, outputs)


def _template_output(nfp, outcome: Outcome) -> None:
    """One output taken from the catalogue, as the NFP would with "use as a template"."""
    example = ProgrammeExample.objects.filter(sector__code="employment").order_by("title").first()
    if example is not None:
        services.programme_example_use(actor=nfp, example=example, outcome=outcome)


def _proposals(demo: DemoCountry, outputs) -> None:
    """The Ministry of Health's focal point proposes two activities; the NFP declines one."""
    health = demo.users.get("health")
    nfp = demo.users["nfp"]
    sector = Sector.objects.filter(code="health").first()
    if health is None or sector is None or services.proposing_institution(user=health, process=demo.process) is None:
        return
    target = outputs[-2] if len(outputs) > 1 else outputs[0]
    services.activity_propose(
        actor=health,
        output=target,
        sector=sector,
        title=_("Train district health staff on migrants' right to care"),
        proposal_note=_("Clinics still turn away migrants without papers; the retention plan should say so."),
        starts_on=date(2027, 4, 1),
        ends_on=date(2027, 10, 31),
        target_group=_("District health staff"),
    )
    declined = services.activity_propose(
        actor=health,
        output=target,
        sector=sector,
        title=_("Build a new nursing school in the capital"),
        proposal_note=_("More nurses trained means more can stay."),
        target_group=_("Nursing students"),
    )
    services.activity_decline(
        actor=nfp,
        activity=declined,
        reason=_("Beyond this plan's budget; to raise in the health sector plan instead."),
    )


def register() -> None:
    """Registers the area's demo loader with the core (mainstreaming.loaders.register_demo_loader)."""
    register_demo_loader(load_demo_chain)
