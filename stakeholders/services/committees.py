"""Services of the committees area (being written)."""
