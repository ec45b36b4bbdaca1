"""Per-process fan-out: one channel-layer subscription per group and process.

A room of 10 on one server process used to be 10 members of the layer's group:
every event was popped, decoded and dispatched 10 times through the layer's
receive machinery (with channels-redis, a lock and two tasks per wait, per
connection). Here the process joins the group ONCE, with a relay channel of its
own (`_Relay`), and hands each event it receives to its local connections'
inboxes (`BaseConsumer.inbox`, a plain asyncio queue read by the consumer's
own dispatch loop, so each connection still handles its events one at a time,
in order, and a slow client never holds up the others). The event dict is
shared by the process's connections: a handler may cache its encoded frame in
it (`encoded`), so a chat message is JSON-encoded once per process, not once
per socket.

The same code runs on the in-memory layer (`make run`, the test suite) and on
Redis (several processes and nodes): the relay is an ordinary channel in the
group. Access is not decided here: each connection's handler reads its own
`consumer.access`, built once at connect (consumers.py).

Failure: if the layer fails under a relay (Redis down), every connection of the
relay is told to retry (close 1013, like any socket that meets an outage, see
outage.py); the clients reconnect with backoff and resume from their cursor, so
nothing is lost. A connection whose inbox overflows (a client that stopped
reading) is closed the same way rather than let the process's memory grow.
"""

import asyncio
import json
import logging
import time
import weakref

log = logging.getLogger(__name__)

CLOSE_TRY_LATER = 1013
INBOX_LIMIT = 1000  # events waiting for one connection before it is told to reconnect
REFRESH_SECONDS = 3600.0  # re-add relays to their groups, far within the layer's group expiry
RETRY = {"type": "realtime.revoke", "code": CLOSE_TRY_LATER, "project": None}


def encoded(event: dict, key: str, build) -> str:
    """`build()` as JSON text, encoded once per event and process (shared by its sockets)."""
    cache = event.get("_encoded")
    if cache is None:
        cache = event["_encoded"] = {}
    text = cache.get(key)
    if text is None:
        text = cache[key] = json.dumps(build())
    return text


def deliver(consumer, event: dict) -> None:
    """Queue `event` for one connection; one that cannot keep up is asked to reconnect."""
    inbox = consumer.inbox
    if inbox.qsize() >= INBOX_LIMIT:
        if not getattr(consumer, "_overflowed", False):
            consumer._overflowed = True
            log.warning("realtime: a connection fell %s events behind: reconnect", INBOX_LIMIT)
            inbox.put_nowait(RETRY)
        return
    inbox.put_nowait(event)


class _Relay:
    """One group's subscription in this process, and the connections it serves."""

    def __init__(self, group: str):
        self.group = group
        self.members: set = set()
        self.channel: str | None = None
        self.added: asyncio.Future = asyncio.get_running_loop().create_future()
        self.task: asyncio.Task | None = None
        self.added_at = 0.0


class Fanout:
    """The relays of one channel layer in one event loop."""

    def __init__(self, layer):
        self.layer = layer
        self.relays: dict[str, _Relay] = {}

    async def join(self, group: str, consumer) -> None:
        """From now on `consumer` receives the group's events (raises if the layer is down)."""
        relay = self.relays.get(group)
        if relay is None:
            relay = self.relays[group] = _Relay(group)
            try:
                relay.channel = await self.layer.new_channel()
                await self.layer.group_add(group, relay.channel)
            except BaseException as error:
                if self.relays.get(group) is relay:
                    del self.relays[group]
                relay.added.set_exception(error)
                relay.added.exception()  # the waiters, if any, get it; no "never retrieved"
                raise
            relay.added_at = time.monotonic()
            relay.task = asyncio.ensure_future(self._run(relay))
            relay.added.set_result(True)
        else:
            await asyncio.shield(relay.added)
        relay.members.add(consumer)

    async def leave(self, group: str, consumer) -> None:
        relay = self.relays.get(group)
        if relay is None:
            return
        relay.members.discard(consumer)
        if relay.members or not relay.added.done() or relay.added.exception():
            return
        del self.relays[group]
        if relay.task is not None:
            relay.task.cancel()
        await self.layer.group_discard(group, relay.channel)

    async def _run(self, relay: _Relay) -> None:
        while True:
            try:
                event = await self.layer.receive(relay.channel)
                if time.monotonic() - relay.added_at > REFRESH_SECONDS:
                    relay.added_at = time.monotonic()
                    await self.layer.group_add(relay.group, relay.channel)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - the layer is down: every member resumes later
                log.warning("realtime: relay of %s lost the channel layer", relay.group)
                if self.relays.get(relay.group) is relay:
                    del self.relays[relay.group]
                for consumer in list(relay.members):
                    deliver(consumer, RETRY)
                relay.members.clear()
                return
            for consumer in list(relay.members):
                deliver(consumer, event)


_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict]" = weakref.WeakKeyDictionary()


def for_layer(layer) -> Fanout:
    """This event loop's fan-out for `layer` (a new layer, e.g. in tests, gets a new one)."""
    hubs = _hubs.setdefault(asyncio.get_running_loop(), {})
    hub = hubs.get(id(layer))
    if hub is None or hub.layer is not layer:
        hub = hubs[id(layer)] = Fanout(layer)
    return hub
