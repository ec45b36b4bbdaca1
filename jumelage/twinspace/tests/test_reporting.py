"""Issue 12 M1: the report page never shows (or accepts) what the reporter may not see."""

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from jumelage.blog.models import Comment as BlogComment
from jumelage.blog.models import Post as BlogPost
from jumelage.chat.models import Message, Room, RoomMember
from jumelage.forum.models import Post as ForumPost
from jumelage.forum.models import Topic
from jumelage.testing import make_project, make_pupil
from jumelage.twinspace.models import ModeratedContent, Report
from jumelage.twinspace.reporting import REPORTABLE
from jumelage.wiki.models import Page

pytestmark = pytest.mark.django_db

# Moderated content that is deliberately not reportable here: a pupil's page edit waiting
# for approval is only seen by teachers and its author; private messages are not in the
# TwinSpace (the project's teachers supervise pupils' conversations instead).
NOT_REPORTABLE = {"wiki.pageedit", "messaging.privatemessage"}


def report_url(project, type_key, object_id):
    base = reverse("twinspace:report", kwargs={"project_id": project.pk})
    return f"{base}?content_type={type_key}&object_id={object_id}"


class World:
    """Project P with an admin, the reporting pupil and another pupil; project Q outside."""

    def __init__(self):
        self.project = make_project()
        self.admin = self.project.memberships.filter(is_founder=True).first().user
        self.reporter = make_pupil(self.project, teacher=self.admin)
        self.other = make_pupil(self.project, teacher=self.admin)
        self.outside = make_project()
        self.outside_admin = self.outside.memberships.filter(is_founder=True).first().user
        self.n = 0

    def secret(self) -> str:
        self.n += 1
        return f"SECRET-{self.n:03d}"

    def room(self, project, kind, name="", members=()):
        if kind != Room.Kind.BREAKOUT:
            room, _ = Room.objects.get_or_create(project=project, kind=kind)
            return room
        room = Room.objects.create(project=project, kind=kind, name=name)
        for member in members:
            RoomMember.objects.create(room=room, user=member)
        return room

    def message(self, room, author, **fields):
        return Message.objects.create(
            room=room, author=author, body=self.secret(), client_id=self.secret(), **fields
        )

    def blog_post(self, project, author, status="published", **fields):
        return BlogPost.objects.create(
            project=project,
            author=author,
            title=self.secret(),
            status=status,
            published_at=timezone.now() if status == "published" else None,
            **fields,
        )

    def comment(self, post, author, **fields):
        return BlogComment.objects.create(post=post, author=author, body=self.secret(), **fields)

    def topic(self, project, author, **fields):
        return Topic.objects.create(
            project=project, author=author, title=self.secret(), body="<p>x</p>", **fields
        )

    def forum_post(self, topic, author, **fields):
        return ForumPost.objects.create(topic=topic, author=author, body=self.secret(), **fields)

    def page(self, project, author, **fields):
        return Page.objects.create(project=project, author=author, title=self.secret(), **fields)


def hidden_cases(w: World):
    """(label, object) the reporter must not see: every reportable type, every way to hide."""
    p, q = w.project, w.outside
    general, q_general = w.room(p, "general"), w.room(q, "general")
    teachers = w.room(p, "teachers")
    breakout = w.room(p, "breakout", name="Group B", members=[w.other])
    published_post = w.blog_post(p, w.admin)
    draft = w.blog_post(p, w.admin, status="draft")
    hidden_topic = w.topic(p, w.admin, visibility="hidden")
    return [
        ("chat: teachers-only room", w.message(teachers, w.admin)),
        ("chat: breakout room he is not in", w.message(breakout, w.other)),
        ("chat: deleted by a teacher", w.message(general, w.other, deleted_at=timezone.now())),
        ("chat: hidden", w.message(general, w.other, visibility="hidden")),
        ("chat: another pupil's pending", w.message(general, w.other, visibility="pending")),
        ("chat: other project", w.message(q_general, w.outside_admin)),
        ("blog: someone's draft", draft),
        ("blog: pupil's draft", w.blog_post(p, w.other, status="draft")),
        ("blog: pending", w.blog_post(p, w.other, visibility="pending")),
        ("blog: hidden", w.blog_post(p, w.admin, visibility="hidden")),
        ("blog: other project", w.blog_post(q, w.outside_admin)),
        ("comment: hidden", w.comment(published_post, w.other, visibility="hidden")),
        ("comment: pending", w.comment(published_post, w.other, visibility="pending")),
        ("comment: on a draft", w.comment(draft, w.admin)),
        ("comment: other project", w.comment(w.blog_post(q, w.outside_admin), w.outside_admin)),
        ("topic: pending", w.topic(p, w.other, visibility="pending")),
        ("topic: hidden", hidden_topic),
        ("topic: other project", w.topic(q, w.outside_admin)),
        ("forum post: hidden", w.forum_post(w.topic(p, w.admin), w.other, visibility="hidden")),
        ("forum post: pending", w.forum_post(w.topic(p, w.admin), w.other, visibility="pending")),
        ("forum post: in a hidden topic", w.forum_post(hidden_topic, w.admin)),
        ("forum post: other project", w.forum_post(w.topic(q, w.outside_admin), w.outside_admin)),
        ("page: pending", w.page(p, w.other, visibility="pending")),
        ("page: hidden", w.page(p, w.admin, visibility="hidden")),
        ("page: other project", w.page(q, w.outside_admin)),
    ]


