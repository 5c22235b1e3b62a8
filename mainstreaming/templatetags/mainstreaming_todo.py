"""The header's to-do count: read from the brief cache the dashboard fills, so other pages cost no query for it."""

from django import template

from mainstreaming import todo

register = template.Library()


@register.simple_tag(takes_context=True)
def todo_count(context, process):
    """The number of things waiting for the person in `process`, or None when it is not known just now."""
    request = context.get("request")
    if request is None or process is None:
        return None
    return todo.cached_count(request, process)
