"""The Content-Security-Policy allows no inline style, and the editor works under it.

Chromium reports every refused style (or script) as a `securitypolicyviolation`
event; the page with the rich-text editor is used, typed into and saved.
"""

import pytest
from django.urls import reverse

from jumelage.testing import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  [e.effectiveDirective, e.blockedURI, (e.sample || '').slice(0, 80)].join(' | ')));
"""


def test_csp_has_no_unsafe_inline(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if " " in d.strip())
    assert "'unsafe-inline'" not in directives["style-src"]
    assert "'unsafe-inline'" not in directives.get("script-src", "")


def test_the_rich_text_editor_runs_with_no_csp_violation(page_as, live_asgi):
    project = make_project()
    teacher = project.memberships.filter(is_founder=True).first().user
    page = page_as(teacher)
    console = []
    page.on("console", lambda m: console.append(m.text) if "Content Security" in m.text else None)
    page.add_init_script(WATCH)
    page.goto(live_asgi + reverse("blog:post_create", kwargs={"project_id": project.pk}))
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.wait_for()
    editor.click()
    page.keyboard.type("Bonjour ")
    page.keyboard.press("Control+b")
    page.keyboard.type("la classe")
    assert editor.locator("strong").inner_text() == "la classe"
    # The editor's own layout (from its stylesheet, not inline <style>) applies.
    assert editor.evaluate("e => getComputedStyle(e).whiteSpace") in ("pre-wrap", "break-spaces")
    assert page.evaluate("window.__csp") == []
    assert console == []


def test_no_page_a_member_opens_violates_the_csp(page_as, live_asgi):
    """Every page of the URL configuration that answers 200 to a project admin, in Chromium."""
    from django.test import Client

    from jumelage.core.tests.test_private_caching import MODULES, _fill, _routes
    from jumelage.testing.matrix import build_world

    world = build_world()
    values = {"project_id": world.project.pk}
    for module in MODULES:
        values.update(module.setup(world) or {})
    admin = world.users["admin"]
    client = Client()
    client.force_login(admin)
    client.raise_request_exception = False
    urls = []
    for route in _routes():
        url = _fill(route, values)
        response = client.get(url)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            urls.append(url)
    assert len(urls) > 40
    page = page_as(admin)
    page.add_init_script(WATCH)
    violations = {}
    for url in urls:
        page.goto(live_asgi + url, wait_until="load")
        found = page.evaluate("window.__csp")
        if found:
            violations[url] = found
    assert violations == {}
