"""Sending group events from synchronous code (services, views, Celery tasks).

A live event is a courtesy: the data is already committed, so a failure to
publish (Redis down, no layer) is logged and never turns a saved action into an
error page.

Code running in a server process's database thread (a WebSocket frame's
`database_sync_to_async`, a sync view under ASGI) does not wait for Redis: the
event is handed to the event loop, where one publisher per process sends the
events in the order they were committed (`_Publisher`). The database thread,
which every query of the process goes through, is thus never blocked by a
group_send; fan-out costs it nothing. Elsewhere (Celery, management commands,
sync tests) the event is sent at once, as before.
"""

import asyncio
import collections
import logging
import os
import threading
import weakref

from asgiref.sync import SyncToAsync, async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def _send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(group, event)


class _Publisher:
    """Sends one loop's events: in commit order within a group, groups side by side.

    A group_send on Redis takes round trips (four with channels-redis' own, two
    with realtime.redis_layer). One queue for the whole process made every event
    wait for all those before it: at 100 messages a second a copy waited 0.1 to
    2.7 s before its group_send even began (docs/live.md).
    Events of one group (a room) still go one after the other, so a room's
    sockets see its changes in order; different groups no longer wait for each
    other, up to CONCURRENT_GROUPS at a time.
    """

    CONCURRENT_GROUPS = 32

    def __init__(self) -> None:
        self.queues: dict[str, collections.deque] = {}
        self.slots = asyncio.Semaphore(self.CONCURRENT_GROUPS)
        self.drains: set[asyncio.Task] = set()  # the loop keeps only weak references

    def put(self, group: str, event: dict) -> None:
        queue = self.queues.get(group)
        if queue is not None:
            queue.append(event)  # its drain is running and will take it
            return
        self.queues[group] = collections.deque([event])
        drain = asyncio.get_running_loop().create_task(self._drain(group))
        self.drains.add(drain)
        drain.add_done_callback(self.drains.discard)

    async def _drain(self, group: str) -> None:
        queue = self.queues[group]
        try:
            while queue:
                event = queue[0]
                async with self.slots:
                    try:
                        layer = get_channel_layer()
                        if layer is not None:
                            await layer.group_send(group, event)
                    except Exception:  # noqa: BLE001 - see the module docstring
                        log.warning(
                            "realtime: could not publish %s to %s",
                            event.get("type"),
                            group,
                            exc_info=True,
                        )
                queue.popleft()
        finally:
            del self.queues[group]


_publishers: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Publisher]" = (
    weakref.WeakKeyDictionary()
)


def _enqueue(group: str, event: dict) -> None:
    loop = asyncio.get_running_loop()
    publisher = _publishers.get(loop)
    if publisher is None:
        publisher = _publishers[loop] = _Publisher()
    publisher.put(group, event)


def _server_loop():
    """The event loop this thread works for (a sync_to_async thread), if it still runs."""
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    if loop is None or getattr(SyncToAsync.threadlocal, "main_event_loop_pid", None) != os.getpid():
        return None
    return loop if loop.is_running() and not loop.is_closed() else None


def send_now(group: str, event: dict) -> None:
    loop = _server_loop()
    if loop is not None:
        try:
            loop.call_soon_threadsafe(_enqueue, group, event)
            return
        except RuntimeError:  # the loop closed meanwhile: send it from here
            pass
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass  # the usual case: no event loop in this thread
    else:
        # This thread runs an event loop (e.g. a test driving Playwright): publish
        # from a helper thread, as async_to_sync cannot run here.
        worker = threading.Thread(target=send_now, args=(group, event), daemon=True)
        worker.start()
        worker.join(timeout=5)
        return
    try:
        _send(group, event)
    except Exception:  # noqa: BLE001 - see the module docstring
        log.warning("realtime: could not publish %s to %s", event.get("type"), group, exc_info=True)


def send_on_commit(group: str, event: dict) -> None:
    """Publish once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: send_now(group, event))
