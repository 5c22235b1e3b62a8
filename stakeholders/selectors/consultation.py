"""Selectors of the consultation area (being written)."""
