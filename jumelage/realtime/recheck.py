"""The periodic re-checks of a server's connections, asked together.

A connection's session and rights are asked again at most every
policies.recheck_seconds() (consumers.py), in case a revocation event was lost.
One policies.authorise() per connection is three queries on the process's one
database thread: with 1,000 sockets, the re-checks came in waves that kept that
thread busy for seconds and the chat's copies waiting up to a second (docs/live.md,
stop 36). A re-check that falls due at a heartbeat now joins this event loop's
open batch; the batch waits a moment for others, then asks
policies.authorise_many() once for all of them: a few queries for a few hundred
connections. A frame that finds its connection's re-check due still asks alone,
at once (consumers.BaseConsumer.receive): an action never waits for a batch.
"""

import asyncio
import weakref

from channels.db import database_sync_to_async
from django.conf import settings

from . import policies

WINDOW = 1.0  # seconds a batch gathers re-checks (at most a heartbeat)
LIMIT = 500  # connections asked in one batch


class _Batch:
    __slots__ = ("entries", "futures", "sent")

    def __init__(self):
        self.entries: list = []
        self.futures: list = []
        self.sent = False


_open: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Batch]" = weakref.WeakKeyDictionary()
_flushing: set = set()  # the loop keeps only weak references to its tasks


async def authorise(scope, project_id):
    """policies.authorise(scope, project_id), asked with the other re-checks due now."""
    loop = asyncio.get_running_loop()
    batch = _open.get(loop)
    if batch is None:
        batch = _open[loop] = _Batch()
        # Started up to a heartbeat before it is due (consumers.BaseConsumer._beat), a
        # re-check that waits at most that long is still made within the bound.
        window = min(WINDOW, settings.REALTIME_HEARTBEAT)
        loop.call_later(window, _send, loop, batch)
    future = loop.create_future()
    batch.entries.append((scope, project_id))
    batch.futures.append(future)
    if len(batch.entries) >= LIMIT:
        _send(loop, batch)
    return await future


def _send(loop, batch: _Batch) -> None:
    if batch.sent:
        return
    batch.sent = True
    if _open.get(loop) is batch:
        del _open[loop]
    task = loop.create_task(_answer(batch))
    _flushing.add(task)
    task.add_done_callback(_flushing.discard)


async def _answer(batch: _Batch) -> None:
    try:
        answers = await database_sync_to_async(policies.authorise_many)(batch.entries)
    except Exception as error:  # noqa: BLE001 - each waiting heartbeat gets it (and retries)
        for future in batch.futures:
            if not future.done():
                future.set_exception(error)
        return
    for future, answer in zip(batch.futures, answers, strict=True):
        if not future.done():  # a connection that closed meanwhile no longer waits
            future.set_result(answer)
