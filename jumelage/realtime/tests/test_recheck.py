"""The periodic re-checks of many connections, asked together (realtime/recheck.py, stop 36).

With 1,000 sockets, one re-check per connection (three queries each) came in waves
that kept a server's database thread busy for seconds: copies of chat messages
waited up to a second behind them (docs/live.md).
"""

import asyncio
from datetime import timedelta

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jumelage.projects.models import Membership
from jumelage.realtime import consumers, policies
from jumelage.realtime.policies import CLOSE_FORBIDDEN, CLOSE_UNAUTHENTICATED
from jumelage.realtime.testing import async_test
from jumelage.testing import add_member

from .test_revocation import closed_with, drained, open_socket, signed_in, world

pytestmark = pytest.mark.django_db(transaction=True)


def _scope(user):
    """A WebSocket scope as channels' session middleware leaves it, for a new session."""
    from importlib import import_module

    client = Client()
    client.force_login(user)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"session": import_module(settings.SESSION_ENGINE).SessionStore(key)}


def _entries(world):
    """Connections in every state a re-check must tell apart, and what each must get."""
    users, project = world.users, world.project.pk
    cases = [
        (_scope(users["teacher"]), project, Membership.Role.TEACHER),
        (_scope(users["pupil"]), project, Membership.Role.PUPIL),
        (_scope(users["guest"]), project, Membership.Role.GUEST),
        (_scope(users["teacher"]), None, "personal socket"),
        (_scope(users["outsider_teacher"]), project, CLOSE_FORBIDDEN),
        (_scope(users["admin"]), project, CLOSE_UNAUTHENTICATED),  # password changed below
        (_scope(users["visitor"]), project, CLOSE_UNAUTHENTICATED),  # session flushed below
        (_scope(users["outsider_pupil"]), None, CLOSE_UNAUTHENTICATED),  # deactivated below
        (_scope(users["superuser"]), None, CLOSE_UNAUTHENTICATED),  # session expired below
    ]
    admin = users["admin"]
    admin.set_password("another-Pass-2026!")  # elsewhere: this session's hash is outdated
    admin.save()
    cases[6][0]["session"].delete()
    users["outsider_pupil"].is_active = False
    users["outsider_pupil"].save()
    Session.objects.filter(session_key=cases[8][0]["session"].session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    return cases


def _outcome(answer):
    user, access, code = answer
    if user is None:
        return code
    return access.role if access is not None else "personal socket"


def test_many_connections_are_rechecked_in_four_queries_each_with_its_own_answer(world):
    cases = _entries(world)
    entries = [(scope, project) for scope, project, _expected in cases]
    with CaptureQueriesContext(connection) as few:
        answers = policies.authorise_many(entries)
    assert [_outcome(a) for a in answers] == [expected for _s, _p, expected in cases]
    # Each answer is the one a connection asking alone gets (the single connect policy).
    assert [_outcome(policies.authorise(s, p)) for s, p in entries] == [
        _outcome(a) for a in answers
    ]
    more = entries + [
        (_scope(world.users[name]), world.project.pk)
        for name in ("teacher", "pupil", "guest", "pupil_admin") * 5
    ]
    with CaptureQueriesContext(connection) as many:
        answers = policies.authorise_many(more)
    assert len(many.captured_queries) == len(few.captured_queries) <= 4
    assert [_outcome(a) for a in answers[len(entries) :]] == [
        Membership.Role.TEACHER,
        Membership.Role.PUPIL,
        Membership.Role.GUEST,
        Membership.Role.PUPIL,
    ] * 5


def test_a_pupil_still_on_the_card_password_is_refused_at_the_recheck(world):
    pupil = world.users["pupil"]
    entries = [(_scope(pupil), world.project.pk), (_scope(world.users["teacher"]), None)]
    pupil.must_change_password = True
    pupil.save()
    answers = policies.authorise_many(entries)
    assert [_outcome(a) for a in answers] == [CLOSE_FORBIDDEN, "personal socket"]


@async_test
async def test_sockets_due_together_are_rechecked_in_one_batch_and_only_the_revoked_one_closes(
    settings, monkeypatch
):
    settings.REALTIME_HEARTBEAT = 0.3
    settings.REALTIME_RECHECK_SECONDS = 1.0
    monkeypatch.setattr(consumers.random, "uniform", lambda low, high: high)  # no spread
    batches = []
    authorise_many = policies.authorise_many

    def recording(entries):
        batches.append(len(entries))
        return authorise_many(entries)

    monkeypatch.setattr(policies, "authorise_many", recording)
    w = await world()
    members = [w["victim"]] + [
        await sync_to_async(add_member)(w["project"], role=Membership.Role.PUPIL) for _ in range(5)
    ]
    clients = [await signed_in(member) for member in members]
    path = f"/ws/projects/{w['project'].pk}/"
    sockets = await asyncio.gather(*(open_socket(client, path) for client in clients))
    await sync_to_async(Membership.objects.filter(project=w["project"], user=w["victim"]).delete)()
    # The event closes it at once; the re-check would have too (tested below).
    assert (await closed_with(sockets[0]))[0] == CLOSE_FORBIDDEN
    asked_alone = len(batches)
    await asyncio.sleep(2.5)  # two re-checks of every other socket, at least
    rechecks = batches[asked_alone:]
    assert max(rechecks) > 1, batches
    assert sum(rechecks) >= 2 * (len(members) - 1), batches
    for socket in sockets[1:]:
        assert await socket.receive_nothing(timeout=0.1)  # still open: nothing was refused
        await socket.disconnect()


def _drop_silently(project, user):
    with connection.cursor() as cursor:  # the removal's event never arrived
        cursor.execute(
            f"DELETE FROM {Membership._meta.db_table} WHERE project_id = %s AND user_id = %s",  # noqa: S608 - table name from the model
            [project.pk, user.pk],
        )


@async_test
async def test_a_lost_revocation_is_caught_by_a_batched_recheck_without_any_frame(settings):
    settings.REALTIME_HEARTBEAT = 0.1
    settings.REALTIME_RECHECK_SECONDS = 0.3
    w = await world()
    others = [
        await sync_to_async(add_member)(w["project"], role=Membership.Role.PUPIL) for _ in range(3)
    ]
    sockets = []
    for member in [w["victim"], *others]:
        client = await signed_in(member)
        sockets.append(await drained(await open_socket(client, f"/ws/projects/{w['project'].pk}/")))
    await sync_to_async(_drop_silently)(w["project"], w["victim"])
    assert (await closed_with(sockets[0]))[0] == CLOSE_FORBIDDEN
    for socket in sockets[1:]:
        assert await socket.receive_nothing(timeout=0.5)
        await socket.disconnect()
