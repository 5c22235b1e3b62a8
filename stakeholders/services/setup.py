"""Services of the setup area (being written)."""
