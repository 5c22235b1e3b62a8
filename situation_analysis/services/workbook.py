"""
The offline round trip of an assignment: many ministries work with poor connections, so the lead's focal points
download the checklist as an Excel workbook, fill it in offline and upload it again.

The workbook has an Instructions sheet, an Answers sheet whose only unlocked cells are the answers (assessment,
narrative, other evidence), and a very hidden sheet whose one cell identifies the process, the assignment, the
checklist's questions (codes, blocks, a digest of each text) and the assignment's version counter at download,
signed with the site's SECRET_KEY (django.core.signing). Reading an upload checks, in this order: that it is an
.xlsx of acceptable size (the core's upload checks), that its identification is intact and names this assignment,
that nothing outside the answer cells was changed, that the checklist's questions are still the same, that no
answer was saved since the download (the version counter, as on screen), and that every assessment is one of the
allowed values. Anything wrong is refused with a clear message and changes nothing.

Nothing is applied on upload: reading returns the proposed changes and a signed token carrying them, which the
confirm step hands to assignment_workbook_apply. Applying goes through answers_save, so that the version check,
the permission rules and the history are the same as on screen.
"""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from mainstreaming import l10n, uploads
from mainstreaming import permissions as core_permissions
from mainstreaming.history import user_label
from situation_analysis import permissions
from situation_analysis.choices import Assessment
from situation_analysis.models import Answer, Assignment
from situation_analysis.selectors.assignments import assignment_questions
from situation_analysis.services.assignments import AnswerConflict, OtherChange, answers_save, changes_since

# The layout of the workbook. Changing it means raising FORMAT: files of an older format are then refused.
FORMAT = 1
METADATA_SHEET = "workbook_identification"
METADATA_SALT = "situation_analysis.workbook"
PENDING_SALT = "situation_analysis.workbook.pending"
# How long a preview may wait for its confirmation.
PENDING_MAX_AGE = 24 * 60 * 60
HISTORY_CODE = "answers.imported_from_workbook"
# A filled workbook of a long checklist is a few hundred kilobytes; the limits keep a zip bomb out.
MAX_SIZE = 2 * 1024 * 1024
MAX_UNCOMPRESSED_SIZE = 40 * 1024 * 1024
MAX_TEXT = 20000  # as the on-screen form
# How many problems of one kind a refusal lists before it says "and N more".
MAX_LISTED = 10

HEADER_ROW = 1
FIRST_ROW = 2
CODE_COL, BLOCK_COL, TEXT_COL, ASSESSMENT_COL, NARRATIVE_COL, EVIDENCE_COL = range(1, 7)
ANSWER_COLUMNS = {ASSESSMENT_COL: "assessment", NARRATIVE_COL: "narrative", EVIDENCE_COL: "evidence"}
LAST_COL = EVIDENCE_COL


def field_labels() -> dict[str, str]:
    return {"assessment": _("Assessment"), "narrative": _("Narrative"), "evidence": _("Other evidence")}


# ---------------------------------------------------------------------------
# What reading returns, and the refusals
# ---------------------------------------------------------------------------


@dataclass
class FieldChange:
    """One answer field the workbook changes: before and after, as the preview shows them."""

    name: str
    label: str
    before: str
    after: str


@dataclass
class QuestionChange:
    question_pk: int
    code: str
    text: str
    row: int
    fields: list[FieldChange] = field(default_factory=list)
    values: dict = field(default_factory=dict)  # the new values, as answers_save takes them


@dataclass
class WorkbookImport:
    """The changes an uploaded workbook proposes, and the signed token that carries them to the confirm step."""

    assignment: Assignment
    version: int
    changes: list[QuestionChange]
    token: str
    filename: str = ""

    @property
    def field_count(self) -> int:
        return sum(len(change.fields) for change in self.changes)


class WorkbookStale(ValidationError):
    """Answers were saved after the workbook was downloaded (or after its preview); `changes` says which, by whom."""

    def __init__(self, message: str, changes: list[OtherChange], current_version: int):
        super().__init__(message, code="stale")
        self.changes = changes
        self.current_version = current_version


def _refuse(messages: list[str], code: str) -> None:
    if len(messages) > MAX_LISTED:
        extra = len(messages) - MAX_LISTED
        messages = messages[:MAX_LISTED] + [
            ngettext("… and %(count)d more.", "… and %(count)d more.", extra) % {"count": extra}
        ]
    raise ValidationError([ValidationError(message, code=code) for message in messages])


