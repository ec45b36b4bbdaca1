"""Notifications: per-kind choices, the list, mark as read, the live badge, the digest."""

from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jumelage.mail.models import OutboxMessage
from jumelage.notifications import services
from jumelage.notifications.models import Notification, Preference
from jumelage.notifications.tasks import send_daily_digests
from jumelage.realtime.routing import websocket_urlpatterns
from jumelage.realtime.testing import CONNECT_TIMEOUT, async_test, ensure_reference_data
from jumelage.testing import make_teacher

TEMPLATE = "notifications/email/digest"  # any existing template pair will do


@pytest.mark.django_db
def test_important_kinds_are_emailed_by_default_and_activity_is_not():
    user = make_teacher("FR")
    services.notify(user, "invitation", "You are invited", "/x/", email_template=TEMPLATE)
    services.notify(user, "activity", "New page", "/y/", email_template=TEMPLATE)
    assert len(mail.outbox) == 1
    assert services.unread_count(user) == 2


@pytest.mark.django_db
def test_the_user_turns_email_off_and_the_in_app_notice_off_per_kind(client):
    user = make_teacher("FR")
    client.force_login(user)
    # Keep the in-app notice for invitations but no email; nothing for activity.
    response = client.post(reverse("notifications:preferences"), {"invitation-in_app": "on"})
    assert response.status_code == 302
    services.notify(user, "invitation", "You are invited", "/x/", email_template=TEMPLATE)
    services.notify(user, "activity", "New page", "/y/", email_template=TEMPLATE)
    assert not mail.outbox and not OutboxMessage.objects.exists()
    assert services.unread_count(user) == 1
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="invitation-in_app" checked' in page
    assert 'name="invitation-email" checked' not in page


@pytest.mark.django_db
def test_list_mark_one_and_mark_all_read(client):
    user = make_teacher("FR")
    first = services.notify(user, "mention", "Mentioned in the forum", "/projects/1/")
    services.notify(user, "activity", "Something else")
    client.force_login(user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Mentioned in the forum" in page and "Something else" in page
    response = client.post(reverse("notifications:read", args=[first.pk]), {"open": ""})
    assert response.status_code == 302 and response.url == "/projects/1/"
    assert services.unread_count(user) == 1
    client.post(reverse("notifications:read_all"))
    assert services.unread_count(user) == 0


@pytest.mark.django_db
def test_an_offsite_url_is_never_followed(client):
    user = make_teacher("FR")
    n = services.notify(user, "mention", "x", "https://evil.example/")
    client.force_login(user)
    response = client.post(reverse("notifications:read", args=[n.pk]), {"open": ""})
    assert response.url == reverse("notifications:list")


@pytest.mark.django_db
def test_outsiders_are_refused(client):
    owner = make_teacher("FR")
    n = services.notify(owner, "mention", "private title")
    urls = [
        ("get", reverse("notifications:list")),
        ("post", reverse("notifications:read", args=[n.pk])),
        ("post", reverse("notifications:read_all")),
        ("get", reverse("notifications:preferences")),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    client.force_login(make_teacher("DE"))
    assert client.post(reverse("notifications:read", args=[n.pk])).status_code == 404
    assert "private title" not in client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:read_all"))
    assert services.unread_count(owner) == 1
    assert client.get(reverse("notifications:read_all")).status_code == 405
    assert client.post(reverse("notifications:read", args=[999999])).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 10])
def test_list_queries_do_not_grow(client, count, django_assert_num_queries):
    user = make_teacher("FR")
    for i in range(count):
        services.notify(user, "activity", f"n{i}")
    client.force_login(user)
    client.get(reverse("notifications:list"))
    with django_assert_num_queries(4):  # session, user, count, page
        client.get(reverse("notifications:list"))


@pytest.mark.django_db
def test_the_daily_digest_sends_one_email_once_for_the_chosen_kinds():
    user = make_teacher("FR")
    Preference.objects.create(user=user, kind="activity", in_app=True, email=False, digest=True)
    services.notify(user, "activity", "Page one edited")
    services.notify(user, "activity", "Page two edited")
    services.notify(user, "training", "Not in the digest")
    old = services.notify(user, "activity", "Too old")
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    send_daily_digests.delay()  # through Celery (eager here)
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Page one edited" in body and "Page two edited" in body
    assert "Not in the digest" not in body and "Too old" not in body
    send_daily_digests.delay()
    assert len(mail.outbox) == 1


