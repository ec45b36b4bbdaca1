"""Signalling goes through the policies: members only, pupils once a teacher opened the room."""

import pytest
from asgiref.sync import sync_to_async

from jumelage.meetings import services
from jumelage.meetings.models import MAX_PARTICIPANTS, MeetingRoom, Participant
from jumelage.realtime.consumers import CLOSE_FORBIDDEN
from jumelage.testing import make_project, make_pupil, ws_connect

pytestmark = pytest.mark.django_db(transaction=True)


@sync_to_async
def world():
    project = make_project()
    other = make_project()
    founders = [m.user for m in project.memberships.filter(is_founder=True).select_related("user")]
    room = MeetingRoom.objects.create(project=project, title="Weekly call", created_by=founders[0])
    other_room = MeetingRoom.objects.create(project=other, title="Other call")
    pupil = make_pupil(project, teacher=founders[0])
    outsider = other.memberships.filter(is_founder=True).first().user
    return project, room, other_room, founders, pupil, outsider


async def receive_type(communicator, wanted):
    while True:
        message = await communicator.receive_json_from(timeout=3)
        if message["type"] == wanted or message["type"] == "error":
            return message


async def test_two_teachers_join_and_exchange_an_offer():
    project, room, _other, (alice, bob), _pupil, _out = await world()
    a, ok_a, _ = await ws_connect(alice, f"/ws/projects/{project.pk}/")
    b, ok_b, _ = await ws_connect(bob, f"/ws/projects/{project.pk}/")
    assert ok_a and ok_b
    await a.send_json_to({"type": "meeting.join", "room": room.pk})
    joined_a = await receive_type(a, "meeting.joined")
    assert joined_a["peers"] == []
    await b.send_json_to({"type": "meeting.join", "room": room.pk})
    joined_b = await receive_type(b, "meeting.joined")
    assert [p["peer"] for p in joined_b["peers"]] == [joined_a["peer"]]
    assert (await receive_type(a, "meeting.peer_joined"))["peer"] == joined_b["peer"]
    await b.send_json_to(
        {
            "type": "meeting.signal",
            "room": room.pk,
            "to": joined_a["peer"],
            "data": {"type": "offer", "sdp": "v=0"},
        }
    )
    signal = await receive_type(a, "meeting.signal")
    assert signal["from"] == joined_b["peer"] and signal["data"]["sdp"] == "v=0"
    await b.disconnect()
    left = await receive_type(a, "meeting.peer_left")
    assert left["peer"] == joined_b["peer"]
    assert await sync_to_async(Participant.objects.count)() == 1
    await a.disconnect()


async def alice_in_the_room_and_bob_connected():
    """(room, Alice's socket, Bob's socket, Alice's peer id): Alice has joined, Bob not."""
    project, room, _other, (alice, bob), _pupil, _out = await world()
    a, _, _ = await ws_connect(alice, f"/ws/projects/{project.pk}/")
    b, _, _ = await ws_connect(bob, f"/ws/projects/{project.pk}/")
    await a.send_json_to({"type": "meeting.join", "room": room.pk})
    return room, a, b, (await receive_type(a, "meeting.joined"))["peer"]


async def test_a_signal_to_someone_who_just_left_is_dropped_without_ending_the_call():
    """Their answer crossed their leaving: no error, which would hang up this page."""
    room, a, b, _alice_peer = await alice_in_the_room_and_bob_connected()
    await b.send_json_to({"type": "meeting.join", "room": room.pk})
    bob_peer = (await receive_type(b, "meeting.joined"))["peer"]
    await b.send_json_to({"type": "meeting.leave", "room": room.pk})
    assert (await receive_type(a, "meeting.peer_left"))["peer"] == bob_peer
    answer = {"type": "answer", "sdp": "v=0"}
    await a.send_json_to(
        {"type": "meeting.signal", "room": room.pk, "to": bob_peer, "data": answer}
    )
    # Still in the call: a later frame is answered as usual, and no error came before it.
    await a.send_json_to({"type": "meeting.unheard_of", "room": room.pk})
    assert (await receive_type(a, "error"))["code"] == "unknown_type"
    assert await a.receive_nothing(timeout=0.2)
    await a.disconnect()
    await b.disconnect()


async def test_only_a_participant_of_a_meeting_through_the_sfu_can_ask_for_a_resubscription():
    """A mesh room has no SFU session to resubscribe in; a socket not in the room neither."""
    room, a, b, peer = await alice_in_the_room_and_bob_connected()
    for socket in (a, b):  # in the (mesh) room, and not in it
        await socket.send_json_to({"type": "meeting.resubscribe", "room": room.pk, "peer": peer})
        assert (await receive_type(socket, "error"))["code"] == "meeting_forbidden"
    await a.disconnect()
    await b.disconnect()


