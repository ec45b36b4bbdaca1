"""Signalling of SFU rooms: the project WebSocket relays SDP to and from Janus.

The browser sees the same frames as in a mesh room ("meeting.signal" with an
offer from a peer, answered to that peer), plus "meeting.publish" for its own
media: the switch to the SFU changes nothing the participant notices. Each seat's
Janus session lives on its connection (consumer.janus), and a task relays
Janus' events (answers, offers, newcomers, who is speaking) to the browser.
"""

import asyncio
import logging

import httpx
from channels.db import database_sync_to_async

from . import sfu

log = logging.getLogger(__name__)

# Participants whose camera is received in the high simulcast layer: the latest speakers.
HIGH_LAYER_SPEAKERS = 4


def sessions(consumer) -> dict:
    return consumer.__dict__.setdefault("janus", {})


@database_sync_to_async
def _ensure_room(room_id: int, capacity: int) -> None:
    with sfu.Janus() as janus:
        janus.ensure_room(room_id, capacity)


def _peer(publisher: dict) -> int | None:
    try:
        return int(publisher.get("display", ""))
    except ValueError:
        return None


async def start(consumer, room, participant) -> None:
    """Open this seat's Janus session and subscribe to those already publishing."""
    await _ensure_room(room.pk, room.capacity)
    session = sfu.Session(room.pk)
    session.peers = {}  # feed -> participant id (the "peer" the browser knows)
    session.speakers = []
    session.retries = {}
    publishers = await session.start(str(participant.pk))
    sessions(consumer)[room.pk] = session
    session.task = asyncio.ensure_future(_relay(consumer, session))
    for publisher in publishers:
        await _subscribe(session, publisher)


async def _subscribe(session, publisher: dict) -> None:
    peer = _peer(publisher)
    if peer is not None:
        session.peers[publisher["id"]] = peer
        await session.subscribe(publisher["id"])


async def publish(consumer, room_id: int, data: dict, video: bool = True) -> bool:
    session = sessions(consumer).get(room_id)
    if session is None or data.get("type") != "offer" or not isinstance(data.get("sdp"), str):
        return False
    await session.publish(_complete(data["sdp"], "offer"), video=video)
    return True


def _complete(sdp: str, kind: str) -> dict:
    """The browser's SDP for Janus, marked as carrying all its candidates.

    The page sends its SDP once gathering is over, never trickles: without
    "trickle": false Janus keeps waiting for more candidates, and a connection
    whose first checks failed on a busy machine stays "connecting" for good.
    """
    return {"type": kind, "sdp": sdp, "trickle": False}


def offers_video(data: dict) -> bool:
    """Does this SDP offer send anything but audio (video, screen, data) on an open port?"""
    sdp = data.get("sdp") if isinstance(data, dict) else None
    if not isinstance(sdp, str):
        return False
    lines = [line.split() for line in sdp.splitlines() if line.startswith("m=")]
    return any(parts[0] != "m=audio" and len(parts) > 1 and parts[1] != "0" for parts in lines)


async def unpublish(consumer, room_id: int) -> None:
    session = sessions(consumer).get(room_id)
    if session is not None:
        await session.unpublish()


def _feed(session, peer: int | None) -> int | None:
    """The Janus feed of participant `peer`, in this seat's session."""
    return next((f for f, p in getattr(session, "peers", {}).items() if p == peer), None)


async def answer(consumer, room_id: int, peer: int | None, data: dict) -> bool:
    """The browser's answer to the offer of `peer`'s stream."""
    session = sessions(consumer).get(room_id)
    if session is None or data.get("type") != "answer" or not isinstance(data.get("sdp"), str):
        return False
    feed = _feed(session, peer)
    subscription = data.get("subscription")
    if not isinstance(subscription, str):
        subscription = None
    # Else they left Janus as this answer came, or it answers a replaced offer: dropped.
    if feed is not None and await session.answer(
        feed, _complete(data["sdp"], "answer"), subscription
    ):
        await session.layer(feed, 1 if feed in session.speakers[:HIGH_LAYER_SPEAKERS] else 0)
    return True


async def resubscribe(consumer, room_id: int, peer: int | None) -> bool:
    """A new subscription to `peer`'s media: the browser's connection to them failed.

    Janus then offers them again (a "meeting.signal" as on joining), on a new handle,
    with new ICE candidates.
    """
    session = sessions(consumer).get(room_id)
    if session is None:
        return False
    feed = _feed(session, peer)
    if feed is not None:  # else they left: their "peer_left" is on its way
        await session.unsubscribe(feed)
        await session.subscribe(feed)
    return True


