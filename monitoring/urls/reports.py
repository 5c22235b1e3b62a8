"""URLs of monitoring's PDF reports and exports: a period's progress report, the indicator data as .xlsx."""

from django.urls import path

from monitoring.views import exports, reports

urlpatterns = [
    path("periods/<int:pk>/progress-report-pdf/", reports.PeriodReportRequestView.as_view(), name="period_report_pdf"),
    path("indicators/export.xlsx", exports.IndicatorExportView.as_view(), name="indicator_export"),
]
