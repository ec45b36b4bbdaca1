"""Counters in Django's cache for login throttling and for mail that anyone can trigger.

Every key carries NAMESPACE, so that tests (and a deliberate reset) start from
clean counters without flushing the shared cache (the channel layer and Celery
may use the same Redis database).

If the cache is unreachable, the counters fail open (logged): the per-pair login
lock lives in the database and keeps working, and pages never fail for it.
"""

import hashlib
import logging

from django.core.cache import cache

from jumelage.core.cache import delete, get, set  # noqa: F401, A004 - callers use ratelimit.get

log = logging.getLogger(__name__)
NAMESPACE = "v1"


def key(*parts) -> str:
    raw = ":".join(str(p) for p in parts)
    return f"jumelage:rl:{NAMESPACE}:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def hit(bucket: str, subject: str, window: int) -> int:
    """Count one event for (bucket, subject) in a fixed window; returns the new count."""
    name = key(bucket, subject)
    try:
        if cache.add(name, 1, timeout=window):
            return 1
        try:
            return cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.add(name, 1, timeout=window)
            return 1
    except Exception:  # noqa: BLE001
        log.warning("cache unreachable: counting %s", bucket, exc_info=True)
        return 0


def count(bucket: str, subject: str) -> int:
    return int(get(key(bucket, subject)) or 0)


def allow(bucket: str, subject: str, limit: int, window: int) -> bool:
    """Count one event and say whether it is within ``limit`` per ``window`` seconds."""
    return hit(bucket, subject, window) <= limit


def remember(bucket: str, subject: str, timeout: int) -> None:
    set(key(bucket, subject), 1, timeout)


def remembered(bucket: str, subject: str) -> bool:
    return bool(get(key(bucket, subject)))


def forget(bucket: str, subject: str) -> None:
    delete(key(bucket, subject))
