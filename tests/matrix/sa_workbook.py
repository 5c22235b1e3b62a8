"""
Permission-matrix rows of the situation analysis: the offline workbook of an assignment.

The Ministry of Health ("own") leads both assignments below. Whoever may read the answers downloads the workbook:
on a draft the lead and the reviewers (the NFP, the facilitator), not another ministry; once approved every
internal reader. Only the lead's focal points upload a filled workbook (POST: the preview, 200) and apply it
(POST: 302); everyone else gets 403, development partners too, and a member of another process 404.
"""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from mainstreaming.models import Sector
from situation_analysis.services import assignments as services
from situation_analysis.services import workbook as workbook_services
from tests.matrix import RepeatableUpload, Row, internal
from tests.matrix.sa_assignments import LEAD_ONLY, READERS, _answered, _checklist

DUE = date(2031, 3, 31)


def _filled(cast, assignment) -> bytes:
    """The lead's workbook with one narrative changed, as it comes back from a ministry."""
    content = workbook_services.assignment_workbook_build(actor=cast.own, assignment=assignment)
    book = load_workbook(io.BytesIO(content))
    sheet = book["Answers"]
    sheet.cell(2, 5).value = "Changed offline in the matrix"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def objects(cast) -> dict[str, dict]:
    sector, _ = Sector.objects.get_or_create(
        code="sa-workbook-sector", defaults={"name": "Workbook matrix sector", "position": 97}
    )

    def assign(code):
        checklist = _checklist(cast, code, sector)
        return services.assignment_create(actor=cast.nfp, checklist=checklist, lead=cast.health, due_on=DUE)

    draft = _answered(cast, assign("SAW1"))
    approved = _answered(cast, assign("SAW2"))
    services.assignment_submit(actor=cast.own, assignment=approved)
    services.assignment_approve(actor=cast.facilitator, assignment=approved)

    content = _filled(cast, draft)
    # The preview's signed token, as the lead's upload gave it; each role's POST is rolled back afterwards.
    preview = workbook_services.assignment_workbook_read(
        actor=cast.own, assignment=draft, uploaded=SimpleUploadedFile("answers.xlsx", content)
    )
    MATRIX["situation_analysis:assignment_workbook_upload"][0].data["file"] = RepeatableUpload("answers.xlsx", content)
    MATRIX["situation_analysis:assignment_workbook_apply"][0].data["token"] = preview.token

    process = {"process_pk": cast.process.pk}
    return {
        "saw_draft": process | {"pk": draft.pk},
        "saw_approved": process | {"pk": approved.pk},
    }


def lead_only(status=200, **overrides):
    return LEAD_ONLY | {"own": status} | overrides


MATRIX: dict[str, list[Row]] = {
    "situation_analysis:assignment_workbook_download": [
        Row(
            "saw_draft",
            READERS,
            READERS | {"nfp": 405, "own": 405, "facilitator": 405},
            label="draft: the lead and the reviewers",
        ),
        Row("saw_approved", internal(), internal(405), label="approved: every internal reader"),
    ],
    "situation_analysis:assignment_workbook_upload": [
        Row("saw_draft", lead_only(), lead_only(), label="POST: the preview; nothing saved"),
    ],
    "situation_analysis:assignment_workbook_apply": [
        Row("saw_draft", lead_only(405), lead_only(302), label="POST: the confirmed changes"),
    ],
}
