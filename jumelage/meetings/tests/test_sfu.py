"""Rooms over 6 go through a real Janus; nobody reaches a Janus room except through us."""

import httpx
import pytest
from asgiref.sync import sync_to_async

from jumelage.meetings import services, sfu
from jumelage.meetings.models import Capacity, MeetingRoom
from jumelage.testing import make_project, ws_connect

pytestmark = pytest.mark.django_db(transaction=True)


def janus_post(url: str, body: dict, path: str = "") -> dict:
    return httpx.post(url + path, json={"transaction": "t", **body}, timeout=5).json()


def test_janus_refuses_a_client_without_the_platforms_token(janus):
    """Bypassing the platform: no token, a token of another secret, an expired one."""
    url = janus["url"]
    assert janus_post(url, {"janus": "create"})["error"]["code"] == 403
    forged = sfu.signed_token(secret="guessed-secret")
    assert janus_post(url, {"janus": "create", "token": forged})["error"]["code"] == 403
    expired = sfu.signed_token(ttl=-60)
    assert janus_post(url, {"janus": "create", "token": expired})["error"]["code"] == 403


def test_even_a_valid_session_cannot_create_or_join_a_room_itself(janus):
    """Rooms need the admin key to be created and their pin to be joined: server-side only."""
    room = MeetingRoom.objects.create(
        project=make_project(), title="Whole classes", capacity=Capacity.PUPILS
    )
    with sfu.Janus() as platform:
        platform.ensure_room(room.pk, room.capacity)
    token = sfu.signed_token()  # as if a token leaked
    session = janus_post(janus["url"], {"janus": "create", "token": token})["data"]["id"]
    handle = janus_post(
        janus["url"],
        {"janus": "attach", "plugin": sfu.VIDEOROOM, "token": token},
        f"/{session}",
    )["data"]["id"]

    def ask(body):
        reply = janus_post(
            janus["url"], {"janus": "message", "body": body, "token": token}, f"/{session}/{handle}"
        )
        if reply.get("janus") == "ack":  # the answer comes by long poll
            events = httpx.get(
                f"{janus['url']}/{session}", params={"token": token, "maxev": 1}, timeout=35
            ).json()
            reply = events[0] if isinstance(events, list) else events
        return reply["plugindata"]["data"]

    assert ask({"request": "create", "room": 4242})["error_code"] == 429  # no admin key
    assert ask({"request": "create", "room": 4242, "admin_key": "guess"})["error_code"] == 433
    join = {"request": "join", "ptype": "publisher", "room": sfu.janus_room(room.pk)}
    assert ask(join)["error_code"] == 429  # no pin
    assert ask({**join, "pin": "0000"})["error_code"] == 433  # wrong pin
    listed = ask({"request": "list"})["list"]
    assert sfu.janus_room(room.pk) not in [r["room"] for r in listed]  # private room


@sync_to_async
def large_room():
    project = make_project()
    alice, bob = [m.user for m in project.memberships.filter(is_founder=True).order_by("pk")]
    room = MeetingRoom.objects.create(
        project=project, title="Whole classes", capacity=Capacity.PUPILS, created_by=alice
    )
    outsider = make_project().memberships.filter(is_founder=True).first().user
    return project, room, alice, bob, outsider


async def receive_type(communicator, wanted):
    while True:
        message = await communicator.receive_json_from(timeout=10)
        if message["type"] == wanted or message["type"] == "error":
            return message


async def test_a_large_room_goes_through_the_sfu_and_a_teacher_removes_a_participant(janus):
    project, room, alice, bob, outsider = await large_room()
    a, ok_a, _ = await ws_connect(alice, f"/ws/projects/{project.pk}/")
    b, ok_b, _ = await ws_connect(bob, f"/ws/projects/{project.pk}/")
    assert ok_a and ok_b
    await a.send_json_to({"type": "meeting.join", "room": room.pk})
    joined = await receive_type(a, "meeting.joined")
    assert joined["sfu"] is True
    await b.send_json_to({"type": "meeting.join", "room": room.pk})
    assert (await receive_type(b, "meeting.joined"))["sfu"] is True
    bob_peer = (await receive_type(a, "meeting.peer_joined"))["peer"]

    await a.send_json_to({"type": "meeting.remove", "room": room.pk, "peer": bob_peer})
    assert (await receive_type(b, "meeting.removed"))["room"] == room.pk
    assert (await receive_type(a, "meeting.peer_left"))["peer"] == bob_peer
    # Removed: kept out until the meeting ends.
    await b.send_json_to({"type": "meeting.join", "room": room.pk})
    refused = await receive_type(b, "meeting.joined")
    assert refused["code"] == "meeting_removed"
    await a.disconnect()
    await b.disconnect()

    # A member of another project cannot connect to this project's socket at all.
    _c, ok, code = await ws_connect(outsider, f"/ws/projects/{project.pk}/")
    assert not ok and code == 4403


def test_ending_a_large_room_destroys_it_on_janus(janus):
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    room = MeetingRoom.objects.create(project=project, title="Big", capacity=Capacity.PUPILS)
    services.open_room(teacher, room)
    with sfu.Janus() as platform:
        platform.ensure_room(room.pk, room.capacity)
        services.end_room(teacher, room)
        data = platform.videoroom({"request": "exists", "room": sfu.janus_room(room.pk)})
    assert data["exists"] is False


def test_without_an_sfu_a_large_room_holds_the_mesh_s_six(settings):
    from jumelage.meetings import policies

    settings.JANUS_URL = ""
    room = MeetingRoom(capacity=Capacity.PUPILS)
    assert policies.room_limit(room) == 6


def test_a_teacher_creates_a_room_for_whole_classes(client):
    from django.urls import reverse

    project = make_project()
    client.force_login(project.memberships.filter(is_founder=True).first().user)
    url = reverse("meetings:room_list", kwargs={"project_id": project.pk})
    client.post(url, {"title": "Both classes", "capacity": "25", "external_url": ""})
    assert MeetingRoom.objects.get(project=project).capacity == Capacity.PUPILS
    assert "Pupils on their own devices (up to 25)" in client.get(url).text


def test_the_production_topology_runs_janus_and_coturn_once_configured(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "deploy"))
    import prod

    bare = prod.configuration({"PROD_DIR": str(tmp_path)}, env_file=tmp_path / "none")
    assert "sfu" not in prod.processes(bare) and "turn" not in prod.processes(bare)
    cfg = prod.configuration(
        {
            "PROD_DIR": str(tmp_path),
            "JANUS_TOKEN_SECRET": "t",
            "JANUS_ADMIN_KEY": "a",
            "WEBRTC_TURN_SECRET": "s",
            "PUBLIC_IP": "203.0.113.10",
        },
        env_file=tmp_path / "none",
    )
    prod.write_media_servers(cfg)
    assert "janus.jcfg" in prod.processes(cfg)["sfu"]
    assert cfg["JANUS_URL"] == "http://127.0.0.1:8088/janus"
    turn = (tmp_path / "turnserver.conf").read_text()
    assert "use-auth-secret" in turn and "static-auth-secret=s" in turn
    assert "external-ip=203.0.113.10" in turn and "allow-loopback-peers" not in turn
    janus = (tmp_path / "janus" / "janus.jcfg").read_text()
    assert "token_auth = true" in janus and 'nat_1_1_mapping = "203.0.113.10"' in janus
    assert 'ip = "127.0.0.1"' in (tmp_path / "janus" / "janus.transport.http.jcfg").read_text()
