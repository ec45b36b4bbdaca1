"""Read replica routing: reads of a page go to the replica, everything else to the primary.

Active only with DATABASE_REPLICA_URL (settings). Safe by default: the replica is used
only inside a request that `ReplicaMiddleware` declared read-only, i.e. a GET or HEAD
that carries no "recent write" cookie. Everything else reads the primary: POSTs (and
the reads of a request that wrote), Celery tasks, management commands, WebSocket
consumers, and the next requests of a browser for REPLICA_PIN_SECONDS after it wrote,
so a teacher always sees what they just posted despite replication lag.
"""

import contextvars

from django.conf import settings

REPLICA = "replica"
PIN_COOKIE = "jumelage_primary"

# True only while a read-only request is being served (set by ReplicaMiddleware).
_replica_allowed = contextvars.ContextVar("jumelage_replica_allowed", default=False)


def replica_allowed() -> bool:
    return _replica_allowed.get()


class PrimaryReplicaRouter:
    """Route reads to the replica when the request allows it; writes to the primary."""

    def db_for_read(self, model, **hints):
        if _replica_allowed.get() and settings.DATABASE_REPLICA_URL:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        # A request that writes reads its own writes: the rest of it stays on the primary.
        _replica_allowed.set(False)
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"  # the replica follows the primary by streaming replication


class ReplicaMiddleware:
    """Declare a GET/HEAD without a recent write read-only; pin a browser after a write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        read_only = request.method in ("GET", "HEAD") and PIN_COOKIE not in request.COOKIES
        token = _replica_allowed.set(read_only)
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
