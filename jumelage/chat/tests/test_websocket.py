"""The chat over the project WebSocket (Channels consumer, in-memory or Redis layer)."""

import json

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from jumelage.chat.models import Message, Mute, Room
from jumelage.realtime.routing import websocket_urlpatterns
from jumelage.realtime.testing import CONNECT_TIMEOUT, async_test, ensure_reference_data
from jumelage.testing import add_member, make_project, make_pupil

pytestmark = pytest.mark.django_db(transaction=True)

app = URLRouter(websocket_urlpatterns)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    ensure_reference_data()


async def connect(user, project_id, expect_ok=True):
    """(communicator, accepted and kept open, close code if refused)."""
    communicator = WebsocketCommunicator(app, f"/ws/projects/{project_id}/")
    communicator.scope["user"] = user
    connected, _ = await communicator.connect(timeout=CONNECT_TIMEOUT)
    assert connected
    if expect_ok:
        return communicator, True, None
    # Refusals accept then close at once, so that the client reads the code.
    closing = await communicator.receive_output(timeout=3)
    assert closing["type"] == "websocket.close"
    # End the refused consumer inside the test, as a browser would by going away,
    # rather than leaving it to be cancelled mid-receive when the event loop closes.
    await communicator.disconnect()
    return communicator, False, closing["code"]


async def receive_until(communicator, kind, timeout=3):
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame


async def drain(communicator, timeout=0.3):
    frames = []
    while not await communicator.receive_nothing(timeout=timeout):
        frames.append(await communicator.receive_json_from())
    return frames


async def join(communicator, room_id, **extra):
    await communicator.send_json_to({"type": "chat.join", "room": room_id, **extra})
    return await receive_until(communicator, "chat.history")


@database_sync_to_async
def world():
    project = make_project(pupils_need_approval=False)
    teacher = project.memberships.filter(is_founder=True).first().user
    pupil_a = make_pupil(project)
    pupil_b = make_pupil(project)
    other = make_project()
    other_pupil = make_pupil(other)
    general = Room.objects.create(project=project, kind="general")
    teachers = Room.objects.create(project=project, kind="teachers")
    return {
        "project": project,
        "teacher": teacher,
        "pupil_a": pupil_a,
        "pupil_b": pupil_b,
        "other": other,
        "other_pupil": other_pupil,
        "general": general,
        "teachers": teachers,
    }


@async_test
async def test_two_members_see_each_others_messages_and_the_sender_gets_an_ack():
    w = await world()
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    await join(a, w["general"].pk)
    await join(b, w["general"].pk)
    await a.send_json_to(
        {"type": "chat.send", "room": w["general"].pk, "client_id": "c1", "body": "Hallo <b>!"}
    )
    ack = await receive_until(a, "chat.ack")
    received = await receive_until(b, "chat.message")
    assert received["message"]["body"] == "Hallo <b>!"
    assert received["message"]["id"] == ack["id"]
    await a.disconnect()
    await b.disconnect()


@async_test
async def test_a_resent_frame_is_stored_once_and_broadcast_once():
    w = await world()
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    await join(a, w["general"].pk)
    await join(b, w["general"].pk)
    frame = {"type": "chat.send", "room": w["general"].pk, "client_id": "same", "body": "once"}
    await a.send_json_to(frame)
    first = await receive_until(a, "chat.ack")
    await a.send_json_to(frame)
    second = await receive_until(a, "chat.ack")
    assert first["id"] == second["id"]
    await receive_until(b, "chat.message")
    assert all(f["type"] != "chat.message" for f in await drain(b))
    assert await database_sync_to_async(Message.objects.filter(client_id="same").count)() == 1
    await a.disconnect()
    await b.disconnect()


@async_test
async def test_missed_messages_come_back_exactly_once_after_a_reconnect():
    w = await world()
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    await join(a, w["general"].pk)
    await join(b, w["general"].pk)
    await a.send_json_to(
        {"type": "chat.send", "room": w["general"].pk, "client_id": "1", "body": "one"}
    )
    seen = (await receive_until(b, "chat.message"))["message"]["seq"]
    await b.disconnect()
    for n in ("two", "three"):
        await a.send_json_to(
            {"type": "chat.send", "room": w["general"].pk, "client_id": n, "body": n}
        )
        await receive_until(a, "chat.ack")
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    history = await join(b, w["general"].pk, since=seen)
    assert history["mode"] == "missed"
    assert [m["body"] for m in history["messages"]] == ["two", "three"]
    assert history["cursor"] == history["messages"][-1]["seq"]
    await a.disconnect()
    await b.disconnect()


