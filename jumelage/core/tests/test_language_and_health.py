"""The language switch never fails on its `next`; liveness answers however busy Django is."""

import http.client
import json
import threading

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse

from jumelage.core.health import check_database
from jumelage.core.tests import edge_urls

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
    """Ten page views hold their worker threads; /livez still answers from the event loop."""
    settings.ROOT_URLCONF = "jumelage.core.tests.edge_urls"
    port = int(live_asgi.rsplit(":", 1)[1])
    edge_urls.RELEASE.clear()
    stuck = [threading.Thread(target=_get, args=(port, "/_edge/slow")) for _ in range(10)]
    for thread in stuck:
        thread.start()
    try:
        for _ in stuck:
            assert edge_urls.ENTERED.acquire(timeout=30), "the slow views did not start"
        response, body = _get(port, "/livez")
        assert response.status == 200
        assert json.loads(body) == {"status": "ok"}
        assert response.getheader("Cache-Control") == "no-store"
    finally:
        edge_urls.RELEASE.set()
        for thread in stuck:
            thread.join(timeout=30)
    response, _ = _get(port, "/readyz")
    assert response.status == 200


@pytest.mark.django_db(transaction=True)
def test_liveness_does_not_go_through_django(settings, live_asgi):
    """Even with every host refused by Django (400 for any page), the process is alive."""
    settings.ALLOWED_HOSTS = ["nothing.invalid"]
    port = int(live_asgi.rsplit(":", 1)[1])
    assert _get(port, "/readyz")[0].status == 400
    assert _get(port, "/livez")[0].status == 200
