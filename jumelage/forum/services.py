"""Writes in the forum: one transaction each; followers hear about new replies.

The service contract: the view resolved the access (projects.access.project_view)
and refused what the user may not do; these functions receive that access object,
check the state of things (the project still active, the topic not locked) and
raise `Refused` with a sentence the view shows.
"""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.core.errors import Refused
from jumelage.core.reversing import ROW, fixed_url
from jumelage.notifications.models import Notification
from jumelage.notifications.services import notify_many
from jumelage.projects.access import ProjectAccess
from jumelage.projects.models import Visibility
from jumelage.twinspace import services as twinspace_services

from . import policies
from .models import Category, Follow, Post, Topic


def topic_url(topic, post=None) -> str:
    """The topic's page in its space: a project's forum, or a group's (by URL name only,
    so the forum does not import the groups app above it)."""
    if topic.group_id is not None:
        url = fixed_url("groups:topic", group_id=topic.group_id, topic_id=ROW)
    else:
        url = fixed_url("forum:topic_detail", project_id=topic.project_id, topic_id=ROW)
    url = url.format(topic.pk)
    return reply_url(url, post.pk) if post is not None else url


def reply_url(topic_url: str, post_id: int) -> str:
    """A reply's address: ?post= opens the page of the replies that holds it
    (forum.views._page_number)."""
    return f"{topic_url}?post={post_id}#post-{post_id}"


def _follow(topic, user) -> None:
    Follow.objects.get_or_create(topic=topic, user=user)


def _notify_followers(topic, post) -> None:
    """Tell the topic's followers who are still members of its space (project or group),
    except the reply's author."""
    if topic.group_id is not None:
        still_member = Q(user__group_memberships__group_id=topic.group_id)
    else:  # ...and who still view its category (its rights may have changed since)
        still_member = Q(user__memberships__project_id=topic.project_id) & policies.readers_of(
            topic.category, "user__memberships__"
        )
    followers = (
        Follow.objects.filter(still_member, topic=topic)
        .exclude(user_id=post.author_id)
        .select_related("user")
    )

    def title_for(user):
        with translation.override(user.reading_language):
            return _("New reply in “%(title)s”") % {"title": topic.title}

    users = [follow.user for follow in followers]
    notify_many(users, Notification.Kind.ACTIVITY, title_for, topic_url(topic, post))


def _tell_followers_later(post_id: int) -> None:
    """The reply's followers are told by a task once it commits (Post.follow_up): a topic
    followed by a whole project must not make its reply slow."""
    from . import tasks

    transaction.on_commit(lambda: tasks.follow_up.delay(post_id))


def follow_up(post_id: int) -> bool:
    """Tell the followers of a reply (see reply): False if nothing was left to do.

    The row is locked (others skip it) and the flag cleared in the same transaction as
    the notices, so a retry never tells anyone twice. A reply hidden or deleted since
    tells no one.
    """
    with transaction.atomic():
        post = (
            Post.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("topic__category")
            .filter(pk=post_id, follow_up=True)
            .first()
        )
        if post is None:
            return False
        if post.visibility == Visibility.PUBLISHED:
            _notify_followers(post.topic, post)
        Post.objects.filter(pk=post.pk).update(follow_up=False)
    return True


def _initial_visibility(access: ProjectAccess) -> str:
    """Where a contribution starts, by the one approval rule (access.needs_approval)."""
    return Visibility.PENDING if access.needs_approval() else Visibility.PUBLISHED


def _check_open(access: ProjectAccess) -> None:
    if not access.is_open:
        raise Refused(_("This project is closed: nothing can be added or changed."))


def _check_may_post(access, category) -> None:
    """A category of this forum (None: "General") that the author may post in."""
    if category is not None and category.project_id != getattr(
        access.owner.get("project"), "pk", None
    ):
        raise Refused(_("Choose a category of this forum."))
    if not policies.can_post_in(access, category):
        raise Refused(_("You may read this category but not post in it."))


@transaction.atomic
def start_topic(
    access: ProjectAccess, author, title: str, body: str, category: Category | None = None
) -> Topic:
    _check_open(access)
    _check_may_post(access, category)
    topic = Topic.objects.create(
        **access.owner,  # the project, or the group (groups.access.GroupAccess)
        category=category,
        author=author,
        title=title,
        body=body,
        visibility=_initial_visibility(access),
    )
    _follow(topic, author)
    if topic.visibility == Visibility.PENDING:
        twinspace_services.tell_teachers_something_waits(access.project, topic)
    return topic


