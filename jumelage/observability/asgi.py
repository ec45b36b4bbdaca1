"""Count WebSocket connections at the ASGI edge: opened, open now, and how they ended.

Wraps the whole WebSocket stack in jumelage/asgi.py, so every connection counts,
whichever consumer serves it, without a hook in realtime. A connection counts as
opened when the application accepts it; it ends when the application returns.
"""

from . import metrics

# Close codes grouped into a few reasons (bounded labels).
_REASONS = {
    1000: "normal",
    1001: "going_away",
    1006: "abnormal",
    1011: "server_error",
    1012: "reconnect",
    1013: "try_later",
    4401: "unauthenticated",
    4403: "forbidden",
}


def _kind(path: str) -> str:
    if path.startswith("/ws/projects/"):
        return "project"
    if path.startswith("/ws/me/"):
        return "user"
    return "other"


def _reason(code) -> str:
    return _REASONS.get(code, "other") if isinstance(code, int) else "normal"


class CountWebSockets:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "websocket":
            return await self.app(scope, receive, send)
        kind = _kind(scope.get("path", ""))
        state = {"accepted": False, "code": None}

        async def counting_send(message):
            kind_of = message.get("type")
            if kind_of == "websocket.accept" and not state["accepted"]:
                state["accepted"] = True
                metrics.WEBSOCKETS_OPENED.labels(kind).inc()
                metrics.WEBSOCKETS_OPEN.labels(kind).inc()
            elif kind_of == "websocket.close" and state["code"] is None:
                state["code"] = message.get("code", 1000)
            await send(message)

        async def counting_receive():
            message = await receive()
            if message.get("type") == "websocket.disconnect" and state["code"] is None:
                state["code"] = message.get("code", 1006)
            return message

        try:
            return await self.app(scope, counting_receive, counting_send)
        finally:
            if state["accepted"]:
                metrics.WEBSOCKETS_OPEN.labels(kind).dec()
                metrics.WEBSOCKETS_CLOSED.labels(kind, _reason(state["code"])).inc()
