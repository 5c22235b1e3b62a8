"""
Permission-matrix rows of the stakeholders app's setup area: the preconditions check and focal points.

Everybody who sees internal work reads these pages (development partners get 403); only the NFP writes. POST rows
carry valid data, so that the NFP's row shows the success path (302).
"""

from datetime import date

from mainstreaming.choices import Role
from stakeholders.services import setup as services
from tests.matrix import RepeatableUpload, Row, internal, members, nfp_only


def objects(cast) -> dict[str, dict]:
    services.precondition_load(actor=cast.nfp, process=cast.process)
    condition = cast.process.preconditions.order_by("position").first()
    # Labour has a request awaiting an answer; health has a focal point (the "own" user, kept as they are).
    labour_request = services.focal_point_request_create(
        actor=cast.nfp,
        process=cast.process,
        institution=cast.labour,
        requested_on=date(2026, 1, 10),
        due_on=date(2026, 2, 10),
    )
    designation = services.designation_create(
        actor=cast.nfp,
        process=cast.process,
        institution=cast.health,
        full_name="Lina Haddad",
        email=cast.own.email,
        designated_on=date(2026, 1, 20),
    )
    assert cast.own.memberships.get(is_active=True).role == Role.MINISTRY
    # Row data that names objects can only be filled in once they exist.
    MATRIX["stakeholders:focal_point_request_create"][0].data["institution"] = cast.health.pk
    MATRIX["stakeholders:designation_create"][0].data.update(institution=cast.labour.pk, request=labour_request.pk)

    process = {"process_pk": cast.process.pk}
    return {
        "setup_process": process,
        "setup_precondition": process | {"pk": condition.pk},
        "setup_request": process | {"pk": labour_request.pk},
        "setup_designation": process | {"pk": designation.pk},
    }


CONDITION = {
    "title": "A government reshuffle is not expected before the plan is adopted",
    "guidance": "",
    "status": "partly",
    "evidence": "Elections are due in 2028.",
    "reason": "Assessed with the facilitator",
}

MATRIX: dict[str, list[Row]] = {
    "stakeholders:precondition_list": [Row("setup_process", internal(), internal(405))],
    # POST only; a GET is refused before the method is looked at for everyone but the NFP.
    "stakeholders:precondition_load": [Row("setup_process", members(403, nfp=405), nfp_only(302))],
    "stakeholders:precondition_create": [Row("setup_process", nfp_only(), nfp_only(302), CONDITION)],
    "stakeholders:precondition_edit": [Row("setup_precondition", nfp_only(), nfp_only(302), CONDITION)],
    "stakeholders:precondition_delete": [
        Row("setup_precondition", nfp_only(), nfp_only(302), {"reason": "Does not apply to a stand-alone strategy"})
    ],
    "stakeholders:precondition_history": [Row("setup_precondition", internal(), internal(405))],
    "stakeholders:precondition_decide": [
        Row(
            "setup_process",
            nfp_only(),
            nfp_only(302),
            {"outcome": "go", "reason": "Cabinet endorsed the exercise", "decided_on": "2025-06-15"},
        )
    ],
    "stakeholders:focal_point_list": [Row("setup_process", internal(), internal(405))],
    "stakeholders:focal_point_request_create": [
        Row(
            "setup_process",
            nfp_only(),
            nfp_only(302),
            {"requested_on": "2026-03-01", "due_on": "2026-03-31", "terms_of_reference": "Sector input"},
        )
    ],
    "stakeholders:focal_point_request_detail": [Row("setup_request", internal(), internal(405))],
    "stakeholders:focal_point_request_cancel": [
        Row("setup_request", nfp_only(), nfp_only(302), {"reason": "The ministry is being reorganised"})
    ],
    "stakeholders:focal_point_request_history": [Row("setup_request", internal(), internal(405))],
    "stakeholders:designation_create": [
        Row(
            "setup_process",
            nfp_only(),
            nfp_only(302),
            {
                "full_name": "Tomas Veres",
                "position": "Head of the Labour Migration Unit",
                "sex": "male",
                "email": "tomas.veres@example.org",
                "phone": "",
                "designated_on": "2026-02-01",
            },
        )
    ],
    "stakeholders:designation_detail": [Row("setup_designation", internal(), internal(405))],
    "stakeholders:designation_end": [
        Row("setup_designation", nfp_only(), nfp_only(302), {"reason": "Left the ministry"})
    ],
    "stakeholders:designation_document_upload": [
        Row("setup_designation", nfp_only(), nfp_only(302), {"title": "Nomination letter", "file": RepeatableUpload()})
    ],
    "stakeholders:designation_history": [Row("setup_designation", internal(), internal(405))],
}
