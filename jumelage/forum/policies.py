"""What the forum adds to a project's access: rules about one topic or one post.

Everything about the user in the project (member, teacher, can contribute, can
see a pending post) is `projects.access.ProjectAccess`, resolved once per request
by `project_view`. The rules below only look at that object and the content, so
a topic page costs the same with 2 or 200 replies.
"""

from jumelage.projects.access import ProjectAccess
from jumelage.projects.models import Visibility


def can_start_topic(access: ProjectAccess) -> bool:
    """Teachers and pupil administrators open topics; pupils reply, unless the admins allow it."""
    if not access.can_contribute:
        return False
    if access.is_teacher or access.is_pupil_admin:
        return True
    return access.project.pupils_may_start_topics


def can_reply(access: ProjectAccess, topic) -> bool:
    """Published topics only; a locked topic takes replies from teachers only."""
    if not access.can_contribute or topic.visibility != Visibility.PUBLISHED:
        return False
    return not topic.locked or access.is_teacher


def can_edit(access: ProjectAccess, content) -> bool:
    """Authors edit their own posts, teachers any, while the project is active."""
    if not (access.can_contribute and access.can_see(content)):
        return False
    return access.is_teacher or content.author_id == access.user_id


def can_manage_topic(access: ProjectAccess) -> bool:
    """Pin and lock topics: the project's moderators."""
    return access.can_moderate


def can_follow(access: ProjectAccess) -> bool:
    """Members (guests included) follow topics; a closed project is read-only
    (`is_open`: a group is always open)."""
    return access.can_view_space and access.is_open


def can_report(access: ProjectAccess, content) -> bool:
    """Any member reports what they can see, while the space is open."""
    return can_follow(access) and access.can_see(content)
