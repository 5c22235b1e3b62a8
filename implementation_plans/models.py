"""Models of the goals, priorities and implementation plan phase; they arrive with the issue that builds this phase."""
