"""Views of the committees area (being written)."""
