"""
The request of a reporting period's progress report as a PDF: queued with the core's report pipeline, whose page
follows the build, offers the download and lets the NFP publish it to development partners.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from mainstreaming import permissions
from mainstreaming.views import ProcessViewMixin
from monitoring.models import ReportingPeriod
from monitoring.services import reports as services


class PeriodReportRequestView(ProcessViewMixin, View):
    """POST: build the period's progress report (the NFP and the facilitator, who may request reports)."""

    rule = permissions.REQUEST_REPORT

    def load_objects(self):
        self.period = get_object_or_404(ReportingPeriod, process=self.process, pk=self.kwargs["pk"])

    def post(self, request, process_pk, pk):
        try:
            report = services.period_report_request(actor=request.user, period=self.period)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.period)
        messages.info(request, _("The progress report is being built. This page follows its progress."))
        return redirect(report)
