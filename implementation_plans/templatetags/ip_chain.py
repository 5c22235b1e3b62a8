"""Template tags of the chain area: a goal's outcomes for the goal's page, and the URL of a chain item's action."""

from django import template
from django.urls import reverse

from implementation_plans.selectors import chain as selectors

register = template.Library()


@register.simple_tag
def goal_outcomes(goal):
    """A goal's outcomes, each with its outputs and their activities (five queries, whatever the size)."""
    return selectors.goal_outcomes(goal)


@register.simple_tag
def chain_url(item, verb: str) -> str:
    """The URL of `verb` (edit, delete, reorder, move, copy, history ...) on an outcome, output or activity."""
    name = f"implementation_plans:{type(item).__name__.lower()}_{verb}"
    return reverse(name, kwargs={"process_pk": item.process_id, "pk": item.pk})
