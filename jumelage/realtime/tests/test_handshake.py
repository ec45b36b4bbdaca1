"""Who may open a WebSocket at all (issue 12, Low).

- The Origin must be this site's exactly: scheme, host and port (another port
  or http instead of https is another site to a browser).
- A pupil still on the one-time password of their login card uses no socket
  until they set their own (the same rule as every page: PupilPasswordChangeMiddleware).
"""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from jumelage.realtime.consumers import CLOSE_FORBIDDEN
from jumelage.realtime.testing import CONNECT_TIMEOUT, async_test
from jumelage.testing import make_project, make_pupil, make_teacher, ws_connect

pytestmark = pytest.mark.django_db(transaction=True)


async def handshake(user, origin: str | None, host: str = "127.0.0.1", scheme: str = "ws"):
    """True if the server accepts the WebSocket (and keeps it open)."""
    from jumelage.asgi import application

    client = Client()
    await sync_to_async(client.force_login)(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    headers = [(b"host", host.encode()), (b"cookie", cookie.encode())]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    communicator = WebsocketCommunicator(application, "/ws/me/", headers=headers)
    communicator.scope["scheme"] = scheme
    connected, _ = await communicator.connect(timeout=CONNECT_TIMEOUT)
    if connected:
        await communicator.disconnect()
    return connected


@async_test
async def test_the_origin_must_match_in_scheme_host_and_port(settings):
    settings.SITE_URL = "https://jumelage.example.org"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "jumelage.example.org", "school.example"]
    settings.CSRF_TRUSTED_ORIGINS = ["https://school.example:8443", "https://*.academie.example"]
    teacher = await sync_to_async(make_teacher)()
    accepted = {
        ("http://127.0.0.1", "127.0.0.1", "ws"),
        ("http://127.0.0.1:80", "127.0.0.1", "ws"),
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "ws"),
        ("https://127.0.0.1:8443", "127.0.0.1:8443", "wss"),
        ("https://jumelage.example.org", "127.0.0.1:8000", "ws"),  # SITE_URL behind a proxy
        ("https://school.example:8443", "127.0.0.1", "ws"),
        ("https://lyon.academie.example", "127.0.0.1", "ws"),
    }
    refused = {
        ("https://127.0.0.1", "127.0.0.1", "ws"),  # scheme
        ("http://127.0.0.1", "127.0.0.1", "wss"),  # scheme
        ("http://127.0.0.1:8001", "127.0.0.1:8000", "ws"),  # port
        ("http://127.0.0.1:8000", "127.0.0.1", "ws"),  # port
        ("http://jumelage.example.org", "127.0.0.1", "ws"),  # SITE_URL is https
        ("https://jumelage.example.org:444", "127.0.0.1", "ws"),
        ("https://school.example", "127.0.0.1", "ws"),  # the trusted origin has port 8443
        ("http://lyon.academie.example", "127.0.0.1", "ws"),
        ("https://academie.example.evil.test", "127.0.0.1", "ws"),
        ("http://evil.example", "127.0.0.1", "ws"),
        ("http://evil.example", "evil.example", "ws"),  # not in ALLOWED_HOSTS
        ("null", "127.0.0.1", "ws"),
        (None, "127.0.0.1", "ws"),
    }
    for origin, host, scheme in accepted:
        assert await handshake(teacher, origin, host, scheme), (origin, host, scheme)
    for origin, host, scheme in refused:
        assert not await handshake(teacher, origin, host, scheme), (origin, host, scheme)


@sync_to_async
def pupil_on_card_password():
    project = make_project()
    pupil = make_pupil(project)
    pupil.must_change_password = True
    pupil.save(update_fields=["must_change_password"])
    return project, pupil


@async_test
async def test_a_pupil_on_the_card_password_uses_no_socket_until_they_set_their_own():
    project, pupil = await pupil_on_card_password()
    for path in (f"/ws/projects/{project.pk}/", "/ws/me/"):
        _c, connected, code = await ws_connect(pupil, path)
        assert (connected, code) == (False, CLOSE_FORBIDDEN), path
    pupil.must_change_password = False
    await sync_to_async(pupil.save)(update_fields=["must_change_password"])
    for path in (f"/ws/projects/{project.pk}/", "/ws/me/"):
        communicator, connected, _code = await ws_connect(pupil, path)
        assert connected, path
        await communicator.disconnect()
