"""
Permission-matrix rows of the situation analysis: assignments of the sector checklists, their answers and review.

The Ministry of Health ("own") leads every assignment below; the Ministry of Labour ("other") contributes to one
of them only. The NFP assigns, changes and reopens; only the lead answers, attaches files and submits; the
facilitator and the NFP review; the lead, contributors and reviewers comment; every internal reader sees the list
and the answer page (another ministry sees the questions only, until approval); development partners get 403.
Each assignment is in the state its URL needs (open, submitted, approved), on a checklist of its own.
"""

from datetime import date

from mainstreaming.models import Sector
from situation_analysis.choices import QuestionBlock
from situation_analysis.models import ChecklistTemplate, TemplateQuestion
from situation_analysis.services import assignments as services
from situation_analysis.services import checklists as checklist_services
from tests.matrix import RepeatableUpload, Row, expect, internal, nfp_only

DUE = date(2031, 3, 31)


def _checklist(cast, code: str, sector: Sector):
    template = ChecklistTemplate.objects.create(code=code, sector=sector, title=f"Assignment matrix {code}")
    for position, (block, prefix) in enumerate(
        ((QuestionBlock.SECTOR_ON_MIGRATION, "A"), (QuestionBlock.MIGRATION_ON_SECTOR, "B")), start=1
    ):
        TemplateQuestion.objects.create(
            template=template, block=block, code=f"{prefix}1", text=f"{code} {prefix}1?", position=position
        )
    return checklist_services.checklist_adopt(actor=cast.nfp, process=cast.process, template=template)


def _answered(cast, assignment):
    changes = {
        question.pk: {"assessment": "yes", "narrative": "Matrix answer"}
        for question in assignment.checklist.questions.filter(is_dropped=False)
    }
    return services.answers_save(actor=cast.own, assignment=assignment, changes=changes, expected_version=0)


def objects(cast) -> dict[str, dict]:
    sector, _ = Sector.objects.get_or_create(
        code="sa-assign-sector", defaults={"name": "Matrix sector", "position": 98}
    )

    def assign(code, contributors=()):
        checklist = _checklist(cast, code, sector)
        return services.assignment_create(
            actor=cast.nfp, checklist=checklist, lead=cast.health, due_on=DUE, contributors=list(contributors)
        )

    unassigned = _checklist(cast, "SAM0", sector)
    draft = _answered(cast, assign("SAM1"))
    contributed = assign("SAM2", contributors=[cast.labour])
    submitted = _answered(cast, assign("SAM3"))
    services.assignment_submit(actor=cast.own, assignment=submitted)
    approved = _answered(cast, assign("SAM4"))
    services.assignment_submit(actor=cast.own, assignment=approved)
    services.assignment_approve(actor=cast.facilitator, assignment=approved)

    process = {"process_pk": cast.process.pk}

    def first_question(assignment):
        return assignment.checklist.questions.order_by("block", "position").first().pk

    # POST data that names objects made above: filled in here, once their ids are known.
    health, question = str(cast.health.pk), first_question(draft)
    _data("situation_analysis:assignment_create", lead=health)
    _data("situation_analysis:assignment_edit", lead=health)
    _data(
        "situation_analysis:answers_save",
        version=str(draft.version),
        **{f"q{question}_assessment": "partly", f"q{question}_narrative": "Changed in the matrix"},
    )
    _data("situation_analysis:answer_comment", 0, **{f"c{question}-text": "A remark"})
    _data("situation_analysis:answer_comment", 1, **{f"c{first_question(contributed)}-text": "A contributor's remark"})
    return {
        "saa_process": process,
        "saa_unassigned": process | {"pk": unassigned.pk},
        "saa_draft": process | {"pk": draft.pk},
        "saa_submitted": process | {"pk": submitted.pk},
        "saa_approved": process | {"pk": approved.pk},
        "saa_draft_question": process | {"pk": draft.pk, "question_pk": question},
        "saa_contributed_question": process | {"pk": contributed.pk, "question_pk": first_question(contributed)},
    }


def _data(name: str, index: int = 0, **values) -> None:
    MATRIX[name][index].data.update(values)


# Who may do what on an open assignment led by the Ministry of Health: only its focal point ("own").
LEAD_ONLY = expect(nfp=403, own=200, other=403, facilitator=403, donor=403)
REVIEWERS = expect(nfp=200, own=403, other=403, facilitator=200, donor=403)
# The answers of an unapproved checklist: the lead, contributors (none here) and the reviewers.
READERS = expect(nfp=200, own=200, other=403, facilitator=200, donor=403)


def lead_only(status=200, **overrides):
    return LEAD_ONLY | {"own": status} | overrides


def reviewers(status=200, **overrides):
    return REVIEWERS | {"nfp": status, "facilitator": status} | overrides


MATRIX: dict[str, list[Row]] = {
    "situation_analysis:assignment_list": [Row("saa_process", internal(), internal(405))],
    "situation_analysis:assignment_create": [
        Row("saa_unassigned", nfp_only(), nfp_only(302), {"due_on": "2031-01-31"})
    ],
    "situation_analysis:assignment_detail": [
        Row("saa_draft", internal(), internal(405), label="draft: other ministries see the questions only"),
        Row("saa_approved", internal(), internal(405), label="approved"),
    ],
    "situation_analysis:answers_save": [
        Row("saa_draft", lead_only(405), lead_only(302)),
    ],
    "situation_analysis:assignment_submit": [
        Row("saa_draft", lead_only(), lead_only(302), {"note": "Ready"}),
    ],
    "situation_analysis:assignment_review": [
        Row("saa_submitted", reviewers(), reviewers(302), {"decision": "approve", "note": "Fine"}),
    ],
    "situation_analysis:assignment_reopen": [
        Row("saa_approved", nfp_only(), nfp_only(302), {"reason": "New figures"}),
    ],
    "situation_analysis:assignment_edit": [
        Row("saa_draft", nfp_only(), nfp_only(302), {"due_on": "2031-04-30", "reason": "Later"}),
    ],
    "situation_analysis:assignment_history": [
        Row("saa_draft", READERS, READERS | {"nfp": 405, "own": 405, "facilitator": 405}, label="draft"),
        Row("saa_approved", internal(), internal(405), label="approved: every ministry"),
    ],
    "situation_analysis:answer_comment": [
        Row(
            "saa_draft_question",
            READERS | {"nfp": 405, "own": 405, "facilitator": 405},
            READERS | {"nfp": 302, "own": 302, "facilitator": 302},
            label="the lead and the reviewers",
        ),
        Row(
            "saa_contributed_question",
            internal(405, donor=403),
            internal(302, donor=403),
            label="a contributing ministry too",
        ),
    ],
    "situation_analysis:answer_document_upload": [
        Row(
            "saa_draft_question",
            lead_only(),
            lead_only(302),
            {"title": "Evidence", "file": RepeatableUpload("evidence.txt", b"A table of figures.")},
        ),
    ],
}
