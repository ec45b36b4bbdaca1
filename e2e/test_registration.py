"""The whole registration path in Chromium: sign-up, email, school, head, staff, verified."""

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.testing import PASSWORD, make_staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def last_link_to(address: str) -> str:
    message = [m for m in mail.outbox if address in m.to][-1]
    return re.search(r"https?://\S+", message.body).group(0)


def test_teacher_registers_school_head_confirms_staff_verifies(live_asgi, new_page):
    mail.outbox.clear()
    teacher = new_page()

    # 1. Sign up with a name, an email and a password.
    teacher.goto(live_asgi + "/accounts/signup/")
    teacher.fill("#id_display_name", "Anna Lehrerin")
    teacher.fill("#id_email", "anna@example.org")
    teacher.fill("#id_password1", PASSWORD)
    teacher.fill("#id_password2", PASSWORD)
    teacher.check("#id_wants_kit")
    teacher.get_by_role("button", name="Create my account").click()
    teacher.get_by_role("heading", name="Check your email").wait_for()

    # 2. Confirm the address with the link from the mailbox, then log in.
    teacher.goto(last_link_to("anna@example.org"))
    teacher.get_by_text("your email address is confirmed").wait_for()
    teacher.fill("#id_username", "anna@example.org")
    teacher.fill("#id_password", PASSWORD)
    teacher.get_by_role("button", name="Log in").click()
    teacher.get_by_role("heading", name="Register my school").wait_for()

    # 3. Register the school with a French UAI (first with a wrong check letter).
    teacher.select_option("#id_country", "FR")
    teacher.fill("#id_national_id", "0750654E")
    teacher.fill("#id_name", "Lycée Louis-le-Grand")
    teacher.select_option("#id_level", "upper_secondary")
    teacher.fill("#id_address", "123 rue Saint-Jacques")
    teacher.fill("#id_postcode", "75005")
    teacher.fill("#id_town", "Paris")
    teacher.fill("#id_phone", "01 44 32 82 00")
    teacher.fill("#id_email", "ce.0750654d@ac-paris.fr")
    teacher.fill("#id_head_name", "Jeanne Proviseur")
    teacher.fill("#id_head_email", "proviseur@example.fr")
    teacher.get_by_role("button", name="Register my school").click()
    teacher.get_by_text("The check letter of this UAI does not match").wait_for()
    assert teacher.input_value("#id_name") == "Lycée Louis-le-Grand"  # nothing lost
    teacher.fill("#id_national_id", "0750654D")
    teacher.get_by_role("button", name="Register my school").click()
    teacher.get_by_text("is registered. We asked its head teacher").wait_for()
    assert teacher.locator("#registration-status").inner_text() == "Awaiting verification"

    # 4. The head teacher confirms from the email (in French: a French school).
    head = new_page(locale="fr-FR")
    head.goto(last_link_to("proviseur@example.fr"))
    head.get_by_role("button").filter(has_text="confirme").click()
    head.get_by_text("Merci").wait_for()

    # 5. The national support office logs in with its second factor and verifies.
    staff_user = make_staff("FR")
    device = TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)
    staff = new_page()
    staff.goto(live_asgi + "/accounts/login/")
    staff.fill("#id_username", staff_user.email)
    staff.fill("#id_password", PASSWORD)
    staff.get_by_role("button", name="Log in").click()
    staff.get_by_role("heading", name="Two-factor authentication").wait_for()
    staff.fill("#id_token", f"{totp(device.bin_key):06d}")
    staff.get_by_role("button", name="Log in").click()
    staff.get_by_text("Menu", exact=True).click()
    staff.get_by_role("link", name="Verification queue").first.click()
    staff.get_by_role("link", name="Lycée Louis-le-Grand").click()
    assert "Confirmed on" in staff.locator("#head-confirmation").inner_text()
    staff.select_option("#id_outcome", "confirmed")
    staff.fill("#id_note", "Spoke to Mme Proviseur.")
    staff.get_by_role("button", name="Record the call").click()
    # In the list of calls, and in the trail of who decided what.
    staff.locator("#decisions").get_by_text("Spoke to Mme Proviseur.").wait_for()
    assert staff.get_by_text("Spoke to Mme Proviseur.").count() == 2
    staff.get_by_role("button", name="Verify the school").click()
    staff.get_by_text("Lycée Louis-le-Grand (Paris) is verified.").wait_for()
    staff.get_by_role("button", name="Verify Anna Lehrerin").click()
    staff.get_by_text("Anna Lehrerin is verified.").wait_for()

    # 6. The teacher sees the verified state.
    teacher.reload()
    assert teacher.locator("#registration-status").inner_text() == "Verified"
    assert teacher.get_by_text("You are verified").is_visible()
