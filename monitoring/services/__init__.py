"""Services of the monitoring and evaluation phase: one module per area (indicators, M&E plan)."""
