"""The demo country's situation analysis: adopted checklists, their adaptations, and data sources."""

from mainstreaming.loaders import DemoCountry
from situation_analysis.choices import DataSourceKind, Disaggregation, Periodicity
from situation_analysis.models import ChecklistTemplate
from situation_analysis.services import checklists as checklist_services
from situation_analysis.services import sources as source_services

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
