"""Helpers shared by every app's policies.py: deny by default, and deny with a 404.

A refusal is a 404 rather than a 403 wherever a 403 would tell an outsider that
the private thing exists.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(allowed: bool) -> None:
    """Raise 404 unless the policy said yes."""
    if not allowed:
        raise Http404


def forbid_unless(allowed: bool) -> None:
    """Raise 403 unless the policy said yes (for things the user already knows exist)."""
    if not allowed:
        raise PermissionDenied


def can_see_style_guide(user) -> bool:
    """The style guide is a tool of the people who run the platform, not a public page."""
    return bool(user.is_authenticated and (user.is_superuser or user.kind == user.Kind.STAFF))


def can_see_dashboard(user) -> bool:
    return bool(user.is_authenticated and user.is_active)
