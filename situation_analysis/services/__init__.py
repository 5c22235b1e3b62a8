"""Services of the situation analysis: one module per area (checklists, sources, assignments, workbook,
series, findings, reminders)."""
