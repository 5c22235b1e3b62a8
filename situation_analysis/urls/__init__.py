"""
URLs of the situation analysis, under /processes/<process_pk>/ in the situation_analysis namespace. One module per
area: checklists (the process's adapted copies), assignments (answers and their review), workbook (the offline
.xlsx round trip), sources (data sources), series (migration-profile data), findings.
"""

from situation_analysis.urls import assignments, checklists, findings, series, sources, workbook

app_name = "situation_analysis"

urlpatterns = [
    *checklists.urlpatterns,
    *assignments.urlpatterns,
    *workbook.urlpatterns,
    *sources.urlpatterns,
    *series.urlpatterns,
    *findings.urlpatterns,
]
