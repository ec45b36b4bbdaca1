"""Blog search inside a project's space, for the TwinSpace search.

`search_blog(project, user, query)` returns (title, url, snippet) tuples of the
posts this user may read: `policies.readable_posts`, the queryset form of
`policies.can_read_post` (the twinspace registry passes a user: the access is built here).
"""

from django.db.models import Q
from django.urls import reverse

from jumelage.core.sanitising import snippet

from . import policies
from .models import Post

LIMIT = 20


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
            snippet(post.body or post.title, query),
        )
        for post in posts
    ]
