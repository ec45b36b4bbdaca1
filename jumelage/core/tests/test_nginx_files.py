"""deploy/'s nginx, rendered by deploy/prod.py with TLS, in front of the live application:
HTTPS with HSTS, plain HTTP redirected, and a file the view allowed sent by nginx itself
(X-Accel-Redirect to the internal /media/ location), never reachable without the view."""

import http.client
import importlib.util
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from conftest import _free_port
from jumelage.core.tests.test_proxy import _nginx_binary, self_signed

pytestmark = pytest.mark.django_db(transaction=True)

DEPLOY = Path(__file__).resolve().parents[3] / "deploy"


def _prod():
    spec = importlib.util.spec_from_file_location("deploy_prod", DEPLOY / "prod.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tls_nginx(live_asgi, settings, tmp_path):
    """nginx from deploy/'s templates, TLS on, every upstream the live server."""
    binary = _nginx_binary()
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.MEDIA_ACCEL_REDIRECT = "/media/"
    prod = _prod()
    cert, key = self_signed(tmp_path)
    app = live_asgi.split("//", 1)[1]
    https_port, http_port = _free_port(), _free_port()
    tls = {
        "cert": cert,
        "key": key,
        "redirect_listen": f"127.0.0.1:{http_port}",
        "https_port": https_port,
        "hsts": prod.hsts_value({}),
    }
    site = prod.render_site(
        listen=f"127.0.0.1:{https_port}",
        wsgi=[app],
        asgi=[app],
        health=[app],
        static_root=settings.STATIC_ROOT,
        media_root=settings.MEDIA_ROOT,
        tls=tls,
    )
    prefix = tmp_path / "nginx"
    conf = prod.write_nginx(prefix, [site], workers="1")
    log = tmp_path / "nginx.log"
    with log.open("w") as err:
        proc = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf)], stderr=err)
    try:
        deadline = time.monotonic() + 15
        while socket.socket().connect_ex(("127.0.0.1", https_port)) != 0:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {log.read_text()}")
            time.sleep(0.05)
        yield {"https": https_port, "http": http_port}
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _tls():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def _get(port, path, cookie=None, tls=True):
    conn = (
        http.client.HTTPSConnection("127.0.0.1", port, context=_tls(), timeout=20)
        if tls
        else http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    )
    headers = {"Host": f"127.0.0.1:{port}"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def _session(client, user) -> str:
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_https_sends_hsts_and_plain_http_is_redirected(tls_nginx):
    response, _ = _get(tls_nginx["https"], "/livez")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    response, _ = _get(tls_nginx["http"], "/accounts/login/?next=/x", tls=False)
    assert response.status == 301
    assert response.getheader("Location") == (
        f"https://127.0.0.1:{tls_nginx['https']}/accounts/login/?next=/x"
    )


def test_nginx_sends_the_file_the_view_allowed_and_nothing_else(tls_nginx, client, world):
    from jumelage.materials import services
    from jumelage.materials.tests import samples

    upload = samples.pdf("Our towns — worksheet.pdf")
    item = services.store_upload(world.project, world.users["admin"], upload, None)
    from django.urls import reverse

    path = reverse("materials:download", args=[world.project.pk, item.pk])
    stored = Path(item.file.path).read_bytes()

    member = _session(client, world.users["pupil"])
    response, body = _get(tls_nginx["https"], path, cookie=member)
    assert response.status == 200, body[:300]
    assert body == stored
    # nginx sent it: the application's instruction is not passed on to the browser,
    # the view's headers are, and the internal location adds the sandbox and HSTS.
    assert response.getheader("X-Accel-Redirect") is None
    assert response.getheader("Content-Type") == "application/pdf"
    assert response.getheader("Content-Disposition").startswith("attachment;")
    assert "worksheet.pdf" in response.getheader("Content-Disposition")
    assert response.getheader("Content-Security-Policy") == "default-src 'none'; sandbox"
    assert response.getheader("Strict-Transport-Security")
    # A byte range (a video scrubbed, a download resumed) is nginx's work now.
    conn = http.client.HTTPSConnection("127.0.0.1", tls_nginx["https"], context=_tls())
    conn.request("GET", path, headers={"Cookie": f"sessionid={member}", "Range": "bytes=0-3"})
    ranged = conn.getresponse()
    assert ranged.status == 206 and ranged.read() == stored[:4]
    conn.close()

    # Someone of another project: the view refuses, nginx sends nothing.
    outsider = _session(client, world.users["outsider_teacher"])
    response, body = _get(tls_nginx["https"], path, cookie=outsider)
    assert response.status == 404 and stored not in body
    # The stored name asked for directly: internal, so 404 for everyone.
    response, body = _get(tls_nginx["https"], "/media/" + item.file.name, cookie=member)
    assert response.status == 404 and stored not in body


def test_names_nginx_could_misread_are_streamed_by_django(settings, tmp_path):
    from django.core.files.storage import FileSystemStorage

    from jumelage.core import files

    settings.MEDIA_ACCEL_REDIRECT = "/media/"
    storage = FileSystemStorage(location=tmp_path)
    storage.save("materials/a b?.pdf", __import__("io").BytesIO(b"%PDF"))
    storage.save("materials/plain.pdf", __import__("io").BytesIO(b"%PDF"))

    class Field:
        def __init__(self, name):
            self.name, self.storage = name, storage

        def __bool__(self):
            return True

        def open(self, mode):
            return self.storage.open(self.name, mode)

    plain = files.send_file(Field("materials/plain.pdf"), filename="x.pdf",
                            content_type="application/pdf", inline=False)  # fmt: skip
    assert plain["X-Accel-Redirect"] == "/media/materials/plain.pdf" and plain.content == b""
    odd = files.send_file(Field("materials/a b?.pdf"), filename="x.pdf",
                          content_type="application/pdf", inline=False)  # fmt: skip
    assert "X-Accel-Redirect" not in odd and b"".join(odd.streaming_content) == b"%PDF"
    settings.MEDIA_ACCEL_REDIRECT = ""
    assert "X-Accel-Redirect" not in files.send_file(
        Field("materials/plain.pdf"), filename="x.pdf", content_type="application/pdf", inline=False
    )
