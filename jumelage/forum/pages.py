"""What a forum page shows, for a project's forum and a group's alike: the one topic-rows
query and the one topic-page context. The owners' views (forum.views, groups.views) only
add their space and draw their template."""

from django.core.paginator import Paginator
from django.db.models import F, Func, IntegerField, OuterRef, Q, Subquery

from jumelage.accounts.models import name_columns
from jumelage.core.prepared import PreparedExists, PreparedShapes
from jumelage.core.reversing import ROW, row_url
from jumelage.projects.models import Visibility

from . import policies
from .forms import PostForm, ReportForm
from .models import Follow, Post, Topic

REPLIES_PER_PAGE = 50


def topic_rows(access, owner: Q, category: Q | None = None):
    """The topics of a space (owner: `Q(project_id=...)` or `Q(group_id=...)`) the reader
    sees, in the categories they view (and `category`), with their reply counts, in the
    forum's order: what a pager reads (`count()` and slices), prepared per shape of the
    reader's conditions (core.prepared.PreparedShapes)."""
    visible = access.visible()
    return _TOPIC_ROWS.rows(
        {
            "owner": owner,
            "visible": visible,
            "viewable": policies.viewable_topics(access),
            "category": category or Q(),
            "replies_visible": visible,
        }
    )


def _topic_rows(owner, visible, viewable, category, replies_visible):
    return (
        Topic.objects.filter(owner)
        .filter(visible)
        .filter(viewable)
        .filter(category)
        .select_related("author", "category")
        .annotate(
            reply_count=_replies(replies_visible),
            pending_count=_replies(Q(visibility=Visibility.PENDING)),
        )
        .order_by("-sticky", "-last_activity_at", "-pk")
    )


_TOPIC_ROWS = PreparedShapes(_topic_rows, paged=True)


def _replies(condition: Q) -> Subquery:
    """A topic's replies meeting `condition`, counted for the rows the page shows only: a
    join with GROUP BY counted every topic's replies before the pager cut (the biggest
    forum's page: p95 117 ms at full scale, issue 16), and made the pager's count join."""
    return Subquery(
        Post.objects.filter(condition, topic=OuterRef("pk"))
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count"),
        output_field=IntegerField(),
    )


def post_urls(namespace: str, **owner_kwargs) -> dict[str, str]:
    """Each reply's action URLs in `namespace` ("forum", "groups"), once per page."""
    return {
        f"{action}_url": row_url(f"{namespace}:post_{action}", **owner_kwargs, post_id=ROW)
        for action in ("edit", "moderate", "report")
    }


def _page_number(request, topic, visible):
    """`?post=ID` (the links to a reply) opens the page that holds it; else `?page=N`."""
    wanted = request.GET.get("post", "")
    if not wanted.isdigit():
        return request.GET.get("page")
    visible_posts = Post.objects.filter(topic=topic).filter(visible)
    target = visible_posts.filter(pk=int(wanted)).values("created_at", "pk").first()
    if target is None:
        return 1
    before = visible_posts.filter(
        Q(created_at__lt=target["created_at"])
        | Q(created_at=target["created_at"], pk__lt=target["pk"])
    ).count()
    return before // REPLIES_PER_PAGE + 1


# What a reply shows and what its rules read (policies.can_edit, access.name_of...): of 50
# replies and their authors, only these columns are converted, not every user's password.
REPLY_COLUMNS = (
    "id", "topic_id", "project_id", "author_id", "body", "visibility",
    "created_at", "edited_at",
    "author__id", *name_columns("author__"), "author__kind",
)  # fmt: skip
_REPLIES = PreparedShapes(
    lambda visible, topic_id: (
        Post.objects.filter(topic_id=topic_id)
        .filter(visible)
        .select_related("author")
        .only(*REPLY_COLUMNS)
    ),
    paged=True,
    topic_id=int,
)
_FOLLOWING = PreparedExists(Follow, topic_id=int, user_id=int)


def topic_context(request, topic, urls: dict[str, str], reply_form=None) -> dict:
    """The topic and one page of its replies, with what the reader may do on each: a long
    topic renders in bounded time. `urls`: `post_urls(...)` of the owner."""
    access = request.access
    visible = access.visible()
    number = -1
    if request.method == "GET":
        number = _page_number(request, topic, visible)
    replies = _REPLIES.rows({"visible": visible}, topic_id=topic.pk)
    page = Paginator(replies, REPLIES_PER_PAGE).get_page(number)
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
    following = can_follow and _FOLLOWING(topic_id=topic.pk, user_id=request.user.pk)
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
