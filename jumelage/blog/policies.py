"""Who may read and write the project's blog. Built on projects.policies only.

The blog is the public face of a project: when the admins leave it public,
anyone (signed in or not) reads the published, approved posts of an active or
closed project. Everything else (drafts, posts waiting for approval, hidden
posts, comments) stays with the project's members; outsiders get a 404.
"""

from jumelage.projects import policies as project_policies
from jumelage.projects.models import Project, Visibility

PUBLIC_STATUSES = {Project.Status.ACTIVE, Project.Status.CLOSED}


def is_public(project) -> bool:
    """Anyone may read the published posts."""
    return project.blog_public and project.status in PUBLIC_STATUSES


def can_read_blog(user, project) -> bool:
    return is_public(project) or project_policies.can_view_space(user, project)


def is_member_reader(user, project) -> bool:
    """Members see the inside of the blog (drafts they may edit, comments, reports)."""
    return project_policies.can_view_space(user, project)


def can_see_post(user, post) -> bool:
    project = post.project
    if post.is_public_ready:
        return can_read_blog(user, project)
    if not project_policies.can_view_space(user, project):
        return False
    if project_policies.is_project_teacher(user, project):
        return True
    # Drafts and posts waiting for approval: their author; hidden posts: teachers only.
    return post.author_id == user.pk and post.visibility != Visibility.HIDDEN


def can_write(user, project) -> bool:
    """Pupils, teachers and admins of an active project write posts."""
    return project_policies.can_contribute(user, project)


def can_edit_post(user, post) -> bool:
    """The author while the post is not hidden, and the project's teachers."""
    project = post.project
    if not project_policies.can_contribute(user, project):
        return False
    if project_policies.is_project_teacher(user, project):
        return True
    return post.author_id == user.pk and post.visibility != Visibility.HIDDEN


def can_moderate(user, project) -> bool:
    """Approve, hide and restore posts and comments."""
    return project_policies.can_moderate(user, project)


def can_report(user, project) -> bool:
    """Any member of an active project reports a post or a comment to its teachers."""
    return project_policies.can_view_space(user, project) and project.is_active


def can_comment(user, post) -> bool:
    return project_policies.can_contribute(user, post.project) and post.is_public_ready


def can_configure(user, project) -> bool:
    """The project's admins choose whether the blog is public."""
    return project_policies.is_project_admin(user, project) and project.is_active


def public_name(user) -> str:
    """What the public reads as an author: a pupil's first name only, never a login."""
    if user is None:
        return ""
    name = (user.display_name or "").strip()
    if user.is_pupil:
        return name.split()[0] if name else ""
    return name
