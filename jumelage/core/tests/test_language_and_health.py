"""The language switch never fails on its `next`; liveness answers however busy Django is."""

import http.client
import json
import threading

import pytest
from django.conf import settings
from django.core.signals import request_started
from django.db import connections
from django.urls import reverse

from jumelage.core.health import check_database

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("fr", "/"),  # used to be taken for a URL name: 500
        ("core:dashboard", "/"),
        ("projects/mine/", "/"),
        ("/projects/mine/?page=2", "/projects/mine/?page=2"),
        ("//evil.example/", "/"),
        ("https://evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("/a\r\nSet-Cookie: x=1", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_language_switch_goes_back_only_to_a_path_on_this_site(client, next_url, expected):
    response = client.post(reverse("core:set_language"), {"language": "fr", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_readiness_checks_database_and_channel_layer_and_healthz_is_its_alias(client):
    for url in ("/readyz", "/healthz"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "channel_layer": "ok"}


def test_readiness_reports_a_database_it_cannot_reach(tmp_path):
    """A real connection to a database that is not there: reported, not raised."""
    params = dict(connections["default"].settings_dict)
    if params["ENGINE"].endswith("sqlite3"):
        params["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    else:
        params.update(HOST="127.0.0.1", PORT="1")
    backend = connections["default"].__class__
    broken = backend(params, alias="broken")
    try:
        assert check_database(broken).startswith("error:")
    finally:
        broken.close()


def _get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


@pytest.mark.django_db(transaction=True)
def test_liveness_answers_while_every_page_view_is_stuck(settings, live_asgi):
    """Django is stuck for every request (at request_started); /livez still answers.

    Ten page views and a readiness probe wait in Django; liveness answers from the
    event loop while they cannot finish, and readiness answers once Django moves again.
    """
    settings.ROOT_URLCONF = "jumelage.core.tests.edge_urls"
    port = int(live_asgi.rsplit(":", 1)[1])
    release, entered = threading.Event(), threading.Semaphore(0)

    def stuck_in_django(**kwargs):
        entered.release()
        release.wait(timeout=60)

    results = {}

    def probe(path):
        results[path] = _get(port, path)[0].status

    request_started.connect(stuck_in_django, dispatch_uid="edge-stuck")
    try:
        paths = [f"/?page={n}" for n in range(10)] + ["/readyz"]
        threads = [threading.Thread(target=probe, args=(path,)) for path in paths]
        for thread in threads:
            thread.start()
        for _ in threads:
            assert entered.acquire(timeout=30), "the page views did not reach Django"
        response, body = _get(port, "/livez")
        assert response.status == 200
        assert json.loads(body) == {"status": "ok"}
        assert response.getheader("Cache-Control") == "no-store"
        assert results == {}, "a page view finished while Django was stuck"
    finally:
        request_started.disconnect(dispatch_uid="edge-stuck")
        release.set()
        for thread in threads:
            thread.join(timeout=30)
    assert results["/readyz"] == 200
    assert results["/?page=0"] == 200


@pytest.mark.django_db(transaction=True)
def test_liveness_does_not_go_through_django(settings, live_asgi):
    """Even with every host refused by Django (400 for any page), the process is alive."""
    settings.ALLOWED_HOSTS = ["nothing.invalid"]
    port = int(live_asgi.rsplit(":", 1)[1])
    assert _get(port, "/readyz")[0].status == 400
    assert _get(port, "/livez")[0].status == 200