async def test_an_outsider_cannot_connect_nor_signal_into_another_projects_room():
    project, room, other_room, (alice, _bob), _pupil, outsider = await world()
    _c, connected, code = await ws_connect(outsider, f"/ws/projects/{project.pk}/")
    assert not connected and code == CLOSE_FORBIDDEN
    # Through their own project's socket, another project's room does not exist for them.
    own, connected, _ = await ws_connect(outsider, f"/ws/projects/{other_room.project_id}/")
    assert connected
    await own.send_json_to({"type": "meeting.join", "room": room.pk})
    error = await receive_type(own, "meeting.joined")
    assert error["type"] == "error" and error["code"] == "meeting_not_found"
    # Signalling to a peer of a room one has not joined is refused.
    a, _, _ = await ws_connect(alice, f"/ws/projects/{project.pk}/")
    await a.send_json_to({"type": "meeting.join", "room": room.pk})
    peer = (await receive_type(a, "meeting.joined"))["peer"]
    await own.send_json_to(
        {
            "type": "meeting.signal",
            "room": room.pk,
            "to": peer,
            "data": {"type": "offer", "sdp": "x"},
        }
    )
    refused = await receive_type(own, "meeting.signal")
    assert refused["type"] == "error" and refused["code"] == "meeting_forbidden"
    await own.send_json_to({"type": "meeting.end", "room": room.pk})
    assert (await receive_type(own, "meeting.ended"))["code"] == "meeting_forbidden"
    await own.disconnect()
    await a.disconnect()


async def test_a_pupil_waits_for_a_teacher_to_open_the_room_and_cannot_end_it():
    project, room, _other, (alice, _bob), pupil, _out = await world()
    p, connected, _ = await ws_connect(pupil, f"/ws/projects/{project.pk}/")
    assert connected
    await p.send_json_to({"type": "meeting.join", "room": room.pk})
    refused = await receive_type(p, "meeting.joined")
    assert refused["code"] == "meeting_not_open"
    assert "not opened" in refused["message"]
    await sync_to_async(services.open_room)(alice, room)
    await p.send_json_to({"type": "meeting.join", "room": room.pk})
    assert (await receive_type(p, "meeting.joined"))["type"] == "meeting.joined"
    await p.send_json_to({"type": "meeting.end", "room": room.pk})
    assert (await receive_type(p, "meeting.ended"))["code"] == "meeting_forbidden"
    await p.disconnect()


async def test_a_teacher_mutes_a_participant_and_ends_the_meeting():
    project, room, _other, (alice, bob), _pupil, _out = await world()
    a, _, _ = await ws_connect(alice, f"/ws/projects/{project.pk}/")
    b, _, _ = await ws_connect(bob, f"/ws/projects/{project.pk}/")
    await sync_to_async(services.open_room)(alice, room)
    await a.send_json_to({"type": "meeting.join", "room": room.pk})
    await receive_type(a, "meeting.joined")
    await b.send_json_to({"type": "meeting.join", "room": room.pk})
    peer_b = (await receive_type(b, "meeting.joined"))["peer"]
    await a.send_json_to({"type": "meeting.mute", "room": room.pk, "peer": peer_b})
    assert (await receive_type(b, "meeting.force_mute"))["type"] == "meeting.force_mute"
    await a.send_json_to({"type": "meeting.end", "room": room.pk})
    assert (await receive_type(b, "meeting.ended"))["type"] == "meeting.ended"
    room_after = await sync_to_async(MeetingRoom.objects.get)(pk=room.pk)
    assert not room_after.is_open
    assert await sync_to_async(Participant.objects.filter(room=room).count)() == 0
    await a.disconnect()
    await b.disconnect()


async def test_the_room_holds_at_most_six_connections():
    project, room, _other, (alice, _bob), _pupil, _out = await world()
    clients = []
    for _ in range(MAX_PARTICIPANTS):
        c, _, _ = await ws_connect(alice, f"/ws/projects/{project.pk}/")
        await c.send_json_to({"type": "meeting.join", "room": room.pk})
        assert (await receive_type(c, "meeting.joined"))["type"] == "meeting.joined"
        clients.append(c)
    extra, _, _ = await ws_connect(alice, f"/ws/projects/{project.pk}/")
    await extra.send_json_to({"type": "meeting.join", "room": room.pk})
    full = await receive_type(extra, "meeting.joined")
    assert full["code"] == "meeting_full" and "6" in full["message"]
    for c in [*clients, extra]:
        await c.disconnect()


async def test_malformed_meeting_frames_get_an_error_and_the_connection_stays_open():
    project, room, _other, (alice, _bob), _pupil, _out = await world()
    a, _, _ = await ws_connect(alice, f"/ws/projects/{project.pk}/")
    await a.send_json_to({"type": "meeting.join", "room": "abc"})
    assert (await a.receive_json_from())["code"] == "bad_frame"
    await a.send_json_to({"type": "meeting.join", "room": room.pk})
    assert (await receive_type(a, "meeting.joined"))["type"] == "meeting.joined"
    await a.disconnect()


def test_turn_credentials_are_derived_from_the_shared_secret(settings):
    import base64
    import hashlib
    import hmac
    import time

    from jumelage.testing import make_teacher

    settings.WEBRTC_STUN_URLS = ["stun:turn.example.org:3478"]
    settings.WEBRTC_TURN_URLS = ["turn:turn.example.org:3478?transport=udp"]
    settings.WEBRTC_TURN_SECRET = "s3cret"
    settings.WEBRTC_TURN_TTL = 3600
    user = make_teacher()
    stun, turn = services.ice_servers(user)
    assert stun == {"urls": ["stun:turn.example.org:3478"]}
    expiry, user_id = turn["username"].split(":")
    assert int(user_id) == user.pk and 3500 < int(expiry) - time.time() <= 3600
    expected = base64.b64encode(
        hmac.new(b"s3cret", turn["username"].encode(), hashlib.sha1).digest()
    ).decode()
    assert turn["credential"] == expected
    settings.WEBRTC_TURN_SECRET = ""
    assert services.ice_servers(user) == [stun]
