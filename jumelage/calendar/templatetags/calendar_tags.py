from django import template

register = template.Library()


@register.filter
def with_aria(field):
    """The widget, tied to its help text and errors for screen readers."""
    ids = [f"{field.auto_id}_helptext"] if field.help_text else []
    attrs = {}
    if field.errors:
        ids.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return field.as_widget(attrs=attrs)
