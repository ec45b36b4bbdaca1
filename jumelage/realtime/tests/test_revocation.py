"""Open WebSockets do not outlive the right to use them (issue 12, M2).

Two ways a right ends, both walked over every frame type:
- through the platform (removal from the project, logout, password change or
  reset, account deletion): the revocation event closes the sockets at once,
  and nothing (frame answers or broadcasts) reaches them afterwards;
- behind its back (a session row flushed, a membership row deleted without
  signals, i.e. an event that never arrived): once the periodic re-check is due
  (policies.recheck_seconds(), 30 s), the next frame, whatever its type, closes
  the socket instead of being answered, and so does the next heartbeat.
"""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from jumelage.accounts.models import User
from jumelage.accounts.signals import credentials_changed
from jumelage.chat.models import Room
from jumelage.meetings.models import MeetingRoom, Participant
from jumelage.projects import services as project_services
from jumelage.projects.access import access_for
from jumelage.projects.models import Membership
from jumelage.realtime.consumers import CLOSE_FORBIDDEN, CLOSE_RECONNECT, CLOSE_UNAUTHENTICATED
from jumelage.realtime.testing import CONNECT_TIMEOUT, async_test, ensure_reference_data
from jumelage.testing import PASSWORD, add_member, make_project

from .test_frames import frame_types

pytestmark = pytest.mark.django_db(transaction=True)


@sync_to_async
def world():
    ensure_reference_data()
    project = make_project()
    admin = project.memberships.filter(is_founder=True).first().user
    victim = add_member(project)
    chat_room = Room.objects.create(project=project, kind="general")
    meeting_room = MeetingRoom.objects.create(project=project, title="Call", created_by=admin)
    return {
        "project": project,
        "admin": admin,
        "victim": victim,
        "chat": chat_room.pk,
        "meeting": meeting_room.pk,
    }


@sync_to_async
def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


async def open_socket(client: Client, path: str) -> WebsocketCommunicator:
    from jumelage.asgi import application

    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    communicator = WebsocketCommunicator(
        application,
        path,
        headers=[
            (b"origin", b"http://127.0.0.1"),
            (b"host", b"127.0.0.1"),
            (b"cookie", cookie.encode()),
        ],
    )
    connected, _ = await communicator.connect(timeout=CONNECT_TIMEOUT)
    assert connected
    return communicator


async def until(communicator, kind: str) -> dict:
    while True:
        frame = await communicator.receive_json_from(timeout=3)
        if frame["type"] in (kind, "error"):
            return frame


async def closed_with(communicator) -> tuple[int, list[dict]]:
    """Read until the server closes: (close code, data frames received before it)."""
    received = []
    while True:
        output = await communicator.receive_output(timeout=3)
        if output["type"] == "websocket.close":
            return output.get("code"), received
        received.append(output)


async def drained(communicator) -> WebsocketCommunicator:
    """Drop what the server sends on its own at connect (unread counts)."""
    while not await communicator.receive_nothing(timeout=0.1):
        await communicator.receive_output()
    return communicator


async def in_chat_and_meeting(communicator, w) -> None:
    await communicator.send_json_to({"type": "chat.join", "room": w["chat"]})
    assert (await until(communicator, "chat.history"))["type"] == "chat.history"
    await communicator.send_json_to({"type": "meeting.join", "room": w["meeting"]})
    assert (await until(communicator, "meeting.joined"))["type"] == "meeting.joined"


def _logout(w, client, other):
    client.post(reverse("accounts:logout"))


def _password_change(w, client, other):
    response = other.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-New-pass-2026!",
            "new_password2": "a-New-pass-2026!",
        },
    )
    assert response.status_code == 302


def _password_reset(w, client, other):
    user = w["victim"]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    anonymous = Client()
    response = anonymous.get(reverse("accounts:password_reset_confirm", args=[uid, token]))
    response = anonymous.post(
        response["Location"],
        {"new_password1": "a-New-pass-2026!", "new_password2": "a-New-pass-2026!"},
    )
    assert response.status_code == 302


def _delete_account(w, client, other):
    response = other.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.get(pk=w["victim"].pk).is_active


def _credentials_changed(w, client, other):
    """Whatever else changes credentials (second factor reset...) sends this signal."""
    credentials_changed.send(sender=None, user=w["victim"])


def _role_changed(w, client, other):
    """Rights cached by a connection (moderator or not) are taken again on reconnecting."""
    member = Membership.objects.get(project=w["project"], user=w["victim"])
    member.role = Membership.Role.GUEST
    member.save(update_fields=["role"])


def _removed(w, client, other):
    member = Membership.objects.get(project=w["project"], user=w["victim"])
    project_services.remove_member(access_for(w["admin"], w["project"]), member)


# (revocation, close code, does the personal socket /ws/me/ close too?)
REVOCATIONS = {
    "removed from the project": (_removed, CLOSE_FORBIDDEN, False),
    "logged out": (_logout, CLOSE_UNAUTHENTICATED, True),
    "password changed elsewhere": (_password_change, CLOSE_UNAUTHENTICATED, True),
    "password reset": (_password_reset, CLOSE_UNAUTHENTICATED, True),
    "account deleted elsewhere": (_delete_account, CLOSE_UNAUTHENTICATED, True),
    "credentials changed": (_credentials_changed, CLOSE_UNAUTHENTICATED, True),
    "role changed": (_role_changed, CLOSE_RECONNECT, False),
}


