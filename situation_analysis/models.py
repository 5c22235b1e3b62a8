"""Models of the situation analysis phase; they arrive with the issue that builds this phase."""
