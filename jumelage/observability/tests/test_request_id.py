"""The request id: from the trusted nginx only, echoed, in every log line and in tasks."""

import json
import re
import time

import pytest
from django.test import Client

from . import probe

NGINX_ID = "0123456789abcdef0123456789abcdef"  # what nginx's $request_id looks like
FRESH = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def behind_nginx(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.ROOT_URLCONF = "jumelage.observability.tests.probe"
    return settings


@pytest.fixture
def records():
    handler = probe.capture()
    yield handler
    probe.release(handler)


def _id(response) -> str:
    return response["X-Request-ID"]


@pytest.mark.django_db
def test_the_id_from_the_trusted_proxy_is_kept_and_echoed(behind_nginx):
    response = Client().get("/_probe/logs", HTTP_X_REQUEST_ID=NGINX_ID, REMOTE_ADDR="127.0.0.1")
    assert _id(response) == NGINX_ID
    assert response.json()["request_id"] == NGINX_ID


@pytest.mark.django_db
def test_an_id_written_by_anyone_else_is_replaced(behind_nginx):
    client = Client()
    forged = client.get("/_probe/logs", HTTP_X_REQUEST_ID=NGINX_ID, REMOTE_ADDR="203.0.113.7")
    assert _id(forged) != NGINX_ID and FRESH.fullmatch(_id(forged))
    # Even through the proxy, a value that is not an id (a log injection) is replaced.
    odd = client.get(
        "/_probe/logs", HTTP_X_REQUEST_ID='x" \n{"level": "CRITICAL"}', REMOTE_ADDR="127.0.0.1"
    )
    assert FRESH.fullmatch(_id(odd))
    # Without BEHIND_PROXY no peer is a proxy.
    behind_nginx.BEHIND_PROXY = False
    direct = client.get("/_probe/logs", HTTP_X_REQUEST_ID=NGINX_ID, REMOTE_ADDR="127.0.0.1")
    assert FRESH.fullmatch(_id(direct)) and _id(direct) != NGINX_ID
    # Without any header, each request gets its own.
    assert _id(client.get("/_probe/logs")) != _id(client.get("/_probe/logs"))


@pytest.mark.django_db
def test_a_json_log_line_carries_the_request_id(behind_nginx, records):
    response = Client().get("/_probe/logs", HTTP_X_REQUEST_ID=NGINX_ID, REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    line = json.loads(records.lines[-1])
    assert line["request_id"] == NGINX_ID
    assert line["message"] == "view ran"
    assert line["level"] == "WARNING"
    assert line["logger"] == probe.log.name
    assert line["time"].endswith("+00:00")  # ISO 8601, UTC


@pytest.mark.django_db
def test_the_access_line_names_the_route_not_the_path(behind_nginx):
    handler = probe.capture("jumelage.access")
    try:
        Client().get("/_probe/logs", HTTP_X_REQUEST_ID=NGINX_ID, REMOTE_ADDR="127.0.0.1")
        Client().get("/accounts/login/?next=/secret-token-in-query/")
    finally:
        probe.release(handler, "jumelage.access")
    first, second = (json.loads(line) for line in handler.lines[-2:])
    assert first["request_id"] == NGINX_ID and first["status"] == 200
    assert second["view"] == "accounts:login"
    assert "secret-token" not in handler.lines[-1]


@pytest.mark.django_db
def test_an_eager_task_logs_with_the_request_id_of_its_request(behind_nginx, records):
    Client().get(
        "/_probe/enqueue?marker=eager", HTTP_X_REQUEST_ID=NGINX_ID, REMOTE_ADDR="127.0.0.1"
    )
    line = json.loads(records.lines[-1])
    assert line["message"] == "task ran eager"
    assert line["request_id"] == NGINX_ID


@pytest.mark.services
def test_a_task_in_a_real_worker_logs_with_the_request_id(behind_nginx, celery_worker_real):
    handler = probe.capture()  # after the worker set up logging (settings.LOGGING)
    try:
        response = Client().get(
            "/_probe/enqueue?marker=worker", HTTP_X_REQUEST_ID=NGINX_ID, REMOTE_ADDR="127.0.0.1"
        )
        assert response.status_code == 200
        deadline = time.monotonic() + 15
        while not any('"task ran worker"' in line for line in handler.lines):
            assert time.monotonic() < deadline, "the worker never ran the task"
            time.sleep(0.05)
    finally:
        probe.release(handler)
    line = next(json.loads(x) for x in handler.lines if '"task ran worker"' in x)
    assert line["request_id"] == NGINX_ID
