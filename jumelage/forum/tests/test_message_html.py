"""A topic's messages are written in Python (forum/templatetags/forum.py): each reader
gets the actions they may use on each message, and nothing else."""

import re

import pytest
from django.test import Client

from jumelage.forum import services
from jumelage.forum.models import Post
from jumelage.projects.access import access_for

from .helpers import reply, start_topic, url

pytestmark = pytest.mark.django_db


def _messages(user, project, topic) -> dict[str, str]:
    """Each message of the topic page, by its anchor, as `user` reads it."""
    client = Client()
    client.force_login(user)
    page = client.get(url("topic_detail", project.pk, topic.pk)).content.decode()
    return dict(
        re.findall(r'<article class="card forum-message" id="([^"]+)">(.*?)</article>', page, re.S)
    )


def _actions(message: str) -> list[str]:
    return re.findall(r'(?:href|action)="([^"]+)"', message.split('<footer class="actions">')[1])


def test_each_reader_sees_the_actions_they_may_use_on_each_message(world):
    project, users = world.project, world.users
    teacher, pupil, pupil_admin = users["admin"], users["pupil"], users["pupil_admin"]
    topic = start_topic(
        project, teacher, body='<p>Describe <a href="https://example.org">your</a> town.</p>'
    )
    own = reply(topic, teacher, body="<p>Teacher's reply</p>")
    waiting = reply(topic, pupil, body="<p>Pupil's reply</p>")
    assert waiting.visibility == "pending"
    services.moderate(access_for(teacher, project), waiting, "published")
    hidden = reply(topic, teacher, body="<p>Hidden reply</p>")
    services.moderate(access_for(teacher, project), hidden, "hidden")
    Post.objects.filter(pk=own.pk).update(edited_at=own.created_at)

    seen = _messages(teacher, project, topic)
    assert list(seen) == ["topic", f"post-{own.pk}", f"post-{waiting.pk}", f"post-{hidden.pk}"]
    assert '<a href="https://example.org">your</a>' in seen["topic"]  # rich text, as saved
    assert " · edited" in seen[f"post-{own.pk}"]
    assert _actions(seen[f"post-{own.pk}"]) == [
        url("post_edit", project.pk, own.pk),
        url("post_moderate", project.pk, own.pk),
        url("post_report", project.pk, own.pk),
    ]
    assert 'name="visibility" value="hidden"' in seen[f"post-{own.pk}"]
    assert 'name="visibility" value="published"' in seen[f"post-{hidden.pk}"]  # restore
    assert ">Restore</button>" in seen[f"post-{hidden.pk}"]
    assert seen[f"post-{own.pk}"].count("csrfmiddlewaretoken") == 2

    seen = _messages(pupil, project, topic)
    assert f"post-{hidden.pk}" not in seen
    assert _actions(seen[f"post-{waiting.pk}"])[0] == url("post_edit", project.pk, waiting.pk)
    assert url("post_moderate", project.pk, own.pk) not in _actions(seen[f"post-{own.pk}"])
    assert _actions(seen[f"post-{own.pk}"]) == [url("post_report", project.pk, own.pk)]

    seen = _messages(pupil_admin, project, topic)  # hides a pupil's message, not a teacher's
    assert url("post_moderate", project.pk, waiting.pk) in _actions(seen[f"post-{waiting.pk}"])
    assert url("post_moderate", project.pk, own.pk) not in _actions(seen[f"post-{own.pk}"])


def test_a_message_whose_author_left_is_signed_former_member_and_names_stay_text(world):
    project, teacher = world.project, world.users["admin"]
    topic = start_topic(project, teacher)
    teacher.display_name = "<b>Claire</b>"
    teacher.save()
    gone = reply(topic, world.users["teacher"])
    Post.objects.filter(pk=gone.pk).update(author=None)
    seen = _messages(teacher, project, topic)
    assert "<strong>Former member</strong>" in seen[f"post-{gone.pk}"]
    assert "&lt;b&gt;Claire&lt;/b&gt;" in seen["topic"] and "<b>Claire</b>" not in seen["topic"]


def _topic_rows(user, project) -> dict[str, str]:
    """Each row of the forum's list by its topic's title (as escaped in the page)."""
    client = Client()
    client.force_login(user)
    page = client.get(url("topic_list", project.pk)).content.decode()
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    return {
        re.search(r'<a href="[^"]+">(.*?)</a>', row).group(1): row
        for row in re.findall(r"<tr>.*?</tr>", body, re.S)
    }


def test_the_forums_rows_show_badges_category_author_and_waiting_replies_to_moderators(world):
    from jumelage.forum.models import Category, Topic

    project, teacher, pupil = world.project, world.users["admin"], world.users["pupil"]
    plain = start_topic(project, teacher, title="Our <towns>")
    reply(plain, pupil)  # waits for approval
    pinned = start_topic(project, teacher, title="Rules")
    Topic.objects.filter(pk=pinned.pk).update(sticky=True, locked=True)

    rows = _topic_rows(teacher, project)
    row = rows["Our &lt;towns&gt;"]
    assert f'<a href="{url("topic_detail", project.pk, plain.pk)}">' in row
    assert '<td>1 <span class="badge">1 waiting for approval</span></td>' in row
    assert f"<td>{teacher}</td>" in row and row.count("<td>") == 4  # no category column
    assert '<span class="badge">pinned</span> <span class="badge">locked</span> <a' in rows["Rules"]
    assert "waiting for approval" not in "".join(_topic_rows(pupil, project).values())

    Category.objects.create(project=project, title="Art & music")
    row = _topic_rows(teacher, project)["Our &lt;towns&gt;"]
    assert "<td>General</td>" in row and row.count("<td>") == 5
