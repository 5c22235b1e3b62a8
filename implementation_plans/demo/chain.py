"""
Demo records of the chain area: one outcome under each of the demo country's goals, delivering the goal's
selected priority, with outputs, activities and risks; most activities led by the Ministry of Labour and Social
Protection and the Ministry of Health (so that their focal points, "labour" and "health", have activities to
update), one output taken from the catalogue of programme experiences, and two proposals of the Ministry of
Health: one pending, one declined.

The goals and priorities come from the goals area's demo; with no goal the loader does nothing. A process that
already has outcomes is left alone, so loading twice changes nothing. Everything goes through the services, so the
history reads as if the NFP had typed it in.
"""

from datetime import date

from django.utils.translation import gettext as _

from implementation_plans.choices import ActivityStatus, Level
from implementation_plans.models import Goal, Outcome, Priority, ProgrammeExample
from implementation_plans.services import chain as services
from implementation_plans.services.base import plan_of
from mainstreaming.loaders import DemoCountry, register_demo_loader
from mainstreaming.models import Sector


def _chain() -> list[dict]:
    """
    The demo's outcomes with their outputs and activities. Each outcome names the goal it sits under (by its
    position among the demo goals, goals.GOALS) and the selected priority of that goal it delivers, so that the
    results matrix prints the priority's targets beside it; "who" names an institution by acronym, and every
    activity's responsible institution works in a sector of its goal. Dates fall inside the plan's years (2026 to
    2030); an activity is completed only once it has ended and under way only once it has started, on any day the
    demo is loaded from December 2026.
    """
    return [
        {
            "goal": 0,
            "priority": "Retain nurses and midwives in district hospitals",
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
                            date(2026, 2, 1),
                            date(2026, 9, 30),
                            "",
                            _("Nurses and midwives"),
                            # Finished in September; completed in the plan once the third quarter's report is
                            # approved (monitoring.demo.reporting).
                            ActivityStatus.ONGOING,
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
                {
                    "title": _("Returning health workers recruited to district hospitals"),
                    "assumptions": _("District hospitals keep their vacant posts open for returnees."),
                    "activities": [
                        (
                            _("Screen returning health workers for posts in district hospitals"),
                            "MoH",
                            ("NEA",),
                            date(2026, 4, 1),
                            date(2028, 12, 31),
                            "",
                            _("Returning health workers"),
                            ActivityStatus.ONGOING,
                        ),
                    ],
                },
            ],
        },
        {
            "goal": 1,
            "priority": "Fair recruitment and pre-departure orientation for workers going abroad",
            "title": _(
                "Men and women go to work abroad informed and through fair recruitment, and their skills count "
                "when they return"
            ),
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
                            date(2026, 1, 15),
                            date(2026, 6, 30),
                            "",
                            _("Prospective migrant workers"),
                            ActivityStatus.COMPLETED,
                        ),
                        (
                            _("Run monthly orientation sessions in the Northern Province"),
                            "MoLSP",
                            ("MMWA",),
                            date(2026, 7, 1),
                            date(2028, 12, 31),
                            _("Northern Province"),
                            _("Seasonal agricultural workers"),
                            ActivityStatus.ONGOING,
                        ),
                        (
                            _("Train 40 orientation trainers in the regional employment offices"),
                            "NEA",
                            ("MoLSP",),
                            date(2027, 1, 15),
                            date(2027, 6, 30),
                            "",
                            _("Employment office staff"),
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
                            date(2026, 3, 1),
                            date(2027, 6, 30),
                            "",
                            _("Recruitment agencies"),
                            ActivityStatus.DELAYED,
                        ),
                    ],
                },
                {
                    "title": _("Returnees' skills recognised and matched with jobs"),
                    "assumptions": _("Employers accept the certificates of the skills-recognition desk."),
                    "activities": [
                        (
                            _("Open a skills-recognition desk for returnees"),
                            "MoLSP",
                            ("NEA", "MoER"),
                            date(2026, 2, 1),
                            date(2027, 1, 31),
                            "",
                            _("Returning migrants"),
                            ActivityStatus.ONGOING,
                        ),
                    ],
                },
            ],
        },
        {
            "goal": 2,
            "priority": "Cheaper and measured remittance channels",
            "title": _("Migrants send money home at a lower cost, and the diaspora invests its savings at home"),
            "assumptions": _("Remittance providers keep entering the market."),
            "risk": (
                _("Informal channels stay cheaper than the formal ones"),
                Level.MEDIUM,
                Level.MEDIUM,
                _("Mobile transfers licensed for small amounts; the price comparison published every quarter."),
            ),
            "outputs": [
                {
                    "title": _("Remittance prices compared and published"),
                    "assumptions": "",
                    "activities": [
                        (
                            _("Publish a quarterly comparison of remittance prices in the main corridors"),
                            "CBM",
                            ("IOM",),
                            date(2026, 3, 1),
                            date(2027, 12, 31),
                            "",
                            _("Migrants and their families"),
                            ActivityStatus.ONGOING,
                        ),
                    ],
                },
                {
                    "title": _("A diaspora savings account offered by the commercial banks"),
                    "assumptions": "",
                    "activities": [
                        (
                            _("Design a diaspora savings account with the commercial banks"),
                            "MoFAD",
                            ("CBM",),
                            date(2027, 6, 1),
                            date(2028, 12, 31),
                            "",
                            _("Citizens abroad"),
                            ActivityStatus.PLANNED,
                        ),
                    ],
                },
            ],
        },
    ]


