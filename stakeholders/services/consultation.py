"""Services of the consultation area (being written)."""
