"""What the forum adds to a project's access: rules about one topic or one post.

Everything about the user in the project (member, teacher, can contribute, can
see a pending post) is `projects.access.ProjectAccess`, resolved once per request
by `project_view`. The rules below only look at that object and the content, so
a topic page costs the same with 2 or 200 replies.
"""

from django.db.models import Q

from jumelage.projects.access import ProjectAccess
from jumelage.projects.models import Membership, Visibility

from .models import Category

# --- Categories (RoleRights): view = see it and its topics; edit = post in it --------


def can_view_category(access: ProjectAccess, category) -> bool:
    """A category by its view right; "General" (None) is for the space's members."""
    if category is None:
        return access.can_view_space
    return access.can_view_section(category)


def can_post_in(access: ProjectAccess, category) -> bool:
    """Reply in (and, with `can_start_topic`, open topics in) a category: its edit right;
    "General" follows the project's defaults (every member who contributes)."""
    if category is None:
        return access.can_contribute
    return access.can_edit_section(category)


def can_view_topic(access: ProjectAccess, topic) -> bool:
    """The topic's category may be viewed and the topic itself seen (moderation)."""
    return can_view_category(access, topic.category) and access.can_see(topic)


def viewable_topics(access: ProjectAccess, prefix: str = "") -> Q:
    """`can_view_category` as a filter on topics (prefix "topic__" for replies)."""
    in_category = Q(**{f"{prefix}category__isnull": False}) & access.viewable_sections(
        Category, f"{prefix}category__"
    )
    if access.can_view_space:
        return Q(**{f"{prefix}category__isnull": True}) | in_category
    return in_category


def readers_of(category, prefix: str = "") -> Q:
    """The project memberships that view `category` (prefix: the path to a Membership),
    for what is sent to people (notifications), not read by one of them."""
    if category is None:
        return ~Q(**{f"{prefix}role": Membership.Role.VISITOR})
    rights = category.rights(category.project)
    roles = [Membership.Role.ADMIN, Membership.Role.TEACHER, Membership.Role.GUEST]
    readers = Q(**{f"{prefix}role__in": roles})
    pupil = Q(**{f"{prefix}role": Membership.Role.PUPIL})
    if rights["pupils_view"]:
        readers |= pupil & Q(**{f"{prefix}pupil_admin": False})
    if rights["pupil_admins_view"]:
        readers |= pupil & Q(**{f"{prefix}pupil_admin": True})
    if rights["visitors_view"]:
        readers |= Q(**{f"{prefix}role": Membership.Role.VISITOR})
    return readers


def can_manage_categories(access: ProjectAccess) -> bool:
    """Create, rename, order, delete categories and set their rights: the project's
    teachers while it is active (as they open sections to visitors)."""
    return access.can_contribute and access.is_teacher


def can_move_topic(access: ProjectAccess) -> bool:
    """File a topic in another category while editing it: who manages the categories,
    in a project's forum (a group's has none)."""
    return access.owner.get("project") is not None and can_manage_categories(access)


def can_start_topic(access: ProjectAccess) -> bool:
    """Teachers and pupil administrators open topics; pupils reply, unless the admins allow it."""
    if not access.can_contribute:
        return False
    if access.is_teacher or access.is_pupil_admin:
        return True
    return access.project.pupils_may_start_topics


def can_reply(access: ProjectAccess, topic) -> bool:
    """Published topics of a category one may post in; a locked topic takes replies
    from teachers only."""
    if not access.can_contribute or topic.visibility != Visibility.PUBLISHED:
        return False
    if not can_post_in(access, getattr(topic, "category", None)):
        return False
    return not topic.locked or access.is_teacher


def may_try_to_reply(access: ProjectAccess, topic) -> bool:
    """Who reaches the reply service: those who may reply, and contributors refused only
    by the topic's lock or its category (a topic locked while a pupil was writing): the
    service then says why and the text stays on the page."""
    return can_reply(access, topic) or (
        access.can_contribute and topic.visibility == Visibility.PUBLISHED
    )


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
