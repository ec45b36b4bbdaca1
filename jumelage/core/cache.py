"""Django's Redis cache, with one redis-py client per connection pool.

Django's backend builds a new `redis.Redis` for every call (`get_client`), and that
constructor registers about 170 response callbacks: 56 µs on this box, as much as half a
GET. A page makes one to four cache calls (the second-factor gate's role, partner
suggestions, rate counters), so they are kept: a redis-py client is safe to share
between threads (each command takes a connection from the pool), and the pool already
starts afresh in a forked process.
"""

import logging

from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

log = logging.getLogger(__name__)


class _SharedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClients


# Reads and writes that fail open: a cache that is down costs the work it saved (logged),
# never a page. Rate counters, panels and the reference choices' version go through them.


def get(name: str, default=None):
    try:
        return cache.get(name, default)
    except Exception:  # noqa: BLE001 - any backend error: fail open
        log.warning("cache unreachable: reading %s", name, exc_info=True)
        return default


def set(name: str, value, timeout: int | None) -> None:  # noqa: A001 - mirrors the cache API
    try:
        cache.set(name, value, timeout=timeout)
    except Exception:  # noqa: BLE001
        log.warning("cache unreachable: writing %s", name, exc_info=True)


def delete(name: str) -> None:
    try:
        cache.delete(name)
    except Exception:  # noqa: BLE001
        log.warning("cache unreachable: deleting %s", name, exc_info=True)
