"""What a forum page shows, for a project's forum and a group's alike: the one topic-rows
query and the one topic-page context. The owners' views (forum.views, groups.views) only
add their space and draw their template."""

from django.core.paginator import Paginator
from django.db.models import Count, Q

from jumelage.core.reversing import ROW, row_url
from jumelage.projects.models import Visibility

from . import policies
from .forms import PostForm, ReportForm
from .models import Follow, Post, Topic

REPLIES_PER_PAGE = 50


def topic_rows(access, **owner):
    """The topics of a space (project=... or group=...) the reader sees, in the categories
    they view, with their reply counts, in the forum's order."""
    return (
        Topic.objects.filter(**owner)
        .filter(access.visible())
        .filter(policies.viewable_topics(access))
        .select_related("author", "category")
        .annotate(
            reply_count=Count("posts", filter=access.visible("posts__")),
            pending_count=Count("posts", filter=Q(posts__visibility=Visibility.PENDING)),
        )
        .order_by("-sticky", "-last_activity_at", "-pk")
    )


def post_urls(namespace: str, **owner_kwargs) -> dict[str, str]:
    """Each reply's action URLs in `namespace` ("forum", "groups"), once per page."""
    return {
        f"{action}_url": row_url(f"{namespace}:post_{action}", **owner_kwargs, post_id=ROW)
        for action in ("edit", "moderate", "report")
    }


def _page_number(request, visible_posts):
    """`?post=ID` (the links to a reply) opens the page that holds it; else `?page=N`."""
    wanted = request.GET.get("post", "")
    if not wanted.isdigit():
        return request.GET.get("page")
    target = visible_posts.filter(pk=int(wanted)).values("created_at", "pk").first()
    if target is None:
        return 1
    before = visible_posts.filter(
        Q(created_at__lt=target["created_at"])
        | Q(created_at=target["created_at"], pk__lt=target["pk"])
    ).count()
    return before // REPLIES_PER_PAGE + 1


def topic_context(request, topic, urls: dict[str, str], reply_form=None) -> dict:
    """The topic and one page of its replies, with what the reader may do on each: a long
    topic renders in bounded time. `urls`: `post_urls(...)` of the owner."""
    access = request.access
    visible_posts = Post.objects.filter(topic=topic).filter(access.visible())
    number = _page_number(request, visible_posts) if request.method == "GET" else -1
    page = Paginator(visible_posts.select_related("author"), REPLIES_PER_PAGE).get_page(number)
    posts = list(page.object_list)
    topic.anchor = "topic"
    for post in posts:
        post.anchor = f"post-{post.pk}"
        for name, pattern in urls.items():
            setattr(post, name, pattern.format(post.pk))
    for content in [topic, *posts]:
        content.may_edit = policies.can_edit(access, content)
        content.may_report = policies.can_report(access, content)
        content.may_hide = access.can_hide_pupil_content(content)
    can_follow = policies.can_follow(access)
    following = can_follow and Follow.objects.filter(topic=topic, user=request.user).exists()
    return {
        "access": access,
        "topic": topic,
        "posts": posts,
        "page": page,
        "can_follow": can_follow,
        "can_manage_topic": policies.can_manage_topic(access),
        "following": following,
        "can_reply": policies.can_reply(access, topic),
        "may_post_here": policies.can_post_in(access, topic.category),
        "reply_form": reply_form or PostForm(),
        "report_form": ReportForm(),
    }
