"""Unread twinmail count over /ws/me/."""

from channels.db import database_sync_to_async

from jumelage.realtime import registry

from . import services


async def on_user_connect(consumer) -> None:
    count = await database_sync_to_async(services.unread_total)(consumer.user)
    await consumer.send_json({"type": "messaging.unread", "count": count})


async def frames(consumer, action, content) -> None:
    await consumer.send_error("unknown_type", "Twinmail takes no frames.")


async def events(consumer, event) -> None:
    await consumer.send_json({"type": event["type"], "count": event["count"]})


def register() -> None:
    registry.register("messaging", frames, events)
    registry.on_user_connect(on_user_connect)
