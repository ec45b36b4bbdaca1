"""Sentry: reports reach the DSN's server with no personal data; no DSN, no SDK at all.

The platform runs in a subprocess (the SDK patches Django and Celery process-wide)
and reports to a real HTTP server on loopback that keeps the envelopes it receives.
"""

import gzip
import json
import os
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
NGINX_ID = "0123456789abcdef0123456789abcdef"

PLATFORM = """
import sys
import django
django.setup()
from django.test import Client
from django.test.utils import override_settings
with override_settings(
    ROOT_URLCONF="jumelage.observability.tests.probe", BEHIND_PROXY=True,
    TRUSTED_PROXIES=["127.0.0.1"],
):
    response = Client(raise_request_exception=False).get(
        "/_probe/boom", HTTP_X_REQUEST_ID="NGINX_ID", REMOTE_ADDR="127.0.0.1",
        HTTP_COOKIE="theme=private-cookie", HTTP_AUTHORIZATION="Bearer private-token", HTTP_X_FORWARDED_FOR="198.51.100.23",
    )
assert response.status_code == 500, response.status_code
if "sentry_sdk" in sys.modules:
    import sentry_sdk
    sentry_sdk.flush(timeout=10)
print("SDK" if "sentry_sdk" in sys.modules else "NO-SDK")
""".replace("NGINX_ID", NGINX_ID)


class _Collector(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.server.received.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _run(tmp_path, **env) -> str:
    full = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "jumelage.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "REDIS_URL": "",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", PLATFORM], env=full, cwd=ROOT, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip().splitlines()[-1]


def _events(received) -> list[dict]:
    events = []
    for path, body in received:
        assert path.startswith("/api/42/envelope/")
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                events.append(json.loads(payload))
    return events


def test_an_error_is_reported_with_the_request_id_and_no_personal_data(tmp_path, sentry_server):
    port = sentry_server.server_address[1]
    dsn = f"http://publickey@127.0.0.1:{port}/42"
    assert (
        _run(tmp_path, SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="test", SENTRY_RELEASE="1.2.3") == "SDK"
    )
    events = _events(sentry_server.received)
    # The exception, and Django's "Internal Server Error" log line (logging integration).
    assert events, sentry_server.received
    crash = next(e for e in events if "exception" in e)
    assert crash["exception"]["values"][-1]["value"] == "probe failure"
    for event in events:
        assert event["environment"] == "test" and event["release"] == "1.2.3"
        assert event["tags"]["request_id"] == NGINX_ID
        raw = json.dumps(event)
        assert "private-cookie" not in raw and "private-token" not in raw  # no cookies, credentials
        assert "198.51.100.23" not in raw  # no client address
        assert "ip_address" not in event.get("user", {})
    frames = crash["exception"]["values"][-1]["stacktrace"]["frames"]
    assert not any(frame.get("vars") for frame in frames)  # no local variables


def test_without_a_dsn_the_sdk_is_not_even_imported(tmp_path, sentry_server):
    assert _run(tmp_path, SENTRY_DSN="") == "NO-SDK"
    assert sentry_server.received == []
