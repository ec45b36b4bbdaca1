"""Who may read and write the project's blog: rules over the request's ProjectAccess.

The blog is the public face of a project: when the admins leave it public,
anyone (signed in or not) reads the published, approved posts of an active or
closed project. Everything else (drafts, posts waiting for approval, hidden
posts, comments) stays with the project's members; outsiders get a 404.

Hidden and pending posts and comments follow the platform rule
(`access.can_see`, `access.visible`): teachers see them, and so does their
author, marked as such. The blog adds one rule of its own: a draft is seen by
its author and the project's teachers.
"""

from django.db.models import Q

from jumelage.projects.models import Project, Visibility

from .models import Post

PUBLIC_STATUSES = {Project.Status.ACTIVE, Project.Status.CLOSED}


def is_public(project) -> bool:
    """Anyone may read the published posts."""
    return project.blog_public and project.status in PUBLIC_STATUSES


def can_read_blog(access) -> bool:
    """The blog's own reading rule, for `project_view(can_read_blog, login=False)`."""
    return is_public(access.project) or access.can_view_space


def can_read_post(access, post) -> bool:
    """The public reads public posts; members: the platform rule, and drafts for their author."""
    if post.is_public_ready and is_public(access.project):
        return True
    if not access.can_see(post):
        return False
    return post.is_published or access.is_teacher or post.author_id == access.user_id


def readable_posts(access) -> Q:
    """`can_read_post` as a filter on the project's posts."""
    public = Q(status=Post.Status.PUBLISHED, visibility=Visibility.PUBLISHED)
    if not access.can_view_space:
        return public if is_public(access.project) else Q(pk__in=[])
    if access.is_teacher:
        return Q()
    drafts = Q(status=Post.Status.PUBLISHED) | Q(author_id=access.user_id)
    return access.visible() & drafts


def can_write(access) -> bool:
    """Pupils, teachers and admins of an active project write posts."""
    return access.can_contribute


def can_edit_post(access, post) -> bool:
    """The author while the post is not hidden, and the project's teachers."""
    if not access.can_contribute:
        return False
    if access.is_teacher:
        return True
    return post.author_id == access.user_id and post.visibility != Visibility.HIDDEN


def can_report(access) -> bool:
    """Any member of an active project reports a post or a comment to its teachers."""
    return access.can_view_space and access.project.is_active


def can_comment(access, post) -> bool:
    return access.can_contribute and post.is_public_ready


def can_configure(access) -> bool:
    """The project's admins choose whether the blog is public."""
    return access.is_admin and access.project.is_active


def public_name(user) -> str:
    """What the public reads as an author: a pupil's first name only, never a login."""
    if user is None:
        return ""
    name = (user.display_name or "").strip()
    if user.is_pupil:
        return name.split()[0] if name else ""
    return name


# --- For twinspace.reporting: reporting is for members who see the thing -------------


def can_see_reported_post(access, post) -> bool:
    return access.can_view_space and can_read_post(access, post)


def can_see_reported_comment(access, comment) -> bool:
    """As on the post's page: the post, then the platform rule for the comment."""
    return can_see_reported_post(access, comment.post) and access.can_see(comment)
