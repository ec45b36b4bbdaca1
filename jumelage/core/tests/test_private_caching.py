"""No response rendered for a signed-in user may be stored by a browser or a proxy.

Walks every URL of the URL configuration (generated, like the TwinSpace matrix)
as a signed-in project admin, whatever the answer (200, redirect, 403, 404, 405).
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from jumelage.testing import make_teacher
from jumelage.testing.matrix import build_world
from jumelage.testing.tests.test_url_matrix import MODULES

pytestmark = pytest.mark.django_db

CONVERTER = re.compile(r"<(?:(?P<kind>\w+):)?(?P<name>\w+)>")


def _routes() -> list[str]:
    routes = []

    def walk(patterns, prefix):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                routes.append(route)

    walk(get_resolver().url_patterns, "")
    return [r for r in routes if not r.startswith("admin/")]


def _fill(route: str, values: dict) -> str | None:
    def value(match):
        name, kind = match["name"], match["kind"] or "str"
        if name in values:
            return str(values[name])
        return "1" if kind == "int" else "x"

    if "^" in route or "(?P" in route:
        return None  # a regex route: none in this project today
    return "/" + CONVERTER.sub(value, route)


def assert_no_store(response, url):
    cache_control = response.get("Cache-Control", "")
    assert "no-store" in cache_control, f"{url} ({response.status_code}): {cache_control!r}"
    assert "private" in cache_control, f"{url}: {cache_control!r}"


def test_every_url_answers_a_signed_in_user_with_no_store(client):
    world = build_world()
    values = {"project_id": world.project.pk}
    for module in MODULES:
        values.update(module.setup(world) or {})
    client.force_login(world.users["admin"])
    client.raise_request_exception = False
    routes = _routes()
    assert len(routes) > 100
    for route in routes:
        url = _fill(route, values)
        if url is None:
            continue
        assert_no_store(client.get(url), url)


def test_pupil_login_cards_with_one_time_passwords_are_never_stored(client):
    world = build_world()
    client.force_login(world.users["admin"])
    url = f"/projects/{world.project.pk}/pupils/"
    form = client.get(url)
    assert_no_store(form, url)
    cards = client.post(url, {"names": "Zoé\nMalik", "batch": form.context["batch"]})
    assert cards.status_code == 200
    assert "Zoé" in cards.text
    assert_no_store(cards, url)


def test_public_pages_for_anonymous_visitors_keep_their_caching(client):
    """The rule is for signed-in users: the home page for a visitor is not forced private."""
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    teacher = make_teacher()
    client.force_login(teacher)
    assert_no_store(client.get("/"), "/")
