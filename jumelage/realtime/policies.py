"""Who may open, and keep using, a WebSocket.

realtime knows no domain app: the project rule is registered by the app that
owns it (registry.register_connect_policy; projects/realtime.py registers
`load_access`). The access the policy returns is built ONCE per connection and
kept on it (consumer.access); every handler reads it.

It stays current through the revocation events (signals.py: logout, password
change, removal, role change close the socket at once) and, in case one is lost,
through a periodic re-check: the session and the policy are asked again at most
every RECHECK_SECONDS, on the next frame or heartbeat after that interval.
"""

import hashlib
from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib import auth

from jumelage.accounts.pupils import must_set_own_password

from . import registry

CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
RECHECK_SECONDS = 30.0


def recheck_seconds() -> float:
    """How long a connection may go on its rights without asking again."""
    return float(getattr(settings, "REALTIME_RECHECK_SECONDS", RECHECK_SECONDS))


def can_connect_as_user(user) -> bool:
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
    """(user, access, None) if the connection may go on, else (None, None, close code).

    `access` is what the registered connect policy returned for a project
    connection (None for the personal socket /ws/me/).
    """
    user = current_user(scope)
    if not can_connect_as_user(user):
        return None, None, CLOSE_UNAUTHENTICATED
    if must_set_own_password(user):
        return None, None, CLOSE_FORBIDDEN
    if project_id is None:
        return user, None, None
    access = registry.connect_access(user, project_id)
    if access is None:
        return None, None, CLOSE_FORBIDDEN
    return user, access, None
