"""Forms of the committees area (being written)."""
