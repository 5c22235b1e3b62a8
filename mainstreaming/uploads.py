"""
Checking uploaded files by what they contain, not by what they are called: a government intranet is no place for
an executable renamed report.pdf. Each allowed kind is recognised by its first bytes (and, for office formats, by
the parts inside the zip), and the name's extension must agree with what was found.
"""

import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_SIZE = 10 * 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: tuple[str, ...]
    mime: str


PDF = FileKind("PDF", (".pdf",), "application/pdf")
PNG = FileKind("PNG", (".png",), "image/png")
JPEG = FileKind("JPEG", (".jpg", ".jpeg"), "image/jpeg")
DOCX = FileKind("Word", (".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileKind("Excel", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileKind("PowerPoint", (".pptx",), "application/vnd.openxmlformats-officedocument.presentationml.presentation")
ODT = FileKind("OpenDocument text", (".odt",), "application/vnd.oasis.opendocument.text")
TEXT = FileKind("text", (".txt", ".csv", ".md"), "text/plain")
# Text in a one-byte encoding (Latin-1, Windows-1252), as a spreadsheet on Windows saves "CSV": accepted only where a
# caller lists it (a data import), never among DOCUMENT_KINDS.
LEGACY_TEXT = FileKind("text (Latin-1)", (".txt", ".csv"), "text/plain")
# Bytes that no text file holds: control characters other than tab, line feed, form feed and carriage return.
CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])

DOCUMENT_KINDS = (PDF, DOCX, ODT, XLSX, PPTX, PNG, JPEG, TEXT)


def detect(head: bytes, stream) -> FileKind | None:
    """What the file really is, from its content; None when it is none of the kinds we accept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut by the end of the sample is still text.
            if error.start < len(head) - 4:
                return None if any(byte in CONTROL_BYTES for byte in head) else LEGACY_TEXT
        return TEXT
    return None


def _office_kind(stream) -> FileKind | None:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.mime.encode():
                return ODT
            if "[Content_Types].xml" in names:
                for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
                    if any(name.startswith(prefix) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def validate_upload(uploaded, *, kinds=DOCUMENT_KINDS, max_size: int = MAX_UPLOAD_SIZE) -> FileKind:
    """Return the file's kind, or raise a ValidationError that tells the person what to do."""
    if uploaded.size > max_size:
        raise ValidationError(
            _("This file is too large (%(size)s): files may be at most %(max)s.")
            % {"size": filesizeformat(uploaded.size), "max": filesizeformat(max_size)}
        )
    if uploaded.size == 0:
        raise ValidationError(_("This file is empty."))
    uploaded.seek(0)
    head = uploaded.read(2048)
    kind = detect(head, uploaded)
    uploaded.seek(0)
    allowed = ", ".join(k.label for k in kinds)
    if kind is None or kind not in kinds:
        raise ValidationError(_("This kind of file is not accepted. Accepted: %(allowed)s.") % {"allowed": allowed})
    name = (uploaded.name or "").lower()
    if not name.endswith(kind.extensions):
        raise ValidationError(
            _("The file's name does not match its content, which is %(kind)s: rename it to end in %(ext)s.")
            % {"kind": kind.label, "ext": kind.extensions[0]}
        )
    return kind
