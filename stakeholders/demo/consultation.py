"""Demo of the consultation area (being written)."""
