"""The core's PDF reports: what each reads from the data. They are registered in report_kinds."""

from datetime import datetime
from itertools import groupby

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mainstreaming import report_kinds
from mainstreaming.charts import Bar, horizontal_bar_chart
from mainstreaming.choices import InstitutionKind, Role
from mainstreaming.models import Membership, Report
from mainstreaming.selectors import phase_list

# ---------------------------------------------------------------------------
# Process overview
# ---------------------------------------------------------------------------


def process_overview_context(report: Report, data_read_at: datetime) -> dict:
    """Cover, institutions by kind, people by role and where each phase stands."""
    process = report.process
    kind_labels = dict(InstitutionKind.choices)
    kind_order = {value: index for index, value in enumerate(InstitutionKind.values)}
    institutions = sorted(
        process.institutions.select_related("parent").prefetch_related("sectors"),
        key=lambda institution: (kind_order[institution.kind], institution.name.lower()),
    )
    institutions_by_kind = [
        (str(kind_labels[kind]), list(members)) for kind, members in groupby(institutions, key=lambda i: i.kind)
    ]
    memberships = sorted(
        Membership.objects.filter(process=process, is_active=True).select_related("user", "institution"),
        key=lambda m: (Role.values.index(m.role), (m.user.get_full_name() or m.user.username).lower()),
    )
    role_labels = dict(Role.choices)
    people_by_role = [
        (str(role_labels[role]), list(members)) for role, members in groupby(memberships, lambda m: m.role)
    ]
    chart = horizontal_bar_chart(
        [Bar(label, len(members)) for label, members in institutions_by_kind],
        title=_("Institutions by kind"),
    )
    return {
        "institutions_by_kind": institutions_by_kind,
        "institution_count": len(institutions),
        "people_by_role": people_by_role,
        "people_count": len(memberships),
        "phases": phase_list(process=process),
        "institutions_chart": chart,
    }


report_kinds.register(
    report_kinds.ReportKindSpec(
        kind=report_kinds.PROCESS_OVERVIEW,
        label=gettext_lazy("Process overview"),
        template="pdf/process_overview.html",
        build_context=process_overview_context,
        listed=True,
    )
)