def _download_again() -> str:
    return _("Download a new copy of the workbook from the checklist's page and fill that one in.")


# ---------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------


def _clean(value) -> str:
    """A cell's value as the text it stands for: line breaks as \\n, no characters a workbook cannot hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        value = _("Yes") if value else _("No")
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, datetime):
        value = value.isoformat(sep=" ", timespec="minutes")
    elif isinstance(value, date):
        value = value.isoformat()
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return ILLEGAL_CHARACTERS_RE.sub("", text).strip()


def _digest(text: str) -> str:
    return hashlib.sha256(_clean(text).encode()).hexdigest()[:24]


def _questions_signature(questions) -> list[list]:
    """What identifies the checklist's questions: id, code, block and a digest of the text, in order."""
    return [[q.pk, q.code, q.block, _digest(q.text)] for q in questions]


def _structure_digest(signature: list[list]) -> str:
    return hashlib.sha256(json.dumps(signature).encode()).hexdigest()


def _set_text(cell, value: str) -> None:
    cell.value = value or None
    # openpyxl takes a text that starts with "=" for a formula: a narrative is never one.
    if value:
        cell.data_type = "s"


def _assessment_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Assessment.choices]


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


def assignment_workbook_build(*, actor, assignment: Assignment, upload_url: str = "") -> bytes:
    """
    The assignment as an .xlsx workbook for `actor`, who must be allowed to read its answers: instructions, the
    questions with their current answers (only the answer cells unlocked, the assessment a list of the allowed
    values in the active language), and the signed identification the upload is checked against.
    """
    core_permissions.require(actor, permissions.READ, assignment)
    checklist = assignment.checklist
    questions = assignment_questions(assignment=assignment)
    answers = {a.question_id: a for a in Answer.objects.filter(assignment=assignment)}
    choices = _assessment_choices()
    labels = dict(choices)
    fields = field_labels()

    workbook = Workbook()
    instructions = workbook.active
    instructions.title = _clean(_("Instructions"))[:31]
    sheet = workbook.create_sheet(_clean(_("Answers"))[:31])
    header = [_("Code"), _("Block"), _("Question"), fields["assessment"], fields["narrative"], fields["evidence"]]

    # Instructions, with the allowed values in a range the assessment cells' list points to.
    bold, title_font = Font(bold=True), Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    instructions.column_dimensions["A"].width = 28
    instructions.column_dimensions["B"].width = 100
    lines: list[tuple[str, str]] = [
        (_("Checklist"), str(checklist)),
        (_("Lead institution"), str(assignment.lead)),
        (_("Due date"), l10n.date(assignment.due_on)),
        (_("Status"), assignment.get_status_display()),
        (_("Downloaded"), l10n.date_time(timezone.now())),
        (_("Downloaded by"), user_label(actor)),
        (_("Answers version"), str(assignment.version)),
    ]
    steps = [
        _(
            "On the “%(sheet)s” sheet, for each question, choose an assessment from the list, write the narrative "
            "(what the situation is, and why you assess it so) and the other evidence (studies, laws, reports or "
            "links that support the answer)."
        )
        % {"sheet": sheet.title},
        _(
            "Change only the assessment, narrative and other evidence columns. Do not add, remove or move rows, and "
            "do not change the codes or the questions: a workbook changed elsewhere is refused."
        ),
        _("Data sources and files are attached on the checklist's page, not in this workbook."),
        _("Save the file as an Excel workbook (.xlsx)."),
        _(
            "Upload it from the checklist's page (“Upload a filled workbook”). You will see every change before it "
            "is applied; nothing changes until you confirm."
        ),
        _(
            "If someone saves answers to this checklist after you downloaded the workbook, the upload is refused "
            "and says what they changed: then download a new copy and copy your answers into it."
        ),
    ]
    row = 1
    title = _("%(code)s %(title)s: answers to fill in offline") % {
        "code": checklist.code,
        "title": checklist.localized("title"),
    }
    instructions.cell(row, 1, _clean(title)).font = title_font
    row += 2
    for label, value in lines:
        instructions.cell(row, 1, label).font = bold
        _set_text(instructions.cell(row, 2), _clean(value))
        row += 1
    row += 1
    instructions.cell(row, 1, _("What to do")).font = bold
    row += 1
    for number, step in enumerate(steps, start=1):
        instructions.cell(row, 1, number)
        instructions.cell(row, 2, step).alignment = wrap
        row += 1
    if upload_url:
        instructions.cell(row, 1, _("Upload page")).font = bold
        _set_text(instructions.cell(row, 2), upload_url)
        row += 1
    row += 1
    instructions.cell(row, 1, _("Allowed assessments")).font = bold
    row += 1
    first_choice_row = row
    for _value, label in choices:
        _set_text(instructions.cell(row, 2), label)
        row += 1
    last_choice_row = row - 1
    instructions.cell(row, 2, _("Leave the assessment empty for a question not answered yet.")).alignment = wrap
    instructions.protection.sheet = True

    # The answers.
    widths = {CODE_COL: 8, BLOCK_COL: 24, TEXT_COL: 60, ASSESSMENT_COL: 18, NARRATIVE_COL: 60, EVIDENCE_COL: 40}
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width
    header_fill = PatternFill("solid", fgColor="DDDDDD")
    answer_fill = PatternFill("solid", fgColor="FFF8DC")
    for column, label in enumerate(header, start=1):
        cell = sheet.cell(HEADER_ROW, column, _clean(label))
        cell.font, cell.fill, cell.alignment = bold, header_fill, wrap
    for offset, question in enumerate(questions):
        row = FIRST_ROW + offset
        answer = answers.get(question.pk)
        values = [
            question.code,
            question.get_block_display(),
            question.localized("text"),
            labels.get(answer.assessment, "") if answer else "",
            answer.narrative if answer else "",
            answer.evidence if answer else "",
        ]
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column)
            _set_text(cell, _clean(value))
            cell.alignment = wrap
            if column in ANSWER_COLUMNS:
                cell.protection = Protection(locked=False)
                cell.fill = answer_fill
    if questions:
        validation = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(instructions.title)}!$B${first_choice_row}:$B${last_choice_row}",
            allow_blank=True,
            showErrorMessage=True,
            # Excel refuses a workbook whose titles pass 32 characters or whose messages pass 255.
            errorTitle=_clean(_("Not an allowed assessment"))[:32],
            error=_clean(_("Choose one of the assessments in the list, or leave the cell empty."))[:255],
            promptTitle=_clean(fields["assessment"])[:32],
            prompt=_clean(_("Choose from the list."))[:255],
            showInputMessage=True,
        )
        column = get_column_letter(ASSESSMENT_COL)
        validation.add(f"{column}{FIRST_ROW}:{column}{FIRST_ROW + len(questions) - 1}")
        sheet.add_data_validation(validation)
    sheet.freeze_panes = sheet.cell(FIRST_ROW, ASSESSMENT_COL)
    sheet.protection.sheet = True
    # Allowed on the protected sheet: making rows and columns wider to read long answers.
    sheet.protection.formatRows = False
    sheet.protection.formatColumns = False

    # The signed identification, on a sheet the person does not see.
    payload = {
        "format": FORMAT,
        "process": assignment.process_id,
        "assignment": assignment.pk,
        "checklist": checklist.pk,
        "checklist_code": checklist.code,
        "version": assignment.version,
        "sheet": sheet.title,
        "header": [_clean(label) for label in header],
        # Each question as the checklist holds it (the digest of its stored text, to tell whether the NFP changed
        # it since), then the digest of the text as the file shows it (in the language it was downloaded in), to
        # tell whether the file was changed.
        "questions": [
            [pk, code, block, _clean(q.get_block_display()), digest, _digest(q.localized("text"))]
            for (pk, code, block, digest), q in zip(_questions_signature(questions), questions, strict=True)
        ],
        "choices": choices,
        "downloaded_by": actor.pk,
    }
    metadata = workbook.create_sheet(METADATA_SHEET)
    metadata["A1"] = signing.dumps(payload, salt=METADATA_SALT, compress=True)
    metadata.sheet_state = "veryHidden"
    metadata.protection.sheet = True
    workbook.active = workbook.index(sheet)
    workbook.security = WorkbookProtection(lockStructure=True)

    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------
