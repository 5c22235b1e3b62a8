"""
Demo records of the goals area: the pillars of Meridia's National Development Strategy, four prioritisation
criteria, three goals answering the demo findings, two candidate priorities under each, scores from the NFP and
the two ministry focal points whose ministries sit on the national committee, one priority selected per goal
(with the reason), and SMART targets on the selected ones, each with the indicator, baseline and target that the
plan's results matrix prints beside the outcome delivering the priority (the same figures as the monitoring
indicators of monitoring.demo.indicators).

The demo findings are looked up by their statement; a goal or target whose finding is not in the demo simply cites
none. Loading again changes nothing: a process that already has goals is left alone.
"""

from datetime import date

from implementation_plans import permissions as plan_permissions
from implementation_plans.models import GcmObjective, SdgTarget
from implementation_plans.services import goals as services
from implementation_plans.services.base import plan_of
from mainstreaming import permissions
from mainstreaming.loaders import DemoCountry, register_demo_loader
from mainstreaming.models import Sector
from situation_analysis.models import Finding

PILLARS = [
    ("P1", "Human capital: health, education and skills"),
    ("P2", "Decent jobs and inclusive growth"),
    ("P3", "Governance, data and partnerships"),
]

CRITERIA = [
    ("Relevance to the findings", 3, "5: answers a finding of high significance directly; 1: answers none."),
    ("Feasibility", 2, "5: the institutions, laws and skills are in place; 1: much must change first."),
    (
        "Effect on vulnerable groups",
        2,
        "5: clearly improves the lot of women migrants, children left behind or irregular migrants; 1: none.",
    ),
    ("Cost", 1, "5: can be met from existing budgets; 1: needs large new funding."),
]

# Each goal: statement, rationale, pillar code, sectors, finding statements (their first words), SDG, GCM, and
# its candidate priorities: (title, description, finding starts, selected?, targets).
GOALS = [
    {
        "statement": "Health services keep the staff they need, while the mobility of health workers benefits the "
        "country.",
        "rationale": "The analysis found district hospitals with midwife posts vacant for over a year and long "
        "delays in recognising foreign qualifications, while diaspora health professionals offer to help.",
        "pillar": "P1",
        "sectors": ["health", "diaspora"],
        "findings": ["The emigration of nurses", "Foreign-trained health workers", "Health professionals of the"],
        "sdg": ["3.c"],
        "gcm": [18, 19],
        "priorities": [
            (
                "Retain nurses and midwives in district hospitals",
                "Incentives, career paths and specialist posts in the districts that lose most staff.",
                ["The emigration of nurses"],
                True,
                [
                    {
                        "statement": "Fill the midwife posts vacant for over a year in the eleven district hospitals.",
                        "indicator": "Midwife posts vacant for over a year in district hospitals",
                        "baseline": "46 (2025)",
                        "target_value": "10",
                        "responsible": "MoH",
                        "resources": "Rural allowance from the health budget; IOM support for the HR study.",
                        "finding": "The emigration of nurses",
                        "due_on": date(2028, 12, 31),
                    },
                    {
                        "statement": "Open specialist posts for nurses in every regional hospital.",
                        "indicator": "Regional hospitals with specialist nursing posts",
                        "baseline": "2 of 9 (2025)",
                        "target_value": "9 of 9",
                        "responsible": "MoH",
                        "finding": "The emigration of nurses",
                        "due_on": date(2029, 12, 31),
                    },
                    {
                        "statement": "Raise the density of health workers to 17.2 per 10,000 people.",
                        "indicator": "Density of health workers per 10,000 people (SDG 3.c.1)",
                        "baseline": "14.2 (2024)",
                        "target_value": "17.2 (2030)",
                        "responsible": "MoH",
                        "finding": "The emigration of nurses",
                        "due_on": date(2030, 12, 31),
                    },
                ],
            ),
            (
                "Recognise foreign health qualifications within three months",
                "",
                ["Foreign-trained health workers"],
                False,
                [],
            ),
        ],
    },
    {
        "statement": "Labour migration is safe and fair, and helps young people of the northern provinces find decent "
        "work.",
        "rationale": "Youth unemployment in the north drives most emigration for work; the regular channels that "
        "exist recruit few women.",
        "pillar": "P2",
        "sectors": ["employment"],
        "findings": ["Youth unemployment in the northern", "Regular channels to work abroad"],
        "sdg": ["8.8", "10.7"],
        "gcm": [5, 6],
        "priorities": [
            (
                "Fair recruitment and pre-departure orientation for workers going abroad",
                "Licensing of recruiters, a ban on fees charged to workers, orientation before departure, and "
                "recognition of the skills workers bring back.",
                ["Youth unemployment in the northern", "Regular channels to work abroad"],
                True,
                [
                    {
                        "statement": "Give pre-departure orientation to four departing workers in five, women "
                        "included.",
                        "indicator": "Departing workers who received pre-departure orientation",
                        "baseline": "12 % (2024)",
                        "target_value": "80 % (2030)",
                        "responsible": "MoLSP",
                        "resources": "Two trainers per regional office; EU pledge for the materials.",
                        "finding": "Regular channels to work abroad",
                        "due_on": date(2030, 12, 31),
                    },
                    {
                        "statement": "Halve the recruitment costs paid by workers going abroad.",
                        "indicator": "Recruitment cost paid by the worker, in months of earnings (SDG 10.7.1)",
                        "baseline": "2.8 (2023)",
                        "target_value": "1.4 (2030)",
                        "responsible": "MoLSP",
                        "finding": "Regular channels to work abroad",
                        "due_on": date(2030, 12, 31),
                    },
                ],
            ),
            (
                "Local jobs for young people in the northern provinces",
                "",
                ["Youth unemployment in the northern"],
                False,
                [],
            ),
        ],
    },
    {
        "statement": "Remittances and the diaspora's savings finance development at a lower cost.",
        "rationale": "Remittances are a large and growing inflow, but only formal transfers are measured and "
        "sending money home remains costly.",
        "pillar": "P2",
        "sectors": ["financial-sector", "diaspora"],
        "findings": ["Remittances are a large"],
        "sdg": ["10.c", "17.3"],
        "gcm": [20],
        "priorities": [
            (
                "Cheaper and measured remittance channels",
                "Competition between providers, mobile transfers, and a central-bank survey of informal channels.",
                ["Remittances are a large"],
                True,
                [
                    {
                        "statement": "Bring the average cost of sending 200 USD home below 5 %.",
                        "indicator": "Cost of sending US$200 to the country",
                        "baseline": "7.9 % (2025)",
                        "target_value": "4.9 % (2029)",
                        "responsible": "CBM",
                        "finding": "Remittances are a large",
                        "due_on": date(2029, 12, 31),
                    }
                ],
            ),
            ("A diaspora investment bond", "", ["Remittances are a large"], False, []),
        ],
    },
]

