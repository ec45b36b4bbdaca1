import pytest
from channels.layers import get_channel_layer

pytestmark = pytest.mark.services


async def test_a_message_round_trips_through_the_redis_channel_layer(redis_url, settings):
    layer = get_channel_layer()
    assert type(layer).__name__ == "BatchedRedisChannelLayer"
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


async def test_every_channel_of_a_process_gets_its_own_messages_in_order(redis_url, settings):
    """One reader empties the process's set in batches (redis_layer.py): nothing is lost,
    nothing reaches another channel, each channel's messages keep their order."""
    import asyncio

    layer = get_channel_layer()
    channels = [await layer.new_channel() for _ in range(40)]
    for channel in channels[:20]:
        await layer.group_add("batched", channel)
    received = {channel: [] for channel in channels}

    async def read(channel, count):
        while len(received[channel]) < count:
            received[channel].append(await layer.receive(channel))

    readers = [read(channel, 30 if i < 20 else 10) for i, channel in enumerate(channels)]
    for n in range(10):
        await layer.group_send("batched", {"type": "test.group", "n": n})
        for channel in channels:
            await layer.send(channel, {"type": "test.direct", "n": n, "to": channel})
        await layer.group_send("batched", {"type": "test.group", "n": 100 + n})
    await asyncio.wait_for(asyncio.gather(*readers), timeout=20)
    for i, channel in enumerate(channels):
        direct = [m["n"] for m in received[channel] if m["type"] == "test.direct"]
        assert direct == list(range(10))
        assert all(m["to"] == channel for m in received[channel] if m["type"] == "test.direct")
        group = [m["n"] for m in received[channel] if m["type"] == "test.group"]
        assert group == ([n for k in range(10) for n in (k, 100 + k)] if i < 20 else [])
        # within one channel, the group and direct messages come as they were sent
        assert [m["n"] for m in received[channel]] == [
            n for k in range(10) for n in ((k, k, 100 + k) if i < 20 else (k,))
        ]
    for channel in channels[:20]:
        await layer.group_discard("batched", channel)


async def test_a_receiver_cancelled_at_any_moment_costs_the_others_nothing(redis_url, settings):
    """A connection closing while its receive waits (a cancellation) must not take
    another channel's message with it, wherever the cancellation lands."""
    import asyncio
    import random

    layer = get_channel_layer()
    steady = await layer.new_channel()
    rng = random.Random(11)
    got = []

    async def read_steadily():
        while len(got) < 200:
            got.append((await layer.receive(steady))["n"])

    reader = asyncio.ensure_future(read_steadily())
    for n in range(200):
        flaky = asyncio.ensure_future(layer.receive(await layer.new_channel()))
        await layer.send(steady, {"type": "test.direct", "n": n})
        await asyncio.sleep(rng.choice([0, 0, 0.0001, 0.001]))
        flaky.cancel()
    await asyncio.wait_for(reader, timeout=20)
    assert got == list(range(200))


async def test_a_full_channel_refuses_a_direct_message_and_a_group_skips_it(redis_url, settings):
    """Sends keep channels-redis' capacity rules: ChannelFull for a direct send, a
    group message dropped for that channel only."""
    import uuid

    from channels.exceptions import ChannelFull

    from jumelage.realtime.redis_layer import BatchedRedisChannelLayer

    layer = BatchedRedisChannelLayer(
        hosts=[redis_url], prefix=f"cap-{uuid.uuid4().hex}", capacity=3
    )
    full, other = await layer.new_channel(), await layer.new_channel("other")
    for n in range(3):
        await layer.send(full, {"type": "test.direct", "n": n})
    with pytest.raises(ChannelFull):
        await layer.send(full, {"type": "test.direct", "n": 3})
    await layer.group_add("capped", full)
    await layer.group_add("capped", other)
    await layer.group_send("capped", {"type": "test.group"})
    assert await layer.receive(other) == {"type": "test.group"}
    assert [(await layer.receive(full))["n"] for _ in range(3)] == [0, 1, 2]
    await layer.send(full, {"type": "test.direct", "n": 4})  # room again once read
    assert (await layer.receive(full))["n"] == 4
    await layer.flush()


async def test_four_hundred_sockets_joining_and_leaving_at_once_all_succeed(redis_url, settings):
    """More group_add and group_discard in flight than the pool has connections wait for
    one (redis_layer.create_pool): with redis-py's own pool, 300 of these 400 raised
    MaxConnectionsError, and those sockets were refused or stayed in their groups."""
    import asyncio

    layer = get_channel_layer()
    channels = [await layer.new_channel() for _ in range(400)]
    groups = [f"burst-{n % 40}" for n in range(400)]
    joined = await asyncio.gather(
        *(layer.group_add(g, c) for g, c in zip(groups, channels, strict=True)),
        return_exceptions=True,
    )
    assert [r for r in joined if isinstance(r, BaseException)] == []
    await layer.group_send("burst-7", {"type": "test.burst"})
    members = [c for g, c in zip(groups, channels, strict=True) if g == "burst-7"]
    assert [await layer.receive(c) for c in members] == [{"type": "test.burst"}] * 10
    left = await asyncio.gather(
        *(layer.group_discard(g, c) for g, c in zip(groups, channels, strict=True)),
        return_exceptions=True,
    )
    assert [r for r in left if isinstance(r, BaseException)] == []
    await layer.group_send("burst-7", {"type": "test.burst"})  # nobody left to get it
