"""What the forum plugs into the TwinSpace's home: its latest topics and replies."""

import functools

from django.utils.translation import gettext as _

from jumelage.accounts.models import name_columns, shown_name
from jumelage.core.prepared import PreparedShapes
from jumelage.core.reversing import ROW, fixed_url
from jumelage.twinspace.registry import Activity

from .models import Post, Topic
from .policies import can_view_topic, viewable_topics
from .services import reply_url


@functools.cache
def _newest_topics(limit: int) -> PreparedShapes:
    return PreparedShapes(
        lambda visible, viewable, project_id: (
            Topic.objects.filter(project_id=project_id)
            .filter(visible)
            .filter(viewable)
            .order_by("-created_at", "-pk")
            .values_list("created_at", "pk", "title", *name_columns("author__"))[:limit]
        ),
        project_id=int,
    )


@functools.cache
def _newest_replies(limit: int) -> PreparedShapes:
    return PreparedShapes(
        lambda visible, topic_visible, viewable, project_id: (
            Post.objects.filter(project_id=project_id)
            .filter(visible)
            .filter(topic_visible)
            .filter(viewable)
            .order_by("-created_at", "-pk")
            .values_list("created_at", "pk", "topic_id", "topic__title", *name_columns("author__"))[
                :limit
            ]
        ),
        project_id=int,
    )


def latest_forum_activity(access, limit: int) -> list:
    """New topics and replies the user may see, in the categories they view, newest
    first (two queries, columns only: the home reads ten of each on every visit)."""
    project = access.project
    if not access.can_view_space:
        return []
    # A project's topics (a topic belongs to a project or to a group, never both).
    url = fixed_url("forum:topic_detail", project_id=project.pk, topic_id=ROW)
    visible = access.visible()
    topics = _newest_topics(limit).list(
        {"visible": visible, "viewable": viewable_topics(access)}, project_id=project.pk
    )
    posts = _newest_replies(limit).list(
        {
            "visible": visible,
            "topic_visible": access.visible("topic__"),
            "viewable": viewable_topics(access, "topic__"),
        },
        project_id=project.pk,
    )
    entries = [
        Activity(
            when=when,
            text=_("New topic: %(title)s") % {"title": title},
            url=url.format(pk),
            who=shown_name(*name),
        )
        for when, pk, title, *name in topics
    ]
    entries += [
        Activity(
            when=when,
            text=_("Reply in “%(title)s”") % {"title": title},
            url=reply_url(url.format(topic_id), pk),
            who=shown_name(*name),
        )
        for when, pk, topic_id, title, *name in posts
    ]
    entries.sort(key=lambda a: a.when, reverse=True)
    return entries[:limit]


def can_see_reported_topic(access, topic) -> bool:
    """For twinspace.reporting: a topic is reported by whoever may see it now."""
    return can_view_topic(access, topic)


def can_see_reported_post(access, post) -> bool:
    return can_view_topic(access, post.topic) and access.can_see(post)
