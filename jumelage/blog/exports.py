"""The blog posts (with their cover image) and comments a person wrote, in their data export."""

from jumelage.core.exports import archive_path, iso, register_export, register_export_files

from .models import Comment, Post


def _posts(user):
    return Post.objects.filter(author=user).select_related("project").order_by("created_at", "id")


@register_export("blog", order=54, models=[Post, Comment])
def blog(user) -> dict:
    comments = (
        Comment.objects.filter(author=user)
        .select_related("post__project")
        .order_by("created_at", "id")
    )
    return {
        "posts": [
            {
                "project": p.project.title,
                "title": p.title,
                "body": p.body,
                "language": p.language_id,
                "status": p.status,
                "visibility": p.visibility,
                "cover": archive_path("blog", p.pk, p.cover.name) if p.cover else None,
                "cover_alt": p.cover_alt,
                "published_at": iso(p.published_at),
                "created_at": iso(p.created_at),
                "updated_at": iso(p.updated_at),
            }
            for p in _posts(user)
        ],
        "comments": [
            {
                "project": c.post.project.title,
                "post": c.post.title,
                "body": c.body,
                "visibility": c.visibility,
                "created_at": iso(c.created_at),
            }
            for c in comments
        ],
    }


@register_export_files("blog")
def blog_files(user):
    for post in _posts(user).exclude(cover=""):
        yield post.cover.name, archive_path("blog", post.pk, post.cover.name)
