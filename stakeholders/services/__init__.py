"""Services of the institutional set-up and consultation phases: one module per area
(setup, committees, consultation)."""
