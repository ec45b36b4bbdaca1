"""Who may open, and keep using, a WebSocket: the same rules as the views.

Asked at connect, again before every frame and periodically, so a connection
never outlives the session or the membership it was opened with (revocation
events in signals.py close it at once; these checks hold even if one is lost).
"""

import hashlib
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib import auth

from jumelage.projects import policies as project_policies
from jumelage.projects.middleware import must_set_own_password
from jumelage.projects.models import Project

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403


def may_connect_to_project(user, project_id: int) -> bool:
    project = Project.objects.filter(pk=project_id).first()
    return bool(project and project_policies.can_view_space(user, project))


def may_connect_as_user(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def session_fingerprint(session_key: str | None) -> str:
    """How revocation events name a session without spreading its key."""
    return hashlib.sha256((session_key or "").encode()).hexdigest()[:32]


def current_user(scope):
    """The user the connection's session belongs to now, or None.

    The session is read again from its store: a flushed session (logout), an
    outdated password hash (password changed or reset) or an inactive account
    (deleted) gives None, exactly as on the next HTTP request.
    A scope without a session (a test calling the router directly) keeps its
    user, re-read from the database.
    """
    session = scope.get("session")
    if session is not None:
        engine = import_module(settings.SESSION_ENGINE)
        request = SimpleNamespace(session=engine.SessionStore(session.session_key))
        user = auth.get_user(request)
        return user if user.is_authenticated and user.is_active else None
    user = scope.get("user")
    if user is None or not user.is_authenticated:
        return None
    return type(user)._default_manager.filter(pk=user.pk, is_active=True).first()


def authorise(scope, project_id: int | None = None):
    """(user, None) if the connection may go on, else (None, close code)."""
    user = current_user(scope)
    if not may_connect_as_user(user):
        return None, CLOSE_UNAUTHENTICATED
    if must_set_own_password(user):
        return None, CLOSE_FORBIDDEN
    if project_id is not None and not may_connect_to_project(user, project_id):
        return None, CLOSE_FORBIDDEN
    return user, None
