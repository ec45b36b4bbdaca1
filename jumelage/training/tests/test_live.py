"""Live sessions: an SFU room for the event's presenters and registered teachers only;
attendees receive, raise a hand and speak only while given the floor; joining is attendance."""

from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse
from django.utils import timezone

from jumelage.testing import make_staff, make_teacher, sign_in, ws_connect
from jumelage.training import services
from jumelage.training.models import Registration
from jumelage.training.tests.helpers import make_event

FINGERPRINT = ":".join(["AB"] * 32)


def offer(video: bool = False) -> dict:
    """A plain WebRTC offer, as a browser's: audio, and a camera if `video`."""
    lines = [
        "v=0",
        "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
        "s=-",
        "t=0 0",
        "a=group:BUNDLE 0" + (" 1" if video else ""),
        "a=msid-semantic: WMS live",
    ]
    media = [("audio", "111 opus/48000/2")] + ([("video", "96 VP8/90000")] if video else [])
    for mid, (kind, codec) in enumerate(media):
        payload = codec.split()[0]
        lines += [
            f"m={kind} 9 UDP/TLS/RTP/SAVPF {payload}",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:liveufrag",
            "a=ice-pwd:livepasswordlivepassword",
            f"a=fingerprint:sha-256 {FINGERPRINT}",
            "a=setup:actpass",
            f"a=mid:{mid}",
            "a=sendonly",
            "a=rtcp-mux",
            f"a=rtpmap:{codec}",
            f"a=msid:live track{mid}",
            f"a=ssrc:{1000 + mid} cname:live",
            "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host",
            "a=end-of-candidates",
        ]
    return {"type": "offer", "sdp": "\r\n".join(lines) + "\r\n"}


def live_event(**fields):
    """A live session under way, organised by a French staff member."""
    presenter = make_staff("FR")
    now = timezone.now()
    event = make_event(
        organiser=presenter,
        online=True,
        live=True,
        place="",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=1),
        registration_deadline=now - timedelta(minutes=10),
        **fields,
    )
    attendee = make_teacher("FR")
    Registration.objects.create(
        event=event, user=attendee, status=Registration.Status.REGISTERED, queued_at=now
    )
    return event, presenter, attendee


@pytest.mark.django_db
def test_only_the_events_presenters_and_registered_teachers_see_the_live_room(client):
    event, presenter, attendee = live_event()
    waiting = make_teacher("FR")
    Registration.objects.create(
        event=event, user=waiting, status=Registration.Status.WAITING, queued_at=timezone.now()
    )
    url = reverse("training:live", args=[event.pk])
    for user, status in ((attendee, 200), (presenter, 200), (make_teacher("FR"), 404)):
        sign_in(client, user)
        assert client.get(url).status_code == status
    client.force_login(waiting)
    assert client.get(url).status_code == 404
    client.force_login(attendee)
    assert "Join the live session" in client.get(reverse("training:detail", args=[event.pk])).text
    event.live = False
    event.save()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_joining_the_live_room_is_attendance_and_gives_the_certificate(client):
    event, presenter, attendee = live_event()
    seat, reason = services.join_live(attendee, event.pk, "channel-a")
    assert reason == "" and not seat.presenter
    registration = Registration.objects.get(event=event, user=attendee)
    assert registration.attended and registration.live_joined_at is not None
    services.leave_live("channel-a")
    assert Registration.objects.get(pk=registration.pk).live_minutes >= 1
    client.force_login(attendee)
    response = client.get(reverse("training:certificate", args=[event.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # The organisers see it ticked, with the time spent in the room.
    sign_in(client, presenter)
    page = client.get(reverse("training:attendees", args=[event.pk])).text
    assert " checked>" in page and "in the live session" in page


@pytest.mark.django_db
def test_before_the_room_opens_nobody_joins_and_nobody_is_marked_present():
    event, _presenter, attendee = live_event()
    event.starts_at = timezone.now() + timedelta(hours=2)
    event.ends_at = event.starts_at + timedelta(hours=1)
    event.registration_deadline = event.starts_at
    event.save()
    assert services.join_live(attendee, event.pk, "channel-a") == (None, "not_open")
    assert not Registration.objects.get(event=event, user=attendee).attended


@sync_to_async
def live_world():
    event, presenter, attendee = live_event()
    return event, presenter, attendee, make_teacher("FR")


async def frame(communicator, wanted):
    while True:
        message = await communicator.receive_json_from(timeout=10)
        if message["type"] in (wanted, "error"):
            return message


@pytest.mark.django_db(transaction=True)
async def test_the_floor_is_the_only_way_an_attendee_speaks(janus):
    event, presenter, attendee, outsider = await live_world()
    p, ok_p, _ = await ws_connect(presenter, "/ws/me/")
    a, ok_a, _ = await ws_connect(attendee, "/ws/me/")
    o, ok_o, _ = await ws_connect(outsider, "/ws/me/")
    assert ok_p and ok_a and ok_o

    # Not registered: no room, whatever the client sends.
    await o.send_json_to({"type": "live.join", "event": event.pk})
    assert (await frame(o, "live.joined"))["code"] == "live_not_found"
    await o.send_json_to({"type": "live.publish", "event": event.pk, "data": offer()})
    assert (await frame(o, "meeting.published"))["code"] == "live_forbidden"

    await p.send_json_to({"type": "live.join", "event": event.pk})
    assert (await frame(p, "live.joined"))["presenter"] is True
    await p.send_json_to({"type": "live.publish", "event": event.pk, "data": offer(video=True)})
    assert (await frame(p, "meeting.published"))["data"]["type"] == "answer"

    await a.send_json_to({"type": "live.join", "event": event.pk})
    joined = await frame(a, "live.joined")
    assert joined["presenter"] is False
    # Subscribe-only: a publish is refused server-side.
    await a.send_json_to({"type": "live.publish", "event": event.pk, "data": offer()})
    assert (await frame(a, "meeting.published"))["code"] == "live_no_floor"

    await a.send_json_to({"type": "live.hand", "event": event.pk, "raised": True})
    queue = (await frame(p, "live.queue"))["queue"]
    assert [q["peer"] for q in queue] == [joined["peer"]] and queue[0]["floor"] is False
    await p.send_json_to(
        {"type": "live.floor", "event": event.pk, "peer": joined["peer"], "give": True}
    )
    assert (await frame(a, "live.floor"))["floor"] is True
    # The floor is for the voice: a camera is still refused, the microphone goes through.
    await a.send_json_to({"type": "live.publish", "event": event.pk, "data": offer(video=True)})
    assert (await frame(a, "meeting.published"))["code"] == "live_no_floor"
    await a.send_json_to({"type": "live.publish", "event": event.pk, "data": offer()})
    assert (await frame(a, "meeting.published"))["data"]["type"] == "answer"

    # An attendee cannot hand the floor around.
    await a.send_json_to(
        {"type": "live.floor", "event": event.pk, "peer": joined["peer"], "give": True}
    )
    assert (await frame(a, "live.floor"))["code"] == "live_forbidden"

    await p.send_json_to(
        {"type": "live.floor", "event": event.pk, "peer": joined["peer"], "give": False}
    )
    assert (await frame(a, "live.floor"))["floor"] is False
    await a.send_json_to({"type": "live.publish", "event": event.pk, "data": offer()})
    assert (await frame(a, "meeting.published"))["code"] == "live_no_floor"

    await a.disconnect()
    registration = await sync_to_async(Registration.objects.get)(event=event, user=attendee)
    assert registration.attended and registration.live_minutes >= 1
    await p.disconnect()
    await o.disconnect()
