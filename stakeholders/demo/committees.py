"""Demo of the committees area (being written)."""
