"""
Permission-matrix rows of the situation analysis: findings.

Every internal reader reads the list, a finding and its history (development partners get 403); only the NFP
records, edits and deletes one. POST rows carry valid data, so that the NFP's row shows the success path (302).
"""

from mainstreaming.models import Sector
from situation_analysis.services import findings as services
from tests.matrix import Row, internal, nfp_only


def objects(cast) -> dict[str, dict]:
    sector, _ = Sector.objects.get_or_create(
        code="saf-sector", defaults={"name": "Findings matrix sector", "position": 97}
    )
    finding = services.finding_create(
        actor=cast.nfp,
        process=cast.process,
        statement="SAF matrix: nurses leave the rural districts.",
        detail="SAF matrix: the district health reports.",
        sector=sector,
    )
    process = {"process_pk": cast.process.pk}
    MATRIX["situation_analysis:finding_create"][0].data.update(sector=str(sector.pk))
    return {"saf_process": process, "saf_finding": process | {"pk": finding.pk}}


FINDING = {
    "statement": "SAF matrix: remittances grow faster than exports.",
    "significance": "high",
    "detail": "SAF matrix: the central bank's balance of payments.",
}

MATRIX: dict[str, list[Row]] = {
    "situation_analysis:finding_list": [Row("saf_process", internal(), internal(405))],
    "situation_analysis:finding_create": [Row("saf_process", nfp_only(), nfp_only(302), dict(FINDING))],
    "situation_analysis:finding_detail": [Row("saf_finding", internal(), internal(405))],
    "situation_analysis:finding_edit": [
        Row("saf_finding", nfp_only(), nfp_only(302), dict(FINDING) | {"reason": "SAF matrix: sharper wording"})
    ],
    "situation_analysis:finding_delete": [
        Row("saf_finding", nfp_only(), nfp_only(302), {"reason": "SAF matrix: merged into another finding"})
    ],
    "situation_analysis:finding_history": [Row("saf_finding", internal(), internal(405))],
}
