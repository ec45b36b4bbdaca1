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
