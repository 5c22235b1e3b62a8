"""Models of the institutional set-up and consultation phase; they arrive with the issue that builds this phase."""
