"""channels-redis, with this process's channels read in batches by one task.

Every connection and relay of a server process has a "specific" channel, and
channels-redis keeps all their messages in ONE sorted set per process. Its
`receive` takes them out one at a time: the receiver that holds the process's
lock runs four Redis round trips per message (a clean-up script, BZPOPMIN, a
backup ZADD, then the backup's ZPOPMIN, which the next message waits for), and
hands the lock over through two tasks and an `asyncio.wait`. At 200 events a
second per process, with the event loop busy writing copies to sockets, events
queued there for 100 to 300 ms (docs/live.md, "Where the target stands").

Here one reader task per process and event loop empties the set: ZPOPMIN of up
to BATCH messages at a time (one round trip however many are waiting), and a
blocking BZPOPMIN only when it is empty. Each message goes to its channel's
buffer, where `receive` waits on a plain queue. The backup queue of
channels-redis is not needed for that: it protects messages from a receiver
cancelled mid-read (a connection closing while it held the lock), and the
reader is never cancelled while its process serves; when the process ends, the
channels of its connections end with it.

If Redis fails under the reader, every receiver waiting on this process's
channels gets the error (as with channels-redis, where the receiver holding the
lock got it and the others met it on their next read), so relays and
connections end and their clients resume (outage.py). The next `receive`
starts a new reader.

Sending takes fewer round trips too (the other half of the same measurement):
channels-redis' `group_send` is four (expire old members, read them, expire old
messages, a script sent whole each time) and `send` four. Here a group_send is
a pipeline (expire and read the members) and one script run by its digest
(EVALSHA) that expires, checks the capacity and adds, per Redis server; a send
is that script alone. Same keys, same message format, same capacity rules:
servers with and without this class can share a Redis during an upgrade.

General channels (no "!"; this project has none) stay channels-redis' own.

Connections: redis-py's asyncio pool holds at most 100 and raises
`MaxConnectionsError` at the 101st command in flight. 400 sockets joining or leaving
one process at once (a class arriving, everyone reconnecting after a restart) made 300
of their group_add or group_discard fail. Here the pool waits for a free connection
(POOL_WAIT seconds) instead.
"""

import asyncio
import hashlib
import logging
import time

from channels.exceptions import ChannelFull
from channels_redis.core import RedisChannelLayer
from redis.asyncio import BlockingConnectionPool
from redis.exceptions import NoScriptError

log = logging.getLogger(__name__)

BATCH = 200  # messages taken in one round trip
POOL_SIZE = 100  # connections per Redis server and process (redis-py's own maximum)
POOL_WAIT = 20.0  # seconds a command waits for one before it fails


# Per channel key: drop expired messages, then add the message if under capacity.
# KEYS: channel keys; ARGV: a message per key, a capacity per key, now, expiry.
# Returns how many keys were over capacity (their message was not added).
SEND_SCRIPT = """
local count = #KEYS
local now = tonumber(ARGV[2 * count + 1])
local expiry = tonumber(ARGV[2 * count + 2])
local over_capacity = 0
for i = 1, count do
    redis.call('ZREMRANGEBYSCORE', KEYS[i], 0, math.floor(now) - expiry)
    if redis.call('ZCARD', KEYS[i]) < tonumber(ARGV[count + i]) then
        redis.call('ZADD', KEYS[i], now, ARGV[i])
        redis.call('EXPIRE', KEYS[i], expiry)
    else
        over_capacity = over_capacity + 1
    end
end
return over_capacity
"""
SEND_SCRIPT_SHA = hashlib.sha1(SEND_SCRIPT.encode()).hexdigest()  # noqa: S324 - Redis' digest


class _ReaderFailed:
    __slots__ = ("error",)

    def __init__(self, error: BaseException):
        self.error = error


