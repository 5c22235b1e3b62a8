"""Panels of the setup area (being written)."""
