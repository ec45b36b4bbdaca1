"""The Redis cache shares one client per pool: built once, safe across threads."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import redis

from jumelage.core.cache import SharedClientRedisCache

pytestmark = pytest.mark.services


def test_the_redis_cache_builds_its_client_once_and_serves_every_thread(redis_url, monkeypatch):
    built = []
    original = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting)
    cache = SharedClientRedisCache(redis_url, {"KEY_PREFIX": "test-shared-client"})

    def round_trip(n):
        cache.set(f"k{n}", {"n": n}, 30)
        return cache.get(f"k{n}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(round_trip, range(200)))
    assert answers == [{"n": n} for n in range(200)]
    assert cache.get_many([f"k{n}" for n in range(3)]) == {f"k{n}": {"n": n} for n in range(3)}
    # Django's own backend builds a client for each of those 403 calls.
    assert len(built) == 1
    cache.delete_many([f"k{n}" for n in range(200)])
