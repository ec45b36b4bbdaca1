import pytest
from django.urls import reverse

from jumelage.network.models import HelpRequest
from jumelage.testing import make_school, make_staff, make_teacher, sign_in
from jumelage.training import services as training
from jumelage.training.tests.helpers import make_event

from .helpers import make_correspondent, region

pytestmark = pytest.mark.django_db


def test_dashboard_panels_for_correspondents_offices_and_teachers(client):
    paris = make_correspondent("Paula Paris", "regional", "paris")
    teacher = make_teacher("FR", school=make_school("FR", national_id="0750654D"))
    for n in range(3):
        HelpRequest.objects.create(
            teacher=teacher,
            country_id="FR",
            region=region("paris"),
            topic="other",
            subject=f"Q{n}",
            message="m",
        )
    training.register(make_event(title="Webinaire inclusion"), teacher)

    sign_in(client, paris)
    html = client.get(reverse("core:dashboard")).text
    assert "3 open questions await an answer." in html
    assert reverse("network:staff_list") not in html  # a correspondent does not keep the directory
    sign_in(client, make_staff("FR"))
    html = client.get(reverse("core:dashboard")).text
    assert "3 open questions await an answer." in html and reverse("network:staff_list") in html
    sign_in(client, teacher)
    html = client.get(reverse("core:dashboard")).text
    assert "You have 3 questions in progress." in html
    assert "Webinaire inclusion" in html


def test_a_teacher_without_a_school_is_told_to_join_one_first(client):
    from jumelage.accounts.models import User

    user = User.objects.create_user(email="lone@example.org", password="x", display_name="Lone")
    sign_in(client, user)
    response = client.get(reverse("network:help_new"), follow=True)
    assert "Join your school first" in response.text
