"""Project rules for the templates of lower apps (kits), which may not import projects."""

from django import template

from jumelage.projects import policies

register = template.Library()


@register.simple_tag
def can_create_project(user) -> bool:
    """{% can_create_project user as may_start %}: may this user found a project now?"""
    return policies.can_create_project(user)
