"""What the forum plugs into the TwinSpace's home: its latest topics and replies."""

from django.utils.translation import gettext as _

from jumelage.twinspace.registry import Activity

from .models import Post, Topic
from .policies import can_view_topic, viewable_topics
from .services import topic_url


def latest_forum_activity(access, limit: int) -> list:
    """New topics and replies the user may see, in the categories they view, newest
    first (three queries)."""
    project = access.project
    if not access.can_view_space:
        return []
    topics = (
        Topic.objects.filter(project=project)
        .filter(access.visible())
        .filter(viewable_topics(access))
        .select_related("author")
    )
    posts = (
        Post.objects.filter(project=project)
        .filter(access.visible())
        .filter(access.visible("topic__"))
        .filter(viewable_topics(access, "topic__"))
        .select_related("author", "topic")
    )
    entries = [
        Activity(
            when=t.created_at,
            text=_("New topic: %(title)s") % {"title": t.title},
            url=topic_url(t),
            who=str(t.author or ""),
        )
        for t in topics.order_by("-created_at", "-pk")[:limit]
    ]
    entries += [
        Activity(
            when=p.created_at,
            text=_("Reply in “%(title)s”") % {"title": p.topic.title},
            url=topic_url(p.topic, p),
            who=str(p.author or ""),
        )
        for p in posts.order_by("-created_at", "-pk")[:limit]
    ]
    entries.sort(key=lambda a: a.when, reverse=True)
    return entries[:limit]


def can_see_reported_topic(access, topic) -> bool:
    """For twinspace.reporting: a topic is reported by whoever may see it now."""
    return can_view_topic(access, topic)


def can_see_reported_post(access, post) -> bool:
    return can_view_topic(access, post.topic) and access.can_see(post)
