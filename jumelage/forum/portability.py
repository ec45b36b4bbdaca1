"""The forum's topics and replies in a project archive."""

from jumelage.core.sanitising import sanitise_html

from .models import Post, Topic


def export(ctx) -> list[dict]:
    replies: dict[int, list] = {}
    for post in Post.objects.filter(topic__project=ctx.project).order_by("id"):
        replies.setdefault(post.topic_id, []).append(
            {
                "author": ctx.person(post.author_id),
                "body": post.body,
                "created_at": ctx.iso(post.created_at),
                "edited_at": ctx.iso(post.edited_at),
                **ctx.moderation(post),
            }
        )
    return [
        {
            "author": ctx.person(topic.author_id),
            "title": topic.title,
            "body": topic.body,
            "sticky": topic.sticky,
            "locked": topic.locked,
            "created_at": ctx.iso(topic.created_at),
            "edited_at": ctx.iso(topic.edited_at),
            "last_activity_at": ctx.iso(topic.last_activity_at),
            **ctx.moderation(topic),
            "posts": replies.get(topic.pk, []),
        }
        for topic in Topic.objects.filter(project=ctx.project).order_by("id")
    ]


def import_(ctx, data: list[dict]) -> None:
    for entry in data:
        topic = Topic.objects.create(
            project=ctx.project,
            author=ctx.user(entry["author"]),
            title=entry["title"],
            body=sanitise_html(entry["body"]),
            sticky=entry["sticky"],
            locked=entry["locked"],
            edited_at=ctx.when(entry["edited_at"]),
            **ctx.moderation(entry),
        )
        for item in entry["posts"]:
            post = Post.objects.create(
                topic=topic,
                author=ctx.user(item["author"]),
                body=sanitise_html(item["body"]),
                edited_at=ctx.when(item["edited_at"]),
                **ctx.moderation(item),
            )
            ctx.keep_times(post, created_at=item["created_at"])
        ctx.keep_times(
            topic, created_at=entry["created_at"], last_activity_at=entry["last_activity_at"]
        )


def register(registry) -> None:
    registry.register_part(
        "forum", export=export, import_=import_, order=30, models=["forum.Topic", "forum.Post"]
    )
    registry.exclude_model(
        "forum.Follow", "Who follows a topic is a personal setting of the source instance."
    )
