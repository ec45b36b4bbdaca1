"""Chat pages and moderation: outsiders refused, moderation by teachers, no-JS fallback."""

import pytest
from django.urls import reverse

from jumelage.audit.models import AuditEntry
from jumelage.chat.models import Message, Mute, Room, RoomMember
from jumelage.projects.models import Project
from jumelage.projects.signals import project_activated
from jumelage.testing import add_member, make_project, make_pupil, make_teacher
from jumelage.twinspace.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    project = make_project(pupils_need_approval=False)
    teacher = project.memberships.filter(is_founder=True).first().user
    general = Room.objects.create(project=project, kind="general")
    teachers = Room.objects.create(project=project, kind="teachers")
    pupil = make_pupil(project)
    other = make_project()
    message = Message.objects.create(room=general, author=pupil, body="Bonjour", client_id="c")
    return {
        "project": project,
        "teacher": teacher,
        "pupil": pupil,
        "pupil2": make_pupil(project),
        "general": general,
        "teachers": teachers,
        "message": message,
        "other_teacher": other.memberships.first().user,
        "other_pupil": make_pupil(other),
    }


def urls(w):
    p, r, m = w["project"].pk, w["general"].pk, w["message"].pk
    return [
        ("get", reverse("chat:index", args=[p])),
        ("post", reverse("chat:create", args=[p])),
        ("get", reverse("chat:room", args=[p, r])),
        ("get", reverse("chat:older", args=[p, r]) + f"?before={m + 1}"),
        ("post", reverse("chat:send", args=[p, r])),
        ("post", reverse("chat:close", args=[p, r])),
        ("post", reverse("chat:mute", args=[p, r])),
        ("post", reverse("chat:delete", args=[p, m])),
        ("post", reverse("chat:approve", args=[p, m])),
        ("post", reverse("chat:report", args=[p, m])),
    ]


def test_every_chat_url_refuses_outsiders(client, w):
    for method, url in urls(w):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url, url
    for outsider in (w["other_teacher"], w["other_pupil"]):
        client.force_login(outsider)
        for method, url in urls(w):
            assert getattr(client, method)(url).status_code == 404, (outsider, url)
    assert Message.objects.count() == 1
    assert not Report.objects.exists() and not Mute.objects.exists()


def test_pupils_cannot_moderate_or_open_the_teachers_room(client, w):
    client.force_login(w["pupil"])
    p = w["project"].pk
    assert client.get(reverse("chat:room", args=[p, w["teachers"].pk])).status_code == 404
    for name, arg in [
        ("close", w["general"].pk),
        ("mute", w["general"].pk),
        ("delete", w["message"].pk),
        ("approve", w["message"].pk),
    ]:
        assert client.post(reverse(f"chat:{name}", args=[p, arg])).status_code == 403
    assert client.post(reverse("chat:create", args=[p]), {"name": "x"}).status_code == 403
    assert Room.objects.get(pk=w["general"].pk).is_open


def test_wrong_methods_get_405(client, w):
    client.force_login(w["teacher"])
    p = w["project"].pk
    assert client.get(reverse("chat:send", args=[p, w["general"].pk])).status_code == 405
    assert client.post(reverse("chat:room", args=[p, w["general"].pk])).status_code == 405
    assert client.get(reverse("chat:delete", args=[p, w["message"].pk])).status_code == 405


def test_activation_creates_the_two_standing_rooms_and_the_index_lists_what_the_user_may_enter(
    client,
):
    project = make_project()
    project_activated.send(sender=Project, project=project)  # what projects.services.decide does
    assert Room.objects.filter(project=project).count() == 2
    pupil = make_pupil(project)
    client.force_login(pupil)
    page = client.get(reverse("chat:index", args=[project.pk])).content.decode()
    assert "General" in page and "Teachers only" not in page
    client.force_login(project.memberships.first().user)
    page = client.get(reverse("chat:index", args=[project.pk])).content.decode()
    assert "Teachers only" in page and "New group room" in page


def test_reading_the_room_list_writes_nothing(client):
    project = make_project()
    client.force_login(project.memberships.first().user)
    assert client.get(reverse("chat:index", args=[project.pk])).status_code == 200
    assert not Room.objects.filter(project=project).exists()


