"""
URLs of the monitoring and evaluation phase, under /processes/<process_pk>/ in the monitoring namespace. One module
per area: indicators (the plan's indicators, their targets, the indicator bank, the M&E plan).
"""

from monitoring.urls import dashboard, evaluations, indicators, reporting, reports

app_name = "monitoring"

urlpatterns = [
    *indicators.urlpatterns,
    *reporting.urlpatterns,
    *dashboard.urlpatterns,
    *evaluations.urlpatterns,
    *reports.urlpatterns,
]