# The activities the catalogue's programme experience brings in have neither a responsible institution nor dates:
# the NFP gives them the Ministry of Labour and the plan's second and third years, as a planner would.
TEMPLATE_ACTIVITIES = ("MoLSP", date(2027, 1, 1), date(2028, 12, 31))


def load_demo_chain(demo: DemoCountry) -> None:
    process = demo.process
    nfp = demo.users.get("nfp")
    goals = list(Goal.objects.filter(process=process).order_by("position", "created"))
    if nfp is None or not goals or Outcome.objects.filter(process=process).exists():
        return
    if plan_of(process).is_frozen:
        return
    places = demo.institutions
    priorities = {priority.title: priority for priority in Priority.objects.filter(process=process)}
    outputs = []
    for spec in _chain():
        # With fewer goals than the demo's (the goals' demo not loaded), the chain wraps around what there is.
        goal = goals[spec["goal"] % len(goals)]
        priority = priorities.get(spec["priority"])
        outcome = services.outcome_create(
            actor=nfp,
            goal=goal,
            title=spec["title"],
            assumptions=spec["assumptions"],
            priority=priority if priority is not None and priority.goal_id == goal.pk else None,
        )
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
    orientation = next(output for output in outputs if output.activities.filter(title__icontains="orientation"))
    services.risk_create(
        actor=nfp,
        output=orientation,
        description=_("Too few applicants attend the sessions before they leave"),
        likelihood=Level.MEDIUM,
        impact=Level.MEDIUM,
        mitigation=_("Make the orientation certificate part of the exit formalities."),
    )
    _template_output(nfp, orientation.outcome, places)
    _proposals(demo, outputs[0])


def _template_output(nfp, outcome: Outcome, places) -> None:
    """One output taken from the catalogue, as the NFP would with "use as a template", then given who and when."""
    example = ProgrammeExample.objects.filter(sector__code="employment").order_by("title").first()
    if example is None:
        return
    used = services.programme_example_use(actor=nfp, example=example, outcome=outcome)
    who, starts_on, ends_on = TEMPLATE_ACTIVITIES
    for activity in used.activities:
        services.activity_update(
            actor=nfp,
            activity=activity,
            data={"responsible": places.get(who), "starts_on": starts_on, "ends_on": ends_on},
            reason=_("adapted to the country"),
        )


def _proposals(demo: DemoCountry, target) -> None:
    """The Ministry of Health's focal point proposes two activities for its retention plan; the NFP declines one."""
    health = demo.users.get("health")
    nfp = demo.users["nfp"]
    sector = Sector.objects.filter(code="health").first()
    if health is None or sector is None or services.proposing_institution(user=health, process=demo.process) is None:
        return
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
