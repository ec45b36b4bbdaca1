from django import template

from jumelage.blog.policies import public_name as _public_name

register = template.Library()


@register.filter
def public_name(user) -> str:
    """A pupil's first name only; see blog.policies.public_name."""
    return _public_name(user)
