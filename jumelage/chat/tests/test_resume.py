"""Resuming a chat after a disconnect: nothing committed is skipped, every change is replayed.

The cursor is the room's change number (Message.seq), not the highest message
id: ids can commit out of order, and an approval, a deletion, a hide or an edit
changes an old message without a new id.
"""

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.urls import reverse

from jumelage.chat import services
from jumelage.chat.models import Message, Room
from jumelage.projects.access import access_for
from jumelage.realtime.testing import async_test, ensure_reference_data
from jumelage.testing import make_project, make_pupil

from .test_websocket import connect, drain, join, receive_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    ensure_reference_data()


@database_sync_to_async
def world():
    project = make_project(pupils_need_approval=False)
    teacher = project.memberships.filter(is_founder=True).first().user
    room = Room.objects.create(project=project, kind="general", pupils_need_approval=True)
    pupil_a, pupil_b = make_pupil(project), make_pupil(project)

    def post(user, body):
        return services.post_message(user, access_for(user, room.project), room, body, body)

    return {
        "project": project,
        "room": room,
        "teacher": teacher,
        "pupil_a": pupil_a,
        "pupil_b": pupil_b,
        "pending": post(pupil_a, "waiting for approval"),
        "to_delete": post(teacher, "to be deleted"),
        "to_hide": post(teacher, "to be hidden"),
        "to_edit": post(teacher, "before the edit"),
        "post": post,
    }


@database_sync_to_async
def while_offline(w):
    """What teachers do through the pages while pupil B's socket is closed."""
    teacher = Client()
    teacher.force_login(w["teacher"])
    p = w["project"].pk

    def decide(message, action):
        response = teacher.post(
            reverse("twinspace:moderate", args=[p]),
            {"content_type": "chat.message", "object_id": message.pk, "action": action},
        )
        assert response.status_code == 303

    assert teacher.post(reverse("chat:approve", args=[p, w["pending"].pk])).status_code == 302
    assert teacher.post(reverse("chat:delete", args=[p, w["to_delete"].pk])).status_code == 302
    decide(w["to_hide"], "hide")
    edited = Message.objects.get(pk=w["to_edit"].pk)
    edited.body = "after the edit"  # any save counts: there is no edit page yet
    edited.save(update_fields=["body"])
    hidden_then_restored = w["post"](w["teacher"], "hidden, then restored")
    decide(hidden_then_restored, "hide")
    decide(hidden_then_restored, "restore")
    return {
        "new_pending": w["post"](w["pupil_a"], "another pupil's pending message"),
        "restored": hidden_then_restored,
    }


@async_test
async def test_approve_delete_hide_edit_and_restore_while_offline_are_replayed_on_resume():
    w = await world()
    room = w["room"].pk
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    first = await join(b, room)
    assert [m["body"] for m in first["messages"]] == [
        "to be deleted",
        "to be hidden",
        "before the edit",
    ]
    await b.disconnect()

    later = await while_offline(w)

    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    resumed = await join(b, room, since=first["cursor"])
    assert resumed["mode"] == "missed" and not resumed["has_more"]
    shown = {m["id"]: m for m in resumed["messages"]}
    assert shown[w["pending"].pk]["visibility"] == "published"  # approved while away
    assert shown[w["to_edit"].pk]["body"] == "after the edit"
    assert shown[later["restored"].pk]["body"] == "hidden, then restored"
    assert len(shown) == 3
    removed = {r["id"] for r in resumed["removed"]}
    assert {w["to_delete"].pk, w["to_hide"].pk} <= removed
    # Someone else's pending message: its number only, never its text.
    assert later["new_pending"].pk in removed
    assert "another pupil" not in str(resumed)

    # Resuming again from the new cursor: nothing twice.
    again = await join(b, room, since=resumed["cursor"])
    assert again["messages"] == [] and again["removed"] == []
    await b.disconnect()

    # The teacher who resumes sees the new pending message, to approve it.
    t, *_ = await connect(w["teacher"], w["project"].pk)
    resumed = await join(t, room, since=first["cursor"])
    assert later["new_pending"].pk in {m["id"] for m in resumed["messages"]}
    await t.disconnect()


