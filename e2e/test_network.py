"""A Paris teacher finds who helps them, asks, and reads the answer; then joins a training."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.network.tests.helpers import make_correspondent
from jumelage.testing import PASSWORD, make_school, make_teacher
from jumelage.training.tests.helpers import make_event

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, base, email, device=None):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    if device is not None:  # support staff pass their second factor first
        page.fill("#id_token", f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/accounts/login" not in url)


def test_a_teacher_asks_their_academie_and_gets_an_answer(live_asgi, new_page):
    teacher = make_teacher("FR", school=make_school("FR", national_id="0750654D"), name="Tina")
    paris = make_correspondent("Paula Paris", "regional", "paris", availability="Tuesdays")
    make_correspondent("Carlu Corsica", "regional", "corse")
    make_event(capacity=1, title="Atelier TwinSpace")

    page = new_page()
    login(page, live_asgi, teacher.email)
    page.get_by_text("Menu", exact=True).click()  # the header groups what is not primary
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Who can help me?").click()
    page.get_by_text("Paula Paris").wait_for()
    assert page.get_by_text("Carlu Corsica").count() == 0
    page.get_by_role("link", name="Ask the support network a question").click()
    page.get_by_label("Topic").select_option("twinspace")
    page.get_by_label("Subject").fill("Pupils cannot log in")
    page.get_by_label("Message").fill("They see an error on the pupil login page.")
    page.get_by_role("button", name="Send my question").click()
    page.get_by_text("Your question was sent to the support network.").wait_for()

    helper = new_page()
    device = TOTPDevice.objects.create(user=paris, name="phone", confirmed=True)
    login(helper, live_asgi, paris.email, device)
    helper.goto(live_asgi + "/support/help/")
    helper.get_by_role("link", name="Pupils cannot log in").click()
    helper.get_by_label("Your message").fill("Reset their passwords from the members page.")
    helper.get_by_role("button", name="Send", exact=True).click()
    helper.get_by_text("Your message was sent.").wait_for()

    page.reload()
    page.get_by_text("Reset their passwords from the members page.").wait_for()
    assert page.get_by_text("Answered").count() >= 1

    page.get_by_text("Menu", exact=True).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Training").click()
    page.get_by_role("link", name="Atelier TwinSpace").click()
    page.get_by_role("button", name="Register").click()
    page.get_by_text("You have a place at this event.").first.wait_for()