def test_a_teacher_creates_a_breakout_room_for_pupils_of_two_schools(client, w):
    de_teacher = w["project"].memberships.filter(is_founder=True).last().user
    german = make_pupil(w["project"], teacher=de_teacher)
    client.force_login(w["teacher"])
    response = client.post(
        reverse("chat:create", args=[w["project"].pk]),
        {"name": "Groupe 1", "members": [w["pupil"].pk, german.pk]},
    )
    room = Room.objects.get(kind="breakout")
    assert response.status_code == 302
    assert set(RoomMember.objects.filter(room=room).values_list("user", flat=True)) == {
        w["pupil"].pk,
        german.pk,
    }
    client.force_login(w["pupil2"])
    assert client.get(reverse("chat:room", args=[w["project"].pk, room.pk])).status_code == 404
    client.force_login(german)
    assert client.get(reverse("chat:room", args=[w["project"].pk, room.pk])).status_code == 200


def test_a_breakout_room_needs_a_name_and_only_this_projects_pupils(client, w):
    client.force_login(w["teacher"])
    response = client.post(
        reverse("chat:create", args=[w["project"].pk]),
        {"name": "", "members": [w["other_pupil"].pk]},
    )
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not Room.objects.filter(kind="breakout").exists()


def test_posting_without_javascript_and_replaying_the_form_stores_one_message(client, w):
    client.force_login(w["pupil2"])
    url = reverse("chat:send", args=[w["project"].pk, w["general"].pk])
    for _ in range(2):
        assert client.post(url, {"body": "Salut <script>", "client_id": "abc"}).status_code == 302
    assert Message.objects.filter(author=w["pupil2"]).count() == 1
    page = client.get(reverse("chat:room", args=[w["project"].pk, w["general"].pk]))
    assert "Salut &lt;script&gt;" in page.content.decode()


def test_an_empty_message_is_refused_with_a_clear_message(client, w):
    client.force_login(w["pupil2"])
    url = reverse("chat:send", args=[w["project"].pk, w["general"].pk])
    response = client.post(url, {"body": "", "client_id": "x"}, follow=True)
    assert "Your message was not sent" in response.content.decode()
    assert Message.objects.count() == 1


def test_teachers_delete_mute_and_close(client, w):
    client.force_login(w["teacher"])
    p, r = w["project"].pk, w["general"].pk
    client.post(reverse("chat:delete", args=[p, w["message"].pk]))
    assert Message.objects.get().deleted_at is not None
    client.post(reverse("chat:mute", args=[p, r]), {"user": w["pupil"].pk})
    assert Mute.objects.filter(user=w["pupil"]).exists()
    client.post(reverse("chat:close", args=[p, r]), {"action": "close"})
    assert not Room.objects.get(pk=r).is_open
    assert {"chat.delete", "chat.mute", "chat.close"} <= set(
        AuditEntry.objects.values_list("action", flat=True)
    )
    client.force_login(w["pupil2"])
    page = client.get(reverse("chat:room", args=[p, r])).content.decode()
    assert "Bonjour" not in page and "This room is closed." in page and 'id="chat-form"' not in page
    assert (
        client.post(reverse("chat:send", args=[p, r]), {"body": "x", "client_id": "y"}).status_code
        == 403
    )
    client.force_login(w["teacher"])
    client.post(reverse("chat:mute", args=[p, r]), {"user": w["pupil"].pk, "action": "unmute"})
    client.post(reverse("chat:close", args=[p, r]), {"action": "reopen"})
    assert not Mute.objects.exists() and Room.objects.get(pk=r).is_open


def test_mute_refuses_a_bad_or_foreign_user_without_error(client, w):
    client.force_login(w["teacher"])
    url = reverse("chat:mute", args=[w["project"].pk, w["general"].pk])
    for value in ["", "abc", str(w["other_pupil"].pk), "999999"]:
        response = client.post(url, {"user": value}, follow=True)
        assert "Choose a member of this room." in response.content.decode()
    assert not Mute.objects.exists()


