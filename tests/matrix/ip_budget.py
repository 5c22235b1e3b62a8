"""
Permission-matrix rows of the implementation plan: budget.

Every internal reader reads the budget, the timeline, the results-matrix export and the history of a budget line
or of funding (development partners get 403: the published plan's PDF is theirs); only the NFP adds, edits and
removes budget lines and funding. POST rows carry valid data, so that the NFP's row shows the success path (302).
"""

from tests.implementation_plans.builders import make_chain
from tests.matrix import Row, internal, nfp_only


def objects(cast) -> dict[str, dict]:
    chain = make_chain(cast, activities=1, label="IPB")
    activity = chain.activities[0]
    process = {"process_pk": cast.process.pk}
    return {
        "ipb_process": process,
        "ipb_activity": process | {"pk": activity.pk},
        "ipb_line": process | {"pk": activity.budget_lines.get().pk},
        "ipb_funding": process | {"pk": activity.funding.get().pk},
    }


LINE = {
    "year": "2027",
    "category": "training",
    "description": "IPB matrix: two regional sessions",
    "amount": "2500.00",
    "currency": "EUR",
    "rate_to_plan": "1.08",
}
FUNDING = {"source": "government", "status": "secured", "amount": "1000", "currency": "USD", "note": "IPB matrix"}

MATRIX: dict[str, list[Row]] = {
    "implementation_plans:budget_overview": [Row("ipb_process", internal(), internal(405))],
    "implementation_plans:timeline": [Row("ipb_process", internal(), internal(405))],
    "implementation_plans:matrix_export": [Row("ipb_process", internal(), internal(405))],
    "implementation_plans:budget_line_create": [Row("ipb_activity", nfp_only(), nfp_only(302), dict(LINE))],
    "implementation_plans:budget_line_edit": [
        Row("ipb_line", nfp_only(), nfp_only(302), dict(LINE) | {"reason": "IPB matrix: new quotation"})
    ],
    "implementation_plans:budget_line_delete": [
        Row("ipb_line", nfp_only(), nfp_only(302), {"reason": "IPB matrix: merged with another line"})
    ],
    "implementation_plans:budget_line_history": [Row("ipb_line", internal(), internal(405))],
    "implementation_plans:funding_create": [Row("ipb_activity", nfp_only(), nfp_only(302), dict(FUNDING))],
    "implementation_plans:funding_edit": [
        Row("ipb_funding", nfp_only(), nfp_only(302), dict(FUNDING) | {"reason": "IPB matrix: budget law passed"})
    ],
    "implementation_plans:funding_delete": [
        Row("ipb_funding", nfp_only(), nfp_only(302), {"reason": "IPB matrix: entered twice"})
    ],
    "implementation_plans:funding_history": [Row("ipb_funding", internal(), internal(405))],
}
