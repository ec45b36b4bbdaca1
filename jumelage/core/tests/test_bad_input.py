"""NUL bytes, invalid UTF-8 and lone surrogates get a clear 400, never a 500.

PostgreSQL refuses NUL in text: these URLs crashed there. They run on both
passes (SQLite and, with the `postgres` fixture, PostgreSQL).
"""

import pytest
from django.test import Client
from django.urls import reverse

from jumelage.testing import make_project, make_teacher

MESSAGE_EN = "contains characters that are not allowed"
MESSAGE_FR = "contient des caractères interdits"


def _urls(project):
    picker = reverse("materials:picker", kwargs={"project_id": project.pk})
    return [
        f"{picker}?q=a%00b",
        "/projects/new/?kit=a%00b",
        "/texts/?country=F%00R",
        "/projects/invitations/abc%00def/",
        "/projects/mine/?q=%ED%A0%80",  # an encoded lone surrogate: invalid UTF-8
        "/projects/mine/?q=%FF%FE",
    ]


def _check(client):
    project = make_project()
    client.force_login(project.memberships.filter(is_founder=True).first().user)
    for url in _urls(project):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, url
        assert MESSAGE_EN in response.text, url
        assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_nul_and_invalid_utf8_in_urls_are_refused_with_400(client):
    _check(client)


@pytest.mark.services
def test_nul_and_invalid_utf8_in_urls_are_refused_with_400_on_postgresql(postgres, client):
    _check(client)


@pytest.mark.django_db
def test_the_message_is_translated(client):
    response = client.get("/texts/?country=F%00R", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert MESSAGE_FR in response.text


@pytest.mark.django_db
def test_nul_in_form_fields_and_cookies_is_refused(client):
    teacher = make_teacher()
    client.force_login(teacher)
    urlencoded = "application/x-www-form-urlencoded"
    response = client.post(reverse("texts:new"), "title=a%00b&body=x", content_type=urlencoded)
    assert response.status_code == 400
    response = client.post(reverse("texts:new"), "title=%ED%A0%80", content_type=urlencoded)
    assert response.status_code == 400
    # A multipart form (the kind uploads use), parsed by the CSRF check as in a browser.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    browser.get(reverse("texts:new"))
    token = browser.cookies["csrftoken"].value
    response = browser.post(reverse("texts:new"), {"csrfmiddlewaretoken": token, "title": "a\x00b"})
    assert response.status_code == 400
    response = browser.post(reverse("texts:new"), {"csrfmiddlewaretoken": token, "title": "ok"})
    assert response.status_code != 400
    # A quoted cookie value may carry an octal escape: \000 is NUL once parsed.
    assert client.get("/", HTTP_COOKIE='sessionid="abcdefgh\\000"').status_code == 400


@pytest.mark.django_db
def test_ordinary_accents_and_symbols_pass(client):
    response = client.get("/texts/?country=%C3%89", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code != 400
    assert client.get("/?q=caf%C3%A9+%E2%82%AC+%F0%9F%98%80").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_over_the_wire_the_asgi_server_refuses_them_too(live_asgi):
    """Through uvicorn (raw_path, decoded path, query string), not only the test client."""
    import http.client

    port = int(live_asgi.rsplit(":", 1)[1])
    for url in (
        "/projects/invitations/abc%00def/",
        "/projects/invitations/abc%FFdef/",
        "/texts/?country=F%00R",
        "/?q=%ED%A0%80",
    ):
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", url, headers={"Accept-Language": "en"})
        response = conn.getresponse()
        body = response.read().decode()
        conn.close()
        assert response.status == 400, url
        assert MESSAGE_EN in body, url