@async_test
async def test_a_pupil_of_another_project_is_closed_with_4403():
    w = await world()
    communicator, connected, code = await connect(w["other_pupil"], w["project"].pk, False)
    assert not connected
    assert code == 4403


@async_test
async def test_an_anonymous_visitor_is_closed_with_4401():
    from django.contrib.auth.models import AnonymousUser

    w = await world()
    communicator, connected, code = await connect(AnonymousUser(), w["project"].pk, False)
    assert (connected, code) == (False, 4401)


@async_test
async def test_a_room_of_another_project_cannot_be_joined_through_this_socket():
    w = await world()
    other_room = await database_sync_to_async(Room.objects.create)(
        project=w["other"], kind="general"
    )
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    await a.send_json_to({"type": "chat.join", "room": other_room.pk})
    error = await receive_until(a, "error")
    assert error["code"] == "forbidden"
    await a.send_json_to(
        {"type": "chat.send", "room": other_room.pk, "client_id": "x", "body": "hi"}
    )
    assert (await receive_until(a, "error"))["code"] == "not_joined"
    await a.disconnect()


@async_test
async def test_pupils_cannot_join_the_teachers_room():
    w = await world()
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    await a.send_json_to({"type": "chat.join", "room": w["teachers"].pk})
    assert (await receive_until(a, "error"))["code"] == "forbidden"
    t, *_ = await connect(w["teacher"], w["project"].pk)
    history = await join(t, w["teachers"].pk)
    assert history["messages"] == []
    await a.disconnect()
    await t.disconnect()


@async_test
async def test_malformed_frames_get_an_error_and_the_connection_stays_open():
    w = await world()
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    for raw in [
        "not json",
        "[1, 2]",
        json.dumps({"type": "chat.join"}),
        json.dumps({"type": "chat.join", "room": "abc"}),
        json.dumps({"type": "nothing.here"}),
        "x" * 20000,
    ]:
        await a.send_to(text_data=raw)
        frame = await a.receive_json_from()
        assert frame["type"] == "error", raw
    await join(a, w["general"].pk)
    for body in ["", "   ", "x" * 2001, 42]:
        await a.send_json_to(
            {"type": "chat.send", "room": w["general"].pk, "client_id": "b", "body": body}
        )
        assert (await receive_until(a, "error"))["code"] in ("empty", "too_long")
    await a.send_json_to({"type": "chat.send", "room": w["general"].pk, "body": "no id"})
    assert (await receive_until(a, "error"))["code"] == "bad_frame"
    # Still open and working.
    await a.send_json_to(
        {"type": "chat.send", "room": w["general"].pk, "client_id": "ok", "body": "ok"}
    )
    await receive_until(a, "chat.ack")
    await a.disconnect()


@async_test
async def test_a_flood_of_frames_is_rate_limited_without_closing():
    w = await world()
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    for _ in range(25):
        await a.send_json_to({"type": "chat.typing", "room": w["general"].pk})
    codes = []
    for _ in range(25):
        codes.append((await a.receive_json_from())["code"])
    assert "rate_limited" in codes
    await a.disconnect()


@async_test
async def test_pending_messages_reach_teachers_and_author_only_until_approved():
    w = await world()
    await database_sync_to_async(Room.objects.filter(pk=w["general"].pk).update)(
        pupils_need_approval=True
    )
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    t, *_ = await connect(w["teacher"], w["project"].pk)
    for c in (a, b, t):
        await join(c, w["general"].pk)
    await a.send_json_to(
        {"type": "chat.send", "room": w["general"].pk, "client_id": "p", "body": "wait"}
    )
    ack = await receive_until(a, "chat.ack")
    assert ack["visibility"] == "pending"
    assert (await receive_until(t, "chat.message"))["message"]["visibility"] == "pending"
    assert (await receive_until(a, "chat.message"))["message"]["visibility"] == "pending"
    assert all(f["type"] != "chat.message" for f in await drain(b))


