"""What the forum plugs into the TwinSpace's home: its latest topics and replies."""

from django.utils.translation import gettext as _

from jumelage.accounts.models import name_columns, shown_name
from jumelage.core.reversing import ROW, fixed_url
from jumelage.twinspace.registry import Activity

from .models import Post, Topic
from .policies import can_view_topic, viewable_topics
from .services import reply_url


def latest_forum_activity(access, limit: int) -> list:
    """New topics and replies the user may see, in the categories they view, newest
    first (two queries, columns only: the home reads ten of each on every visit)."""
    project = access.project
    if not access.can_view_space:
        return []
    author = name_columns("author__")
    # A project's topics (a topic belongs to a project or to a group, never both).
    url = fixed_url("forum:topic_detail", project_id=project.pk, topic_id=ROW)
    topics = (
        Topic.objects.filter(project=project)
        .filter(access.visible())
        .filter(viewable_topics(access))
        .order_by("-created_at", "-pk")
        .values_list("created_at", "pk", "title", *author)[:limit]
    )
    posts = (
        Post.objects.filter(project=project)
        .filter(access.visible())
        .filter(access.visible("topic__"))
        .filter(viewable_topics(access, "topic__"))
        .order_by("-created_at", "-pk")
        .values_list("created_at", "pk", "topic_id", "topic__title", *author)[:limit]
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
