"""Test helpers for asynchronous WebSocket scenarios.

Playwright's sync API keeps an event loop running in the main thread for the
whole session, so after a browser test neither asyncio.run nor pytest-asyncio
can run there. These helpers run a coroutine in a thread with its own loop.
"""

import asyncio
import functools
import threading

# Seconds a test gives a consumer to accept. Channels' default (1 s) was missed under
# the CI's load (the other pass's eight Chromiums beside it: load average over 20).
CONNECT_TIMEOUT = 10


def run_in_thread(coroutine_function, *args, timeout: float = 120, **kwargs):
    result: dict = {}

    def target():
        try:
            result["value"] = asyncio.run(coroutine_function(*args, **kwargs))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout=timeout)
    if thread.is_alive():
        raise TimeoutError(f"{coroutine_function.__name__} did not finish in {timeout}s")
    if "error" in result:
        raise result["error"]
    return result.get("value")


def fresh_channel_layers() -> None:
    """Forget the process's channel layer instances.

    A Redis layer keeps asyncio locks bound to the loop that first used it; once
    that loop is gone (a finished test), a server started on a new loop must not
    inherit them.
    """
    from channels.layers import channel_layers

    channel_layers.backends.clear()


def async_test(coroutine_function):
    """Turn `async def test_...` into a plain test run through run_in_thread."""

    @functools.wraps(coroutine_function)
    def wrapper(*args, **kwargs):
        fresh_channel_layers()
        try:
            return run_in_thread(coroutine_function, *args, **kwargs)
        finally:
            fresh_channel_layers()

    return wrapper


def ensure_reference_data() -> None:
    """Reload countries and the like if a transactional test flushed them."""
    from django.apps import apps

    from jumelage.reference.data import load
    from jumelage.reference.models import Country

    if not Country.objects.exists():
        load(apps, None)
