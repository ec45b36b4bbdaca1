"""Issue 12 M8: with approval on, nothing a pupil writes or changes is published before a
teacher approves it, whatever the place (wiki create/edit/restore, forum, blog, chat).

Each action is done through its page as a pupil would; another pupil then looks where the
text would appear and must not see it; a teacher approves everything waiting; then it shows.
"""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from jumelage.blog.models import Post as BlogPost
from jumelage.chat.models import Room
from jumelage.chat.services import ensure_rooms
from jumelage.forum.models import Post as ForumPost
from jumelage.forum.models import Topic
from jumelage.notifications.models import Notification
from jumelage.projects.access import access_for
from jumelage.projects.models import Visibility
from jumelage.testing import make_project, make_pupil
from jumelage.twinspace.models import ModeratedContent
from jumelage.wiki import services as wiki
from jumelage.wiki.models import Page

pytestmark = pytest.mark.django_db


def space(name, project, **kwargs):
    return reverse(name, kwargs={"project_id": project.pk, **kwargs})


class World:
    def __init__(self):
        self.project = make_project(
            pupils_need_approval=True, pupils_may_edit_pages=True, pupils_may_start_topics=True
        )
        self.admin = self.project.memberships.filter(is_founder=True).first().user
        self.pupil = make_pupil(self.project, teacher=self.admin)
        self.reader = make_pupil(self.project, teacher=self.admin)
        ensure_rooms(self.project)


def wiki_create(client, w):
    client.post(space("wiki:create", w.project), {"title": "MARK-wiki-new", "body": "<p>x</p>"})
    return "MARK-wiki-new", Page.objects.get(title="MARK-wiki-new").get_absolute_url()


def wiki_edit_teachers_page(client, w):
    page = wiki.create_page(w.project, w.admin, "Our towns", "<p>Teacher text</p>")
    client.post(
        space("wiki:edit", w.project, page_id=page.pk),
        {"title": page.title, "body": "<p>MARK-wiki-edit</p>", "version": 1, "position": 0},
    )
    return "MARK-wiki-edit", page.get_absolute_url()


def wiki_restore(client, w):
    page = wiki.create_page(w.project, w.admin, "Menu", "<p>MARK-wiki-restore</p>")
    wiki.save_page(page, w.admin, title=page.title, body="<p>Clean</p>", base_version=1)
    client.post(space("wiki:restore", w.project, page_id=page.pk, number=1), {"version": 2})
    return "MARK-wiki-restore", page.get_absolute_url()


def forum_topic(client, w):
    client.post(space("forum:topic_create", w.project), {"title": "MARK-topic", "body": "<p>x</p>"})
    topic = Topic.objects.get(title="MARK-topic")
    return "MARK-topic", space("forum:topic_detail", w.project, topic_id=topic.pk)


def forum_reply(client, w):
    topic = Topic.objects.create(project=w.project, author=w.admin, title="T", body="<p>t</p>")
    client.post(space("forum:reply", w.project, topic_id=topic.pk), {"body": "<p>MARK-reply</p>"})
    return "MARK-reply", space("forum:topic_detail", w.project, topic_id=topic.pk)


def forum_edit_own_topic(client, w):
    topic = Topic.objects.create(
        project=w.project, author=w.pupil, title="Approved", body="<p>fine</p>"
    )
    client.post(
        space("forum:topic_edit", w.project, topic_id=topic.pk),
        {"title": "Approved", "body": "<p>MARK-topic-edit</p>"},
    )
    return "MARK-topic-edit", space("forum:topic_detail", w.project, topic_id=topic.pk)


def forum_edit_own_reply(client, w):
    topic = Topic.objects.create(project=w.project, author=w.admin, title="T2", body="<p>t</p>")
    post = ForumPost.objects.create(topic=topic, author=w.pupil, body="<p>fine</p>")
    client.post(
        space("forum:post_edit", w.project, post_id=post.pk), {"body": "<p>MARK-reply-edit</p>"}
    )
    return "MARK-reply-edit", space("forum:topic_detail", w.project, topic_id=topic.pk)


def blog_publish_new(client, w):
    client.post(
        space("blog:post_create", w.project),
        {"title": "MARK-blog-new", "body": "<p>x</p>", "cover_alt": "", "action": "publish"},
    )
    post = BlogPost.objects.get(title="MARK-blog-new")
    return "MARK-blog-new", space("blog:post_detail", w.project, post_id=post.pk)


def blog_publish_draft(client, w):
    post = BlogPost.objects.create(project=w.project, author=w.pupil, title="MARK-blog-draft")
    client.post(space("blog:post_publish", w.project, post_id=post.pk))
    return "MARK-blog-draft", space("blog:post_detail", w.project, post_id=post.pk)


def blog_edit_published(client, w):
    post = BlogPost.objects.create(
        project=w.project,
        author=w.pupil,
        title="Approved post",
        body="<p>fine</p>",
        status="published",
        published_at=timezone.now(),
    )
    client.post(
        space("blog:post_edit", w.project, post_id=post.pk),
        {"title": "Approved post", "body": "<p>MARK-blog-edit</p>", "cover_alt": ""},
    )
    return "MARK-blog-edit", space("blog:post_detail", w.project, post_id=post.pk)


def blog_comment(client, w):
    post = BlogPost.objects.create(
        project=w.project,
        author=w.admin,
        title="Teacher post",
        status="published",
        published_at=timezone.now(),
    )
    client.post(space("blog:comment_add", w.project, post_id=post.pk), {"body": "MARK-comment"})
    return "MARK-comment", space("blog:post_detail", w.project, post_id=post.pk)


