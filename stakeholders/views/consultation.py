"""Views of the consultation area (being written)."""
