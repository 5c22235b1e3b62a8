"""Template tags of the implementation plan, one library per area (ip_budget, ...)."""
