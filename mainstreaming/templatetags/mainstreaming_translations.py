"""Reference content in the reader's language: `{{ sector|localized:"name" }}` (see TranslatableMixin)."""

from django import template

register = template.Library()


@register.filter
def localized(obj, field: str):
    """`obj`'s `field` in the active language when it carries a translation, else the field as stored."""
    if obj is None:
        return ""
    if isinstance(obj, dict):
        return obj.get(field, "")
    if hasattr(obj, "localized"):
        return obj.localized(field)
    return getattr(obj, field, "")
