"""Blog search inside a project's space, for the TwinSpace search.

`search_blog(project, user, query)` returns (title, url, snippet) tuples of the
posts this user may read: `policies.readable_posts`, the queryset form of
`policies.can_read_post` (the twinspace registry passes a user: the access is built here).
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.html import strip_tags

from . import policies
from .models import Post

LIMIT = 20
SNIPPET = 160


def _snippet(text: str, query: str) -> str:
    text = " ".join(strip_tags(text).split())
    at = text.lower().find(query.lower())
    start = max(0, at - SNIPPET // 2) if at >= 0 else 0
    piece = text[start : start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(text) else "")


def search_blog(access, query: str) -> list[tuple[str, str, str]]:
    project = access.project
    query = (query or "").strip()
    if not query:
        return []
    posts = (
        Post.objects.filter(project=project)
        .filter(policies.readable_posts(access))
        .filter(Q(title__icontains=query) | Q(body__icontains=query))
        .only("pk", "title", "body", "project_id")[:LIMIT]
    )
    return [
        (
            post.title,
            reverse("blog:post_detail", kwargs={"project_id": project.pk, "post_id": post.pk}),
            _snippet(post.body or post.title, query),
        )
        for post in posts
    ]
