"""A teacher whose school is not verified yet meets no dead end (issue 14)."""

import re

import pytest
from django.urls import reverse

from jumelage import testing

pytestmark = pytest.mark.django_db

HREF = re.compile(r'<a [^>]*href="(/[^"#]*)[^"]*"')


def _links(html: str) -> set[str]:
    return {href for href in HREF.findall(html) if not href.startswith("/static/")}


def test_every_link_of_the_navigation_and_dashboard_answers(client):
    teacher = testing.make_teacher("FR", verified=False)
    client.force_login(teacher)
    dashboard = client.get(reverse("core:dashboard"))
    assert dashboard.status_code == 200
    links = _links(dashboard.content.decode())
    assert reverse("partners:search") in links or reverse("training:list") in links
    dead = {}
    for href in sorted(links):
        response = client.get(href, follow=True)
        if response.status_code != 200:
            dead[href] = response.status_code
    assert dead == {}


@pytest.mark.parametrize(
    "url_name", ["partners:search", "partners:request_list", "projects:create"]
)
def test_a_pending_teacher_is_told_what_happens_next(client, url_name):
    teacher = testing.make_teacher("FR", verified=False)
    client.force_login(teacher)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Your school is being checked" in text
    assert "email" in text


def test_a_rejected_teacher_still_gets_no_page(client):
    from jumelage.accounts.models import TeacherProfile

    teacher = testing.make_teacher("FR", verified=False)
    TeacherProfile.objects.filter(user=teacher).update(status=TeacherProfile.Status.REJECTED)
    client.force_login(teacher)
    assert client.get(reverse("partners:search")).status_code == 404
