"""Forms of the consultation area (being written)."""
