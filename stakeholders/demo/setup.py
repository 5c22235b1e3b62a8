"""Demo of the setup area (being written)."""
