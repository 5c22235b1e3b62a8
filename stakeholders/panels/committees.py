"""Panels of the committees area (being written)."""
