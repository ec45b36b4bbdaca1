"""Whole classes meet through the SFU; two browsers meet through TURN only.

Real Janus and coturn processes (conftest.py's janus and coturn fixtures), one
Chromium with fake devices, one context per participant.
"""

import time

import pytest
from playwright.sync_api import expect

from jumelage.meetings.models import Capacity, MeetingRoom
from jumelage.testing import make_project, make_pupil

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONNECTED = "#videos li.remote[data-state='connected']"
RECEIVING = """(n) => [...document.querySelectorAll("#videos li.remote video")].filter((v) =>
  v.srcObject && v.srcObject.getAudioTracks().length > 0).length >= n"""


AUDIO_PACKETS = """async (peer) => {
  let n = 0;
  (await window.jumelageMeeting.peer(peer).getStats()).forEach((s) => {
    if (s.type === "inbound-rtp" && s.kind === "audio") n += s.packetsReceived; });
  return n;
}"""


def test_eight_participants_meet_through_the_sfu_and_a_teacher_mutes_and_removes_one(
    live_asgi, page_as, janus
):
    project = make_project()
    teacher, colleague = [m.user for m in project.memberships.filter(is_founder=True)]
    pupils = [make_pupil(project, teacher=teacher, name=f"Pupil {n}") for n in range(6)]
    room = MeetingRoom.objects.create(
        project=project, title="Two classes", capacity=Capacity.PUPILS, created_by=teacher
    )
    url = f"{live_asgi}/projects/{project.pk}/space/meetings/{room.pk}/"

    # Every session is made before the live server serves a page (SQLite of pass 1).
    pages = [page_as(user) for user in [teacher, colleague, *pupils]]
    for page in pages:  # 8 Chromiums and Janus on 2 shared cores: every step may be slow
        page.set_default_timeout(60000)
    host = pages[0]
    host.goto(url)
    host.get_by_role("button", name="Open the room to pupils").click()
    for page in pages[1:]:  # the pages load side by side
        page.goto(url, wait_until="commit")
    for page in pages:
        page.wait_for_function("() => window.jumelageMeeting", timeout=90000)
        page.get_by_role("button", name="Join the meeting").click()
    for page in pages:
        page.wait_for_function(RECEIVING, arg=7, timeout=90000)
        page.wait_for_selector(CONNECTED, timeout=90000)
    # Everyone's media arrive through one connection per other participant, from Janus.
    assert all(p.locator("#videos li.remote").count() == 7 for p in pages)
    assert all(
        p.evaluate("document.querySelector('#meeting').dataset.published") == "connected"
        for p in pages
    )

    # The teacher mutes the last pupil, then removes them.
    target = pages[-1]
    tile = host.locator("#videos li.remote").filter(has_text=str(pupils[-1]))
    tile.get_by_role("button", name="Mute this participant").click()
    target.locator("#meeting-status").get_by_text("A teacher muted your microphone.").wait_for()
    assert (
        target.evaluate(
            "() => document.querySelector('#local-video').srcObject.getAudioTracks()[0].enabled"
        )
        is False
    )
    # Janus itself stopped forwarding their sound: a browser ignoring the order changes nothing.
    peer = tile.get_attribute("data-peer")
    before = host.evaluate(AUDIO_PACKETS, peer)
    host.wait_for_timeout(1500)
    assert host.evaluate(AUDIO_PACKETS, peer) - before < 10  # 50 packets/s while forwarded
    tile.get_by_role("button", name="Remove this participant").click()
    target.locator("#meeting-status").get_by_text(
        "A teacher removed you from the meeting."
    ).wait_for()
    for page in pages[:-1]:
        page.wait_for_function(
            # Generous: on a loaded 2-core box 8 Chromiums take long to renegotiate.
            "() => document.querySelectorAll('#videos li.remote').length === 6",
            timeout=60000,
        )
    # Joining again is refused until the meeting ends.
    target.get_by_role("button", name="Join the meeting").click()
    # expect(): a failure shows what the page says instead.
    expect(target.locator("#meeting-status")).to_have_text(
        "A teacher removed you from this meeting.", timeout=60000
    )


