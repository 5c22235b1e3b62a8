"""
The demo country's situation analysis: adopted checklists, their adaptations and data sources, the checklists'
assignments and answers, migration-profile data series with their values, and the findings drawn from them,
loaded in that order (load_demo_situation_analysis) so that each part finds what it cites.
"""

from mainstreaming.loaders import DemoCountry
from mainstreaming.models import Sector
from situation_analysis.choices import DataSourceKind, Disaggregation, Periodicity, SeriesTopic
from situation_analysis.models import ChecklistTemplate
from situation_analysis.services import checklists as checklist_services
from situation_analysis.services import series as series_services
from situation_analysis.services import sources as source_services
from situation_analysis.services.assignments import load_demo_assignments
from situation_analysis.services.findings import load_demo_findings

DEMO_SECTORS = ("health", "employment", "financial-sector", "diaspora", "governance")

D = Disaggregation
DEMO_SOURCES = [
    {
        "name": "Population and Housing Census",
        "kind": DataSourceKind.CENSUS,
        "owner": "NSO",
        "periodicity": Periodicity.DECENNIAL,
        "latest_year": 2021,
        "disaggregations": [D.SEX, D.AGE, D.REGION, D.MIGRATORY_STATUS, D.COUNTRY],
        "access_notes": "Tables published online; microdata on request to the statistics office.",
        "quality_notes": "Counts household members abroad only when the household reports them.",
    },
    {
        "name": "Labour Force Survey",
        "kind": DataSourceKind.LABOUR_FORCE_SURVEY,
        "owner": "NSO",
        "periodicity": Periodicity.QUARTERLY,
        "latest_year": 2025,
        "disaggregations": [D.SEX, D.AGE, D.REGION, D.SKILL_LEVEL],
        "access_notes": "Quarterly bulletins; anonymised microdata under a data-sharing agreement.",
        "quality_notes": "A migration module was added in 2023; earlier rounds cannot identify returnees.",
    },
    {
        "name": "Balance-of-payments remittance statistics",
        "kind": DataSourceKind.CENTRAL_BANK,
        "owner": "CBM",
        "periodicity": Periodicity.QUARTERLY,
        "latest_year": 2025,
        "disaggregations": [D.COUNTRY],
        "access_notes": "Published in the central bank's quarterly statistical review.",
        "quality_notes": "Formal channels only; informal transfers are not covered. No breakdown by sex.",
    },
    {
        "name": "Consular register of citizens abroad",
        "kind": DataSourceKind.CONSULAR,
        "owner": "MoFAD",
        "periodicity": Periodicity.CONTINUOUS,
        "latest_year": 2025,
        "disaggregations": [D.SEX, D.AGE, D.COUNTRY],
        "access_notes": "Aggregates on request to the ministry's consular department.",
        "quality_notes": "Registration is voluntary: undercounts recent and irregular migrants.",
    },
    {
        "name": "International migrant stock (UN DESA)",
        "kind": DataSourceKind.INTERNATIONAL,
        "owner": None,
        "periodicity": Periodicity.MULTI_YEAR,
        "latest_year": 2024,
        "disaggregations": [D.SEX, D.AGE, D.COUNTRY],
        "access_notes": "Open data.",
        "quality_notes": "Estimates built from destination countries' censuses; comparable across countries.",
    },
    {
        "name": "National migration profile",
        "kind": DataSourceKind.MIGRATION_PROFILE,
        "owner": "NSO",
        "periodicity": Periodicity.MULTI_YEAR,
        "latest_year": 2023,
        "disaggregations": [D.SEX, D.AGE, D.MIGRATORY_STATUS],
        "access_notes": "Published report; the tables behind it are shared with the working group.",
        "quality_notes": "Brings together the other sources; to be updated with this process.",
    },
]


def load_demo_records(demo: DemoCountry) -> None:
    """Five adopted checklists (one question reworded, one dropped) and six data sources for the demo country."""
    nfp = demo.users["nfp"]
    process = demo.process
    templates = ChecklistTemplate.objects.filter(is_current=True, sector__code__in=DEMO_SECTORS)
    taken = set(process.checklists.values_list("code", flat=True))
    checklists = [
        checklist_services.checklist_adopt(actor=nfp, process=process, template=template)
        for template in templates
        if template.code not in taken
    ]
    health = next((c for c in checklists if c.sector.code == "health"), None)
    if health is not None:
        questions = list(health.questions.order_by("block", "position"))
        if questions:
            checklist_services.question_update(
                actor=nfp,
                question=questions[0],
                data={"text": questions[0].text.rstrip("?") + ", including in the regions near the borders?"},
                reason="The working group asked to look at the border regions.",
            )
        if len(questions) > 1:
            checklist_services.question_drop(
                actor=nfp,
                question=questions[-1],
                reason="Covered by the employment checklist in this country.",
            )
    existing = set(process.data_sources.values_list("name", flat=True))
    for row in DEMO_SOURCES:
        if row["name"] in existing:
            continue
        owner = demo.institutions.get(row["owner"]) if row["owner"] else None
        source_services.data_source_create(actor=nfp, process=process, **(row | {"owner": owner}))


