"""Forum search for the TwinSpace search (twinspace.register_space_search)."""

from django.db.models import Q

from jumelage.core.sanitising import snippet

from .models import Post, Topic
from .policies import viewable_topics
from .services import topic_url

LIMIT = 20


def search_forum(access, query: str) -> list[tuple[str, str, str]]:
    """(title, url, snippet) of topics and replies the user may see (in the categories they
    view) that mention the query.

    Snippets are plain text (tags stripped): the search page escapes them.
    """
    project = access.project
    query = (query or "").strip()
    if not query or not access.can_view_space:
        return []
    topics = Topic.objects.filter(
        Q(project=project) & (Q(title__icontains=query) | Q(body__icontains=query))
    ).filter(access.visible(), viewable_topics(access))
    posts = (
        Post.objects.filter(topic__project=project, body__icontains=query)
        .filter(access.visible())
        .filter(access.visible("topic__"))
        .filter(viewable_topics(access, "topic__"))
        .select_related("topic")
    )
    results = [
        (t.title, topic_url(t), snippet(t.body, query)) for t in topics.order_by("-pk")[:LIMIT]
    ]
    for post in posts.order_by("-pk")[: LIMIT - len(results)]:
        results.append((post.topic.title, topic_url(post.topic, post), snippet(post.body, query)))
    return results
