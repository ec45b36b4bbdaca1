from jumelage.forum.models import Post, Topic
from jumelage.testing.matrix import (
    CONTRIBUTORS,
    LEADERS,
    MEMBERS,
    REFUSED_WITH_MESSAGE,
    TEACHERS,
    Case,
)


def setup(world):
    teacher = world.users["teacher"]
    topic = Topic.objects.create(
        project=world.project, author=teacher, title="Our towns", body="<p>Hello</p>"
    )
    post = Post.objects.create(topic=topic, author=teacher, body="<p>First reply</p>")
    return {"topic_id": topic.pk, "post_id": post.pk}


BODY = {"body": "<p>Hello</p>"}

CASES = [
    Case("forum:topic_list", "GET", allowed=MEMBERS),
    Case("forum:topic_detail", "GET", kwargs=("topic_id",), allowed=MEMBERS),
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
