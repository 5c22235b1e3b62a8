"""Template access to the checklists' assignments, for pages whose view belongs to another area (the checklist list)."""

from django import template

from situation_analysis.selectors.assignments import assignments_by_checklist

register = template.Library()


@register.simple_tag
def attach_assignments(checklists) -> str:
    """Give each checklist of the list its `current_assignment` (or None), with its lead: one query for all."""
    checklists = list(checklists)
    by_checklist = assignments_by_checklist(checklists)
    for checklist in checklists:
        checklist.current_assignment = by_checklist.get(checklist.pk)
    return ""
