"""Events published after commit: in commit order within a group (publish.py)."""

import asyncio

import pytest
from channels.layers import get_channel_layer

from jumelage.realtime import publish

pytestmark = pytest.mark.services


async def test_each_group_gets_its_events_in_commit_order_while_groups_go_side_by_side(
    redis_url, settings
):
    layer = get_channel_layer()
    rooms = [f"publish-order-{n}" for n in range(40)]
    channels = {}
    for room in rooms:
        channels[room] = await layer.new_channel()
        await layer.group_add(room, channels[room])
    for n in range(25):  # as the database threads hand them over: interleaved
        for room in rooms:
            publish._enqueue(room, {"type": "test.event", "n": n})

    async def read(room):
        return [(await layer.receive(channels[room]))["n"] for _ in range(25)]

    received = await asyncio.wait_for(asyncio.gather(*(read(room) for room in rooms)), 30)
    assert received == [list(range(25))] * len(rooms)
    for room in rooms:
        await layer.group_discard(room, channels[room])