def visible_cases(w: World):
    p = w.project
    general = w.room(p, "general")
    breakout = w.room(p, "breakout", name="Group A", members=[w.reporter, w.other])
    post = w.blog_post(p, w.admin)
    topic = w.topic(p, w.admin)
    return [
        ("chat: general", w.message(general, w.other)),
        ("chat: his breakout", w.message(breakout, w.other)),
        ("blog: published", post),
        ("comment: published", w.comment(post, w.other)),
        ("topic: published", topic),
        ("forum post: published", w.forum_post(topic, w.other)),
        ("page: published", w.page(p, w.admin)),
    ]


def text_of(obj) -> str:
    return getattr(obj, "title", None) or obj.body


def test_every_moderated_content_type_decides_whether_it_is_reportable():
    moderated = {
        m._meta.label_lower
        for m in apps.get_models()
        if issubclass(m, ModeratedContent) and not m._meta.abstract
    }
    assert moderated - NOT_REPORTABLE == set(REPORTABLE)


def test_nothing_the_reporter_cannot_see_is_shown_or_reportable(client):
    w = World()
    cases = hidden_cases(w)
    covered = {obj._meta.label_lower for _, obj in cases}
    assert covered == set(REPORTABLE), "walk every reportable content type"
    client.force_login(w.reporter)
    for label, obj in cases:
        key = obj._meta.label_lower
        response = client.get(report_url(w.project, key, obj.pk))
        assert response.status_code == 404, label
        assert text_of(obj) not in response.text, label
        response = client.post(
            reverse("twinspace:report", kwargs={"project_id": w.project.pk}),
            {"content_type": key, "object_id": obj.pk, "reason": "x"},
        )
        assert response.status_code == 404, label
    assert not Report.objects.exists()


def test_what_the_reporter_sees_can_be_reported(client):
    w = World()
    cases = visible_cases(w)
    assert {obj._meta.label_lower for _, obj in cases} == set(REPORTABLE)
    client.force_login(w.reporter)
    for label, obj in cases:
        key = obj._meta.label_lower
        response = client.get(report_url(w.project, key, obj.pk))
        assert response.status_code == 200, label
        assert escape(str(obj))[:40] in response.text, label
        response = client.post(
            reverse("twinspace:report", kwargs={"project_id": w.project.pk}),
            {"content_type": key, "object_id": obj.pk, "reason": "rude"},
        )
        assert response.status_code == 302, label
    assert Report.objects.count() == len(cases)


def test_a_teacher_reports_what_teachers_see_but_not_deleted_messages(client):
    w = World()
    client.force_login(w.admin)
    teachers_room = w.room(w.project, "teachers")
    shown = w.message(teachers_room, w.admin)
    assert client.get(report_url(w.project, "chat.message", shown.pk)).status_code == 200
    deleted = w.message(teachers_room, w.admin, deleted_at=timezone.now())
    response = client.get(report_url(w.project, "chat.message", deleted.pk))
    assert response.status_code == 404 and deleted.body not in response.text


@pytest.mark.parametrize(
    "type_key, object_id",
    [
        ("auth.user", 1),
        ("twinspace.bulletinnote", 1),
        ("wiki.revision", 1),
        ("chat.room", 1),
        ("nonsense", 1),
        ("chat.message", 99999999999999999999999),
        ("chat.message", "²"),
    ],
)
def test_unknown_types_and_ids_are_refused_cleanly(client, type_key, object_id):
    w = World()
    client.force_login(w.reporter)
    response = client.get(report_url(w.project, type_key, object_id))
    assert response.status_code in (400, 404)


def test_each_apps_own_report_button_asks_the_same_rule(client):
    """The Report buttons beside the content (blog, forum, chat) refuse what the reporter
    cannot see, like the report page."""
    w = World()
    cases = hidden_cases(w)
    client.force_login(w.reporter)
    routes = {
        "blog.post": ("blog:post_report", "post_id"),
        "blog.comment": ("blog:comment_report", "comment_id"),
        "forum.topic": ("forum:topic_report", "topic_id"),
        "forum.post": ("forum:post_report", "post_id"),
        "chat.message": ("chat:report", "message_id"),
    }
    for label, obj in cases:
        route = routes.get(obj._meta.label_lower)
        if route is None:
            continue
        name, kwarg = route
        target = reverse(name, kwargs={"project_id": w.project.pk, kwarg: obj.pk})
        response = client.post(target, {"reason": "x"})
        assert response.status_code == 404, label
    assert not Report.objects.exists()
