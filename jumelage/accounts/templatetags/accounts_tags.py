import math

from django import template

register = template.Library()


@register.filter
def minutes(delta) -> int:
    """A duration in whole minutes, rounded up (for 'try again in N minutes')."""
    try:
        return max(1, math.ceil(delta.total_seconds() / 60))
    except AttributeError:
        return 0
