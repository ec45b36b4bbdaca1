import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer


def check_database(connection) -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return f"error: {exc.__class__.__name__}"
    return "ok"


def check_channel_layer() -> str:
    """Round-trip one message through the channel layer (Redis in production)."""
    try:
        layer = get_channel_layer()

        async def roundtrip():
            channel = await layer.new_channel("healthz.")
            token = uuid.uuid4().hex
            await layer.send(channel, {"type": "health.ping", "token": token})
            message = await layer.receive(channel)
            return message.get("token") == token

        return "ok" if async_to_sync(roundtrip)() else "error: lost message"
    except Exception as exc:  # noqa: BLE001
        return f"error: {exc.__class__.__name__}"


LIVEZ_PATH = "/livez"
_LIVE_BODY = b'{"status": "ok"}'


def with_liveness(app):
    """Answer GET /livez on the event loop, before Django (wraps the ASGI application).

    Liveness says only "this process's event loop runs": no database, no channel
    layer, no sync thread, so it answers at once however busy the page views are
    and a monitor never restarts a process that is merely loaded. Readiness
    (/readyz, /healthz) goes through Django and checks the database and Redis.
    """

    async def application(scope, receive, send):
        if scope["type"] != "http" or scope.get("path") != LIVEZ_PATH:
            return await app(scope, receive, send)
        method = scope.get("method", "GET")
        ok = method in ("GET", "HEAD")
        headers = [
            (b"content-type", b"application/json" if ok else b"text/plain"),
            (b"cache-control", b"no-store"),
        ]
        body = _LIVE_BODY if ok else b"Method Not Allowed"
        if not ok:
            headers.append((b"allow", b"GET, HEAD"))
        headers.append((b"content-length", str(len(body)).encode()))
        await send(
            {"type": "http.response.start", "status": 200 if ok else 405, "headers": headers}
        )
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})

    return application
