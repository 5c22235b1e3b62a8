"""
URLs of the monitoring and evaluation phase, under /processes/<process_pk>/ in the monitoring namespace. One module
per area: indicators (the plan's indicators, their targets, the indicator bank, the M&E plan).
"""

from monitoring.urls import indicators

app_name = "monitoring"

urlpatterns = [*indicators.urlpatterns]
