"""Reports of the consultation area (being written)."""
