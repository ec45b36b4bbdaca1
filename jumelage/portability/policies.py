"""Who may export a project and who may import an archive (the only place for these rules)."""

from django.utils.translation import gettext as _

from jumelage.accounts.policies import is_verified_teacher
from jumelage.projects.models import Membership


def can_export(access) -> bool:
    """The project's admins, whatever its state: an archive is how a TwinSpace survives."""
    return access.is_admin


def can_open_import(user) -> bool:
    """The import page: platform admins and verified teachers (the archive decides the rest)."""
    return bool(user.is_authenticated and (user.is_superuser or is_verified_teacher(user)))


def import_refusal(user, document: dict) -> str | None:
    """Why `user` may not import this archive, or None.

    A platform admin imports anything. A verified teacher imports an archive in
    which an administrator had their (confirmed) email address: their own project.
    """
    if user.is_superuser:
        return None
    if not is_verified_teacher(user) or not user.email or user.email_confirmed_at is None:
        return _("Only verified teachers and platform administrators import projects.")
    admins = {
        (member.get("person"), member.get("role"))
        for member in document.get("parts", {}).get("members", [])
        if isinstance(member, dict)
    }
    for person in document.get("people", []):
        if not isinstance(person, dict) or (person.get("ref"), Membership.Role.ADMIN) not in admins:
            continue
        if str(person.get("email") or "").lower() == user.email.lower():
            return None
    return _("You can only import a project of which you were an administrator.")
