"""From a draft to an active project with a class of pupils, in Chromium."""

import re

import pytest
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.testing import PASSWORD, make_project, make_pupil, make_staff, make_teacher

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(transactional_db):
    return {
        "claire": make_teacher("FR", name="Claire Martin"),
        "jonas": make_teacher("DE", name="Jonas Weber"),
        "staff_fr": make_staff("FR"),
        "staff_de": make_staff("DE"),
    }


def _login(page, base, user):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))


def _approve(page, base, staff, title):
    """Support staff log in with their second factor (TOTP), then decide."""
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))
    page.goto(base + "/projects/approvals/")
    page.get_by_role("link", name=title).click()
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Your decision is recorded").wait_for()


def test_from_draft_to_active_project_with_a_class_of_pupils(live_asgi, new_page, people):
    title = "Climate detectives Paris–Berlin"
    # Another project with its own pupil: our pupil must never see it.
    other = make_project(title="Someone else's project")
    make_pupil(other)

    claire = new_page()
    _login(claire, live_asgi, people["claire"])
    claire.goto(live_asgi + "/kits/climate-detectives/")
    claire.get_by_role("link", name="Start a project from this kit").click()
    assert claire.get_by_label("Title").input_value() == "Climate detectives"
    claire.get_by_label("Title").fill(title)
    languages = claire.get_by_role("group", name="Working languages")
    languages.get_by_label("French", exact=True).check()
    languages.get_by_label("German", exact=True).check()
    claire.get_by_label("Start date").fill("2027-01-11")
    claire.get_by_role("button", name="Save").click()
    claire.get_by_role("heading", name="Invite your co-founder").wait_for()

    # The co-founder is found by name and invited.
    claire.get_by_label("Teacher's name or email address").fill("Jonas")
    claire.get_by_role("button", name="Search").click()
    claire.get_by_role("button", name="Invite Jonas Weber").click()
    claire.get_by_text("Waiting for Jonas Weber to accept").wait_for()
    assert claire.get_by_role("button", name="Submit for approval").count() == 0

    jonas = new_page()
    _login(jonas, live_asgi, people["jonas"])
    jonas.goto(live_asgi + "/projects/mine/")
    jonas.get_by_role("link", name=title).first.click()
    jonas.get_by_role("button", name="Accept").click()
    jonas.get_by_text("Welcome to the project.").wait_for()

    claire.reload()
    claire.get_by_role("button", name="Submit for approval").click()
    claire.get_by_text("sent to the support offices").wait_for()

    _approve(new_page(), live_asgi, people["staff_fr"], title)
    _approve(new_page(), live_asgi, people["staff_de"], title)

    claire.reload()
    claire.get_by_text("Active", exact=True).wait_for()
    claire.get_by_role("link", name="My pupils' accounts").click()
    claire.get_by_label("Your pupils' first names or nicknames, one a line").fill("Léa\nHugo\nInès")
    claire.get_by_role("button", name="Create the accounts and print the cards").click()
    cards = claire.locator(".login-card")
    assert cards.count() == 3
    first = cards.filter(has_text="Léa")
    login = first.locator("code.login").inner_text()
    password = first.locator("code.password").inner_text()

    pupil = new_page()
    pupil.goto(live_asgi + "/")
    pupil.get_by_role("link", name="Pupil login").click()
    pupil.get_by_label("Your login").fill(login)
    pupil.get_by_label("Password").fill(password)
    pupil.get_by_role("button", name="Log in", exact=True).click()
    # A French school's pupil reads French (their school's country's language).
    with translation.override("fr"):
        choose, again, save, mine = (
            translation.gettext(s)
            for s in ("Choose your password", "Type it again", "Save my password", "My projects")
        )
    assert choose != "Choose your password"
    pupil.get_by_role("heading", name=choose).wait_for()
    pupil.get_by_label(again).fill("green-otter-2027")
    pupil.locator("#id_new_password1").fill("green-otter-2027")
    pupil.get_by_role("button", name=save).click()
    pupil.get_by_role("heading", name=mine).wait_for()
    assert pupil.get_by_role("link", name=title).count() == 1
    assert pupil.get_by_text("Someone else's project").count() == 0
    response = pupil.goto(live_asgi + f"/projects/{other.pk}/")
    assert response.status == 404
