"""Per-process fan-out (realtime/fanout.py): one subscription per room and process.

Each connection still gets every change of its room, as its own access lets it
see it; the process, not each socket, is the member of the layer's group; a
room left by its last connection is left by the process too.
"""

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer

from jumelage.chat import services
from jumelage.chat.models import Room
from jumelage.realtime import fanout
from jumelage.realtime.testing import async_test
from jumelage.testing import make_project, make_pupil

from .test_websocket import _reference_data, connect, drain, receive_until  # noqa: F401


@pytest.fixture(autouse=True)
def _relays_on(settings):
    settings.REALTIME_RELAYS = True  # the default; an operator may turn them off


pytestmark = pytest.mark.django_db(transaction=True)


@database_sync_to_async
def room_of(pupils: int, *, approval: bool):
    project = make_project(pupils_need_approval=approval)
    teacher = project.memberships.filter(is_founder=True).first().user
    people = [make_pupil(project) for _ in range(pupils)]
    return project, teacher, people, Room.objects.create(project=project, kind="general")


async def join(ws, room_id):
    await ws.send_json_to({"type": "chat.join", "room": room_id})
    return await receive_until(ws, "chat.history", timeout=20)


def group_members(room) -> set | None:
    """The layer's members of the room's group (in-memory layer; None on Redis)."""
    groups = getattr(get_channel_layer(), "groups", None)
    return None if groups is None else set(groups.get(services.room_group(room.pk), {}))


def relay_of(room) -> str:
    return fanout.for_layer(get_channel_layer()).relays[services.room_group(room.pk)].channel


async def joined(project, room, users) -> list:
    """One socket per user, each joined to the room."""
    sockets = []
    for user in users:
        ws, *_ = await connect(user, project.pk)
        await join(ws, room.pk)
        sockets.append(ws)
    return sockets


@async_test
async def test_six_sockets_in_a_room_are_one_member_of_its_group_and_each_gets_every_message():
    project, teacher, pupils, room = await room_of(5, approval=False)
    sockets = await joined(project, room, [teacher, *pupils])
    assert group_members(room) in (None, {relay_of(room)})  # the process's relay, not six
    assert (
        len(fanout.for_layer(get_channel_layer()).relays[services.room_group(room.pk)].members) == 6
    )

    for n in range(3):
        await sockets[1].send_json_to(
            {"type": "chat.send", "room": room.pk, "client_id": f"m{n}", "body": f"hello {n}"}
        )
        await receive_until(sockets[1], "chat.ack", timeout=20)
    for ws in sockets:
        if ws is not sockets[1]:
            frames = [await receive_until(ws, "chat.message", timeout=20) for _ in range(3)]
            assert [f["message"]["body"] for f in frames] == ["hello 0", "hello 1", "hello 2"]

    for ws in sockets:
        await ws.disconnect()
    # The last one out: the process leaves the group and drops the relay (its own task,
    # so a loaded box may take a moment).
    relays = fanout.for_layer(get_channel_layer()).relays
    for _ in range(100):
        if services.room_group(room.pk) not in relays:
            break
        await asyncio.sleep(0.1)
    assert services.room_group(room.pk) not in relays
    assert group_members(room) in (None, set())


@async_test
async def test_with_relays_off_each_socket_is_a_member_of_the_group_and_gets_every_message(
    settings,
):
    settings.REALTIME_RELAYS = False
    project, teacher, pupils, room = await room_of(3, approval=False)
    sockets = await joined(project, room, [teacher, *pupils])
    members = group_members(room)
    assert members is None or len(members) == 4  # each socket's own channel
    assert services.room_group(room.pk) not in fanout.for_layer(get_channel_layer()).relays
    await sockets[1].send_json_to(
        {"type": "chat.send", "room": room.pk, "client_id": "m0", "body": "hello"}
    )
    await receive_until(sockets[1], "chat.ack", timeout=20)
    for ws in sockets:
        if ws is not sockets[1]:
            frame = await receive_until(ws, "chat.message", timeout=20)
            assert frame["message"]["body"] == "hello"
    for ws in sockets:
        await ws.disconnect()


@async_test
async def test_a_pending_message_is_shown_to_the_teacher_and_only_numbered_for_other_pupils():
    """The frame is encoded once per process, but what each socket gets is its own access's."""
    project, teacher, pupils, room = await room_of(2, approval=True)
    author, other = pupils
    t, *_ = await connect(teacher, project.pk)
    a, *_ = await connect(author, project.pk)
    o, *_ = await connect(other, project.pk)
    for ws in (t, a, o):
        await join(ws, room.pk)
    await a.send_json_to({"type": "chat.send", "room": room.pk, "client_id": "p", "body": "mine"})
    ack = await receive_until(a, "chat.ack", timeout=20)
    assert (await receive_until(t, "chat.message", timeout=20))["message"]["body"] == "mine"
    removed = await receive_until(o, "chat.removed", timeout=20)
    assert removed["id"] == ack["id"] and "body" not in removed
    assert all(f["type"] != "chat.message" for f in await drain(o))
    for ws in (t, a, o):
        await ws.disconnect()


@async_test
async def test_a_socket_that_stops_reading_is_asked_to_reconnect_not_buffered_forever(monkeypatch):
    monkeypatch.setattr(fanout, "INBOX_LIMIT", 3)
    project, teacher, pupils, room = await room_of(1, approval=False)
    ws, *_ = await connect(pupils[0], project.pk)
    await join(ws, room.pk)
    consumers = next(iter(fanout.for_layer(get_channel_layer()).relays.values())).members
    (consumer,) = consumers
    for _n in range(5):  # more than the inbox holds, before the consumer reads any
        fanout.deliver(consumer, {"type": "chat.typing", "room": room.pk, "users": []})
    while True:
        output = await ws.receive_output(timeout=3)
        if output["type"] == "websocket.close":
            break
    assert output["code"] == fanout.CLOSE_TRY_LATER
    await ws.disconnect()
