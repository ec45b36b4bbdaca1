"""Writing the blog: one transaction per action, decisions in the audit trail."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jumelage.audit.services import record
from jumelage.projects.access import access_for
from jumelage.projects.models import Visibility
from jumelage.twinspace import services as moderation

from .models import Comment, Post


def _replace_cover(post, cover, remove: bool) -> None:
    old = post.cover.name if post.cover else ""
    if cover is not None:
        post.cover.save(cover.name, cover, save=False)
    elif remove:
        post.cover = ""
    if old and old != (post.cover.name if post.cover else ""):
        storage = post.cover.storage
        transaction.on_commit(lambda: storage.delete(old))


def _access(access, user, project):
    """The actor's access: the view's (resolved once), or built here for callers without one."""
    return access if access is not None else access_for(user, project)


def _first_visibility(access) -> str:
    """Where a contribution starts, by the one approval rule."""
    return Visibility.PENDING if access.needs_approval() else Visibility.PUBLISHED


def _publish(access, post) -> None:
    post.status = Post.Status.PUBLISHED
    post.published_at = post.published_at or timezone.now()
    # A pupil's post (or a pupil's edit of it) waits for a teacher when the admins chose so.
    post.visibility = _first_visibility(access)


def _ask_for_approval(author, post) -> None:
    """Tell the pupil's own teacher (else every teacher of the project) that a post waits."""
    url = reverse("blog:post_detail", kwargs={"project_id": post.project_id, "post_id": post.pk})
    moderation.ask_teachers_to_approve(
        author,
        post.project,
        url,
        lambda: _("A blog post waits for your approval: %(title)s") % {"title": post.title},
    )


@transaction.atomic
def create_post(author, project, fields: dict, cover=None, publish=False, *, access=None) -> Post:
    post = Post(project=project, author=author, **fields)
    _replace_cover(post, cover, False)
    if publish:
        _publish(_access(access, author, project), post)
    post.save()
    if post.is_published and post.visibility == Visibility.PENDING:
        _ask_for_approval(author, post)
    return post


@transaction.atomic
def update_post(
    actor, post, fields: dict, cover=None, remove_cover=False, publish=False, *, access=None
) -> Post:
    for name, value in fields.items():
        setattr(post, name, value)
    _replace_cover(post, cover, remove_cover)
    was_pending = post.visibility == Visibility.PENDING and post.is_published
    if publish or (post.is_published and post.visibility != Visibility.HIDDEN):
        _publish(_access(access, actor, post.project), post)
    post.save()
    if post.is_published and post.visibility == Visibility.PENDING and not was_pending:
        _ask_for_approval(actor, post)
    return post


@transaction.atomic
def unpublish_post(actor, post) -> Post:
    post.status = Post.Status.DRAFT
    post.save(update_fields=["status", "updated_at"])
    return post


@transaction.atomic
def delete_post(actor, post) -> None:
    record(actor, "blog.post_deleted", post, project=post.project, title=post.title)
    name, storage = (post.cover.name, post.cover.storage) if post.cover else ("", None)
    post.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def moderate(access, content, action: str) -> None:
    """approve/restore publish the content, hide hides it (audited by twinspace)."""
    target = Visibility.HIDDEN if action == "hide" else Visibility.PUBLISHED
    moderation.set_visibility(access, content, target)


@transaction.atomic
def add_comment(author, post, body: str, *, access=None) -> Comment:
    comment = Comment.objects.create(
        post=post,
        author=author,
        body=body,
        visibility=_first_visibility(_access(access, author, post.project)),
    )
    if comment.visibility == Visibility.PENDING:
        moderation.tell_teachers_something_waits(post.project, comment)
    return comment


@transaction.atomic
def set_blog_public(actor, project, public: bool) -> None:
    if project.blog_public == public:
        return
    project.blog_public = public
    project.save(update_fields=["blog_public"])
    record(actor, "blog.visibility_changed", project, project=project, public=public)
