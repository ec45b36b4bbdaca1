"""Who may see and change notifications: only their owner."""


def may_use(user) -> bool:
    return bool(user.is_authenticated and user.is_active)
