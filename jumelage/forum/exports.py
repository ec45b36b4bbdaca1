"""The forum topics and posts a person wrote, and the topics they follow, in their data export."""

from jumelage.core.exports import iso, register_export

from .models import Follow, Post, Topic


@register_export("forum", order=52, models=[Topic, Post, Follow])
def forum(user) -> dict:
    topics = (
        Topic.objects.filter(author=user)
        .select_related("project", "group")
        .order_by("created_at", "id")
    )
    posts = (
        Post.objects.filter(author=user)
        .select_related("topic__project", "topic__group")
        .order_by("created_at", "id")
    )
    follows = Follow.objects.filter(user=user).select_related("topic").order_by("created_at", "id")
    return {
        "topics": [
            {
                "project": t.project.title if t.project else None,
                "group": t.group.name if t.group else None,
                "title": t.title,
                "body": t.body,
                "visibility": t.visibility,
                "created_at": iso(t.created_at),
                "edited_at": iso(t.edited_at),
            }
            for t in topics
        ],
        "posts": [
            {
                "project": p.topic.project.title if p.topic.project else None,
                "group": p.topic.group.name if p.topic.group else None,
                "topic": p.topic.title,
                "body": p.body,
                "visibility": p.visibility,
                "created_at": iso(p.created_at),
                "edited_at": iso(p.edited_at),
            }
            for p in posts
        ],
        "following": [{"topic": f.topic.title, "since": iso(f.created_at)} for f in follows],
    }
