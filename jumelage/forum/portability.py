"""The forum's topics and replies in a project archive."""

from jumelage.core.sanitising import sanitise_html

from .models import Category, Post, Topic


def export(ctx) -> dict:
    """The categories (with their rights) and the topics, each naming its category by
    its place in the list."""
    categories = list(Category.objects.filter(project=ctx.project).order_by("position", "id"))
    index = {c.pk: n for n, c in enumerate(categories)}
    return {
        "categories": [
            {"title": c.title, "position": c.position, "rights": c.rights_for_archive()}
            for c in categories
        ],
        "topics": _export_topics(ctx, index),
    }


def _export_topics(ctx, index) -> list[dict]:
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
            "category": index.get(topic.category_id),
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


def import_(ctx, data) -> None:
    """An archive from before categories holds the list of topics alone."""
    if isinstance(data, list):
        data = {"categories": [], "topics": data}
    categories = [
        Category.objects.create(
            project=ctx.project,
            title=entry["title"],
            position=entry["position"],
            **Category.rights_from_archive(entry.get("rights")),
        )
        for entry in data["categories"]
    ]
    for entry in data["topics"]:
        number = entry.get("category")
        category = (
            categories[number]
            if isinstance(number, int) and 0 <= number < len(categories)
            else None
        )
        topic = Topic.objects.create(
            project=ctx.project,
            category=category,
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
        "forum",
        export=export,
        import_=import_,
        order=30,
        models=["forum.Category", "forum.Topic", "forum.Post"],
    )
    registry.exclude_model(
        "forum.Follow", "Who follows a topic is a personal setting of the source instance."
    )
