"""Through deploy/nginx.conf itself: nginx's $request_id reaches the application and comes back.

Reuses the core edge tests' nginx (the documented file, ports and certificate replaced)
in front of the live ASGI server. Ids the application makes up are marked, so an id
that is not marked came from nginx.
"""

import http.client
import ssl

import pytest

from jumelage.core.tests.test_proxy import behind_proxy, nginx  # noqa: F401 - fixtures
from jumelage.observability import context

APP_MADE = "app-made-id-0001"
FORGED = "forged-by-the-client-1234"


@pytest.fixture
def marked_ids(monkeypatch):
    monkeypatch.setattr(context, "new_request_id", lambda: APP_MADE)


def _tls():
    tls = ssl.create_default_context()
    tls.check_hostname = False
    tls.verify_mode = ssl.CERT_NONE
    return tls


def _request_id(conn) -> str:
    conn.request("GET", "/accounts/login/", headers={"X-Request-ID": FORGED})
    response = conn.getresponse()
    response.read()
    conn.close()
    assert response.status == 200
    return response.getheader("X-Request-ID")


@pytest.mark.django_db(transaction=True)
def test_nginx_sets_the_id_and_the_application_keeps_it(
    behind_proxy,  # noqa: F811
    nginx,  # noqa: F811
    marked_ids,
):
    via_nginx = http.client.HTTPSConnection(
        "127.0.0.1", nginx["https"], source_address=("127.0.0.5", 0), context=_tls()
    )
    seen = _request_id(via_nginx)
    assert seen not in (FORGED, APP_MADE)  # nginx overwrote the client's; the app kept nginx's
    assert context.acceptable(seen) and len(seen) == 32

    # A client reaching the application directly cannot choose its id.
    direct = http.client.HTTPConnection("127.0.0.1", nginx["app"], source_address=("127.0.0.5", 0))
    assert _request_id(direct) == APP_MADE
