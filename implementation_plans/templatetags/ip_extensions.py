"""`{% result_panels result level %}`: the panels other apps register for a goal, outcome or output page."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from implementation_plans.extensions import result_panels as panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def result_panels(context, result, level: str):
    """Render each registered panel's template with its own context (and the page's process and permissions)."""
    request = context.get("request")
    process = context.get("process")
    if request is None or process is None:
        return ""
    rendered = []
    for panel in panels_for(request=request, process=process, result=result, level=level):
        panel = dict(panel)
        template_name = panel.pop("template")
        extra = {"process": process, "may": context.get("may")}
        rendered.append(render_to_string(template_name, extra | panel, request=request))
    return mark_safe("".join(rendered))  # each template escapes its own content