# Reading an upload
# ---------------------------------------------------------------------------


def _require_can_upload(actor, assignment: Assignment) -> None:
    core_permissions.require(actor, permissions.ANSWER, assignment)
    if not assignment.is_open:
        raise ValidationError(
            _("The answers are %(status)s and cannot be changed now.")
            % {"status": assignment.get_status_display().lower()},
            code="closed",
        )


def _open_workbook(uploaded):
    uploads.validate_upload(uploaded, kinds=(uploads.XLSX,), max_size=MAX_SIZE)
    uploaded.seek(0)
    data = uploaded.read()
    unreadable = _("This file could not be read as an Excel workbook. Save it again as .xlsx and upload that file.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ValidationError(unreadable, code="invalid") from error
    if unpacked > MAX_UNCOMPRESSED_SIZE:
        raise ValidationError(
            _("This workbook is too large once unpacked (%(size)s): a checklist's answers are far smaller.")
            % {"size": filesizeformat(unpacked)},
            code="too_large",
        )
    try:
        return load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises many kinds of error on a damaged file; each means the same here
        raise ValidationError(unreadable, code="invalid") from error


def _read_payload(workbook) -> dict:
    not_ours = (
        _("This workbook was not downloaded from this application (its hidden identification is missing). ")
        + _download_again()
    )
    if METADATA_SHEET not in workbook.sheetnames:
        raise ValidationError(not_ours, code="not_ours")
    token = workbook[METADATA_SHEET]["A1"].value
    if not isinstance(token, str) or not token:
        raise ValidationError(not_ours, code="not_ours")
    try:
        payload = signing.loads(token, salt=METADATA_SALT)
    except signing.BadSignature as error:
        raise ValidationError(
            _("The workbook's hidden identification has been altered, so the file cannot be trusted. ")
            + _download_again(),
            code="tampered",
        ) from error
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise ValidationError(
            _("This workbook was made by an earlier version of the application. ") + _download_again(),
            code="format",
        )
    return payload


def _check_identity(payload: dict, assignment: Assignment) -> None:
    if payload.get("process") != assignment.process_id:
        raise ValidationError(
            _("This workbook belongs to another process, not to this one. ") + _download_again(), code="wrong_file"
        )
    if payload.get("assignment") != assignment.pk or payload.get("checklist") != assignment.checklist_id:
        raise ValidationError(
            _(
                "This workbook belongs to another checklist (%(code)s), not to %(this)s. Upload it on its own "
                "checklist's page, or download this checklist's workbook."
            )
            % {"code": payload.get("checklist_code", "?"), "this": assignment.checklist.code},
            code="wrong_file",
        )


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_untouched(sheet, payload: dict) -> None:
    """Everything but the answer cells is as it was downloaded: the header, the rows, the codes and the questions."""
    problems: list[str] = []
    expected = payload["questions"]
    header = [_clean(sheet.cell(HEADER_ROW, column).value) for column in range(1, LAST_COL + 1)]
    if header != payload["header"]:
        problems.append(_("The column headings (row %(row)d) have been changed.") % {"row": HEADER_ROW})
    outside = [
        cell.coordinate
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row)
        for cell in row
        if cell.column > LAST_COL and not _is_empty(cell.value)
    ]
    if outside:
        problems.append(
            _("Cells outside the answer columns have been filled in: %(cells)s.")
            % {"cells": ", ".join(outside[:MAX_LISTED]) + ("…" if len(outside) > MAX_LISTED else "")}
        )
    used = [
        row
        for row in range(FIRST_ROW, sheet.max_row + 1)
        if any(not _is_empty(sheet.cell(row, column).value) for column in range(1, LAST_COL + 1))
    ]
    last = FIRST_ROW + len(expected) - 1
    beyond = [row for row in used if row > last]
    if beyond:
        problems.append(
            ngettext(
                "A row has been added below the questions (row %(rows)s): rows must not be added.",
                "Rows have been added below the questions (rows %(rows)s): rows must not be added.",
                len(beyond),
            )
            % {"rows": ", ".join(str(row) for row in beyond[:MAX_LISTED])}
        )
    for offset, (_pk, code, _block, block_label, *digests) in enumerate(expected):
        # Workbooks made before the digest of the shown text was added hold only the stored text's.
        shown_digest = digests[-1]
        row = FIRST_ROW + offset
        found_code = _clean(sheet.cell(row, CODE_COL).value)
        if found_code != code:
            problems.append(
                _(
                    "Row %(row)d should hold question %(code)s but holds “%(found)s”: rows must not be added, "
                    "removed or moved."
                )
                % {"row": row, "code": code, "found": found_code or _("nothing")}
            )
            continue
        if _clean(sheet.cell(row, BLOCK_COL).value) != block_label:
            problems.append(_("Row %(row)d (%(code)s): the block has been changed.") % {"row": row, "code": code})
        if _digest(sheet.cell(row, TEXT_COL).value) != shown_digest:
            problems.append(
                _("Row %(row)d (%(code)s): the question's text has been changed.") % {"row": row, "code": code}
            )
    if problems:
        lead = (
            _(
                "This workbook has been changed outside the answer cells, so it cannot be trusted. Only the "
                "assessment, narrative and other evidence columns may be filled in. "
            )
            + _download_again()
        )
        _refuse([lead, *problems], code="tampered")


