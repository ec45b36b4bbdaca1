"""The request id: one value per request, carried from nginx to Django to Celery tasks.

nginx sets X-Request-ID ($request_id, 32 hex digits); Django believes it only from a
trusted proxy (the TrustedProxyMiddleware rule) and otherwise makes one up. The id
lives in a context variable for the request (and for a task, taken from its headers),
so every log line, Sentry event and task published meanwhile can carry it.
"""

import re
import uuid
from contextvars import ContextVar

# What a proxy may hand us: nginx's 32 hex digits, or a UUID, or similar ids of a
# load balancer. Anything else (long, odd characters) is replaced, never logged.
_VALID = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current: ContextVar[str | None] = ContextVar("jumelage_request_id", default=None)

CELERY_HEADER = "jumelage_request_id"


def new_request_id() -> str:
    return uuid.uuid4().hex


def acceptable(value: str | None) -> bool:
    return bool(value) and _VALID.fullmatch(value) is not None


def get() -> str | None:
    """The id of the request or task being handled in this context (None outside one)."""
    return _current.get()


def set_current(value: str | None):
    """Set the id; returns the token for `reset`."""
    return _current.set(value)


def reset(token) -> None:
    _current.reset(token)