@async_test
async def test_every_change_reaches_a_joined_client_live_with_its_number():
    """A contiguous run of numbers is what lets the client trust its cursor."""
    w = await world()
    room = w["room"].pk
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    cursor = (await join(b, room))["cursor"]
    await while_offline(w)  # the same changes, now with B online
    last = await database_sync_to_async(lambda: Room.objects.get(pk=room).last_seq)()
    seqs = []
    while len(seqs) < last - cursor:
        frame = await b.receive_json_from(timeout=10)
        if frame["type"] == "chat.message":
            seqs.append(frame["message"]["seq"])
        elif frame["type"] == "chat.removed":
            seqs.append(frame["seq"])
    assert sorted(seqs) == list(range(cursor + 1, last + 1))
    assert [f for f in await drain(b) if f["type"] in ("chat.message", "chat.removed")] == []
    await b.disconnect()


@async_test
async def test_a_long_absence_is_replayed_in_pages_and_a_foreign_cursor_starts_afresh():
    w = await world()
    room = w["room"].pk
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    cursor = (await join(b, room))["cursor"]

    @database_sync_to_async
    def many():
        Message.objects.bulk_create(
            Message(room=w["room"], author=w["teacher"], body=f"n{i}", client_id=f"n{i}")
            for i in range(services.HISTORY_SIZE * 4 + 5)
        )

    await many()
    bodies = []
    while True:
        page = await join(b, room, since=cursor)
        bodies += [m["body"] for m in page["messages"]]
        cursor = page["cursor"]
        if not page["has_more"]:
            break
    assert bodies == [f"n{i}" for i in range(services.HISTORY_SIZE * 4 + 5)]
    for foreign in (cursor + 1000, 2**53 - 1, -1, "x"):
        page = await join(b, room, since=foreign)
        assert page["mode"] == "recent" and page["cursor"] == cursor
    # Beyond what the strict frame parser takes: an error frame, and the socket stays usable.
    for hostile in (2**64, "\x00"):
        await b.send_json_to({"type": "chat.join", "room": room, "since": hostile})
        assert (await receive_until(b, "error"))["code"] == "bad_frame"
    assert (await join(b, room, since=cursor))["cursor"] == cursor
    await b.disconnect()


@async_test
async def test_text_the_database_cannot_store_is_refused_with_an_error_frame():
    w = await world()
    room = w["room"].pk
    b, *_ = await connect(w["pupil_b"], w["project"].pk)
    await join(b, room)
    for body, client_id in (("a\x00b", "nul"), ("lone \ud800", "surrogate"), ("ok", "c\x00")):
        await b.send_json_to(
            {"type": "chat.send", "room": room, "client_id": client_id, "body": body}
        )
        assert (await receive_until(b, "error"))["code"] in ("bad_text", "bad_frame")
    await b.send_json_to({"type": "chat.send", "room": room, "client_id": "fine", "body": "ok"})
    assert (await receive_until(b, "chat.ack"))["client_id"] == "fine"
    await b.disconnect()


@pytest.mark.services
def test_a_cursor_never_passes_a_change_that_has_not_committed_yet(postgres):
    """Two senders in flight: B starts after A and would commit first; the reader must miss neither.

    Resuming after the highest id lost exactly this: A took id 1, B took id 2 and
    committed first, a client saw 2, and A was skipped for ever.
    """
    import threading

    from django.db import connection, connections

    project = make_project(pupils_need_approval=False)
    room = Room.objects.create(project=project, kind="general")
    a_user, b_user = make_pupil(project), make_pupil(project)
    a_saved, release_a = threading.Event(), threading.Event()
    errors = []

    def sender_a():
        try:
            from django.db import transaction

            with transaction.atomic():
                services.post_message(
                    a_user, access_for(a_user, room.project), room, "A, slow to commit", "a"
                )
                a_saved.set()
                release_a.wait(60)
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    def sender_b():
        try:
            services.post_message(b_user, access_for(b_user, room.project), room, "B, quick", "b")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    a = threading.Thread(target=sender_a)
    a.start()
    assert a_saved.wait(60)
    b = threading.Thread(target=sender_b)
    b.start()

    def b_done_or_waiting():
        if not b.is_alive():
            return True
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            return cursor.fetchone()[0] > 0

    while not b_done_or_waiting():
        b.join(0.05)
    seen, cursor, _more = services.changes(room, 0)  # a client reading now
    release_a.set()
    a.join(60)
    b.join(60)
    assert not errors
    later, _cursor, _more = services.changes(room, cursor)  # the same client, resuming
    assert sorted(m.body for m in [*seen, *later]) == ["A, slow to commit", "B, quick"]
