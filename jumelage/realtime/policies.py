"""Who may open, and keep using, a WebSocket.

realtime knows no domain app: the project rule is registered by the app that
owns it (registry.register_connect_policy; projects/realtime.py registers
`load_access`). The access the policy returns is built ONCE per connection and
kept on it (consumer.access); every handler reads it.

It stays current through the revocation events (signals.py: logout, password
change, removal, role change close the socket at once) and, in case one is lost,
through a periodic re-check: the session and the policy are asked again within
every RECHECK_SECONDS, at the heartbeat before it falls due together with the
process's other re-checks (recheck.py, `authorise_many`), or alone by a frame that
finds it due.
"""

import hashlib
from importlib import import_module

from django.conf import settings
from django.contrib import auth
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.crypto import constant_time_compare

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


def authorise(scope, project_id: int | None = None):
    """(user, access, None) if the connection may go on, else (None, None, close code).

    The user is the one the connection's session belongs to now: a flushed session
    (logout), an outdated password hash (password changed or reset) or an inactive
    account (deleted) gives none, exactly as on the next HTTP request. A scope
    without a session (a test calling the router directly) keeps its user, re-read.
    `access` is what the registered connect policy returned for a project
    connection (None for the personal socket /ws/me/).
    """
    return authorise_many([(scope, project_id)])[0]


def authorise_many(entries) -> list:
    """authorise() for many connections at once, `entries` being (scope, project_id) pairs.

    A few queries whatever their number (sessions, users, accesses), where one
    authorise() per connection made three: 1,000 sockets re-checking every 30 s
    kept a server's database thread busy and the chat's copies waiting
    (docs/live.md).
    """
    users = _current_users([scope for scope, _project_id in entries])
    answers: list = [None] * len(entries)
    wanted = []
    for index, ((_scope, project_id), user) in enumerate(zip(entries, users, strict=True)):
        if not can_connect_as_user(user):
            answers[index] = (None, None, CLOSE_UNAUTHENTICATED)
        elif must_set_own_password(user):
            answers[index] = (None, None, CLOSE_FORBIDDEN)
        elif project_id is None:
            answers[index] = (user, None, None)
        else:
            wanted.append(index)
    accesses = registry.connect_accesses([(users[i], entries[i][1]) for i in wanted])
    for index, access in zip(wanted, accesses, strict=True):
        answers[index] = (
            (users[index], access, None) if access is not None else (None, None, CLOSE_FORBIDDEN)
        )
    return answers


def _current_users(scopes) -> list:
    """current_user() of each scope, the sessions and users read in one query each."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    keys = {
        scope["session"].session_key
        for scope in scopes
        if scope.get("session") is not None and scope["session"].session_key
    }
    sessions = _session_data(keys)
    wanted_ids = {_session_user_id(data, user_model) for data in sessions.values()} - {None}
    for scope in scopes:  # no session (a test calling the router): the scope's user, re-read
        user = scope.get("user")
        if scope.get("session") is None and user is not None and user.is_authenticated:
            wanted_ids.add(user.pk)
    found = user_model._default_manager.in_bulk(wanted_ids) if wanted_ids else {}
    result = []
    for scope in scopes:
        session = scope.get("session")
        if session is None:
            user = scope.get("user")
            user = found.get(user.pk) if user is not None and user.is_authenticated else None
            result.append(user if user is not None and user.is_active else None)
            continue
        user = _session_user(sessions.get(session.session_key), found, user_model)
        result.append(user if user is not None and user.is_active else None)
    return result


def _session_data(keys) -> dict:
    """{session key: its data} for the sessions that still exist and have not expired."""
    if not keys:
        return {}
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if hasattr(store, "get_model_class"):  # the database engines: one query
        rows = (
            store.get_model_class()
            ._default_manager.filter(session_key__in=keys, expire_date__gt=timezone.now())
            .values_list("session_key", "session_data")
        )
        return {key: store().decode(data) for key, data in rows}
    return {key: store(key).load() for key in keys}  # cache or cookies: one read each


def _session_user_id(data, user_model):
    try:
        return user_model._meta.pk.to_python((data or {})[auth.SESSION_KEY])
    except (KeyError, ValidationError):
        return None


def _session_user(data, found: dict, user_model):
    """As django.contrib.auth.get_user reads a session, with the user already loaded.

    The session must name a configured backend that accepts the user (is_active
    for ModelBackend's) and carry the user's current session hash (or one made with
    a fallback secret, which the next page view rotates).
    """
    user_id = _session_user_id(data, user_model)
    backend_path = (data or {}).get(auth.BACKEND_SESSION_KEY)
    if user_id is None or backend_path not in settings.AUTHENTICATION_BACKENDS:
        return None
    user = found.get(user_id)
    if user is None:
        return None
    backend = auth.load_backend(backend_path)
    if hasattr(backend, "user_can_authenticate") and not backend.user_can_authenticate(user):
        return None
    session_hash = data.get(auth.HASH_SESSION_KEY)
    if not session_hash:
        return None
    if constant_time_compare(session_hash, user.get_session_auth_hash()):
        return user
    if any(
        constant_time_compare(session_hash, fallback)
        for fallback in user.get_session_auth_fallback_hash()
    ):
        return user
    return None
