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
