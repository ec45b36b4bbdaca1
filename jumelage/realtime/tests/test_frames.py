"""Hostile frames get an error frame; the connection and the meeting seats survive (issue 13 M, 12 L1).

A seeded generator puts hostile values (NUL, lone surrogates, NaN/Infinity,
huge numbers, deep nesting, huge frames, wrong types) into every field of every
registered frame type, on both kinds of socket, through the whole ASGI stack.
"""

import json
import random

import pytest
from asgiref.sync import sync_to_async

from jumelage.chat.models import Room
from jumelage.meetings.models import MeetingRoom, Participant
from jumelage.realtime import consumers, frames, registry
from jumelage.realtime.testing import async_test, ensure_reference_data
from jumelage.testing import make_project, ws_connect

pytestmark = pytest.mark.django_db(transaction=True)

# Actions of handlers registered without `actions=` (the fuzz must know every frame type).
UNDECLARED_ACTIONS = {
    "chat": ("join", "leave", "send", "typing", "older"),
    "notifications": ("read",),
    "messaging": ("read",),
}
FIELDS = ("room", "body", "client_id", "before", "last_id", "to", "data", "peer")

HOSTILE_VALUES = [
    '"\\u0000"',
    '"a\\u0000b"',
    '"\\ud800"',
    '"x\\udfffy"',
    '"\\udc00\\ud800"',
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "100000000000000000000000000000",
    "-9223372036854775809",
    "9223372036854775807",
    "1.5",
    "-1",
    "0",
    "true",
    "null",
    "[]",
    "{}",
    '{"type": "offer", "sdp": "\\u0000"}',
    '{"sdp": Infinity}',
    "[" * 40 + "]" * 40,
    "[" * 3000 + "]" * 3000,
    '{"a":' * 300 + "1" + "}" * 300,
    '"' + "x" * 20000 + '"',
    '"' + "é" * 9000 + '"',
    '"' + "\\u0000" * 100 + '"',
    '"<script>alert(1)</script>"',
    '""',
]

# Whole frames that are not objects with a usable type.
HOSTILE_FRAMES = [
    " ",
    "not json",
    "{",
    "null",
    "[]",
    '"chat.send"',
    "NaN",
    "[" * 100000,
    '{"type": 5}',
    '{"type": null}',
    '{"type": "chat"}',
    '{"type": "chat."}',
    '{"type": ".send"}',
    '{"type": "\\u0000.send"}',
    '{"type": "chat.\\ud800"}',
    '{"type": "' + "a" * 5000 + '.x"}',
    '{"type": "chat.send", "type": "meeting.join"}',
    '{"type": "meeting.join", "\\u0000": 1}',
    '{"type": "meeting.join", "\\ud800": 1}',
    "\x00",
]


def frame_types() -> list[str]:
    prefixes = set(registry.FRAME_HANDLERS)
    undeclared = prefixes - set(registry.FRAME_ACTIONS) - set(UNDECLARED_ACTIONS)
    assert not undeclared, f"declare the actions of {undeclared} (registry.register(actions=))"
    types = []
    for prefix in sorted(prefixes):
        actions = registry.FRAME_ACTIONS.get(prefix) or UNDECLARED_ACTIONS[prefix]
        types += [f"{prefix}.{action}" for action in (*actions, "unknown")]
    return types


def hostile_frames(chat_room: int, meeting_room: int, seed: int = 1312) -> list[str]:
    """Every frame type × every hostile value (in a random field), and × every field."""
    rng = random.Random(seed)
    base_values = {"room": chat_room, "client_id": "c1", "body": "hello"}
    out = list(HOSTILE_FRAMES)
    for kind in frame_types():
        room = meeting_room if kind.startswith("meeting.") else chat_room
        combos = [(rng.choice(FIELDS), value) for value in HOSTILE_VALUES]
        combos += [(field, rng.choice(HOSTILE_VALUES)) for field in FIELDS]
        for field, raw in combos:
            base = {"type": kind, **base_values, "room": room}
            base.pop(field, None)
            text = json.dumps(base)
            out.append(f'{text[:-1]}, "{field}": {raw}}}')
    return out


@sync_to_async
def world():
    ensure_reference_data()
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    chat_room = Room.objects.create(project=project, kind="general")
    meeting_room = MeetingRoom.objects.create(project=project, title="Call", created_by=teacher)
    return project, teacher, chat_room, meeting_room


async def drain(communicator, sent: str) -> list[dict]:
    """What came back for one frame; fails if the connection closed or the app crashed."""
    received = []
    while not await communicator.receive_nothing(timeout=0.005, interval=0.001):
        output = await communicator.receive_output()
        assert output["type"] == "websocket.send", f"closed after {sent[:200]!r}: {output}"
        received.append(json.loads(output["text"]))
    return received


def test_the_parser_refuses_each_kind_of_hostile_frame():
    for text in ['{"type": "a.b", "x": NaN}', '{"type": "a.b", "x": 1e400}']:
        with pytest.raises(frames.BadFrame):
            frames.parse(text)
    for text in [
        '{"type": "a.b", "x": "\\u0000"}',
        '{"type": "a.b", "x": ["\\ud800"]}',
        '{"type": "a.b", "x": ' + "[" * 7 + "]" * 7 + "}",
        '{"type": "a.b", "x": ' + "[" * 100000 + "]" * 100000 + "}",
        '{"type": "a.b", "x": 9007199254740993}',
        '{"type": "a.b", "x": "' + "x" * frames.MAX_FRAME_BYTES + '"}',
        '["a.b"]',
        '{"type": "A.b"}',
        b'{"type": "a.b"}',
    ]:
        with pytest.raises(frames.BadFrame):
            frames.parse(text)
    assert frames.parse('{"type": "chat.send", "room": 3, "body": "Grüße 👋"}')["body"] == (
        "Grüße 👋"
    )


@pytest.mark.parametrize("endpoint", ["project", "me"])
@async_test
async def test_hostile_frames_get_an_error_and_the_connection_and_seats_survive(
    endpoint, monkeypatch
):
    monkeypatch.setattr(consumers, "RATE_LIMIT", 10**6)  # the fuzz is not a flood
    project, teacher, chat_room, meeting_room = await world()
    path = f"/ws/projects/{project.pk}/" if endpoint == "project" else "/ws/me/"
    socket, connected, _code = await ws_connect(teacher, path)
    assert connected
    await drain(socket, "connect")
    await socket.send_input({"type": "websocket.receive", "bytes": b"\x00\xff{"})
    while (answer := await socket.receive_json_from(timeout=5))["type"] != "error":
        pass  # unread counts sent at connect
    assert answer["code"] == "bad_frame"
    hostile = hostile_frames(chat_room.pk, meeting_room.pk)
    assert len(hostile) > 400
    errors = 0
    for text in hostile:
        await socket.send_to(text_data=text)
        answers = await drain(socket, text)
        errors += sum(1 for a in answers if a["type"] == "error")
        assert all(a.get("code") != "server_error" for a in answers), text[:200]
    assert errors >= len(HOSTILE_FRAMES)
    # Still alive and still useful: a well-formed frame works as before.
    if endpoint == "project":
        await socket.send_json_to({"type": "meeting.join", "room": meeting_room.pk})
        wanted = "meeting.joined"
    else:
        await socket.send_json_to({"type": "notifications.read"})
        wanted = "error"
    while (answer := await socket.receive_json_from(timeout=5))["type"] != wanted:
        assert answer.get("code") != "server_error"
    await socket.disconnect()
    assert await sync_to_async(Participant.objects.count)() == 0
