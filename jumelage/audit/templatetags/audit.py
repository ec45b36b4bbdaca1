from django import template

from jumelage.audit.labels import label

register = template.Library()


@register.filter
def audit_label(action: str) -> str:
    """The reader's-language label of an audit action code."""
    return label(action)
