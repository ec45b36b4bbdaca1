import pytest
from django.core import mail
from django.urls import reverse

from jumelage.network.models import HelpRequest
from jumelage.notifications.models import Notification
from jumelage.testing import (
    make_project,
    make_pupil,
    make_school,
    make_staff,
    make_teacher,
    sign_in,
)

from .helpers import make_correspondent, region

pytestmark = pytest.mark.django_db


def paris_teacher():
    return make_teacher("FR", school=make_school("FR", national_id="0750654D"), name="Tina Teacher")


def ask(client, teacher, **data):
    sign_in(client, teacher)
    payload = {"topic": "partner", "subject": "How do I find a partner?", "message": "Help me."}
    payload.update(data)
    return client.post(reverse("network:help_new"), payload)


def test_a_request_from_academie_x_reaches_x_and_not_y(client):
    paris = make_correspondent("Paula Paris", "regional", "paris")
    paris_dep = make_correspondent("Dario Paris", "departmental", department_code="75")
    corse = make_correspondent("Carlu Corsica", "regional", "corse")
    national = make_staff("FR")
    response = ask(client, paris_teacher())
    help_request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert help_request.region == region("paris") and help_request.department.code == "75"

    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {paris.email, paris_dep.email}
    assert "How do I find a partner?" in mail.outbox[0].subject
    assert set(Notification.objects.values_list("user_id", flat=True)) == {paris.pk, paris_dep.pk}

    detail = reverse("network:help_detail", args=[help_request.pk])
    for handler in (paris, paris_dep, national):
        sign_in(client, handler)
        assert client.get(detail).status_code == 200
        assert "How do I find a partner?" in client.get(reverse("network:help_list")).text
    sign_in(client, corse)
    assert client.get(detail).status_code == 404
    assert "How do I find a partner?" not in client.get(reverse("network:help_list")).text
    assert (
        client.post(
            reverse("network:help_reply", args=[help_request.pk]), {"body": "x"}
        ).status_code
        == 404
    )
    assert client.post(reverse("network:help_close", args=[help_request.pk])).status_code == 404


def test_without_correspondents_the_national_office_is_asked(client):
    make_correspondent("Carlu Corsica", "regional", "corse")
    national = make_staff("FR")
    make_staff("DE")
    ask(client, paris_teacher())
    assert [m.to[0] for m in mail.outbox] == [national.email]


def test_the_teacher_may_address_another_academie(client):
    corse = make_correspondent("Carlu Corsica", "regional", "corse")
    make_correspondent("Paula Paris", "regional", "paris")
    ask(client, paris_teacher(), region=region("corse").pk)
    help_request = HelpRequest.objects.get()
    assert help_request.region.code == "corse" and help_request.department is None
    assert [m.to[0] for m in mail.outbox] == [corse.email]


def test_the_thread_answered_then_reopened_then_closed(client):
    paris = make_correspondent("Paula Paris", "regional", "paris")
    teacher = paris_teacher()
    ask(client, teacher)
    help_request = HelpRequest.objects.get()
    mail.outbox.clear()

    sign_in(client, paris)
    reply_url = reverse("network:help_reply", args=[help_request.pk])
    client.post(reply_url, {"body": "Try the partner search & the forum."})
    help_request.refresh_from_db()
    assert help_request.status == "answered"
    assert [m.to[0] for m in mail.outbox] == [teacher.email]
    assert "Try the partner search" not in mail.outbox[0].body  # the email links, not copies

    sign_in(client, teacher)
    html = client.get(reverse("network:help_detail", args=[help_request.pk])).text
    assert "Try the partner search &amp; the forum." in html
    client.post(reply_url, {"body": "Thanks, one more question."})
    help_request.refresh_from_db()
    assert help_request.status == "open"
    assert mail.outbox[-1].to == [paris.email]

    client.post(reverse("network:help_close", args=[help_request.pk]))
    help_request.refresh_from_db()
    assert help_request.status == "closed"
    response = client.post(reply_url, {"body": "Too late"}, follow=True)
    assert "This request is closed" in response.text
    assert help_request.replies.count() == 2


def test_bad_input_keeps_what_was_typed(client):
    response = ask(client, paris_teacher(), subject="", region="nonsense")
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "Help me." in response.text
    assert not HelpRequest.objects.exists()
    help_request = HelpRequest.objects.create(
        teacher=make_teacher("FR"), country_id="FR", topic="other", subject="s", message="m"
    )
    sign_in(client, help_request.teacher)
    response = client.post(reverse("network:help_reply", args=[help_request.pk]), {"body": ""})
    assert response.status_code == 400 and "This field is required." in response.text


def test_outsiders_are_refused(client):
    owner = paris_teacher()
    help_request = HelpRequest.objects.create(
        teacher=owner,
        country_id="FR",
        region=region("paris"),
        topic="other",
        subject="Secret",
        message="m",
    )
    detail = reverse("network:help_detail", args=[help_request.pk])
    urls_get = [reverse("network:help_list"), reverse("network:help_new"), detail]
    for url in urls_get:
        assert client.get(url).status_code == 302  # anonymous: to the login page
    project = make_project()
    for outsider in (make_teacher("FR"), make_pupil(project), make_staff("DE")):
        sign_in(client, outsider)
        assert client.get(detail).status_code == 404
        assert client.post(reverse("network:help_close", args=[help_request.pk])).status_code == 404
    sign_in(client, make_pupil(project))
    assert client.get(reverse("network:help_new")).status_code == 404
    assert client.get(reverse("network:help_list")).status_code == 404
    sign_in(client, owner)
    assert client.get(reverse("network:help_close", args=[help_request.pk])).status_code == 405
    assert client.get(reverse("network:help_detail", args=[999999])).status_code == 404


# Staff pages: one more query, the second-factor device django-otp checks on each request.
LIST_T, DETAIL_T, LIST_S, DETAIL_S = 3, 4, 6, 6


def test_help_pages_query_counts_do_not_grow(client, django_assert_num_queries):
    paris = make_correspondent("Paula Paris", "regional", "paris")
    teacher = paris_teacher()

    def add(n):
        for i in range(n):
            hr = HelpRequest.objects.create(
                teacher=teacher,
                country_id="FR",
                region=region("paris"),
                topic="other",
                subject=f"Q{i}",
                message="m",
            )
            hr.replies.create(author=paris, body="answer")
        return hr

    hr = add(2)
    pins = {}
    for user, list_queries, detail_queries in (
        (teacher, LIST_T, DETAIL_T),
        (paris, LIST_S, DETAIL_S),
    ):
        sign_in(client, user)
        with django_assert_num_queries(list_queries):
            client.get(reverse("network:help_list"))
        with django_assert_num_queries(detail_queries):
            client.get(reverse("network:help_detail", args=[hr.pk]))
        pins[user.pk] = (list_queries, detail_queries)
    hr = add(10)
    hr.replies.create(author=teacher, body="more")
    for user in (teacher, paris):
        sign_in(client, user)
        with django_assert_num_queries(pins[user.pk][0]):
            assert "Q9" in client.get(reverse("network:help_list")).text
        with django_assert_num_queries(pins[user.pk][1]):
            assert "more" in client.get(reverse("network:help_detail", args=[hr.pk])).text
