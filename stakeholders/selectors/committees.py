"""Selectors of the committees area (being written)."""
