"""The indicator data as an .xlsx workbook: internal readers only (development partners get 403)."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views import View

from mainstreaming import permissions
from mainstreaming.uploads import XLSX
from mainstreaming.views import ProcessViewMixin
from monitoring.exports import indicator_workbook


class IndicatorExportView(ProcessViewMixin, View):
    """GET: the plan's indicators and their approved values by period (never a draft)."""

    rule = permissions.VIEW_INTERNAL

    def get(self, request, process_pk):
        content = indicator_workbook(actor=request.user, process=self.process)
        name = f"{slugify(self.process.country) or 'process'}-indicators-{timezone.localdate().isoformat()}.xlsx"
        response = HttpResponse(content, content_type=XLSX.mime)
        response["Content-Disposition"] = content_disposition_header(True, name)
        response["Cache-Control"] = "private, no-store"
        return response