def _check_same_questions(payload: dict, questions) -> None:
    """The checklist still asks the questions the workbook was made with (the NFP may have adapted it since)."""
    signature = _questions_signature(questions)
    if [q[:3] + q[4:5] for q in payload["questions"]] == signature:
        return
    downloaded = {pk: (code, digest) for pk, code, _block, _label, digest, *_shown in payload["questions"]}
    current = {pk: (code, digest) for pk, code, _block, digest in signature}
    added = [current[pk][0] for pk in current if pk not in downloaded]
    dropped = [downloaded[pk][0] for pk in downloaded if pk not in current]
    reworded = [current[pk][0] for pk in current if pk in downloaded and downloaded[pk] != current[pk]]
    problems = [
        _(
            "The checklist's questions have changed since this workbook was downloaded, so its answers may not "
            "match them any more. "
        )
        + _download_again()
    ]
    if added:
        problems.append(_("Questions added since: %(codes)s.") % {"codes": ", ".join(added)})
    if reworded:
        problems.append(_("Questions reworded since: %(codes)s.") % {"codes": ", ".join(reworded)})
    if dropped:
        problems.append(_("Questions dropped since: %(codes)s.") % {"codes": ", ".join(dropped)})
    if not (added or reworded or dropped):
        problems.append(_("The questions have been reordered or moved to another block since."))
    _refuse(problems, code="checklist_changed")


