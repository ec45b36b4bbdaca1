"""The client address and scheme come from forwarded headers only through a trusted proxy.

The nginx test runs deploy/nginx.conf itself (certificates and ports replaced) in
front of the live ASGI server, so the documented proxy setup is the tested one.
Loopback has a whole /8: the "real client" connects from 127.0.0.5 and the
direct attacker from 127.0.0.3, while nginx reaches the application from 127.0.0.1.
"""

import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from conftest import _free_port, _missing

NGINX_CONF = Path(__file__).resolve().parents[3] / "deploy" / "nginx.conf"
SPOOF = {"X-Forwarded-For": "6.6.6.6", "X-Forwarded-Proto": "https"}


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ROOT_URLCONF = "jumelage.core.tests.edge_urls"
    return settings


def _nginx_binary() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )
    if not found:
        _missing("nginx (apt-get install nginx-light)")
    return found


def _wait_for_port(port: int, proc, log: Path):
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"nginx exited: {log.read_text() if log.exists() else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("nginx did not start")


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 (openssl): cert.pem, key.pem in `folder`."""
    if not shutil.which("openssl"):
        _missing("openssl (for a throwaway certificate)")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def nginx(live_asgi, tmp_path):
    """deploy/nginx.conf, unchanged but for ports and a throwaway certificate."""
    binary = _nginx_binary()
    app_port = int(live_asgi.rsplit(":", 1)[1])
    https_port, http_port = _free_port(), _free_port()
    cert, key = self_signed(tmp_path)
    site = NGINX_CONF.read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{app_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "/etc/letsencrypt/live/jumelage.example.org/fullchain.pem": str(cert),
        "/etc/letsencrypt/live/jumelage.example.org/privkey.pem": str(key),
    }
    for old, new in replacements.items():
        assert old in site, f"deploy/nginx.conf no longer has {old!r}"
        site = site.replace(old, new)
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)
    (tmp_path / "jumelage.conf").write_text(site)
    for sub in ("body", "proxy"):
        (tmp_path / sub).mkdir()
    log = tmp_path / "error.log"
    (tmp_path / "nginx.conf").write_text(
        f"daemon off; master_process off; worker_processes 1;\n"
        f"pid {tmp_path}/nginx.pid; error_log {log} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body;\n"
        f"  proxy_temp_path {tmp_path}/proxy; include {tmp_path}/jumelage.conf; }}\n"
    )
    proc = subprocess.Popen(
        [binary, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", str(log)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for_port(https_port, proc, log)
        yield {"https": https_port, "http": http_port, "app": app_port}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _get(conn, path, headers=None):
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def _whoami(conn, headers=None):
    response, body = _get(conn, "/_edge/whoami", headers)
    assert response.status == 200, body[:500]
    return json.loads(body)


def _tls():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


@pytest.mark.django_db(transaction=True)
def test_through_the_documented_nginx_the_app_sees_the_real_client_not_the_spoof(
    behind_proxy, nginx
):
    conn = http.client.HTTPSConnection(
        "127.0.0.1", nginx["https"], source_address=("127.0.0.5", 0), context=_tls()
    )
    seen = _whoami(conn, {"X-Forwarded-For": "6.6.6.6", "X-Forwarded-Proto": "http"})
    assert seen["remote_addr"] == "127.0.0.5"
    assert seen["scheme"] == "https"

    # Plain HTTP is sent to HTTPS.
    plain = http.client.HTTPConnection("127.0.0.1", nginx["http"])
    response, _ = _get(plain, "/")
    assert response.status == 301
    assert response.getheader("Location").startswith("https://")


@pytest.mark.django_db(transaction=True)
def test_websockets_pass_through_the_documented_nginx(behind_proxy, nginx):
    raw = socket.create_connection(("127.0.0.1", nginx["https"]), source_address=("127.0.0.5", 0))
    with _tls().wrap_socket(raw, server_hostname="127.0.0.1") as sock:
        sock.sendall(
            b"GET /ws/me/ HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            b"Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: https://127.0.0.1\r\n\r\n"
        )
        status_line = sock.recv(200).split(b"\r\n", 1)[0]
    assert b" 101 " in status_line


@pytest.mark.django_db(transaction=True)
def test_a_direct_client_cannot_spoof_its_address_or_https(behind_proxy, live_asgi):
    """Forwarded headers from a peer that is not a trusted proxy are dropped."""
    port = int(live_asgi.rsplit(":", 1)[1])
    conn = http.client.HTTPConnection("127.0.0.1", port, source_address=("127.0.0.3", 0))
    seen = _whoami(conn, SPOOF)
    assert seen == {"remote_addr": "127.0.0.3", "scheme": "http", "forwarded_for": None}


@pytest.mark.django_db(transaction=True)
def test_without_behind_proxy_even_loopback_cannot_spoof(settings, live_asgi):
    settings.ROOT_URLCONF = "jumelage.core.tests.edge_urls"
    port = int(live_asgi.rsplit(":", 1)[1])
    seen = _whoami(http.client.HTTPConnection("127.0.0.1", port), SPOOF)
    assert seen == {"remote_addr": "127.0.0.1", "scheme": "http", "forwarded_for": None}


@pytest.mark.parametrize(
    ("peer", "forwarded_for", "expected"),
    [
        # Only the rightmost hop not in TRUSTED_PROXIES counts: what a client
        # wrote to the left of it is ignored.
        ("10.0.0.2", "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        ("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        ("10.0.0.2", "2001:db8::5", "2001:db8::5"),
        # Garbage from a client: keep the proxy's address rather than guess.
        ("10.0.0.2", "6.6.6.6, not-an-ip", "10.0.0.2"),
        # The peer is not a proxy: headers ignored.
        ("198.51.100.4", "6.6.6.6", "198.51.100.4"),
    ],
)
def test_client_address_is_the_rightmost_untrusted_hop(rf, settings, peer, forwarded_for, expected):
    from jumelage.core.middleware import TrustedProxyMiddleware

    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "127.0.0.1"]
    request = rf.get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded_for)
    TrustedProxyMiddleware(lambda r: None)(request)
    assert request.META["REMOTE_ADDR"] == expected


def test_login_throttling_reads_the_address_the_middleware_settled(rf, settings):
    """axes (login throttling) asks REMOTE_ADDR only, never a header a client wrote."""
    from axes.helpers import get_client_ip_address

    from jumelage.core.middleware import TrustedProxyMiddleware

    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    for peer, expected in (("198.51.100.9", "198.51.100.9"), ("10.0.0.2", "203.0.113.7")):
        for n in range(3):
            request = rf.post(
                "/accounts/login/",
                REMOTE_ADDR=peer,
                HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.7",
                HTTP_X_REAL_IP=f"7.7.7.{n}",
                HTTP_CLIENT_IP=f"8.8.8.{n}",
            )
            TrustedProxyMiddleware(lambda r: None)(request)
            assert get_client_ip_address(request, use_ipware=True) == expected
            assert get_client_ip_address(request, use_ipware=False) == expected


def test_websocket_scopes_follow_the_same_rule(settings):
    from jumelage.core.middleware import scope_client_and_scheme

    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    headers = [(b"x-forwarded-for", b"6.6.6.6, 203.0.113.7"), (b"x-forwarded-proto", b"https")]
    proxied = {"type": "websocket", "scheme": "ws", "client": ("127.0.0.1", 5), "headers": headers}
    assert scope_client_and_scheme(proxied) == ("203.0.113.7", "wss")
    direct = {**proxied, "client": ("198.51.100.4", 5)}
    assert scope_client_and_scheme(direct) == ("198.51.100.4", "ws")
    settings.BEHIND_PROXY = False
    assert scope_client_and_scheme(proxied) == ("127.0.0.1", "ws")
