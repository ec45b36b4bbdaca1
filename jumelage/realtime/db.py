"""The database work of WebSocket handlers, on a small pool of threads.

channels' `database_sync_to_async` runs every call of a process on ONE thread
(thread-sensitive mode). On PostgreSQL that thread spends most of its time
waiting for the server's round trips, and every chat post of every room queues
behind the one before: at 60 messages/s on this 2-core box it was 80 % busy and
copies waited 0.4 to 7 s for it while the CPU was half idle (docs/live.md).

`pooled(func)` runs `func` on one of REALTIME_DB_THREADS threads instead, each
with its own connection (persistent with CONN_MAX_AGE). Nothing is lost by it:
a connection handles its frames one at a time (the consumer awaits each
handler), so one writer's posts keep their order, and two writers of one room
are ordered by the room's row lock (chat.services.take_seq).

With 0 threads (the default on SQLite, whose writes serialise anyway, and in
the embedded `make run`) it is plain `database_sync_to_async`.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from channels.db import DatabaseSyncToAsync, database_sync_to_async
from django.conf import settings

_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _pool() -> ThreadPoolExecutor:
    """The process's pool, made on first use (again if the setting changed, as in tests)."""
    global _executor  # noqa: PLW0603 - one pool per process
    size = settings.REALTIME_DB_THREADS
    with _lock:
        if _executor is None or _executor._max_workers != size:
            if _executor is not None:
                _executor.shutdown(wait=False)
            _executor = ThreadPoolExecutor(max_workers=size, thread_name_prefix="realtime-db")
        return _executor


def pooled(func):
    """`func` as a coroutine function run on the pool (or the one database thread)."""

    # One runner per pool, made once: building asgiref's wrapper on every call was
    # 6 % of a server's time at 100 posts a second (py-spy, stop 35).
    runners: dict = {}
    on_the_database_thread = database_sync_to_async(func)

    async def call(*args, **kwargs):
        if settings.REALTIME_DB_THREADS <= 0:
            return await on_the_database_thread(*args, **kwargs)
        executor = _pool()
        runner = runners.get(executor)
        if runner is None:
            runners.clear()  # the pool was replaced (the setting changed, in tests)
            runner = runners[executor] = DatabaseSyncToAsync(
                func, thread_sensitive=False, executor=executor
            )
        return await runner(*args, **kwargs)

    call.__name__ = getattr(func, "__name__", "pooled")
    call.__doc__ = func.__doc__
    return call
