"""Twinmail: who may write to whom, threads, unread counts, the email notice."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from jumelage.messaging import policies, services
from jumelage.messaging.models import PrivateMessage, Thread
from jumelage.notifications.models import Notification
from jumelage.testing import add_member, make_project, make_pupil, make_teacher

pytestmark = pytest.mark.django_db


def test_verified_teachers_write_to_each_other_across_the_platform():
    a, b = make_teacher("FR"), make_teacher("DE")
    assert policies.can_write_to(a, b)
    unverified = make_teacher("IT", verified=False)
    assert not policies.can_write_to(unverified, a)
    assert not policies.can_write_to(a, unverified)
    assert not policies.can_write_to(a, a)


def test_pupils_write_only_inside_their_projects():
    project = make_project()
    founder = project.memberships.first().user
    pupil = make_pupil(project)
    classmate = make_pupil(project)
    outsider_teacher = make_teacher("FR")
    outsider_pupil = make_pupil(make_project())
    assert policies.can_write_to(pupil, founder)
    # Pupil to pupil only when the project allows it (not by default).
    assert not policies.can_write_to(pupil, classmate)
    services.set_pupils_may_message_pupils(founder, project, True)
    assert policies.can_write_to(pupil, classmate)
    assert policies.can_write_to(founder, pupil)
    assert not policies.can_write_to(pupil, outsider_teacher)
    assert not policies.can_write_to(pupil, outsider_pupil)
    assert not policies.can_write_to(outsider_teacher, pupil)
    recipients = set(policies.recipients(pupil))
    assert founder in recipients and outsider_teacher not in recipients


def test_an_unverified_teacher_writes_to_members_of_their_project():
    project = make_project()
    newcomer = add_member(project, make_teacher("FR", verified=False))
    assert policies.can_write_to(newcomer, project.memberships.first().user)


def test_compose_prefilled_from_partner_search_sends_and_emails(client):
    a, b = make_teacher("FR"), make_teacher("DE")
    client.force_login(a)
    page = client.get(reverse("messaging:compose") + f"?to={b.pk}&subject=Partner%3F")
    assert page.status_code == 200
    text = page.content.decode()
    assert re.search(rf'<input type="radio" name="to" value="{b.pk}"[^>]*checked', text)
    assert 'value="Partner?"' in text
    response = client.post(
        reverse("messaging:compose"), {"to": b.pk, "subject": "Partner?", "body": "Hallo <b>"}
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "messaging:thread", args=[thread.pk]
    )
    assert [m.to for m in mail.outbox] == [[b.email]]
    assert "Hallo <b>" in mail.outbox[0].body
    assert Notification.objects.filter(user=b, kind="message").count() == 1
    assert services.unread_total(b) == 1 and services.unread_total(a) == 0


def test_a_pupil_cannot_compose_to_an_outsider(client):
    project = make_project()
    pupil = make_pupil(project)
    outsider = make_teacher("FR")
    client.force_login(pupil)
    assert client.get(reverse("messaging:compose") + f"?to={outsider.pk}").status_code == 404
    response = client.post(
        reverse("messaging:compose"), {"to": outsider.pk, "subject": "hi", "body": "hi"}
    )
    assert response.status_code == 400
    assert "You cannot write to this person." in response.content.decode()
    assert not Thread.objects.exists()


def test_compose_with_missing_fields_keeps_what_was_typed(client):
    a, b = make_teacher("FR"), make_teacher("DE")
    client.force_login(a)
    response = client.post(
        reverse("messaging:compose"), {"to": b.pk, "subject": "", "body": "long text"}
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "long text" in text and 'aria-describedby="id_subject-errors"' in text
    assert client.get(reverse("messaging:compose") + "?to=abc").status_code == 200


def test_reading_a_thread_clears_unread_and_replies_notify_the_other(client):
    a, b = make_teacher("FR"), make_teacher("DE")
    thread = services.start_thread(a, b, "Projet", "Bonjour")
    client.force_login(b)
    inbox = client.get(reverse("messaging:inbox")).content.decode()
    assert "Projet" in inbox and "1 unread" in inbox
    assert "Bonjour" in client.get(reverse("messaging:thread", args=[thread.pk])).content.decode()
    assert services.unread_total(b) == 0
    client.post(reverse("messaging:reply", args=[thread.pk]), {"body": "Guten Tag"})
    assert services.unread_total(a) == 1
    assert PrivateMessage.objects.count() == 2
    assert (
        client.post(reverse("messaging:reply", args=[thread.pk]), {"body": ""}).status_code == 400
    )


def test_outsiders_cannot_see_or_answer_a_thread(client):
    a, b = make_teacher("FR"), make_teacher("DE")
    thread = services.start_thread(a, b, "Secret", "Bonjour")
    for method, url in [
        ("get", reverse("messaging:inbox")),
        ("get", reverse("messaging:compose")),
        ("get", reverse("messaging:thread", args=[thread.pk])),
        ("post", reverse("messaging:reply", args=[thread.pk])),
    ]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    project = make_project()
    for outsider in (make_teacher("IT"), project.memberships.first().user, make_pupil(project)):
        client.force_login(outsider)
        assert client.get(reverse("messaging:thread", args=[thread.pk])).status_code == 404
        assert (
            client.post(reverse("messaging:reply", args=[thread.pk]), {"body": "x"}).status_code
            == 404
        )
        assert "Secret" not in client.get(reverse("messaging:inbox")).content.decode()
    assert client.get(reverse("messaging:reply", args=[thread.pk])).status_code == 405
    assert PrivateMessage.objects.count() == 1


def test_a_pupil_who_left_the_project_can_no_longer_answer(client):
    project = make_project()
    founder = project.memberships.first().user
    pupil = make_pupil(project)
    thread = services.start_thread(founder, pupil, "Devoir", "Bonjour")
    project.memberships.filter(user=pupil).delete()
    client.force_login(pupil)
    page = client.get(reverse("messaging:thread", args=[thread.pk]))
    assert "You can no longer answer" in page.content.decode()
    assert (
        client.post(reverse("messaging:reply", args=[thread.pk]), {"body": "x"}).status_code == 404
    )


@pytest.mark.parametrize("count", [2, 10])
def test_thread_queries_do_not_grow(client, count, django_assert_num_queries):
    a, b = make_teacher("FR"), make_teacher("DE")
    thread = services.start_thread(a, b, "s", "b")
    for i in range(count):
        services.reply(a, thread, f"m{i}")
    client.force_login(b)
    url = reverse("messaging:thread", args=[thread.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES_THREAD):
        client.get(url)


QUERIES_THREAD = 16  # includes marking read and the reply policy


@pytest.mark.django_db
def test_the_french_compose_form_asks_for_the_objet_of_the_message_not_a_discipline(client):
    """'Subject' means a school subject elsewhere: the two meanings have their own contexts."""
    teacher = make_teacher()
    teacher.language = "fr"
    teacher.save(update_fields=["language"])
    client.force_login(teacher)
    page = client.get(reverse("messaging:compose")).text
    assert ">Objet" in page and "Discipline" not in page


def test_recipients_are_searched_among_project_mates_with_school_and_country(client):
    """Issue 14: no list of every teacher; the people one shares a project with, found by
    name or school, each shown with their school and country."""
    project = make_project()
    claire, jonas = (m.user for m in project.memberships.filter(is_founder=True).order_by("pk"))
    stranger = make_teacher("IT", name="Giulia Rossi")  # verified, but in no shared project
    client.force_login(claire)
    text = client.get(reverse("messaging:compose")).content.decode()
    assert jonas.display_name in text
    jonas_row = project.memberships.get(user=jonas)
    assert (
        f"{jonas.display_name} — {jonas_row.school.name}, {jonas_row.school.country.name}" in text
    )
    assert stranger.display_name not in text and '<select name="to"' not in text
    found = client.get(reverse("messaging:compose"), {"q": jonas_row.school.name[:6]})
    assert jonas.display_name in found.content.decode()
    assert (
        client.get(reverse("messaging:compose"), {"q": "zzzz"}).content.decode().count('name="to"')
        == 0
    )
    # Writing to the stranger is still possible from a link (partner search), as before.
    linked = client.get(reverse("messaging:compose"), {"to": stranger.pk}).content.decode()
    assert stranger.display_name in linked
