"""Reports of the committees area (being written)."""