@transaction.atomic
def reply(access: ProjectAccess, topic, author, body: str) -> Post:
    """A reply; a locked topic takes replies from the project's teachers only."""
    _check_open(access)
    _check_may_post(access, topic.category)
    if topic.locked and not access.is_teacher:
        raise Refused(_("This topic is locked: it takes no more replies."))
    visibility = _initial_visibility(access)
    published = visibility == Visibility.PUBLISHED
    post = Post.objects.create(
        topic=topic, author=author, body=body, visibility=visibility, follow_up=published
    )
    _follow(topic, author)
    if published:
        Topic.objects.filter(pk=topic.pk).update(last_activity_at=post.created_at)
        _tell_followers_later(post.pk)
    else:
        twinspace_services.tell_teachers_something_waits(access.project, post)
    return post


_KEEP = object()


@transaction.atomic
def edit(
    access: ProjectAccess, editor, content, body: str, title: str | None = None, category=_KEEP
) -> None:
    """Save an edit; a pupil's edit waits for approval again when the admins chose so.
    `category` (a topic's, None for "General") files the topic elsewhere: see
    `policies.can_move_topic`."""
    _check_open(access)
    content.body = body
    fields = ["body", "edited_at"]
    if title is not None:
        content.title = title
        fields.append("title")
    moved = {}
    if category is not _KEEP and category != content.category:
        if not policies.can_move_topic(access):
            raise Refused(_("Choose a category of this forum."))
        _check_may_post(access, category)
        moved = {"moved_from": str(content.category or ""), "moved_to": str(category or "")}
        content.category = category
        fields.append("category")
    content.edited_at = timezone.now()
    again = _initial_visibility(access)
    if again == Visibility.PENDING and content.visibility == Visibility.PUBLISHED:
        content.visibility = again
        fields.append("visibility")
    content.save(update_fields=fields)
    if "visibility" in fields:
        twinspace_services.tell_teachers_something_waits(access.project, content)
    if moved or editor.pk != content.author_id:
        # Only teachers move topics: a teacher's edit, with where the topic went.
        record(editor, "forum.edit", content, project=access.project, **moved)


@transaction.atomic
def set_flags(actor, topic, *, sticky: bool | None = None, locked: bool | None = None) -> None:
    fields = []
    if sticky is not None:
        topic.sticky = sticky
        fields.append("sticky")
    if locked is not None:
        topic.locked = locked
        fields.append("locked")
    topic.save(update_fields=fields)
    record(
        actor,
        "forum.topic_flags",
        topic,
        project=topic.project,
        sticky=topic.sticky,
        locked=topic.locked,
    )


def toggle_sticky(actor, topic) -> bool:
    """Pin or unpin; answers whether the topic is now pinned."""
    set_flags(actor, topic, sticky=not topic.sticky)
    return topic.sticky


def toggle_lock(actor, topic) -> bool:
    """Lock or open again; answers whether the topic is now locked."""
    set_flags(actor, topic, locked=not topic.locked)
    return topic.locked


@transaction.atomic
def moderate(access, content, visibility: str) -> None:
    """Approve, hide or restore; a reply approved now reaches the followers now."""
    was = content.visibility
    twinspace_services.set_visibility(access, content, visibility)
    if (
        isinstance(content, Post)
        and was == Visibility.PENDING
        and visibility == Visibility.PUBLISHED
    ):
        Topic.objects.filter(pk=content.topic_id).update(last_activity_at=timezone.now())
        Post.objects.filter(pk=content.pk).update(follow_up=True)
        _tell_followers_later(content.pk)


def toggle_follow(topic, user) -> bool:
    """Follow or stop following; answers whether the user now follows."""
    deleted, _ = Follow.objects.filter(topic=topic, user=user).delete()
    if deleted:
        return False
    _follow(topic, user)
    return True


def report(access, content, reason: str) -> None:
    twinspace_services.report(access, content, reason)


# --- Categories (a project's forum only) ---------------------------------------


@transaction.atomic
def save_category(access, title: str, position: int | None = None, category=None) -> Category:
    """Create a category (at the end unless a position is given), or rename and move one."""
    if category is None:
        if position is None:
            last = Category.objects.filter(project=access.project).aggregate(Max("position"))
            position = (last["position__max"] or 0) + 1
        category = Category(project=access.project)
    else:
        category = Category.objects.select_for_update().get(pk=category.pk)
    category.title = title
    if position is not None:
        category.position = position
    category.save()
    record(
        access.user,
        "forum.category_save",
        category,
        project=access.project,
        title=title,
        position=category.position,
    )
    return category


@transaction.atomic
def set_category_rights(access, category: Category, data) -> None:
    """Who views a category and who posts in it (twinspace's one rights service)."""
    category = Category.objects.select_for_update().get(pk=category.pk)
    twinspace_services.set_section_rights(access, category, data)


@transaction.atomic
def delete_category(access, category: Category) -> int:
    """Delete a category; its topics move to "General" (never lost). Answers how many."""
    moved = Topic.objects.filter(category=category).update(category=None)
    record(
        access.user,
        "forum.category_delete",
        category,
        project=access.project,
        title=category.title,
        topics=moved,
    )
    category.delete()
    return moved