def _check_not_stale(payload: dict, assignment: Assignment) -> None:
    version = payload["version"]
    if assignment.version == version:
        return
    raise WorkbookStale(
        _(
            "Answers to this checklist were saved after this workbook was downloaded, so it is out of date and "
            "nothing has been changed. The changes are listed below. Download a new copy, copy your answers into "
            "it, and upload that one."
        ),
        changes_since(assignment, version),
        assignment.version,
    )


def _read_values(sheet, payload: dict) -> dict[int, tuple[int, dict]]:
    """The answer cells of every row, checked: question id -> (row, {assessment, narrative, evidence})."""
    choices = [(value, label) for value, label in payload["choices"]] + _assessment_choices()
    allowed = {}
    for value, label in choices:
        allowed.setdefault(label.casefold(), value)
        allowed.setdefault(value.casefold(), value)
    allowed_labels = ", ".join(label for _value, label in payload["choices"])
    labels = field_labels()
    problems, values = [], {}
    for offset, (pk, code, *_rest) in enumerate(payload["questions"]):
        row = FIRST_ROW + offset
        raw = _clean(sheet.cell(row, ASSESSMENT_COL).value)
        assessment = allowed.get(raw.casefold(), None) if raw else ""
        if assessment is None:
            problems.append(
                _("Row %(row)d (%(code)s): “%(value)s” is not an allowed assessment. Choose one of: %(allowed)s.")
                % {"row": row, "code": code, "value": raw[:50], "allowed": allowed_labels}
            )
        fields = {"assessment": assessment or ""}
        for column, name in ((NARRATIVE_COL, "narrative"), (EVIDENCE_COL, "evidence")):
            text = _clean(sheet.cell(row, column).value)
            if len(text) > MAX_TEXT:
                problems.append(
                    _("Row %(row)d (%(code)s): the %(field)s is longer than %(max)d characters.")
                    % {"row": row, "code": code, "field": labels[name].lower(), "max": MAX_TEXT}
                )
            fields[name] = text
        values[pk] = (row, fields)
    if problems:
        lead = _("Some answers cannot be taken as they are; nothing has been changed. Correct them and upload again.")
        _refuse([lead, *problems], code="invalid_value")
    return values


def _proposed_changes(questions, answers: dict, values: dict) -> list[QuestionChange]:
    labels = field_labels()
    assessment_labels = dict(_assessment_choices())
    changes = []
    for question in questions:
        row, new = values[question.pk]
        answer = answers.get(question.pk)
        old = {
            "assessment": answer.assessment if answer else "",
            "narrative": _clean(answer.narrative) if answer else "",
            "evidence": _clean(answer.evidence) if answer else "",
        }
        change = QuestionChange(question_pk=question.pk, code=question.code, text=question.localized("text"), row=row)
        for name in ("assessment", "narrative", "evidence"):
            if old[name] == new[name]:
                continue
            if name == "assessment":
                before, after = assessment_labels.get(old[name], ""), assessment_labels.get(new[name], "")
            else:
                before, after = old[name], new[name]
            change.fields.append(FieldChange(name=name, label=labels[name], before=before, after=after))
            change.values[name] = new[name]
        if change.fields:
            changes.append(change)
    return changes


