"""The blog's posts (with their cover image) and comments in a project archive."""

from jumelage.core.sanitising import sanitise_html
from jumelage.reference.models import Language

from .models import Comment, Post


def export(ctx) -> list[dict]:
    comments: dict[int, list] = {}
    for comment in Comment.objects.filter(post__project=ctx.project).order_by("id"):
        comments.setdefault(comment.post_id, []).append(
            {
                "author": ctx.person(comment.author_id),
                "body": comment.body,
                "created_at": ctx.iso(comment.created_at),
                **ctx.moderation(comment),
            }
        )
    return [
        {
            "author": ctx.person(post.author_id),
            "title": post.title,
            "body": post.body,
            "language": post.language_id,
            "cover": ctx.file(post.cover),
            "cover_alt": post.cover_alt,
            "status": post.status,
            "published_at": ctx.iso(post.published_at),
            "created_at": ctx.iso(post.created_at),
            "updated_at": ctx.iso(post.updated_at),
            **ctx.moderation(post),
            "comments": comments.get(post.pk, []),
        }
        for post in Post.objects.filter(project=ctx.project).order_by("id")
    ]


def import_(ctx, data: list[dict]) -> None:
    # Archives written before posts had a language carry none; a code this site does
    # not know is dropped rather than refusing the whole archive.
    known = set(Language.objects.values_list("code", flat=True))
    for entry in data:
        language = entry.get("language")
        post = Post(
            project=ctx.project,
            author=ctx.user(entry["author"]),
            title=entry["title"],
            body=sanitise_html(entry["body"]),
            language_id=language if language in known else None,
            cover_alt=entry["cover_alt"],
            status=entry["status"],
            published_at=ctx.when(entry["published_at"]),
            **ctx.moderation(entry),
        )
        cover = ctx.file(entry["cover"])
        if cover is not None:
            post.cover.save(cover.name, cover, save=False)
        post.save()
        for item in entry["comments"]:
            comment = Comment.objects.create(
                post=post,
                author=ctx.user(item["author"]),
                body=item["body"],
                **ctx.moderation(item),
            )
            ctx.keep_times(comment, created_at=item["created_at"])
        ctx.keep_times(post, created_at=entry["created_at"], updated_at=entry["updated_at"])


def register(registry) -> None:
    registry.register_part(
        "blog", export=export, import_=import_, order=40, models=["blog.Post", "blog.Comment"]
    )
