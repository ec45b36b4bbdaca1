from django import template

from jumelage.blog.policies import public_name as _public_name

register = template.Library()


@register.filter
def public_name(user) -> str:
    """A pupil's first name only; see blog.policies.public_name."""
    return _public_name(user)


@register.filter
def with_aria(field):
    """The widget, tied to its help text and errors for screen readers."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    attrs = {}
    if field.errors:
        ids.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)
