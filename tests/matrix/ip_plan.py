"""
Permission-matrix rows of the implementation plan: plan.

Every member reads the plan's page (a development partner sees the last published version there) and the
published version; the other versions are 404 to partners. Internal readers read the versions, their comparison
and the history; only the NFP edits the plan and takes the workflow steps. The matrix's plan is a draft whose
version 1 was published and version 2 returned: sending it for review succeeds (302); returning, endorsing and
publishing are refused for the NFP with 400 (the plan is a draft), never with 403.
"""

from tests.implementation_plans.builders import make_plan_version
from tests.matrix import Row, internal, members, nfp_only


def objects(cast) -> dict[str, dict]:
    published = make_plan_version(cast, status="published", label="IPP")
    returned = make_plan_version(cast, status="returned", label="IPP-2")
    process = {"process_pk": cast.process.pk}
    return {
        "ipp_process": process,
        "ipp_published": process | {"number": published.number},
        "ipp_returned": process | {"number": returned.number},
    }


PLAN = {
    "title": "IPP matrix plan",
    "currency": "USD",
    "starts_in": "2026",
    "ends_in": "2030",
    "rationale": "IPP matrix: why",
    "roles": "IPP matrix: who",
    "fiduciary": "IPP matrix: money",
    "reason": "IPP matrix",
}

MATRIX: dict[str, list[Row]] = {
    "implementation_plans:plan_detail": [Row("ipp_process", members(), members(405))],
    "implementation_plans:plan_edit": [Row("ipp_process", nfp_only(), nfp_only(302), dict(PLAN))],
    "implementation_plans:plan_submit": [Row("ipp_process", nfp_only(), nfp_only(302), {"reason": "IPP matrix"})],
    "implementation_plans:plan_return": [Row("ipp_process", nfp_only(), nfp_only(400), {"reason": "IPP matrix"})],
    "implementation_plans:plan_endorse": [Row("ipp_process", nfp_only(), nfp_only(400), {"decision": "0"})],
    "implementation_plans:plan_publish": [Row("ipp_process", nfp_only(), nfp_only(400), {"reason": "IPP matrix"})],
    "implementation_plans:plan_history": [Row("ipp_process", internal(), internal(405))],
    "implementation_plans:version_list": [Row("ipp_process", internal(), internal(405))],
    "implementation_plans:version_compare": [Row("ipp_process", internal(), internal(405))],
    "implementation_plans:version_detail": [
        Row("ipp_published", members(), members(405), label="published"),
        Row("ipp_returned", internal(donor=404), internal(405, donor=404), label="returned"),
    ],
    "implementation_plans:version_history": [Row("ipp_published", internal(), internal(405))],
}