def test_pupil_messages_wait_for_approval_when_the_room_says_so(client, w):
    Room.objects.filter(pk=w["general"].pk).update(pupils_need_approval=True)
    p, r = w["project"].pk, w["general"].pk
    client.force_login(w["pupil"])
    client.post(reverse("chat:send", args=[p, r]), {"body": "À valider", "client_id": "v"})
    pending = Message.objects.get(client_id="v")
    assert pending.visibility == "pending"
    client.force_login(w["pupil2"])
    assert "À valider" not in client.get(reverse("chat:room", args=[p, r])).content.decode()
    client.force_login(w["teacher"])
    assert "À valider" in client.get(reverse("chat:room", args=[p, r])).content.decode()
    client.post(reverse("chat:approve", args=[p, pending.pk]))
    client.force_login(w["pupil2"])
    assert "À valider" in client.get(reverse("chat:room", args=[p, r])).content.decode()


def test_any_member_reports_a_message_but_not_their_own(client, w):
    p, m = w["project"].pk, w["message"].pk
    client.force_login(w["pupil2"])
    client.post(reverse("chat:report", args=[p, m]), {"reason": "rude"})
    report = Report.objects.get()
    assert report.reporter == w["pupil2"] and report.target == w["message"]
    client.force_login(w["pupil"])
    assert client.post(reverse("chat:report", args=[p, m])).status_code == 403


def test_scrolling_back_returns_older_messages_as_a_fragment(client, w):
    Message.objects.bulk_create(
        Message(room=w["general"], author=w["teacher"], body=f"n{i}", client_id=f"n{i}")
        for i in range(60)
    )
    client.force_login(w["pupil"])
    p, r = w["project"].pk, w["general"].pk
    page = client.get(reverse("chat:room", args=[p, r])).content.decode()
    assert "n59" in page and "n9<" not in page and "Show older messages" in page
    first_shown = Message.objects.get(client_id="n10").pk
    fragment = client.get(reverse("chat:older", args=[p, r]) + f"?before={first_shown}")
    text = fragment.content.decode()
    assert "n9<" in text and "Bonjour" in text and "n10<" not in text
    assert "<html" not in text
    assert client.get(reverse("chat:older", args=[p, r]) + "?before=abc").status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_room_page_queries_do_not_grow_with_messages(client, w, count, django_assert_num_queries):
    Message.objects.bulk_create(
        Message(room=w["general"], author=w["pupil"], body=f"q{i}", client_id=f"q{i}")
        for i in range(count)
    )
    client.force_login(w["teacher"])
    url = reverse("chat:room", args=[w["project"].pk, w["general"].pk])
    client.get(url)
    with django_assert_num_queries(QUERIES_ROOM):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 6])
def test_index_queries_do_not_grow_with_rooms(client, w, count, django_assert_num_queries):
    for i in range(count):
        Room.objects.create(project=w["project"], kind="breakout", name=f"G{i}")
    client.force_login(w["teacher"])
    url = reverse("chat:index", args=[w["project"].pk])
    client.get(url)
    with django_assert_num_queries(QUERIES_INDEX):
        assert client.get(url).status_code == 200


QUERIES_ROOM = 6  # session, user, project + membership (one query), room, messages, mute
QUERIES_INDEX = 5


def test_guests_read_but_cannot_write(client, w):
    guest = add_member(w["project"], role="guest")
    client.force_login(guest)
    page = client.get(reverse("chat:room", args=[w["project"].pk, w["general"].pk]))
    assert page.status_code == 200 and 'id="chat-form"' not in page.content.decode()


def test_unverified_outsider_teacher_is_refused(client, w):
    client.force_login(make_teacher("FR", verified=False))
    assert client.get(reverse("chat:index", args=[w["project"].pk])).status_code == 404


