"""Who may write to whom. Verified teachers write to each other across the platform;
inside a project, members write to members; pupils never write to outsiders."""

from django.db.models import Q

from jumelage.accounts.models import User
from jumelage.accounts.policies import is_verified_teacher
from jumelage.projects.models import Membership
from jumelage.projects.policies import VISIBLE_TO_MEMBERS

from .models import Participant, Thread


def may_use(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _shared_project_ids(a, b) -> set[int]:
    mine = Membership.objects.filter(user=a, project__status__in=VISIBLE_TO_MEMBERS).values_list(
        "project_id", flat=True
    )
    return set(
        Membership.objects.filter(user=b, project_id__in=mine).values_list("project_id", flat=True)
    )


def can_write_to(sender, recipient) -> bool:
    if not may_use(sender) or recipient is None or not recipient.is_active or sender == recipient:
        return False
    if is_verified_teacher(sender) and is_verified_teacher(recipient):
        return True
    return bool(_shared_project_ids(sender, recipient))


def recipients(sender):
    """Everyone the sender may write to (for the compose form)."""
    if not may_use(sender):
        return User.objects.none()
    projects = Membership.objects.filter(
        user=sender, project__status__in=VISIBLE_TO_MEMBERS
    ).values("project_id")
    allowed = Q(memberships__project_id__in=projects)
    if is_verified_teacher(sender):
        allowed |= Q(kind="teacher", teacher_profile__status="verified")
    return (
        User.objects.filter(allowed, is_active=True)
        .exclude(pk=sender.pk)
        .distinct()
        .order_by("display_name")
    )


def can_view_thread(user, thread: Thread) -> bool:
    return may_use(user) and Participant.objects.filter(thread=thread, user=user).exists()


def can_reply(user, thread: Thread) -> bool:
    """A participant who may still write to every other participant."""
    if not can_view_thread(user, thread):
        return False
    others = [p.user for p in thread.participants.select_related("user").exclude(user=user)]
    return bool(others) and all(can_write_to(user, other) for other in others)
