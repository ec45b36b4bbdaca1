"""The health pool answers /healthz and /readyz before Django's middleware (jumelage.wsgi),
with the same checks and the same JSON as the view; the page workers keep the full path."""

import json

import pytest

from jumelage import wsgi

pytestmark = pytest.mark.django_db(transaction=True)


def _call(path, method="GET"):
    seen = {}

    def start_response(status, headers):
        seen["status"], seen["headers"] = status, dict(headers)

    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": __import__("io").BytesIO(),
        "wsgi.errors": __import__("sys").stderr,
    }
    body = b"".join(wsgi.application(environ, start_response))
    return seen, body


def test_the_health_pool_answers_readiness_without_the_middleware(monkeypatch, client):
    monkeypatch.setattr(wsgi, "HEALTH_POOL", True)
    for path in ("/healthz", "/readyz"):
        seen, body = _call(path)
        assert seen["status"] == "200 OK"
        assert json.loads(body) == client.get(path).json()
        assert seen["headers"]["Cache-Control"] == "no-store"
        # No session, no CSRF, no language cookie: nothing of the page stack ran.
        assert "Set-Cookie" not in seen["headers"] and "Vary" not in seen["headers"]
    assert _call("/healthz", "HEAD")[1] == b""


@pytest.mark.services  # PostgreSQL: closing SQLite's in-memory database would lose it
def test_a_lost_database_connection_is_reopened_at_the_next_probe():
    from django.db import connection

    from jumelage.core.health import readiness_fast

    if connection.vendor == "sqlite":
        pytest.skip("PostgreSQL only (the second pass)")
    assert readiness_fast()[0]
    connection.ensure_connection()
    connection.connection.close()  # as when PostgreSQL restarts under the pool
    ok, checks = readiness_fast()
    assert ok and checks["database"] == "ok"


def test_page_workers_keep_the_full_django_path(monkeypatch):
    monkeypatch.setattr(wsgi, "HEALTH_POOL", False)
    seen, body = _call("/healthz")
    assert seen["status"] == "200 OK" and "Vary" in seen["headers"]
