"""Views of the goals, priorities and implementation plan phase: one module per area (goals, chain, budget, plan)."""