# Scores (1 to 5) each scorer gives the candidates, in the order of the criteria, by priority title.
SCORES = {
    "nfp": {
        "Retain nurses and midwives in district hospitals": (5, 3, 4, 2),
        "Recognise foreign health qualifications within three months": (4, 4, 2, 5),
        "Fair recruitment and pre-departure orientation for workers going abroad": (5, 4, 5, 3),
        "Local jobs for young people in the northern provinces": (4, 2, 3, 1),
        "Cheaper and measured remittance channels": (4, 4, 3, 4),
        "A diaspora investment bond": (2, 2, 1, 3),
    },
    "health": {
        "Retain nurses and midwives in district hospitals": (5, 4, 4, 2),
        "Recognise foreign health qualifications within three months": (3, 5, 2, 5),
        "Fair recruitment and pre-departure orientation for workers going abroad": (4, 4, 4, 3),
    },
    "labour": {
        "Fair recruitment and pre-departure orientation for workers going abroad": (5, 5, 5, 4),
        "Local jobs for young people in the northern provinces": (5, 2, 4, 1),
        "Cheaper and measured remittance channels": (3, 4, 3, 4),
    },
}

SELECTION_REASON = (
    "Agreed by the national committee's members when they validated the findings; ranked first under its goal."
)


def _finding(findings: list[Finding], start: str) -> Finding | None:
    return next((finding for finding in findings if finding.statement.startswith(start)), None)


def load_demo_goals(demo: DemoCountry) -> None:
    process = demo.process
    nfp = demo.users.get("nfp")
    if nfp is None or process.goals.exists():
        return
    if plan_of(process).is_frozen:
        return
    findings = list(Finding.objects.filter(process=process))
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    sdgs = {item.code: item for item in SdgTarget.objects.all()}
    gcms = {item.number: item for item in GcmObjective.objects.all()}

    pillars = {
        code: services.pillar_create(actor=nfp, process=process, code=code, name=name, position=index)
        for index, (code, name) in enumerate(PILLARS)
    }
    criteria = [
        services.criterion_create(
            actor=nfp, process=process, name=name, weight=weight, description=description, position=index
        )
        for index, (name, weight, description) in enumerate(CRITERIA)
    ]
    priorities = {}
    to_select = []
    for position, row in enumerate(GOALS):
        goal = services.goal_create(
            actor=nfp,
            process=process,
            statement=row["statement"],
            rationale=row["rationale"],
            pillar=pillars[row["pillar"]],
            position=position,
            sectors=[sectors[code] for code in row["sectors"] if code in sectors],
            findings=[found for found in (_finding(findings, start) for start in row["findings"]) if found],
            sdg_targets=[sdgs[code] for code in row["sdg"] if code in sdgs],
            gcm_objectives=[gcms[number] for number in row["gcm"] if number in gcms],
        )
        for index, (title, description, cited, selected, targets) in enumerate(row["priorities"]):
            priority = services.priority_create(
                actor=nfp,
                goal=goal,
                title=title,
                description=description,
                position=index,
                findings=[found for found in (_finding(findings, start) for start in cited) if found],
            )
            priorities[title] = priority
            if selected:
                to_select.append((priority, targets))

    for username, sheet in SCORES.items():
        scorer = demo.users.get(username)
        if scorer is None or not permissions.allows(scorer, plan_permissions.SCORE, process):
            continue
        scores = {
            (priorities[title].pk, criterion.pk): value
            for title, values in sheet.items()
            for criterion, value in zip(criteria, values, strict=True)
        }
        services.scores_save(actor=scorer, process=process, scores=scores)

    for priority, targets in to_select:
        services.priority_select(actor=nfp, priority=priority, reason=SELECTION_REASON)
        for index, target in enumerate(targets):
            values = dict(target)
            if "responsible" in values:
                values["responsible"] = demo.institutions.get(values["responsible"])
            if "finding" in values:
                values["finding"] = _finding(findings, values["finding"])
            services.target_create(actor=nfp, priority=priority, position=index, **values)


def register() -> None:
    """Registers the area's demo loader with the core (mainstreaming.loaders.register_demo_loader)."""
    register_demo_loader(load_demo_goals)
