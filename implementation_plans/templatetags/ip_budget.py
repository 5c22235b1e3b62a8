"""Template tags of the budget area: an activity's budget lines and funding for the include on its page."""

from django import template

from implementation_plans import permissions as plan_permissions
from implementation_plans.selectors import budget as selectors
from mainstreaming import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def activity_budget(context, activity, process=None):
    """
    An activity's budget lines and funding, each amount also in the plan's currency, its totals, the plan's
    currency, and whether the reader may change them (the NFP). Four queries, whatever the number of lines.
    """
    process = process or activity.process
    request = context.get("request")
    can_manage = request is not None and permissions.allows(request, plan_permissions.MANAGE, process)
    return {
        **selectors.activity_budget(activity),
        "currency": selectors.plan_currency(process),
        "can_manage": can_manage,
    }