@pytest.mark.parametrize("revocation", list(REVOCATIONS))
@async_test
async def test_a_revoked_socket_is_closed_at_once_and_gets_nothing_more(revocation):
    act, code, personal_closes = REVOCATIONS[revocation]
    w = await world()
    client = await signed_in(w["victim"])  # the session the sockets were opened with
    other = await signed_in(w["victim"])  # another device of the same person
    project_socket = await open_socket(client, f"/ws/projects/{w['project'].pk}/")
    me_socket = await drained(await open_socket(client, "/ws/me/"))
    admin_socket = await open_socket(
        await signed_in(w["admin"]), f"/ws/projects/{w['project'].pk}/"
    )
    await in_chat_and_meeting(project_socket, w)
    await admin_socket.send_json_to({"type": "chat.join", "room": w["chat"]})
    await until(admin_socket, "chat.history")

    await sync_to_async(act)(w, client, other)

    closing, before = await closed_with(project_socket)
    assert closing == code
    assert all('"chat.message"' not in o.get("text", "") for o in before)
    # The seat is free and the others were told.
    assert not await sync_to_async(Participant.objects.filter(user=w["victim"]).exists)()
    # A broadcast after the revocation reaches the others, not the revoked socket.
    await admin_socket.send_json_to(
        {"type": "chat.send", "room": w["chat"], "client_id": "after", "body": "after"}
    )
    assert (await until(admin_socket, "chat.ack"))["type"] == "chat.ack"
    assert await project_socket.receive_nothing(timeout=0.3)
    if personal_closes:
        assert (await closed_with(me_socket))[0] == CLOSE_UNAUTHENTICATED
    else:
        assert await me_socket.receive_nothing(timeout=0.3)  # still signed in: /ws/me/ stays
        await me_socket.disconnect()
    await admin_socket.disconnect()


def _flush_session(w, client):
    Session.objects.filter(session_key=client.session.session_key).delete()


def _drop_membership_silently(w, client):
    with connection.cursor() as cursor:  # no signal, no event: as if it had been lost
        cursor.execute(
            f"DELETE FROM {Membership._meta.db_table} WHERE project_id = %s AND user_id = %s",  # noqa: S608 - table name from the model
            [w["project"].pk, w["victim"].pk],
        )


def sample_frame(kind: str, w) -> dict:
    room = w["meeting"] if kind.startswith("meeting.") else w["chat"]
    return {
        "type": kind,
        "room": room,
        "client_id": "x",
        "body": "hi",
        "before": 10**6,
        "to": 1,
        "peer": 1,
        "data": {"type": "offer", "sdp": "v=0"},
    }


@pytest.mark.parametrize(
    "lost",
    [
        ("session flushed", _flush_session, CLOSE_UNAUTHENTICATED),
        ("membership gone", _drop_membership_silently, CLOSE_FORBIDDEN),
    ],
    ids=["session-flushed", "membership-gone"],
)
@async_test
async def test_every_frame_type_on_a_revoked_socket_closes_it_unanswered(lost, settings):
    """With the periodic re-check due (here: at every frame), a lost event is caught."""
    settings.REALTIME_RECHECK_SECONDS = 0
    _name, revoke, code = lost
    w = await world()
    kinds = frame_types()
    assert {"chat.older", "chat.send", "meeting.join", "meeting.signal"} <= set(kinds)
    for kind in kinds:
        client = await signed_in(w["victim"])
        socket = await open_socket(client, f"/ws/projects/{w['project'].pk}/")
        await socket.send_json_to({"type": "chat.join", "room": w["chat"]})
        await until(socket, "chat.history")
        await drained(socket)  # our own presence
        await sync_to_async(revoke)(w, client)
        await socket.send_json_to(sample_frame(kind, w))
        closing, answered = await closed_with(socket)
        assert (closing, answered) == (code, []), kind
        if revoke is _drop_membership_silently:
            await sync_to_async(Membership.objects.create)(
                project=w["project"], user=w["victim"], role=Membership.Role.TEACHER
            )
    # The personal socket: a flushed session closes it on its next frame too.
    client = await signed_in(w["victim"])
    socket = await drained(await open_socket(client, "/ws/me/"))
    await sync_to_async(_flush_session)(w, client)
    await socket.send_json_to({"type": "notifications.read"})
    assert (await closed_with(socket))[0] == CLOSE_UNAUTHENTICATED


@async_test
async def test_a_socket_whose_session_was_flushed_closes_by_itself_without_any_frame(settings):
    """No frame, no event (a session expired or cleared): the periodic check closes it."""
    settings.REALTIME_HEARTBEAT = 0.05
    settings.REALTIME_RECHECK_SECONDS = 0.1
    w = await world()
    client = await signed_in(w["victim"])
    project_socket = await drained(await open_socket(client, f"/ws/projects/{w['project'].pk}/"))
    me_socket = await drained(await open_socket(client, "/ws/me/"))
    await sync_to_async(_flush_session)(w, client)
    assert (await closed_with(project_socket))[0] == CLOSE_UNAUTHENTICATED
    assert (await closed_with(me_socket))[0] == CLOSE_UNAUTHENTICATED
