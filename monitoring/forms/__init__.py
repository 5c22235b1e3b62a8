"""Forms of the monitoring and evaluation phase: one module per area."""