def test_the_beat_schedule_has_the_digest():
    from jumelage.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "jumelage.notifications.tasks.send_daily_digests" in tasks


@pytest.mark.django_db(transaction=True)
@async_test
async def test_the_badge_gets_the_count_on_connect_and_live_updates():
    await database_sync_to_async(ensure_reference_data)()
    user = await database_sync_to_async(make_teacher)("FR")
    other = await database_sync_to_async(make_teacher)("DE")
    await database_sync_to_async(services.notify)(user, "mention", "first")
    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), "/ws/me/")
    communicator.scope["user"] = user
    connected, _ = await communicator.connect(timeout=CONNECT_TIMEOUT)
    assert connected
    frames = [await communicator.receive_json_from() for _ in range(2)]
    assert {"type": "notifications.unread", "count": 1} in frames
    await database_sync_to_async(services.notify)(other, "mention", "not for you")
    await database_sync_to_async(services.notify)(user, "mention", "second")
    assert await communicator.receive_json_from() == {"type": "notifications.unread", "count": 2}
    await database_sync_to_async(services.mark_read)(user)
    assert await communicator.receive_json_from() == {"type": "notifications.unread", "count": 0}
    await communicator.disconnect()


@pytest.mark.django_db(transaction=True)
@async_test
async def test_anonymous_cannot_open_the_personal_socket():
    from django.contrib.auth.models import AnonymousUser

    communicator = WebsocketCommunicator(URLRouter(websocket_urlpatterns), "/ws/me/")
    communicator.scope["user"] = AnonymousUser()
    await communicator.connect(timeout=CONNECT_TIMEOUT)
    closing = await communicator.receive_output(timeout=3)
    assert (closing["type"], closing["code"]) == ("websocket.close", 4401)


@pytest.mark.django_db
def test_a_broken_channel_layer_never_breaks_the_action(
    settings, django_capture_on_commit_callbacks
):
    """Live events are published after commit; if the layer is down the notice still exists."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "jumelage.realtime.redis_layer.BatchedRedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},  # nothing listens there
        }
    }
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    try:
        user = make_teacher("FR")
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            services.notify(user, "mention", "still saved")
        assert callbacks  # the live push ran, and failed quietly
        assert Notification.objects.filter(user=user, title="still saved").exists()
    finally:
        channel_layers.backends.clear()


@pytest.mark.django_db
def test_many_users_are_told_in_as_many_queries_as_one_by_their_own_choices(
    django_assert_num_queries,
):
    quiet, emailed, plain = make_teacher("FR"), make_teacher("DE"), make_teacher("IT")
    Preference.objects.create(user=quiet, kind="mention", in_app=False, email=False)
    Preference.objects.create(user=emailed, kind="mention", in_app=True, email=True)
    Preference.objects.create(user=plain, kind="mention", in_app=True, email=False)
    others = [make_teacher("ES") for _ in range(20)]
    alone = make_teacher("PT")
    with CaptureQueriesContext(connection) as one:
        services.notify_many([alone], "activity", str, "/x/")
    with django_assert_num_queries(len(one)):
        services.notify_many([quiet, emailed, plain, *others], "activity", str, "/x/")
    made = services.notify_many(
        [quiet, emailed, plain, *others],
        "mention",
        lambda user: f"Hello {user.pk}",
        "/y/",
        email_template=TEMPLATE,
    )
    assert [n.user_id for n in made] == [u.pk for u in [quiet, emailed, plain, *others]]
    assert Notification.objects.get(user=emailed, kind="mention").title == f"Hello {emailed.pk}"
    assert Notification.objects.get(user=quiet, kind="mention").read_at is not None
    assert services.unread_count(emailed) == services.unread_count(plain) == 2
    # Mentions are emailed by default: the twenty who chose nothing, and the one who chose it.
    assert len(mail.outbox) == 21
