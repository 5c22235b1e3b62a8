"""Models of the monitoring and evaluation phase; they arrive with the issue that builds this phase."""
