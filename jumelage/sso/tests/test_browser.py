"""Done when: a browser logs in through the test provider and lands in its existing account."""

import re

import pytest

from jumelage import testing
from jumelage.sso.models import IdentityLink

from .conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_browser_login_through_provider_links_existing_verified_account(
    live_asgi, page, sso_settings, oidc_provider
):
    teacher = testing.make_teacher("FR")
    oidc_provider.person("anne-browser", email=teacher.email, email_verified=True, amr=["pwd"])
    oidc_provider.allow_redirect(f"{live_asgi}/sso/callback/")

    page.goto(f"{live_asgi}/accounts/login/")
    page.get_by_role("link", name="Log in with Test ID").click()
    # Now at the provider (another server, another origin).
    page.get_by_role("heading", name="Test identity provider").wait_for()
    page.get_by_label("Username").fill("anne-browser")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()

    page.wait_for_url(re.compile(re.escape(live_asgi) + r"/dashboard/$"))
    assert teacher.display_name in page.content()
    link = IdentityLink.objects.get(user=teacher)
    assert link.issuer == oidc_provider.issuer

    # The next time, the same identity opens the same account straight away.
    page.context.clear_cookies()
    page.goto(f"{live_asgi}/accounts/login/")
    page.get_by_role("link", name="Log in with Test ID").click()
    page.get_by_label("Username").fill("anne-browser")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in at the provider").click()
    page.wait_for_url(re.compile(re.escape(live_asgi) + r"/dashboard/$"))
    assert IdentityLink.objects.filter(user=teacher).count() == 1


def test_login_page_without_providers_shows_no_button(live_asgi, page, settings):
    settings.SSO_PROVIDERS = {}
    page.goto(f"{live_asgi}/accounts/login/")
    page.get_by_role("heading", name="Log in", level=1).wait_for()
    assert page.get_by_role("link", name=re.compile("Log in with")).count() == 0
