"""The channel layer's Redis connection: one whose commands can be cancelled.

redis-py sends each command under `asyncio.wait_for(send, socket_timeout)`. On
Python 3.11, `wait_for` swallows a cancellation that arrives in the step where
the send completes (python/cpython#86296, rewritten in 3.12): the command goes
on to read its reply as if nothing happened. For a channel-layer receive that
reply is a BZPOPMIN, then another, for ever: the cancelled receive never ends,
so neither does the connection's consumer, a test's event loop, nor a server's
shutdown. Receives cancelled at random moments hung within the first dozen.

This connection hands the swallowed cancellation back: if a cancellation was
requested while the command was being sent, it raises CancelledError once the
send returns, and drops the connection, whose reply nobody will read (as
redis-py does itself when the cancellation gets through).
"""

import asyncio

from redis.asyncio.connection import Connection


class CancellableConnection(Connection):
    async def send_packed_command(self, command, check_health: bool = True) -> None:
        task = asyncio.current_task()
        cancelling = task.cancelling() if task is not None else 0
        await super().send_packed_command(command, check_health)
        if task is not None and task.cancelling() > cancelling:
            await self.disconnect(nowait=True)
            raise asyncio.CancelledError
