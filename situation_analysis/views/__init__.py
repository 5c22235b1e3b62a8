"""Views of the situation analysis: one module per area."""