async def mute(consumer, room_id: int) -> None:
    """A teacher muted this participant: Janus drops their audio, whatever their browser does."""
    session = sessions(consumer).get(room_id)
    if session is not None and session.feed is not None and session.audio_mid is not None:
        await database_sync_to_async(_moderate)(room_id, session.feed, session.audio_mid)


def _moderate(room_id, feed, mid) -> None:
    with sfu.Janus() as janus:
        janus.mute(room_id, feed, mid)


async def stop(consumer, room_id: int | None = None) -> None:
    """Close this connection's Janus sessions (one room, or all)."""
    rooms = list(sessions(consumer)) if room_id is None else [room_id]
    for rid in rooms:
        session = sessions(consumer).pop(rid, None)
        if session is None:
            continue
        session.task.cancel()
        await session.close()


async def _relay(consumer, session) -> None:
    """Janus' events for this session, until it ends."""
    try:
        while True:
            events, session.pending = session.pending, []
            events += await session.poll()
            for event in events:
                await _on_event(consumer, session, event)
    except asyncio.CancelledError:
        raise
    except (httpx.HTTPError, ValueError, sfu.JanusError):
        log.warning("meetings: the Janus session of room %s ended", session.room_id)


async def _on_event(consumer, session, event: dict) -> None:
    data = ((event.get("plugindata") or {}).get("data")) or {}
    jsep = event.get("jsep")
    sender = event.get("sender")
    room = session.room_id
    if sender == session.publisher:
        if jsep and jsep.get("type") == "answer":
            await consumer.send_json({"type": "meeting.published", "room": room, "data": jsep})
        for stream in data.get("streams", []) or []:
            if stream.get("type") == "audio":
                session.audio_mid = stream.get("mid")
        for publisher in data.get("publishers", []) or []:
            await _subscribe(session, publisher)
        gone = data.get("unpublished") or data.get("leaving")
        if isinstance(gone, int):
            await session.unsubscribe(gone)
        leaving = data.get("leaving")
        peer = session.peers.pop(leaving, None) if isinstance(leaving, int) else None
        if peer is not None:  # Janus saw them go: no need to wait for the room's group event
            await consumer.send_json({"type": "meeting.peer_left", "room": room, "peer": peer})
        if data.get("videoroom") in ("talking", "stopped-talking"):
            await _speaking(consumer, session, data)
        return
    feed = session.feed_of(sender)
    if feed is not None and data.get("error_code"):
        # e.g. "No such feed" while the publisher's media are still being set up: retry.
        await session.unsubscribe(feed)
        tries = session.retries[feed] = session.retries.get(feed, 0) + 1
        if tries <= 3:
            asyncio.get_running_loop().call_later(
                tries, lambda: asyncio.ensure_future(_retry(session, feed))
            )
        return
    if feed is not None and jsep and jsep.get("type") == "offer":
        await consumer.send_json(
            {
                "type": "meeting.signal",
                "room": room,
                "from": session.peers[feed],
                # Which subscription this offer opens: the browser answers with it,
                # and drops an offer of one it has already replaced.
                "data": {"type": "offer", "sdp": jsep["sdp"], "subscription": str(sender)},
            }
        )


async def _retry(session, feed: int) -> None:
    try:
        await session.subscribe(feed)
    except (sfu.JanusError, httpx.HTTPError):
        log.warning("meetings: could not subscribe to feed %s", feed)


async def _speaking(consumer, session, data: dict) -> None:
    """The active-speaker grid: the latest speakers first, in the high layer."""
    feed, talking = data.get("id"), data["videoroom"] == "talking"
    peer = session.peers.get(feed) if feed != session.feed else None
    if talking and feed in session.subscribers:
        before = set(session.speakers[:HIGH_LAYER_SPEAKERS])
        if feed in session.speakers:
            session.speakers.remove(feed)
        session.speakers.insert(0, feed)
        after = set(session.speakers[:HIGH_LAYER_SPEAKERS])
        for other in after - before:
            await session.layer(other, 1)
        for other in before - after:
            await session.layer(other, 0)
    if peer is not None:
        await consumer.send_json(
            {"type": "meeting.talking", "room": session.room_id, "peer": peer, "talking": talking}
        )
