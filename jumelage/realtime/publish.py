"""Sending group events from synchronous code (services, views, Celery tasks).

A live event is a courtesy: the data is already committed, so a failure to
publish (Redis down, no layer) is logged and never turns a saved action into an
error page.
"""

import asyncio
import logging
import threading

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def _send(group: str, event: dict) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(group, event)


def send_now(group: str, event: dict) -> None:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass  # the usual case: no event loop in this thread
    else:
        # This thread runs an event loop (e.g. a test driving Playwright): publish
        # from a helper thread, as async_to_sync cannot run here.
        worker = threading.Thread(target=send_now, args=(group, event), daemon=True)
        worker.start()
        worker.join(timeout=5)
        return
    try:
        _send(group, event)
    except Exception:  # noqa: BLE001 - see the module docstring
        log.warning("realtime: could not publish %s to %s", event.get("type"), group, exc_info=True)


def send_on_commit(group: str, event: dict) -> None:
    """Publish once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: send_now(group, event))
