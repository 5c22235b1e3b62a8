"""The read side of the situation analysis: one module per area."""