def assignment_workbook_read(*, actor, assignment: Assignment, uploaded) -> WorkbookImport:
    """
    Check an uploaded workbook and return the changes it proposes (per question, each field before and after),
    with the signed token the confirm step applies. Changes nothing. Refused with a ValidationError that says
    what is wrong: not an .xlsx or too large, another process's or assignment's file, altered outside the answer
    cells, made with other questions, out of date (WorkbookStale), or an assessment that is not allowed.
    """
    _require_can_upload(actor, assignment)
    workbook = _open_workbook(uploaded)
    payload = _read_payload(workbook)
    _check_identity(payload, assignment)
    sheet_name = payload.get("sheet")
    if sheet_name not in workbook.sheetnames:
        raise ValidationError(
            _("The workbook's “%(sheet)s” sheet is missing or has been renamed. ") % {"sheet": sheet_name}
            + _download_again(),
            code="tampered",
        )
    sheet = workbook[sheet_name]
    _check_untouched(sheet, payload)
    questions = assignment_questions(assignment=assignment)
    _check_same_questions(payload, questions)
    _check_not_stale(payload, assignment)
    values = _read_values(sheet, payload)
    answers = {a.question_id: a for a in Answer.objects.filter(assignment=assignment)}
    changes = _proposed_changes(questions, answers, values)
    filename = _clean(getattr(uploaded, "name", "") or "")[:100]
    token = signing.dumps(
        {
            "process": assignment.process_id,
            "assignment": assignment.pk,
            "user": actor.pk,
            "version": payload["version"],
            "structure": _structure_digest(_questions_signature(questions)),
            "changes": {str(change.question_pk): change.values for change in changes},
            "filename": filename,
        },
        salt=PENDING_SALT,
        compress=True,
    )
    return WorkbookImport(
        assignment=assignment, version=payload["version"], changes=changes, token=token, filename=filename
    )


# ---------------------------------------------------------------------------
# Applying the confirmed changes
# ---------------------------------------------------------------------------


@transaction.atomic
def assignment_workbook_apply(*, actor, assignment: Assignment, token: str) -> int:
    """
    Apply the changes a preview showed, once confirmed: through answers_save, so with the same version check,
    rights and history as on screen (history code answers.imported_from_workbook, the file's name as reason).
    Refused, changing nothing, when the token is altered, expired or someone else's, when the questions changed,
    or when answers were saved since the workbook was downloaded (WorkbookStale). Returns how many answers
    changed.
    """
    _require_can_upload(actor, assignment)
    again = _("Upload the workbook again.")
    try:
        pending = signing.loads(token or "", salt=PENDING_SALT, max_age=PENDING_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This preview is too old to be confirmed; nothing has been changed. ") + again, code="expired"
        ) from error
    except signing.BadSignature as error:
        raise ValidationError(
            _("The confirmation has been altered and cannot be trusted; nothing has been changed. ") + again,
            code="tampered",
        ) from error
    if (pending.get("process"), pending.get("assignment"), pending.get("user")) != (
        assignment.process_id,
        assignment.pk,
        actor.pk,
    ):
        raise ValidationError(
            _("This confirmation is not for this checklist or not yours; nothing has been changed. ") + again,
            code="wrong_file",
        )
    questions = assignment_questions(assignment=assignment)
    if pending.get("structure") != _structure_digest(_questions_signature(questions)):
        raise ValidationError(
            _("The checklist's questions have changed since the preview; nothing has been changed. ")
            + _download_again(),
            code="checklist_changed",
        )
    changes = {int(pk): fields for pk, fields in pending["changes"].items()}
    try:
        answers_save(
            actor=actor,
            assignment=assignment,
            changes=changes,
            expected_version=pending["version"],
            reason=pending.get("filename", ""),
            code=HISTORY_CODE,
        )
    except AnswerConflict as conflict:
        raise WorkbookStale(
            _(
                "Answers to this checklist were saved after this workbook was downloaded; nothing has been "
                "changed. The changes are listed below. Download a new copy, copy your answers into it, and "
                "upload that one."
            ),
            conflict.changes,
            conflict.current_version,
        ) from conflict
    return len(changes)
