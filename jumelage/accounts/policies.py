"""Who a person is allowed to be on the platform, and what they may do with their account."""

from collections.abc import Callable

from . import ratelimit
from .models import TeacherProfile, User, teacher_profile_of


def is_teacher(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == User.Kind.TEACHER)


def is_verified_teacher(user) -> bool:
    """Only verified teachers found, join, message and appear in partner search."""
    if not is_teacher(user):
        return False
    profile = teacher_profile_of(user)
    return bool(profile and profile.status == TeacherProfile.Status.VERIFIED)


def has_confirmed_email(user) -> bool:
    """The one test for email-bound rights (invitations, school membership, login).

    An address proves nothing until its owner opened the link we sent to it.
    Pupils have no address, so they never hold an email-bound right.
    """
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.email
        and user.email_confirmed_at
    )


def can_log_in_with_email(user) -> bool:
    """Adults log in only once their address is confirmed; pupils log in with their card."""
    return user.kind == User.Kind.PUPIL or bool(user.email and user.email_confirmed_at)


def is_pupil(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.kind == User.Kind.PUPIL)


def _status(user) -> str:
    profile = teacher_profile_of(user)
    return profile.status if profile else ""


def needs_second_factor(user) -> bool:
    """Support staff and admins must use TOTP; teachers may (also teachers given a support role)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return bool(user.is_staff or user.kind == User.Kind.STAFF or has_support_role(user))


SUPPORT_ROLE_CACHE_SECONDS = 60 * 60


def _support_role_key(user_id) -> str:
    return f"user-{user_id}"


# Roles that demand a second factor are granted by upper apps (network's support
# roles); accounts only asks them, through this list, so it imports none of them.
SUPPORT_ROLE_CHECKS: list[Callable[[object], bool]] = []


def register_support_role_check(check: Callable[[object], bool]) -> None:
    """Declare a role that makes its holder use a second factor.

    Contract: `check(user) -> bool` is True when `user` (an active, signed-in
    user) holds such a role. It may query the database: its answer is cached
    for SUPPORT_ROLE_CACHE_SECONDS per user and read once at login. The app
    that grants the role must call `forget_support_role(user_id)` whenever it
    grants or removes one, so the gate knows at the next request. Register in
    AppConfig.ready(), once.
    """
    if check not in SUPPORT_ROLE_CHECKS:
        SUPPORT_ROLE_CHECKS.append(check)


def has_support_role(user) -> bool:
    """Asked on every request by the second-factor gate: kept in the cache, so a page's
    queries do not grow; the granting app clears it (see register_support_role_check)."""
    cached = getattr(user, "_has_support_role", None)
    if cached is not None:
        return cached
    name = ratelimit.key("support-role", _support_role_key(user.pk))
    value = ratelimit.get(name)
    if value is None:
        value = any(check(user) for check in SUPPORT_ROLE_CHECKS)
        ratelimit.set(name, value, SUPPORT_ROLE_CACHE_SECONDS)
    user._has_support_role = bool(value)
    return bool(value)


def forget_support_role(user_id) -> None:
    ratelimit.delete(ratelimit.key("support-role", _support_role_key(user_id)))


def second_factor_ok(user) -> bool:
    """Staff pages and /admin/ open only once the session passed a second factor."""
    if not needs_second_factor(user):
        return True
    return bool(getattr(user, "is_verified", lambda: False)())


def can_use_admin(user) -> bool:
    return bool(user.is_active and user.is_staff and second_factor_ok(user))


def can_manage_own_account(user) -> bool:
    """Profile, password, two-factor: anyone signed in with an email login."""
    return bool(user.is_authenticated and user.is_active and user.kind != User.Kind.PUPIL)


def can_edit_profile(user) -> bool:
    """A teacher may edit their profile in every state, verified or not."""
    return is_teacher(user) and _status(user) != ""


def can_disable_second_factor(user) -> bool:
    return can_manage_own_account(user) and not needs_second_factor(user)


def can_register_school(user) -> bool:
    """Only once the email address is confirmed."""
    return is_teacher(user) and _status(user) not in ("", TeacherProfile.Status.REGISTERED)


def can_resubmit(user) -> bool:
    """A rejected teacher corrects their details and asks again."""
    return is_teacher(user) and _status(user) == TeacherProfile.Status.REJECTED


def can_view_teacher(viewer, teacher) -> bool:
    """Verified teachers and support staff see verified teachers' profiles; anyone sees their own."""
    if not (viewer.is_authenticated and viewer.is_active):
        return False
    if viewer.pk == teacher.pk:
        return is_teacher(teacher)
    if not is_verified_teacher(teacher):
        return False
    return is_verified_teacher(viewer) or viewer.kind == User.Kind.STAFF


def can_see_email_of(viewer, teacher) -> bool:
    profile = teacher_profile_of(teacher)
    return viewer.pk == teacher.pk or bool(profile and profile.email_visible)
