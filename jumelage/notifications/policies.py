"""Who may see and change notifications: only their owner."""


def can_use(user) -> bool:
    return bool(user.is_authenticated and user.is_active)