def two_teachers_join_an_sfu_room(live_asgi, page_as):
    """Their two pages, each having clicked "Join the meeting" in a room for whole classes."""
    project = make_project()
    teacher, colleague = [m.user for m in project.memberships.filter(is_founder=True)]
    room = MeetingRoom.objects.create(
        project=project, title="Two classes", capacity=Capacity.PUPILS, created_by=teacher
    )
    url = f"{live_asgi}/projects/{project.pk}/space/meetings/{room.pk}/"
    pages = [page_as(teacher), page_as(colleague)]
    for page in pages:
        page.set_default_timeout(60000)
        page.goto(url)
        page.get_by_role("button", name="Join the meeting").click()
    return pages


def test_who_leaves_an_sfu_meeting_and_joins_again_receives_the_others_again(
    live_asgi, page_as, janus
):
    """Hanging up is not the others leaving: their media come back on the next join."""
    pages = two_teachers_join_an_sfu_room(live_asgi, page_as)
    for page in pages:
        page.wait_for_function(RECEIVING, arg=1, timeout=60000)
    again = pages[1]
    again.get_by_role("button", name="Leave").click()
    pages[0].wait_for_function("() => !document.querySelector('#videos li.remote')")
    again.get_by_role("button", name="Join the meeting").click()
    for page in pages:
        page.wait_for_function(RECEIVING, arg=1, timeout=60000)
        page.wait_for_selector(CONNECTED, timeout=60000)


def test_a_failed_connection_to_one_participant_is_made_again_through_the_sfu(
    live_asgi, page_as, janus
):
    """What the page does when a subscription's connection fails: a new one, offered afresh."""
    pages = two_teachers_join_an_sfu_room(live_asgi, page_as)
    host = pages[0]
    host.wait_for_selector(CONNECTED, timeout=60000)
    peer = host.locator("#videos li.remote").get_attribute("data-peer")
    host.evaluate("(peer) => { window.before = window.jumelageMeeting.peer(peer); }", peer)
    # As the page does on "failed" (room.js, resubscribe), which a test cannot provoke.
    host.evaluate("(peer) => window.jumelageMeeting.resubscribe(Number(peer))", peer)
    host.wait_for_selector(CONNECTED, timeout=60000)
    assert host.evaluate(
        "(peer) => window.jumelageMeeting.peer(peer) !== window.before", peer
    )  # a new connection, not the old one
    first = host.evaluate(AUDIO_PACKETS, peer)
    host.wait_for_timeout(1000)
    assert host.evaluate(AUDIO_PACKETS, peer) > first  # their sound comes again


def test_two_browsers_connect_through_turn_only_with_the_platforms_credentials(
    live_asgi, page_as, coturn, settings
):
    """Direct paths forbidden (iceTransportPolicy "relay"): media flow through coturn."""
    settings.WEBRTC_ICE_TRANSPORT_POLICY = "relay"
    project = make_project()
    alice, bob = [m.user for m in project.memberships.filter(is_founder=True)]
    room = MeetingRoom.objects.create(project=project, title="Behind firewalls", created_by=alice)
    url = f"{live_asgi}/projects/{project.pk}/space/meetings/{room.pk}/"
    first, second = page_as(alice), page_as(bob)
    for page in (first, second):
        page.goto(url)
        page.get_by_role("button", name="Join the meeting").click()
    for page in (first, second):
        page.wait_for_selector(CONNECTED, timeout=20000)
    pair = first.evaluate(
        """async () => {
          const pc = window.jumelageMeeting.peers()[0];
          const stats = await pc.getStats();
          let pair = null;
          stats.forEach((s) => { if (s.type === "transport") pair = stats.get(s.selectedCandidatePairId); });
          const local = stats.get(pair.localCandidateId), remote = stats.get(pair.remoteCandidateId);
          return {local: local.candidateType, remote: remote.candidateType,
                  received: pair.bytesReceived, username: pc.getConfiguration().iceServers[0].username};
        }"""
    )
    assert pair["local"] == "relay" and pair["remote"] == "relay", pair
    assert pair["received"] > 0
    expiry, user_id = pair["username"].split(":")
    assert user_id == str(alice.pk) and int(expiry) > time.time()  # time-limited
