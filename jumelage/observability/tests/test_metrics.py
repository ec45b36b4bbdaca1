"""/metrics: who may read it, and what a scrape shows after a page and a chat message."""

import time
import urllib.request

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.chat.models import Room
from jumelage.mail.models import OutboxMessage
from jumelage.observability import collectors
from jumelage.realtime.testing import ensure_reference_data
from jumelage.realtime.tests.client import open_socket, receive_until, send, session_cookie
from jumelage.testing import make_project, make_staff

from .helpers import value

TOKEN = "t0ken-for-the-scraper"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = []
    return TOKEN


def scrape(client=None, **extra) -> str:
    response = (client or Client()).get("/metrics", **AUTH, **extra)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]
    return response.content.decode()


@pytest.mark.django_db
def test_refused_with_404_without_the_token_or_an_allowed_network(token, settings):
    client = Client()
    assert client.get("/metrics").status_code == 404
    assert client.post("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION=TOKEN).status_code == 404  # no "Bearer"
    assert client.get("/metrics", **AUTH).status_code == 200
    assert client.post("/metrics", **AUTH).status_code == 405

    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404  # no token set


@pytest.mark.django_db
def test_an_allowed_network_is_judged_on_the_client_address_after_the_proxy(settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    client = Client()
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.21.3.4").status_code == 404
    # A client outside the range cannot borrow an address through X-Forwarded-For...
    spoof = {"HTTP_X_FORWARDED_FOR": "10.20.3.4"}
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", **spoof).status_code == 404
    # ...and behind the trusted nginx, what counts is the client nginx saw.
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    via_nginx = {"REMOTE_ADDR": "127.0.0.1"}
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="10.20.3.4", **via_nginx).status_code == 200
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="8.8.8.8", **via_nginx).status_code == 404


@pytest.mark.django_db
def test_a_staff_session_without_second_factor_is_not_sent_to_it(token):
    client = Client()
    client.force_login(make_staff())
    assert client.get(reverse("accounts:profile")).status_code == 302  # the 2FA gate holds
    scrape(client)


@pytest.mark.django_db
def test_requests_are_counted_by_route_name_never_by_path(token):
    client = Client()
    before = scrape(client)
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client.get("/no/such/page/qzxv-unrouted/").status_code == 404
    after = scrape(client)
    name = "jumelage_http_requests_total"
    login = {"view": "accounts:login", "method": "GET", "status": "2xx"}
    assert value(after, name, **login) == value(before, name, **login) + 1
    missing = {"view": "<unresolved>", "status": "4xx"}
    assert value(after, name, **missing) == value(before, name, **missing) + 1
    assert "qzxv" not in after  # a word: a number in the output may hold any digits
    latency = "jumelage_http_request_duration_seconds_count"
    assert (
        value(after, latency, view="accounts:login")
        == value(before, latency, view="accounts:login") + 1
    )


@pytest.mark.django_db
def test_login_failures_and_the_outbox_backlog(token):
    client = Client()
    before = scrape(client)
    client.post(reverse("accounts:login"), {"username": "nobody@example.org", "password": "x"})
    OutboxMessage.objects.create(
        recipients=["a@example.org"], subject="s", body="b", from_email="f@example.org",
        next_attempt_at="2020-01-01T00:00:00Z",
    )  # fmt: skip
    after = scrape(client)
    failures = "jumelage_login_failures_total"
    assert value(after, failures) == value(before, failures) + 1
    assert value(after, "jumelage_outbox_messages", status="pending") == 1
    assert value(after, "jumelage_outbox_oldest_age_seconds", status="pending") >= 0
    assert value(after, "jumelage_scrape_source_up", source="outbox") == 1


@pytest.mark.django_db
def test_a_failing_source_is_reported_and_the_scrape_still_answers(token, monkeypatch):
    def broken():
        raise ConnectionError("redis is down")

    monkeypatch.setattr(collectors, "celery_queue_depths", broken)
    text = scrape()
    assert value(text, "jumelage_scrape_source_up", source="celery") == 0
    assert value(text, "jumelage_scrape_source_up", source="outbox") == 1


def _live_scrape(base_url: str) -> str:
    request = urllib.request.Request(
        f"{base_url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
        return response.read().decode()


def test_a_scrape_shows_a_page_request_and_a_chat_message(token, live_asgi):
    """The issue's acceptance test: the whole platform served, a real browser-like client."""
    ensure_reference_data()
    project = make_project(pupils_need_approval=False)
    teacher = project.memberships.filter(is_founder=True).first().user
    room = Room.objects.create(project=project, kind="general")
    cookie = session_cookie(teacher)
    before = _live_scrape(live_asgi)

    page = urllib.request.Request(
        f"{live_asgi}{reverse('chat:room', kwargs={'project_id': project.pk, 'room_id': room.pk})}",
        headers={"Cookie": cookie},
    )
    with urllib.request.urlopen(page, timeout=10) as response:  # noqa: S310 - loopback
        assert response.status == 200
        assert len(response.headers["X-Request-ID"]) == 32

    with open_socket(live_asgi, f"/ws/projects/{project.pk}/", cookie=cookie) as socket:
        send(socket, {"type": "chat.join", "room": room.pk})
        receive_until(socket, "chat.history")
        send(socket, {"type": "chat.send", "room": room.pk, "client_id": "m1", "body": "Bonjour"})
        assert receive_until(socket, "chat.message")["type"] == "chat.message"
        during = _live_scrape(live_asgi)

    # A scrape reads each metric's file in turn, not a snapshot: one taken while the
    # connection ends can show it closed and still open. Scrape until both have settled.
    deadline = time.monotonic() + 5
    open_now = "jumelage_websockets_open"
    closed = "jumelage_websockets_closed_total"
    while True:
        after = _live_scrape(live_asgi)
        counted = value(after, closed, kind="project") > value(before, closed, kind="project")
        gone = value(after, open_now, kind="project") == value(before, open_now, kind="project")
        if counted and gone:
            break
        assert time.monotonic() < deadline, "the closed connection was never counted as gone"
        time.sleep(0.1)

    requests = "jumelage_http_requests_total"
    room_page = {"view": "chat:room", "method": "GET", "status": "2xx"}
    assert value(after, requests, **room_page) == value(before, requests, **room_page) + 1
    chat = "jumelage_chat_messages_total"
    assert value(after, chat) == value(before, chat) + 1
    opened = "jumelage_websockets_opened_total"
    assert value(after, opened, kind="project") == value(before, opened, kind="project") + 1
    assert value(during, open_now, kind="project") == value(before, open_now, kind="project") + 1
    assert value(after, open_now, kind="project") == value(before, open_now, kind="project")
    assert value(after, closed, kind="project", reason="normal") >= 1


@pytest.mark.services
@pytest.mark.django_db
def test_the_redis_channel_layer_and_celery_queue_depths(token, redis_url):
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer
    from django.core.cache import cache

    from jumelage.realtime.testing import fresh_channel_layers

    fresh_channel_layers()
    layer = get_channel_layer()
    cache.set("observability-probe", "a cache key under the same prefix")
    channel = async_to_sync(layer.new_channel)("observability.")
    before = value(scrape(), "jumelage_channel_layer_messages")
    for n in range(3):
        async_to_sync(layer.send)(channel, {"type": "probe", "n": n})  # nobody reads it
    text = scrape()
    assert value(text, "jumelage_scrape_source_up", source="channel_layer") == 1
    assert value(text, "jumelage_channel_layer_messages") == before + 3
    assert value(text, "jumelage_scrape_source_up", source="celery") == 1
    assert 'jumelage_celery_queue_length{queue="celery"}' in text
