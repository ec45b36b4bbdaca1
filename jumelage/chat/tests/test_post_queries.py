"""Posting a chat message costs at most 3 queries (issue 15), counted over a real WebSocket.

The connection's access was built once at connect; the frame takes the room's
next change number with its state check (UPDATE ... RETURNING) and inserts the
message, in one transaction: two statements, plus the BEGIN and COMMIT that
Django logs around them (counted apart below). Fan-out is one group_send.
"""

import pytest
from channels.db import database_sync_to_async
from django.db import connection, reset_queries

from jumelage.chat.models import Message, Room
from jumelage.realtime.db import pooled
from jumelage.realtime.testing import async_test, ensure_reference_data
from jumelage.testing import make_project, make_pupil

from .sockets import joined

pytestmark = pytest.mark.django_db(transaction=True)

MAX_QUERIES_PER_MESSAGE = 3  # statements; today 2: UPDATE ... RETURNING, INSERT
TRANSACTION = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")


@database_sync_to_async
def world():
    ensure_reference_data()
    project = make_project(pupils_need_approval=False)
    room = Room.objects.create(project=project, kind=Room.Kind.GENERAL)
    return project, room, make_pupil(project), make_pupil(project)


@pytest.fixture(autouse=True)
def one_database_thread(settings):
    """The consumer's database work runs on realtime.db's pool (PostgreSQL) or channels'
    one database thread (SQLite): with a pool of one, the queries are counted there."""
    if settings.REALTIME_DB_THREADS > 1:
        settings.REALTIME_DB_THREADS = 1


@pooled
def start_counting():
    connection.force_debug_cursor = True
    reset_queries()


@pooled
def stop_counting() -> list[str]:
    connection.force_debug_cursor = False
    return [q["sql"] for q in connection.queries]


@async_test
async def test_posting_a_message_over_the_websocket_costs_at_most_three_queries():
    project, room, writer, reader = await world()
    writing = await joined(writer, project, room)
    reading = await joined(reader, project, room)
    for n in range(3):  # the first and the following ones alike
        await start_counting()
        frame = {"type": "chat.send", "room": room.pk, "client_id": f"c{n}", "body": f"hi {n}"}
        await writing.send_json_to(frame)
        while (ack := await writing.receive_json_from(timeout=5))["type"] != "chat.ack":
            assert ack["type"] != "error", ack
        logged = await stop_counting()
        queries = [q for q in logged if not q.upper().startswith(TRANSACTION)]
        assert len(queries) <= MAX_QUERIES_PER_MESSAGE, logged
        assert any(q.upper().startswith("INSERT") for q in queries), logged  # counted here
        assert len(logged) - len(queries) <= 2, logged  # one transaction, no savepoint
        # The other member gets it live (group_send, no per-recipient database work).
        while (live := await reading.receive_json_from(timeout=5))["type"] != "chat.message":
            pass
        assert live["message"]["body"] == f"hi {n}"
    assert await database_sync_to_async(Message.objects.filter(room=room).count)() == 3
    await writing.disconnect()
    await reading.disconnect()


@async_test
async def test_a_resent_frame_stores_the_message_once_and_acks_it_again():
    project, room, writer, _reader = await world()
    writing = await joined(writer, project, room)
    frame = {"type": "chat.send", "room": room.pk, "client_id": "same", "body": "once"}
    acks = []
    for _ in range(2):
        await writing.send_json_to(frame)
        while (ack := await writing.receive_json_from(timeout=5))["type"] != "chat.ack":
            pass
        acks.append(ack["id"])
    assert acks[0] == acks[1]
    assert await database_sync_to_async(Message.objects.filter(room=room).count)() == 1
    await writing.disconnect()
