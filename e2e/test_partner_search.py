"""Partner search in Chromium: works without JS, and htmx updates results as filters change."""

import re

import pytest

from jumelage.testing import PASSWORD, make_teacher

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, base, user):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def test_results_update_as_the_filters_change(live_asgi, page):
    make_teacher("FR", name="Claire Martin", presentation="Théâtre et chorale à l'école")
    make_teacher("DE", name="Jonas Weber", presentation="Theater AG")
    viewer = make_teacher("IT", name="Giulia")
    log_in(page, live_asgi, viewer)
    page.goto(live_asgi + "/partners/")
    results = page.locator("#results")
    results.get_by_role("heading", name="Claire Martin").wait_for()
    results.get_by_role("heading", name="Jonas Weber").wait_for()
    countries = page.get_by_role("group", name="Country")
    countries.get_by_label("Germany").check()  # htmx: no submit click
    results.get_by_role("heading", name="Claire Martin").wait_for(state="detached")
    assert "country=DE" in page.url
    assert results.get_by_role("heading", name="Jonas Weber").is_visible()
    countries.get_by_label("Germany").uncheck()
    page.get_by_label(re.compile("^Words")).fill("ECOLE")
    results.get_by_role("heading", name="Jonas Weber").wait_for(state="detached")
    assert results.get_by_role("heading", name="Claire Martin").is_visible()


def test_the_search_form_works_without_javascript(live_asgi, browser):
    make_teacher("FR", name="Claire Martin", presentation="Théâtre")
    make_teacher("DE", name="Jonas Weber", presentation="Mathematik")
    viewer = make_teacher("IT", name="Giulia")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    log_in(page, live_asgi, viewer)
    page.goto(live_asgi + "/partners/")
    page.get_by_label(re.compile("^Words")).fill("theatre")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r".*q=theatre.*"))
    assert page.locator("#results h3").all_inner_texts() == ["Claire Martin"]
    context.close()
