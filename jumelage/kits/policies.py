"""Who may see and manage kits."""

from jumelage.network.policies import is_support_staff


def can_browse_kits(user) -> bool:
    """The catalogue is public."""
    return True


def can_manage_kits(user) -> bool:
    """Kits are managed in the admin site by platform admins and support staff with admin access."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or is_support_staff(user)
