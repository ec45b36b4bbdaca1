"""On PostgreSQL a post's database work runs on a pool of threads (realtime/db.py).

With channels' one database thread per process, every post of every room waited for
the one before: a room held up (here: its row locked by another transaction, as a
slow statement would) held up the whole server's chat.
"""

import threading

import pytest
from channels.db import database_sync_to_async
from django.db import transaction

from jumelage.chat.models import Room, RoomMember
from jumelage.realtime.testing import async_test, ensure_reference_data
from jumelage.testing import make_project, make_pupil

from .sockets import joined

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@database_sync_to_async
def world():
    ensure_reference_data()
    project = make_project(pupils_need_approval=False)
    rooms, writers = [], []
    for name in ("Held up", "Free"):
        room = Room.objects.create(project=project, kind=Room.Kind.BREAKOUT, name=name)
        pupil = make_pupil(project)
        RoomMember.objects.create(room=room, user=pupil)
        rooms.append(room)
        writers.append(pupil)
    return project, rooms, writers


async def ack_of(socket, timeout):
    while (frame := await socket.receive_json_from(timeout=timeout))["type"] != "chat.ack":
        assert frame["type"] != "error", frame
    return frame


def hold_row_lock(room_id, locked: threading.Event, release: threading.Event) -> None:
    with transaction.atomic():
        Room.objects.select_for_update().get(pk=room_id)
        locked.set()
        release.wait(20)


@async_test
async def test_a_post_held_up_in_one_room_does_not_hold_up_another_room(postgres):
    project, (held, free), (first, second) = await world()
    waiting, posting = await joined(first, project, held), await joined(second, project, free)
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_row_lock, args=(held.pk, locked, release))
    holder.start()
    try:
        assert locked.wait(10)
        frame = {"type": "chat.send", "room": held.pk, "client_id": "a", "body": "waits"}
        await waiting.send_json_to(frame)
        frame = {"type": "chat.send", "room": free.pk, "client_id": "b", "body": "goes"}
        await posting.send_json_to(frame)
        assert (await ack_of(posting, timeout=5))["client_id"] == "b"
        assert await waiting.receive_nothing(timeout=0.5)  # still waiting for the lock
    finally:
        release.set()
        holder.join(10)
    assert (await ack_of(waiting, timeout=10))["client_id"] == "a"
    await waiting.disconnect()
    await posting.disconnect()
