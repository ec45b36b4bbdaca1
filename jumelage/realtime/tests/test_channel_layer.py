import pytest
from channels.layers import get_channel_layer

pytestmark = pytest.mark.services


async def test_a_message_round_trips_through_the_redis_channel_layer(redis_url, settings):
    layer = get_channel_layer()
    assert type(layer).__name__ == "RedisChannelLayer"
    channel = await layer.new_channel()
    await layer.group_add("roundtrip", channel)
    await layer.group_send("roundtrip", {"type": "test.message", "text": "bonjour"})
    message = await layer.receive(channel)
    assert message == {"type": "test.message", "text": "bonjour"}
    await layer.group_discard("roundtrip", channel)


async def test_a_cancelled_receive_always_ends(redis_url, settings):
    """Cancelling a receive ends it, wherever the cancellation lands (redis_connection.py).

    With redis-py's own connection a cancellation landing as a command was sent was
    lost (within the first dozen here): the receive went on for ever, and the
    consumer, the test's loop or the server's shutdown waited on it.
    """
    import asyncio
    import random

    layer = get_channel_layer()
    rng = random.Random(7)
    for attempt in range(300):
        receive = asyncio.ensure_future(layer.receive(await layer.new_channel()))
        await asyncio.sleep(rng.choice([0, 0, 0.0001, 0.001, 0.003, 0.01]))
        receive.cancel()
        done, _ = await asyncio.wait([receive], timeout=10)
        assert done, f"cancelled receive {attempt} never ended"