def test_a_mention_notifies_the_member_and_emails_them(
    client, w, django_capture_on_commit_callbacks
):
    from django.core import mail

    from jumelage.notifications.models import Notification

    client.force_login(w["pupil2"])
    url = reverse("chat:send", args=[w["project"].pk, w["general"].pk])
    teacher = w["teacher"]
    with django_capture_on_commit_callbacks(execute=True):  # mentions are told after commit
        client.post(url, {"body": f"@{teacher.display_name} une question", "client_id": "q"})
    notice = Notification.objects.get(user=teacher, kind="mention")
    assert notice.url == reverse("chat:room", args=[w["project"].pk, w["general"].pk])
    assert [m.to for m in mail.outbox] == [[teacher.email]]
    assert "une question" in mail.outbox[0].body
    # A pupil mentioned in the teachers' room is not told (they cannot see it).
    client.force_login(teacher)
    url = reverse("chat:send", args=[w["project"].pk, w["teachers"].pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"body": f"@{w['pupil'].display_name} ?", "client_id": "t"})
    assert not Notification.objects.filter(user=w["pupil"]).exists()


def test_each_reader_sees_the_forms_they_may_use_on_each_message_and_bodies_stay_text(client, w):
    """The history's rows are written in Python (templatetags/chat.py): what a moderator,
    a pupil and the author see on each row, and a body that stays text."""
    import re

    p, room = w["project"].pk, w["general"]
    own = Message.objects.create(
        room=room, author=w["teacher"], body="<b>Bienvenue</b>\nà tous", client_id="t"
    )
    url = reverse("chat:room", args=[p, room.pk])

    def forms_on(user, message):
        client.force_login(user)
        page = client.get(url).content.decode()
        row = re.search(
            rf'<li class="chat-message[^"]*" id="message-{message.pk}".*?</li>', page, re.S
        )
        return row.group(0), re.findall(r'action="([^"]+)"', row.group(0))

    row, actions = forms_on(w["teacher"], w["message"])
    assert actions == [
        reverse("chat:delete", args=[p, w["message"].pk]),
        reverse("chat:mute", args=[p, room.pk]),
        reverse("chat:report", args=[p, w["message"].pk]),
    ]
    assert f'name="user" value="{w["pupil"].pk}"' in row and "csrfmiddlewaretoken" in row
    row, actions = forms_on(w["teacher"], own)
    assert actions == [reverse("chat:delete", args=[p, own.pk])]  # no mute, no report of oneself
    assert "&lt;b&gt;Bienvenue&lt;/b&gt;<br>à tous" in row
    assert forms_on(w["pupil2"], own)[1] == [reverse("chat:report", args=[p, own.pk])]
    assert forms_on(w["pupil"], w["message"])[1] == []


def test_the_breakout_form_lists_this_projects_pupils_by_name_and_school(client, w):
    w["pupil"].display_name = "Zoé <b>"
    w["pupil"].save()
    client.force_login(w["teacher"])
    page = client.get(reverse("chat:index", args=[w["project"].pk])).content.decode()
    school = w["project"].memberships.get(user=w["pupil"]).school.name
    assert f'value="{w["pupil"].pk}" id="id_members_' in page
    assert f"> Zoé &lt;b&gt; ({school})</label>" in page
    assert f'value="{w["other_pupil"].pk}"' not in page  # another project's pupil


def test_a_waiting_message_shows_its_state_and_the_approval_and_names_stay_text(client, w):
    import re

    p, room = w["project"].pk, w["general"]
    w["pupil"].display_name = 'Zoé <b>"'
    w["pupil"].save()
    waiting = Message.objects.create(
        room=room, author=w["pupil"], body="a\r\nb", client_id="w", visibility="pending"
    )
    client.force_login(w["teacher"])
    page = client.get(reverse("chat:room", args=[p, room.pk])).content.decode()
    row = re.search(
        rf'<li class="chat-message pending" id="message-{waiting.pk}".*?</li>', page, re.S
    )
    html = row.group(0)
    assert '<span class="chat-author">Zoé &lt;b&gt;&quot;</span>' in html
    assert '<span class="chat-pending">waiting for approval</span>' in html
    assert '<p class="chat-body">a<br>b</p>' in html
    assert re.findall(r'action="([^"]+)"', html) == [
        reverse("chat:approve", args=[p, waiting.pk]),
        reverse("chat:delete", args=[p, waiting.pk]),
        reverse("chat:mute", args=[p, room.pk]),
        reverse("chat:report", args=[p, waiting.pk]),
    ]
    assert ">Mute Zoé &lt;b&gt;&quot;</button>" in html
