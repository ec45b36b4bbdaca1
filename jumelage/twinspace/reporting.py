"""The one registry of reportable content: each type declares who may see one of its objects.

Reporting something needs exactly the right to see it now, asked of the same policy
its own page uses, so the report page can never show (even 50 characters of) what
the reporter could not read: another room's chat message, a deleted one, someone's
draft. A type not in this registry cannot be reported (the report page answers 404).

Other apps may add their own types from AppConfig.ready():

    from jumelage.twinspace.reporting import register_reportable
    register_reportable("photos.photo", lambda user, photo: policies.can_see(user, photo))

The types below are declared here, each calling its own app's policy, so that
twinspace never imports those apps at load time.
"""

from collections.abc import Callable

# "app_label.model" -> can_see(user, obj) -> bool
REPORTABLE: dict[str, Callable] = {}


def register_reportable(type_key: str, can_see: Callable) -> None:
    REPORTABLE[type_key.lower()] = can_see


def is_reportable(type_key) -> bool:
    return str(type_key).lower() in REPORTABLE


def can_see_reportable(user, obj) -> bool:
    """Denied for anything not registered."""
    can_see = REPORTABLE.get(obj._meta.label_lower)
    return bool(can_see is not None and can_see(user, obj))


# --- The TwinSpace's own content types ----------------------------------------


def _wiki_page(user, page) -> bool:
    from jumelage.wiki.policies import can_view_page

    return can_view_page(user, page)


def _blog_post(user, post) -> bool:
    from jumelage.blog.policies import can_see_post, is_member_reader

    return is_member_reader(user, post.project) and can_see_post(user, post)


def _blog_comment(user, comment) -> bool:
    """As on the post's page: members who see the post; pending or hidden comments
    only for their author and the project's moderators."""
    from jumelage.blog.policies import can_moderate, can_see_post, is_member_reader
    from jumelage.projects.models import Visibility

    post, project = comment.post, comment.post.project
    if not (is_member_reader(user, project) and can_see_post(user, post)):
        return False
    if comment.visibility == Visibility.PUBLISHED or can_moderate(user, project):
        return True
    return comment.author_id == user.pk


def _forum_topic(user, topic) -> bool:
    from jumelage.forum.policies import access

    return access(user, topic.project).can_see(topic)


def _forum_post(user, post) -> bool:
    from jumelage.forum.policies import access

    rights = access(user, post.topic.project)
    return rights.can_see(post.topic) and rights.can_see(post)


def _chat_message(user, message) -> bool:
    """As in the room: the room must be open to the user, and the message not deleted."""
    from jumelage.chat import policies

    room = message.room
    if not policies.can_view_room(user, room):
        return False
    return policies.can_see_message(user, message, policies.can_moderate_room(user, room))


for _key, _rule in {
    "wiki.page": _wiki_page,
    "blog.post": _blog_post,
    "blog.comment": _blog_comment,
    "forum.topic": _forum_topic,
    "forum.post": _forum_post,
    "chat.message": _chat_message,
}.items():
    register_reportable(_key, _rule)
