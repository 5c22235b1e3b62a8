"""Selectors of the setup area (being written)."""