@async_test
async def test_presence_and_typing_reach_the_others():
    w = await world()
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    await join(a, w["general"].pk)
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    await join(b, w["general"].pk)
    joined = await receive_until(a, "chat.presence")
    while joined["me"]:
        joined = await receive_until(a, "chat.presence")
    assert joined["present"] and joined["user_id"] == w["pupil_b"].pk
    # The newcomer hears of itself, then of those already here.
    heard = {(await receive_until(b, "chat.presence"))["user_id"] for _ in range(2)}
    assert heard == {w["pupil_a"].pk, w["pupil_b"].pk}
    await b.send_json_to({"type": "chat.typing", "room": w["general"].pk})
    typing = await receive_until(a, "chat.typing")
    assert typing["users"] == [{"user_id": w["pupil_b"].pk, "name": str(w["pupil_b"])}]
    await b.disconnect()
    left = await receive_until(a, "chat.presence")
    assert not left["present"]
    await a.disconnect()


@async_test
async def test_a_muted_member_and_a_closed_room_cannot_post():
    w = await world()
    await database_sync_to_async(Mute.objects.create)(room=w["general"], user=w["pupil_a"])
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    await join(a, w["general"].pk)
    await a.send_json_to(
        {"type": "chat.send", "room": w["general"].pk, "client_id": "m", "body": "hi"}
    )
    assert (await receive_until(a, "error"))["code"] == "forbidden"
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    await join(b, w["general"].pk)
    from django.utils import timezone

    await database_sync_to_async(Room.objects.filter(pk=w["general"].pk).update)(
        closed_at=timezone.now()
    )
    await b.send_json_to(
        {"type": "chat.send", "room": w["general"].pk, "client_id": "m", "body": "hi"}
    )
    assert (await receive_until(b, "error"))["code"] == "forbidden"
    assert await database_sync_to_async(Message.objects.count)() == 0
    await a.disconnect()
    await b.disconnect()


@async_test
async def test_older_messages_page_back_over_the_socket():
    w = await world()

    @database_sync_to_async
    def fill():
        Message.objects.bulk_create(
            Message(room=w["general"], author=w["teacher"], body=f"m{i}", client_id=f"c{i}")
            for i in range(60)
        )

    await fill()
    a, *_ = await connect(w["pupil_a"], w["project"].pk)
    recent = await join(a, w["general"].pk)
    assert len(recent["messages"]) == 50 and recent["has_more"]
    assert recent["messages"][-1]["body"] == "m59"
    await a.send_json_to(
        {"type": "chat.older", "room": w["general"].pk, "before": recent["messages"][0]["id"]}
    )
    older = await receive_until(a, "chat.history")
    assert [m["body"] for m in older["messages"]] == [f"m{i}" for i in range(10)]
    assert not older["has_more"]
    await a.disconnect()


@async_test
async def test_guest_reads_but_cannot_write():
    w = await world()

    @database_sync_to_async
    def guest():
        return add_member(w["project"], role="guest")

    g = await guest()
    c, *_ = await connect(g, w["project"].pk)
    await join(c, w["general"].pk)
    await c.send_json_to(
        {"type": "chat.send", "room": w["general"].pk, "client_id": "g", "body": "hi"}
    )
    assert (await receive_until(c, "error"))["code"] == "forbidden"
    await c.disconnect()


@async_test
async def test_everybody_typing_costs_one_frame_per_member_not_one_per_pair():
    """A room where all type: each member hears the others in one coalesced frame."""
    w = await world()
    pupils = [w["pupil_a"], w["pupil_b"]] + [
        await database_sync_to_async(make_pupil)(w["project"]) for _ in range(4)
    ]
    sockets = []
    for pupil in pupils:
        socket, *_ = await connect(pupil, w["project"].pk)
        await join(socket, w["general"].pk)
        sockets.append(socket)
    for socket in sockets:
        await drain(socket)  # presence
    for _ in range(2):  # the second round is within the throttle: dropped
        for socket in sockets:
            await socket.send_json_to({"type": "chat.typing", "room": w["general"].pk})
    for pupil, socket in zip(pupils, sockets, strict=True):
        first = await receive_until(socket, "chat.typing")
        frames = [first] + [f for f in await drain(socket) if f["type"] == "chat.typing"]
        heard = {u["user_id"] for f in frames for u in f["users"]}
        assert heard == {p.pk for p in pupils} - {pupil.pk}
        # n - 1 frames each without coalescing (n² in the room); here one, two if the
        # typing straddled a window.
        assert 1 <= len(frames) <= 2, frames
    for socket in sockets:
        await socket.disconnect()
