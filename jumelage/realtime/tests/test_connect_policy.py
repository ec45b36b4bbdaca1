"""The project WebSocket's access: decided by the registered connect policy, built once per
connection, kept current by revocation events and a periodic re-check (issue 15, R3.4, R10)."""

import ast
import asyncio
from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import connection

from jumelage.chat.models import Room
from jumelage.projects.models import Membership
from jumelage.realtime import consumers, registry
from jumelage.realtime.policies import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from jumelage.realtime.testing import async_test
from jumelage.testing import ws_connect

pytestmark = pytest.mark.django_db(transaction=True)

REALTIME = Path(consumers.__file__).parent
# Until the merge moves must_set_own_password to accounts (the `projects` helper's branch).
ALLOWED_UPWARD: set[str] = set()


def test_realtime_imports_no_domain_app():
    upward = set()
    for path in REALTIME.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "jumelage.projects"
            ):
                upward.add(node.module)
    assert upward <= ALLOWED_UPWARD


@pytest.fixture
def counted_policy(monkeypatch):
    """The registered policy, counting its calls (each is one membership query)."""
    calls = []
    policy = registry.CONNECT_POLICY[0]

    def counting(user, project_id):
        calls.append((user.pk, project_id))
        return policy(user, project_id)

    monkeypatch.setattr(registry, "CONNECT_POLICY", [counting])
    return calls


async def _refused_code(user, project_id):
    socket, connected, code = await ws_connect(user, f"/ws/projects/{project_id}/")
    if connected:
        await socket.disconnect()
    return None if connected else code


@async_test
async def test_the_registered_policy_decides_who_opens_a_project_socket(world):
    p = world.project.pk
    for role in ("admin", "teacher", "guest", "pupil"):
        assert await _refused_code(world.users[role], p) is None, role
    for role in ("outsider_teacher", "outsider_pupil"):
        assert await _refused_code(world.users[role], p) == CLOSE_FORBIDDEN, role
    assert await _refused_code(world.users["anonymous"], p) == CLOSE_UNAUTHENTICATED
    assert await _refused_code(world.users["admin"], 10**9) == CLOSE_FORBIDDEN  # no project


@async_test
async def test_a_policy_that_returns_none_refuses_even_a_member(world, monkeypatch):
    monkeypatch.setattr(registry, "CONNECT_POLICY", [lambda user, project_id: None])
    assert await _refused_code(world.users["admin"], world.project.pk) == CLOSE_FORBIDDEN
    monkeypatch.setattr(registry, "CONNECT_POLICY", [])  # nothing registered: nobody
    assert await _refused_code(world.users["admin"], world.project.pk) == CLOSE_FORBIDDEN


@async_test
async def test_the_access_is_built_once_per_connection_not_per_frame(world, counted_policy):
    room = await database_sync_to_async(Room.objects.create)(
        project=world.project, kind=Room.Kind.GENERAL
    )
    socket, connected, _code = await ws_connect(
        world.users["pupil"], f"/ws/projects/{world.project.pk}/"
    )
    assert connected
    await socket.send_json_to({"type": "chat.join", "room": room.pk})
    for n in range(5):
        frame = {"type": "chat.send", "room": room.pk, "client_id": f"c{n}", "body": "hi"}
        await socket.send_json_to(frame)
        while (await socket.receive_json_from(timeout=5))["type"] != "chat.ack":
            pass
    assert len(counted_policy) == 1
    await socket.disconnect()


def _drop_membership_silently(project, user):
    with connection.cursor() as cursor:  # no signal, no event: as if it had been lost
        cursor.execute(
            f"DELETE FROM {Membership._meta.db_table} WHERE project_id = %s AND user_id = %s",  # noqa: S608 - table name from the model
            [project.pk, user.pk],
        )


@async_test
async def test_a_lost_revocation_is_caught_by_the_periodic_recheck(world, settings, counted_policy):
    """Within the interval the connection goes on its access; after it, the next frame re-checks."""
    settings.REALTIME_RECHECK_SECONDS = 0.5
    settings.REALTIME_HEARTBEAT = 60  # frames alone, here
    room = await database_sync_to_async(Room.objects.create)(
        project=world.project, kind=Room.Kind.GENERAL
    )
    pupil = world.users["pupil"]
    socket, connected, _code = await ws_connect(pupil, f"/ws/projects/{world.project.pk}/")
    assert connected
    await socket.send_json_to({"type": "chat.join", "room": room.pk})
    assert (await socket.receive_json_from(timeout=5))["type"] == "chat.history"
    await database_sync_to_async(_drop_membership_silently)(world.project, pupil)
    await asyncio.sleep(0.6)
    await socket.send_json_to({"type": "chat.typing", "room": room.pk})
    while (output := await socket.receive_output(timeout=5))["type"] != "websocket.close":
        pass
    assert output["code"] == CLOSE_FORBIDDEN
    assert len(counted_policy) == 2  # at connect, and the one re-check


@async_test
async def test_frames_and_events_go_to_the_handler_registered_for_their_prefix(world, monkeypatch):
    seen = []

    async def frames(consumer, action, content):
        seen.append(("frame", action))
        await consumer.send_json({"type": "probe.pong", "role": consumer.access.role})

    async def events(consumer, event):
        seen.append(("event", event["type"]))
        await consumer.send_json({"type": "probe.told", "n": event["n"]})

    monkeypatch.setitem(registry.FRAME_HANDLERS, "probe", frames)
    monkeypatch.setitem(registry.EVENT_HANDLERS, "probe", events)
    socket, connected, _code = await ws_connect(
        world.users["teacher"], f"/ws/projects/{world.project.pk}/"
    )
    assert connected
    await socket.send_json_to({"type": "probe.ping"})
    assert await socket.receive_json_from(timeout=5) == {
        "type": "probe.pong",
        "role": Membership.Role.TEACHER,
    }
    await get_channel_layer().group_send(
        registry.project_group(world.project.pk), {"type": "probe.news", "n": 7}
    )
    assert await socket.receive_json_from(timeout=5) == {"type": "probe.told", "n": 7}
    await socket.send_json_to({"type": "nobody.ping"})
    error = await socket.receive_json_from(timeout=5)
    assert (error["type"], error["code"]) == ("error", "unknown_type")
    assert seen == [("frame", "ping"), ("event", "probe.news")]
    await socket.disconnect()


def _demote_silently(project, user):
    with connection.cursor() as cursor:  # the role-change event never arrived
        cursor.execute(
            f"UPDATE {Membership._meta.db_table} SET role = %s WHERE project_id = %s AND user_id = %s",  # noqa: S608 - table name from the model
            [Membership.Role.GUEST, project.pk, user.pk],
        )


@async_test
async def test_a_role_changed_behind_its_back_makes_the_socket_reconnect_at_the_recheck(
    world, settings
):
    settings.REALTIME_RECHECK_SECONDS = 0.3
    settings.REALTIME_HEARTBEAT = 60
    teacher = world.users["teacher"]
    socket, connected, _code = await ws_connect(teacher, f"/ws/projects/{world.project.pk}/")
    assert connected
    await database_sync_to_async(_demote_silently)(world.project, teacher)
    await asyncio.sleep(0.4)
    await socket.send_json_to({"type": "chat.typing", "room": 1})
    while (output := await socket.receive_output(timeout=5))["type"] != "websocket.close":
        pass
    assert output["code"] == consumers.CLOSE_RECONNECT
