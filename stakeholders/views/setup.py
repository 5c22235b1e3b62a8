"""Views of the setup area (being written)."""
