"""What the blog adds to the TwinSpace home: its latest published posts.

Registered with twinspace.registry.register_space_activity (see apps.py); returns
twinspace.registry.Activity items, newest first.
"""

import functools

from django.utils.translation import gettext as _

from jumelage.core.prepared import Prepared
from jumelage.core.reversing import ROW, fixed_url
from jumelage.twinspace.registry import Activity

from . import policies
from .models import Post


@functools.cache
def _newest(limit: int) -> Prepared:
    """A project's newest public posts, prepared (the home asks on every visit)."""
    return Prepared(
        lambda project_id: (
            Post.objects.public()
            .filter(project_id=project_id)
            .select_related("author")
            .only(
                "pk", "title", "published_at", "project_id", "author__display_name", "author__kind"
            )[:limit]
        ),
        project_id=int,
    )


def latest_blog_activity(access, limit: int = 10) -> list:
    project = access.project
    # A public blog's posts are for anyone: no need to ask who the reader is.
    if not (policies.is_public(project) or access.can_view_space):
        return []
    posts = _newest(limit).list(project_id=project.pk)
    return [
        Activity(
            when=post.published_at,
            text=_("Blog: %(title)s") % {"title": post.title},
            url=fixed_url("blog:post_detail", project_id=project.pk, post_id=ROW).format(post.pk),
            who=policies.public_name(post.author),
        )
        for post in posts
    ]
