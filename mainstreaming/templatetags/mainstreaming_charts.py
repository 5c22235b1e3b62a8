"""Template access to the SVG charts, so screen templates draw them through the same code as the PDFs."""

from django import template

from mainstreaming.charts import horizontal_bar_chart

register = template.Library()


@register.simple_tag
def bar_chart(bars, title):
    return horizontal_bar_chart(list(bars), title=str(title))
