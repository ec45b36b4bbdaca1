import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection


def check_database(connection) -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        return f"error: {exc.__class__.__name__}"
    return "ok"


_redis = {}


def _redis_ping(address: str) -> bool:
    """PING on one connection kept per process (the health pool asks every second)."""
    import redis

    client = _redis.get(address)
    if client is None:
        client = redis.Redis.from_url(address, socket_timeout=2, socket_connect_timeout=2)
        _redis[address] = client
    return bool(client.ping())


def check_channel_layer() -> str:
    """The channel layer answers: for Redis, a PING on the layer's Redis on a kept
    connection (a message round trip cost a new event loop and a new Redis connection
    per probe: tens of ms under load); other layers, one message round trip."""
    try:
        layer = get_channel_layer()
        hosts = getattr(layer, "hosts", None)
        if hosts and isinstance(hosts[0], dict) and "address" in hosts[0]:
            return "ok" if _redis_ping(hosts[0]["address"]) else "error: no answer"

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


READINESS_PATHS = ("/healthz", "/readyz")


def readiness() -> tuple[bool, dict]:
    """What /healthz says: the database and the channel layer answer."""
    checks = {"database": check_database(connection), "channel_layer": check_channel_layer()}
    return all(v == "ok" for v in checks.values()), checks


def readiness_fast() -> tuple[bool, dict]:
    """Readiness for the WSGI health pool, before Django's middleware (jumelage.wsgi).

    The database connection is kept between probes whatever CONN_MAX_AGE says (a new
    PostgreSQL connection per probe was most of its time); a broken one is closed and
    tried again once, so a restarted PostgreSQL is seen at the next probe."""
    database = check_database(connection)
    if database != "ok":
        connection.close()
        database = check_database(connection)
    checks = {"database": database, "channel_layer": check_channel_layer()}
    return all(v == "ok" for v in checks.values()), checks