class BatchedRedisChannelLayer(RedisChannelLayer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._readers: dict[str, asyncio.Task] = {}  # "specific.<process>!" -> its reader
        self._receivers = 0
        self._receive_loop = None  # the event loop whose receivers the readers serve

    def create_pool(self, index):
        """A pool whose commands wait for a free connection when all are busy (a host
        given by address; a Sentinel host keeps channels-redis' pool)."""
        host = dict(self.hosts[index])
        if "address" not in host:
            return super().create_pool(index)
        address = host.pop("address")
        host.setdefault("max_connections", POOL_SIZE)
        host.setdefault("timeout", POOL_WAIT)
        return BlockingConnectionPool.from_url(address, **host)

    async def _add(self, connection, keys: list, messages: list, capacities: list) -> int:
        """Run SEND_SCRIPT by digest (loading it once per Redis server); over-capacity count."""
        args = [*messages, *capacities, time.time(), int(self.expiry)]
        try:
            return await connection.evalsha(SEND_SCRIPT_SHA, len(keys), *keys, *args)
        except NoScriptError:
            return await connection.eval(SEND_SCRIPT, len(keys), *keys, *args)

    async def send(self, channel, message):
        assert isinstance(message, dict), "message is not a dict"
        assert self.require_valid_channel_name(channel), "Channel name not valid"
        assert "__asgi_channel__" not in message
        if "!" not in channel:
            return await super().send(channel, message)
        message = {**message, "__asgi_channel__": channel}
        process_channel = self.non_local_name(channel)  # where the reader of _read looks
        key = self.prefix + process_channel
        connection = self.connection(self.consistent_hash(process_channel))
        over = await self._add(
            connection, [key], [self.serialize(message)], [self.get_capacity(channel)]
        )
        if over:
            raise ChannelFull()

    async def group_send(self, group, message):
        assert self.require_valid_group_name(group), "Group name not valid"
        key = self._group_key(group)
        connection = self.connection(self.consistent_hash(group))
        async with connection.pipeline(transaction=False) as pipe:
            pipe.zremrangebyscore(key, min=0, max=int(time.time()) - self.group_expiry)
            pipe.zrange(key, 0, -1)
            _expired, members = await pipe.execute()
        if not members:
            return
        by_connection, messages, capacities = self._map_channel_keys_to_connection(
            [member.decode("utf8") for member in members], message
        )
        for index, keys in by_connection.items():
            over = await self._add(
                self.connection(index),
                keys,
                [messages[k] for k in keys],
                [capacities[k] for k in keys],
            )
            if over:
                log.info("%s of %s channels over capacity in group %s", over, len(keys), group)

    async def receive(self, channel):
        if "!" not in channel:
            return await super().receive(channel)
        assert self.require_valid_channel_name(channel)
        loop = asyncio.get_running_loop()
        if self._receivers and self._receive_loop is not loop:
            raise RuntimeError(
                "Two event loops are trying to receive() on one channel layer at once!"
            )
        self._receive_loop = loop
        self._start_reader(self.non_local_name(channel))
        self._receivers += 1
        try:
            buffer = self.receive_buffer[channel]
            message = await buffer.get()
        finally:
            self._receivers -= 1
            buffer = self.receive_buffer.get(channel)
            if buffer is not None and buffer.empty():
                del self.receive_buffer[channel]
        if type(message) is _ReaderFailed:
            raise message.error
        return message

    def _start_reader(self, process_channel: str) -> None:
        loop = asyncio.get_running_loop()
        reader = self._readers.get(process_channel)
        if reader is not None and not reader.done() and reader.get_loop() is loop:
            return
        self._readers[process_channel] = loop.create_task(self._read(process_channel))

    async def _read(self, process_channel: str) -> None:
        """Move this process's messages into their channels' buffers, until nobody waits."""
        key = self.prefix + process_channel
        index = self.consistent_hash(process_channel)
        try:
            while True:
                connection = self.connection(index)
                batch = await connection.zpopmin(key, BATCH)
                if not batch:
                    popped = await connection.bzpopmin(key, timeout=self.brpop_timeout)
                    if popped is None:
                        if self._receivers == 0:
                            return  # nobody reads: a later receive starts a new reader
                        continue
                    batch = [(popped[1], popped[2])]
                if self._receive_loop is not asyncio.get_running_loop():
                    # Receivers moved to another event loop (tests run one after the
                    # other) while this reader waited: give the batch back to theirs.
                    await connection.zadd(key, dict(batch))
                    return
                for member, _score in batch:
                    self._hand_over(member)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # noqa: BLE001 - handed to every waiting receiver
            if self._receive_loop is not asyncio.get_running_loop():
                return  # an old loop's reader (closing with its loop): not theirs to fail
            log.warning("realtime: the channel layer's reader stopped: %r", error)
            failed = _ReaderFailed(error)
            for buffer in self.receive_buffer.values():
                buffer.put_nowait(failed)

    def _hand_over(self, member: bytes) -> None:
        message = self.deserialize(member)
        channels = message.pop("__asgi_channel__", None)
        if channels is None:
            return  # not addressed to a channel of this process: nothing can read it
        if isinstance(channels, str):
            channels = [channels]
        for channel in channels:
            self.receive_buffer[channel].put_nowait(message)
