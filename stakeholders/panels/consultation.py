"""Panels of the consultation area (being written)."""
