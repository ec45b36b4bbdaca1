"""Quality labels in Chromium: a founder applies, the office scores and awards, the
label and its certificate are public, two national labels lead to a nomination and
the committee's European label; a school gets the School Label."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from jumelage.accounts.models import User
from jumelage.labels.models import Criterion, Window
from jumelage.labels.tests.helpers import award, ripen
from jumelage.schools.models import School
from jumelage.testing import PASSWORD, make_project, make_staff, make_teacher

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, base, user, device=None):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    if device is not None:
        page.fill("#id_token", f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(re.compile(r".*/dashboard/$"))


def _staff(country):
    user = make_staff(country)
    return user, TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def test_a_founder_is_awarded_the_national_label_then_the_european_one(live_asgi, new_page):
    # Before the server serves a page: the world, written with the ORM.
    Window.objects.all().delete()  # reference data: applications open all year here
    claire = make_teacher("FR", name="Claire Martin")
    jonas = make_teacher("DE", name="Jonas Weber")
    title = "Climate detectives Paris–Berlin"
    project = ripen(make_project(founders=[claire, jonas], title=title))
    award(project, "DE")  # Germany's office labelled it already
    office, office_device = _staff("FR")
    admin = User.objects.create_superuser(
        "committee@example.org", PASSWORD, display_name="Committee"
    )
    admin_device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    criteria = list(Criterion.objects.all())

    teacher = new_page()
    _login(teacher, live_asgi, claire)
    teacher.get_by_text("Menu", exact=True).click()  # the header groups what is not primary
    teacher.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Quality labels"
    ).click()
    teacher.get_by_role("link", name=f"Apply for the National Quality Label: {title}").click()
    teacher.get_by_label("What the project achieved").fill("Our pupils mapped heat islands.")
    teacher.get_by_role("button", name="Send my application").click()
    teacher.get_by_text("Your application was sent to your country's office.").wait_for()

    staff = new_page()
    _login(staff, live_asgi, office, office_device)
    staff.goto(live_asgi + "/labels/office/")
    staff.get_by_role("link", name=title).click()
    staff.get_by_role("link", name="Read the TwinSpace (read only)").click()
    staff.get_by_role("heading", name=re.compile("TwinSpace \\(read only\\)")).wait_for()
    staff.go_back()
    for criterion in criteria:
        staff.get_by_label(re.compile("^" + re.escape(criterion.name_en))).fill(
            str(criterion.max_points)
        )
    staff.get_by_label("Comments for the applicant").fill("Pupils truly worked together.")
    staff.get_by_label("Award the label", exact=True).check()
    staff.get_by_role("button", name="Record the decision").click()
    staff.get_by_text("Your decision was recorded and the applicant told.").wait_for()

    # The applicant reads the decision; the public sees the label and its certificate.
    teacher.goto(live_asgi + "/notifications/")
    teacher.get_by_text("received the National Quality Label").first.wait_for()
    visitor = new_page()
    visitor.goto(live_asgi + "/labels/")
    visitor.get_by_role("link", name=title).first.click()
    visitor.get_by_text("France").wait_for()
    visitor.get_by_text("Germany").wait_for()
    link = visitor.get_by_role("link", name="Certificate (PDF) — France")
    pdf = visitor.request.get(live_asgi + link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # Two national labels: the French office may nominate it, the committee decides.
    staff.goto(live_asgi + "/labels/office/")
    staff.get_by_role("button", name=f"Nominate {title}").click()
    staff.get_by_text("The project was nominated for the European Quality Label.").wait_for()
    committee = new_page()
    _login(committee, live_asgi, admin, admin_device)
    committee.goto(live_asgi + "/labels/committee/")
    committee.get_by_label("Award the label", exact=True).check()
    committee.get_by_role("button", name="Record the decision").click()
    committee.get_by_text("The committee's decision was recorded.").wait_for()
    visitor.reload()
    visitor.get_by_text("European Quality Label").first.wait_for()


def test_a_school_gets_the_school_label(live_asgi, new_page):
    teachers = [make_teacher("FR", name="Sophie Bernard")]
    school = teachers[0].schools.first()
    teachers += [make_teacher("FR", school=school) for _ in range(2)]
    School.objects.filter(pk=school.pk).update(created_at=timezone.now() - timedelta(days=1100))
    User.objects.filter(pk__in=[t.pk for t in teachers]).update(last_seen_at=timezone.now())
    project = ripen(make_project(founders=[teachers[0], make_teacher("DE")]))
    award(project, "FR")

    page = new_page()
    _login(page, live_asgi, teachers[0])
    page.goto(live_asgi + f"/labels/schools/{school.pk}/")
    page.get_by_role("link", name="Apply for the School Label").click()
    page.get_by_label("Name of the head of the school").fill("Mme Durand")
    page.get_by_label(re.compile("The head of the school declares")).check()
    page.get_by_role("button", name="Apply with the head's declaration").click()
    page.get_by_text("Your school received the School Label.").wait_for()
    page.get_by_text(re.compile("valid until")).first.wait_for()
    href = page.get_by_role("link", name="Certificate (PDF)").get_attribute("href")
    assert page.request.get(live_asgi + href).body().startswith(b"%PDF")
