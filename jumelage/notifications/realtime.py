"""The live badge over /ws/me/: unread count on connect and after each change."""

from channels.db import database_sync_to_async

from jumelage.realtime import registry

from . import services


async def on_user_connect(consumer) -> None:
    count = await database_sync_to_async(services.unread_count)(consumer.user)
    await consumer.send_json({"type": "notifications.unread", "count": count})


async def frames(consumer, action, content) -> None:
    await consumer.send_error("unknown_type", "Notifications take no frames.")


async def events(consumer, event) -> None:
    """Group events for this user: forwarded as they are (type, count)."""
    await consumer.send_json({k: v for k, v in event.items() if k in ("type", "count")})


def register() -> None:
    registry.register("notifications", frames, events)
    registry.on_user_connect(on_user_connect)
