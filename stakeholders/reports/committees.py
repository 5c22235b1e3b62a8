"""
The minutes of a committee meeting as a PDF, built by the core's report pipeline: the committee, date, place,
agenda, attendance with totals by sex, the minutes, decisions, and action points with owners and due dates.

Requested from the meeting's page (not listed on the Reports page): the parameters name the meeting.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mainstreaming import report_kinds
from mainstreaming.models import Report
from stakeholders.selectors import committees as selectors
from stakeholders.services.committees import MEETING_MINUTES


def _meeting_pk(parameters: dict):
    value = (parameters or {}).get("meeting")
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).isdigit():
        raise ValidationError({"meeting": _("Name the meeting whose minutes to build.")})
    return int(value)


def validate_parameters(process, parameters: dict) -> None:
    """The meeting must be one of this process's meetings."""
    if not process.meetings.filter(pk=_meeting_pk(parameters)).exists():
        raise ValidationError({"meeting": _("This meeting is not part of the process.")})


def meeting_minutes_context(report: Report, data_read_at: datetime) -> dict:
    meeting = selectors.meeting_get(process=report.process, pk=_meeting_pk(report.parameters))
    attendance = list(meeting.attendance.all())
    return {
        "meeting": meeting,
        "committee": meeting.committee,
        "agenda_items": [line.strip() for line in meeting.agenda.splitlines() if line.strip()],
        "attendance": attendance,
        "attendance_by_sex": selectors.attendance_by_sex(attendance),
        "decisions": list(meeting.decisions.all()),
        "action_points": list(meeting.action_points.all()),
    }


def register() -> None:
    report_kinds.register(
        report_kinds.ReportKindSpec(
            kind=MEETING_MINUTES,
            label=gettext_lazy("Meeting minutes"),
            template="pdf/meeting_minutes.html",
            build_context=meeting_minutes_context,
            listed=False,
            validate_parameters=validate_parameters,
        )
    )
