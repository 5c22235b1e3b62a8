"""Reports of the setup area (being written)."""
