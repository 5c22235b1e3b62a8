"""Forms of the setup area (being written)."""