# ---------------------------------------------------------------------------
# Data series
# ---------------------------------------------------------------------------


def _by_sex(values: dict[int, tuple[int, int]]) -> list[tuple[str, dict, int]]:
    rows = []
    for year, (female, male) in values.items():
        rows += [(str(year), {"sex": "female"}, female), (str(year), {"sex": "male"}, male)]
    return rows


# Each series: its fields (the source named by its demo name, the sector by its code), then (period, breakdown,
# value) rows. The findings demo looks for the first four titles (situation_analysis.services.findings).
DEMO_SERIES = [
    {
        "title": "Remittance inflows",
        "topic": SeriesTopic.REMITTANCES,
        "unit": "USD million",
        "source": "Balance-of-payments remittance statistics",
        "sector": "financial-sector",
        "dimensions": [],
        "notes": "Personal remittances received through formal channels. The 2019 figures were not published.",
        "values": [
            (str(year), {}, value)
            for year, value in (
                (2015, 812),
                (2016, 845),
                (2017, 903),
                (2018, 968),
                (2020, 1042),
                (2021, 1187),
                (2022, 1265),
                (2023, 1318),
                (2024, 1402),
            )
        ],
    },
    {
        "title": "Health workers leaving the country",
        "topic": SeriesTopic.HEALTH,
        "unit": "persons",
        "source": "National migration profile",
        "sector": "health",
        "dimensions": [D.SEX],
        "notes": "Verification certificates issued to nurses, midwives and doctors who ask for them to work abroad.",
        "values": _by_sex({2019: (310, 95), 2020: (270, 80), 2021: (355, 110), 2022: (420, 128), 2023: (465, 140)}),
    },
    {
        "title": "Emigration for work",
        "topic": SeriesTopic.FLOWS,
        "unit": "persons",
        "source": "Labour Force Survey",
        "sector": "employment",
        "dimensions": [D.SEX, D.REGION],
        "notes": "Household members who left in the past year to work abroad, by sex and by region of origin.",
        "values": _by_sex({2021: (6100, 14900), 2022: (6800, 16200), 2023: (7400, 17100), 2024: (7900, 17800)})
        + [
            (str(year), {"region": region}, value)
            for year, shares in (
                (2021, (12600, 5100, 3300)),
                (2022, (13900, 5500, 3600)),
                (2023, (14800, 5900, 3800)),
                (2024, (15500, 6200, 4000)),
            )
            for region, value in zip(("North", "Centre", "South"), shares, strict=True)
        ],
    },
    {
        "title": "Citizens abroad by country of residence",
        "topic": SeriesTopic.DIASPORA,
        "unit": "persons",
        "source": "Consular register of citizens abroad",
        "sector": "diaspora",
        "dimensions": [D.COUNTRY],
        "notes": "Registration is voluntary: the register undercounts recent and irregular migrants.",
        "values": [
            ("2025", {"country": country}, value)
            for country, value in (("Italy", 48200), ("Germany", 31500), ("Russia", 27800), ("France", 12400))
        ],
    },
    {
        "title": "Children with a parent abroad",
        "topic": SeriesTopic.CHILDREN_LEFT_BEHIND,
        "unit": "percent of children",
        "source": "Population and Housing Census",
        "sector": None,
        "dimensions": [D.SEX],
        "notes": "Children under 15 with at least one parent living abroad, from the last two censuses.",
        "values": _by_sex({2011: (17, 18), 2021: (21, 22)}),
    },
]


def load_demo_series(demo: DemoCountry) -> None:
    """Five migration-profile series of the demo country with their values; loading again changes nothing."""
    process, nfp = demo.process, demo.users["nfp"]
    existing = set(process.data_series.values_list("title", flat=True))
    sources = {source.name: source for source in process.data_sources.all()}
    sectors = {sector.code: sector for sector in Sector.objects.all()}
    for row in DEMO_SERIES:
        if row["title"] in existing:
            continue
        series = series_services.series_create(
            actor=nfp,
            process=process,
            title=row["title"],
            topic=row["topic"],
            unit=row["unit"],
            source=sources.get(row["source"]),
            sector=sectors.get(row["sector"]) if row["sector"] else None,
            dimensions=row["dimensions"],
            notes=row["notes"],
        )
        for period, breakdown, value in row["values"]:
            series_services.observation_create(
                actor=nfp, series=series, period=period, value=value, breakdown=breakdown
            )


def load_demo_situation_analysis(demo: DemoCountry) -> None:
    """
    The whole demo of the situation analysis, in the order its parts cite each other: checklists and data sources,
    then the assignments and answers, then the data series, then the findings drawn from the answers and series.
    """

    load_demo_records(demo)
    load_demo_assignments(demo)
    load_demo_series(demo)
    load_demo_findings(demo)
