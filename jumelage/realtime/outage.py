"""A WebSocket that meets an unavailable Redis is closed with 1013, never an HTTP 500.

While Redis restarts (or is unreachable) the channel layer raises connection
errors: before this, the handshake failed with HTTP 500 and an open socket died
with 1011. Now the client gets close code 1013 ("try again later") and
reconnects with backoff (realtime/static/realtime/socket.js, chat.js, badge.js).
Consumers still run their cleanup (consumers.BaseConsumer.__call__).
"""

import logging

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)

CLOSE_TRY_LATER = 1013
OUTAGES = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class RetryLaterOnOutage:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            return await self.app(scope, receive, send)
        state = {"accepted": False, "closed": False}

        async def tracking_send(message):
            if message["type"] == "websocket.accept":
                state["accepted"] = True
            elif message["type"] in ("websocket.close", "websocket.http.response.start"):
                state["closed"] = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except OUTAGES:
            log.warning("realtime: channel layer unavailable, asking the client to retry")
            if state["closed"]:
                return
            try:
                if not state["accepted"]:
                    await send({"type": "websocket.accept"})
                await send({"type": "websocket.close", "code": CLOSE_TRY_LATER})
            except Exception:  # noqa: BLE001 - the client is gone already
                log.debug("realtime: could not send the retry close", exc_info=True)
