from jumelage.forum.models import Category, Post, Topic
from jumelage.testing.matrix import (
    CONTRIBUTORS,
    LEADERS,
    MEMBERS,
    REFUSED_WITH_MESSAGE,
    TEACHERS,
    VISITING,
    Case,
)


def setup(world):
    teacher = world.users["teacher"]
    topic = Topic.objects.create(
        project=world.project, author=teacher, title="Our towns", body="<p>Hello</p>"
    )
    post = Post.objects.create(topic=topic, author=teacher, body="<p>First reply</p>")
    # Categories (docs/roles.md): one for teachers only, one pupils read but do not post
    # in, one opened to visitors.
    staff = Category.objects.create(
        project=world.project,
        title="Staff room",
        own_rights=True,
        pupils_view=False,
        pupil_admins_view=False,
    )
    news = Category.objects.create(
        project=world.project, title="News", own_rights=True, pupil_admins_edit=False
    )
    shown = Category.objects.create(
        project=world.project, title="Showcase", own_rights=True, visitors_view=True
    )

    def topic_in(category):
        return Topic.objects.create(
            project=world.project, category=category, author=teacher, title="T", body="<p>x</p>"
        ).pk

    return {
        "topic_id": topic.pk,
        "post_id": post.pk,
        "category_id": staff.pk,
        "staff_topic_id": topic_in(staff),
        "news_topic_id": topic_in(news),
        "shown_topic_id": topic_in(shown),
    }


BODY = {"body": "<p>Hello</p>"}

CASES = [
    Case("forum:topic_list", "GET", allowed=VISITING),
    Case("forum:topic_detail", "GET", kwargs=("topic_id",), allowed=MEMBERS),
    # Categories: a teachers-only topic is a 404 for pupils, even on its actions.
    Case(
        "forum:topic_list",
        "GET",
        allowed=TEACHERS | {"guest"},
        data=lambda world, objects: {"category": objects["category_id"]},
    ),
    Case(
        "forum:topic_detail",
        "GET",
        kwargs={"topic_id": "staff_topic_id"},
        allowed=TEACHERS | {"guest"},
    ),
    Case("forum:topic_detail", "GET", kwargs={"topic_id": "shown_topic_id"}, allowed=VISITING),
    Case(
        "forum:topic_follow",
        "POST",
        kwargs={"topic_id": "staff_topic_id"},
        allowed=TEACHERS | {"guest"},
    ),
    Case("forum:reply", "POST", kwargs={"topic_id": "staff_topic_id"}, allowed=TEACHERS, data=BODY),
    # Pupils read "News" but do not post in it: refused with a message (403).
    Case("forum:reply", "POST", kwargs={"topic_id": "news_topic_id"}, allowed=TEACHERS, data=BODY),
    Case("forum:categories", "GET", allowed=TEACHERS),
    Case("forum:categories", "POST", allowed=TEACHERS, data={"title": "Ideas"}),
    Case("forum:category_edit", "GET", kwargs=("category_id",), allowed=TEACHERS),
    Case(
        "forum:category_edit",
        "POST",
        kwargs=("category_id",),
        allowed=TEACHERS,
        data={"title": "Renamed", "position": "3"},
    ),
    Case("forum:category_rights", "GET", kwargs=("category_id",), allowed=TEACHERS),
    Case(
        "forum:category_rights",
        "POST",
        kwargs=("category_id",),
        allowed=TEACHERS,
        data={"pupils_view": "on"},
    ),
    Case("forum:category_delete", "POST", kwargs=("category_id",), allowed=TEACHERS),
    Case("forum:topic_create", "GET", allowed=LEADERS),
    Case("forum:topic_create", "POST", allowed=LEADERS, data={"title": "New", **BODY}),
    Case("forum:reply", "POST", kwargs=("topic_id",), allowed=CONTRIBUTORS, data=BODY),
    # Created by a teacher: pupils may not edit it, teachers may.
    Case("forum:topic_edit", "GET", kwargs=("topic_id",), allowed=TEACHERS),
    Case(
        "forum:topic_edit",
        "POST",
        kwargs=("topic_id",),
        allowed=TEACHERS,
        data={"title": "Edited", **BODY},
    ),
    Case("forum:post_edit", "GET", kwargs=("post_id",), allowed=TEACHERS),
    Case("forum:post_edit", "POST", kwargs=("post_id",), allowed=TEACHERS, data=BODY),
    Case("forum:topic_sticky", "POST", kwargs=("topic_id",), allowed=TEACHERS),
    Case("forum:topic_lock", "POST", kwargs=("topic_id",), allowed=TEACHERS),
    Case("forum:topic_follow", "POST", kwargs=("topic_id",), allowed=MEMBERS),
    Case(
        "forum:topic_moderate",
        "POST",
        kwargs=("topic_id",),
        allowed=TEACHERS,
        data={"visibility": "hidden"},
        # A pupil administrator hides pupils' messages only: this one is a teacher's.
        expect={"pupil_admin": REFUSED_WITH_MESSAGE},
    ),
    Case(
        "forum:post_moderate",
        "POST",
        kwargs=("post_id",),
        allowed=TEACHERS,
        data={"visibility": "hidden"},
        # A pupil administrator hides pupils' messages only: this one is a teacher's.
        expect={"pupil_admin": REFUSED_WITH_MESSAGE},
    ),
    Case(
        "forum:topic_report", "POST", kwargs=("topic_id",), allowed=MEMBERS, data={"reason": "rude"}
    ),
    Case(
        "forum:post_report", "POST", kwargs=("post_id",), allowed=MEMBERS, data={"reason": "rude"}
    ),
]
