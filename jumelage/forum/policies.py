"""Who may do what in a project's forum. Built on projects.policies only.

`access()` asks the project policies once per request; the per-post rules below
then decide without further queries, so a topic page costs the same with 2 or
200 replies.
"""

from dataclasses import dataclass

from django.db.models import Q

from jumelage.projects import policies as project_policies
from jumelage.projects.models import Visibility


@dataclass(frozen=True)
class ForumAccess:
    user_id: int | None
    can_view: bool
    can_contribute: bool
    is_teacher: bool
    can_moderate: bool
    active: bool = False

    def can_see(self, content) -> bool:
        """Pending or hidden content: only the project's teachers and its author."""
        if content.visibility == Visibility.PUBLISHED or self.is_teacher:
            return self.can_view
        return self.can_view and self.user_id is not None and content.author_id == self.user_id

    def visible(self, prefix: str = "") -> Q | None:
        """The same rule as `can_see`, as a filter on topics or posts (None: all)."""
        if self.is_teacher:
            return None
        return Q(**{f"{prefix}visibility": Visibility.PUBLISHED}) | Q(
            **{f"{prefix}author_id": self.user_id}
        )

    def can_start_topic(self) -> bool:
        return self.can_contribute

    def can_reply(self, topic) -> bool:
        """Published topics only; a locked topic takes replies from teachers only."""
        if not self.can_contribute or topic.visibility != Visibility.PUBLISHED:
            return False
        return not topic.locked or self.is_teacher

    def can_edit(self, content) -> bool:
        """Authors edit their own posts, teachers any, while the project is active."""
        if not (self.can_contribute and self.can_see(content)):
            return False
        return self.is_teacher or content.author_id == self.user_id

    def can_manage_topic(self) -> bool:
        """Pin and lock topics."""
        return self.can_moderate

    def can_report(self, content) -> bool:
        """Any member reports what they can see, while the project is active."""
        return self.can_follow() and self.can_see(content)

    def can_follow(self) -> bool:
        """Members (guests included) follow topics; a closed project is read-only."""
        return self.can_view and self.active and self.user_id is not None

    def can_moderate_content(self, content) -> bool:
        return self.can_moderate


def access(user, project) -> ForumAccess:
    can_view = project_policies.can_view_space(user, project)
    if not can_view:
        return ForumAccess(None, False, False, False, False)
    return ForumAccess(
        user_id=user.pk,
        can_view=True,
        can_contribute=project_policies.can_contribute(user, project),
        is_teacher=project_policies.is_project_teacher(user, project),
        can_moderate=project_policies.can_moderate(user, project),
        active=project.is_active,
    )