def chat_message(client, w):
    room = Room.objects.get(project=w.project, kind="general")
    client.post(
        space("chat:send", w.project, room_id=room.pk), {"body": "MARK-chat", "client_id": "c1"}
    )
    return "MARK-chat", space("chat:room", w.project, room_id=room.pk)


ACTIONS = [
    wiki_create,
    wiki_edit_teachers_page,
    wiki_restore,
    forum_topic,
    forum_reply,
    forum_edit_own_topic,
    forum_edit_own_reply,
    blog_publish_new,
    blog_publish_draft,
    blog_edit_published,
    blog_comment,
    chat_message,
]


def pending():
    for model in apps.get_models():
        if issubclass(model, ModeratedContent) and not model._meta.abstract:
            yield from model._default_manager.filter(visibility=Visibility.PENDING)


def test_nothing_a_pupil_writes_or_changes_shows_before_a_teacher_approves(client):
    w = World()
    client.force_login(w.pupil)
    seen_at = [action(client, w) for action in ACTIONS]

    client.force_login(w.reader)
    for marker, where in seen_at:
        response = client.get(where)
        assert marker not in response.text, marker
    client.logout()
    for marker, where in seen_at:
        if "/blog/" in where:
            assert marker not in client.get(where).text, marker

    waiting = list(pending())
    assert len(waiting) == len(ACTIONS)
    client.force_login(w.admin)
    queue = client.get(space("twinspace:moderation", w.project))
    assert queue.status_code == 200
    for content in waiting:
        # Each waiting item is listed with its own approve button.
        assert f'name="object_id" value="{content.pk}"' in queue.text, content
        assert content._meta.label_lower in queue.text, content
    for content in waiting:
        response = client.post(
            space("twinspace:moderate", w.project),
            {
                "content_type": content._meta.label_lower,
                "object_id": content.pk,
                "action": "approve",
            },
        )
        assert response.status_code == 303

    client.force_login(w.reader)
    for marker, where in seen_at:
        assert marker in client.get(where).text, marker


def test_a_pupils_page_edit_waits_even_when_it_only_moves_the_page(client):
    w = World()
    top = wiki.create_page(w.project, w.admin, "Top", "<p>top</p>")
    page = wiki.create_page(w.project, w.admin, "Step", "<p>step</p>")
    client.force_login(w.pupil)
    client.post(
        space("wiki:edit", w.project, page_id=page.pk),
        {"title": "Step", "body": "<p>step</p>", "version": 1, "position": 0, "parent": top.pk},
    )
    page.refresh_from_db()
    assert page.parent is None and page.version == 1
    edit = page.proposed_edits.get()
    # The pupil's own teacher is told, with a link to the proposal on the page.
    assert Notification.objects.get(user=w.admin, kind="approval").url == edit.get_absolute_url()
    client.force_login(w.admin)
    # The teacher sees the proposal on the page, with approve and hide buttons.
    html = client.get(page.get_absolute_url()).text
    assert f'id="edit-{edit.pk}"' in html and "Approve" in html
    wiki_approve = {"content_type": "wiki.pageedit", "object_id": edit.pk, "action": "approve"}
    client.post(space("twinspace:moderate", w.project), wiki_approve)
    page.refresh_from_db()
    assert page.parent == top and page.version == 2
    assert page.revisions.get(number=2).author == w.pupil


def test_approving_a_stale_edit_is_refused_and_changes_nothing(client):
    w = World()
    page = wiki.create_page(w.project, w.admin, "Step", "<p>one</p>")
    client.force_login(w.pupil)
    client.post(
        space("wiki:edit", w.project, page_id=page.pk),
        {"title": "Step", "body": "<p>pupil</p>", "version": 1, "position": 0},
    )
    edit = page.proposed_edits.get()
    wiki.save_page(page, w.admin, title="Step", body="<p>teacher two</p>", base_version=1)
    client.force_login(w.admin)
    response = client.post(
        space("twinspace:moderate", w.project),
        {"content_type": "wiki.pageedit", "object_id": edit.pk, "action": "approve"},
        follow=True,
    )
    assert "changed after the pupil proposed this edit" in response.text
    page.refresh_from_db()
    edit.refresh_from_db()
    assert page.body == "<p>teacher two</p>" and page.version == 2
    assert edit.visibility == Visibility.PENDING


def test_a_pupil_sees_his_own_waiting_edit_and_other_pupils_do_not(client):
    w = World()
    page = wiki.create_page(w.project, w.admin, "Step", "<p>one</p>")
    client.force_login(w.pupil)
    response = client.post(
        space("wiki:edit", w.project, page_id=page.pk),
        {"title": "Step", "body": "<p>MARK-mine</p>", "version": 1, "position": 0},
        follow=True,
    )
    assert "a teacher will approve them" in response.text
    assert "MARK-mine" in response.text
    client.force_login(w.reader)
    assert "MARK-mine" not in client.get(page.get_absolute_url()).text


def test_the_rule_is_one_function():
    """Every place asks access.needs_approval: teachers never wait, pupils do
    when the project or the place (a chat room) says so."""
    from jumelage.chat.policies import needs_approval as chat_rule
    from jumelage.twinspace.services import initial_visibility

    w = World()
    room = Room.objects.get(project=w.project, kind="general")
    pupil, admin = access_for(w.pupil, w.project), access_for(w.admin, w.project)
    assert pupil.needs_approval()
    assert not admin.needs_approval()
    assert initial_visibility(pupil) == Visibility.PENDING
    w.project.pupils_need_approval = False
    assert not pupil.needs_approval()
    assert pupil.needs_approval(also=True)
    room.project = w.project
    assert not chat_rule(w.pupil, room)
    room.pupils_need_approval = True
    assert chat_rule(w.pupil, room) and not chat_rule(w.admin, room)
