"""Script payloads in the TwinSpace's rich-text and plain-text fields never run in Chromium.

Each TwinSpace app adds its forms to FORMS (a SpaceForm is a (url, fields) pair, plus
the role that posts it) and the pages that show them to PAGES. The forms are posted
through the real views (so sanitising runs), then Chromium opens every page the
forms redirected to and every page in PAGES; a dialog, or any request to the beacon
URL, fails the test. A second test writes raw payloads straight into the database,
as if the sanitiser had been bypassed: the Content-Security-Policy must stop them.
"""

from collections.abc import Callable
from typing import NamedTuple

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from jumelage.testing import make_pupil
from jumelage.testing.matrix import build_world
from jumelage.wiki.models import Page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BEACON = "xss-beacon"
SCRIPT = f"<script>fetch('/{BEACON}/script');alert('script')</script>"
IMG = f"<img src=x onerror=\"fetch('/{BEACON}/img');alert('img')\">"
SVG = f"<svg onload=\"fetch('/{BEACON}/svg');alert('svg')\"></svg>"
LINK = f"<a href=\"javascript:fetch('/{BEACON}/link');alert('link')\" id=\"xss-link\">link</a>"
STYLE = (
    f"<p style=\"background:url('/{BEACON}/style')\">styled</p>"
    f"<style>body{{background:url('/{BEACON}/style-tag')}}</style>"
    f'<link rel="stylesheet" href="/{BEACON}/link-tag.css">'
)
FRAME = f"<iframe srcdoc=\"<script>parent.fetch('/{BEACON}/iframe')</script>\"></iframe>"
BREAKOUT = f"\"'></textarea></title><script>fetch('/{BEACON}/breakout')</script>"
RICH = SCRIPT + IMG + SVG + LINK + STYLE + FRAME + BREAKOUT
PLAIN = SCRIPT + IMG + BREAKOUT
TITLE = "<script>alert('title')</script>" + BREAKOUT[:60]


class SpaceForm(NamedTuple):
    url: Callable  # (project) -> the URL the form posts to
    fields: dict | Callable  # the payloads, or (project) -> fields
    role: str = "admin"  # who posts it: a role of testing.matrix.build_world


def _latest_page(project):
    return Page.objects.filter(project=project).latest("pk")


FORMS: list[SpaceForm] = [
    # wiki: a page's title and body, then an edit (a second revision, for the diff).
    SpaceForm(lambda p: reverse("wiki:create", args=[p.pk]), {"title": TITLE, "body": RICH}),
    SpaceForm(
        lambda p: reverse("wiki:edit", args=[p.pk, _latest_page(p).pk]),
        {"title": TITLE + " 2", "body": RICH + "<p>two</p>", "version": 1, "position": 0},
    ),
    # twinspace: the teachers' bulletin and a report's reason (plain text).
    SpaceForm(lambda p: reverse("twinspace:bulletin_post", args=[p.pk]), {"body": PLAIN}),
    SpaceForm(
        lambda p: reverse("twinspace:report", args=[p.pk]),
        lambda p: {"content_type": "wiki.page", "object_id": _latest_page(p).pk, "reason": PLAIN},
        role="pupil",
    ),
]

PAGES: list[Callable] = [
    lambda p: reverse("twinspace:home", args=[p.pk]),
    lambda p: (
        reverse("twinspace:search", args=[p.pk]) + "?q=" + "%3Cscript%3Ealert(1)%3C/script%3E"
    ),
    lambda p: reverse("twinspace:search", args=[p.pk]) + "?q=script",
    lambda p: reverse("twinspace:moderation", args=[p.pk]),
    lambda p: reverse("twinspace:audit", args=[p.pk]),
    lambda p: reverse("wiki:index", args=[p.pk]),
    lambda p: reverse("wiki:detail", args=[p.pk, _latest_page(p).pk]),
    lambda p: reverse("wiki:edit", args=[p.pk, _latest_page(p).pk]),
    lambda p: reverse("wiki:history", args=[p.pk, _latest_page(p).pk]),
    lambda p: reverse("wiki:diff", args=[p.pk, _latest_page(p).pk]) + "?old=1&new=2",
    lambda p: reverse("wiki:revision", args=[p.pk, _latest_page(p).pk, 1]),
]


def _login(page, base_url, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )


def _watch(page) -> list[str]:
    caught = []
    page.on("dialog", lambda d: (caught.append(f"dialog: {d.message}"), d.dismiss()))
    page.on(
        "request",
        lambda r: caught.append(f"request: {r.url}") if BEACON in r.url else None,
    )
    return caught


def _open_all(page, base_url, urls, caught):
    for url in urls:
        response = page.goto(base_url + url)
        assert response is not None and response.status == 200, url
        page.wait_for_load_state("networkidle")
        if page.locator("#xss-link").count():
            page.locator("#xss-link").first.click()
        assert not caught, f"payload ran on {url}: {caught}"


def test_script_payloads_in_twinspace_fields_never_execute(live_asgi, page):
    world = build_world()
    project = world.project
    # A hostile display name is a plain-text field too (members list, history).
    hostile = make_pupil(project, name=IMG + SCRIPT)
    world.users["pupil"] = hostile
    shown = []
    for form in FORMS:
        client = Client()
        client.force_login(world.users[form.role])
        fields = form.fields(project) if callable(form.fields) else form.fields
        response = client.post(form.url(project), fields)
        assert response.status_code in (302, 303), (form.url(project), response.status_code)
        shown.append(response["Location"])
    # Through the forms, the sanitiser already removed every active part.
    stored = _latest_page(project)
    for needle in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "style=",
        "<style",
        "<iframe",
        "<svg",
    ):
        assert needle not in stored.body.lower(), needle

    caught = _watch(page)
    _login(page, live_asgi, world.users["admin"])
    _open_all(page, live_asgi, shown + [make(project) for make in PAGES], caught)
    # The payloads are shown as text, not dropped silently where they are plain text.
    page.goto(live_asgi + reverse("twinspace:home", args=[project.pk]))
    assert "<script>fetch(" in page.locator("#bulletin").inner_text()


def test_raw_script_payloads_are_stopped_by_the_content_security_policy(live_asgi, page):
    """As if something slipped past the sanitiser: the CSP must still stop scripts."""
    world = build_world()
    project = world.project
    raw = SCRIPT + IMG + SVG + LINK + FRAME
    wiki_page = Page.objects.create(project=project, title="Raw", body=raw, author=None)
    caught = _watch(page)
    _login(page, live_asgi, world.users["admin"])
    _open_all(page, live_asgi, [wiki_page.get_absolute_url()], caught)
