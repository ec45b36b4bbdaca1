"""Who may read which audit entries."""


def can_read_own_entries(user) -> bool:
    """Adults read the entries that concern them. Pupils do not: the decisions about
    them are their teachers' (who see them here), and their data export carries them."""
    return bool(user.is_authenticated and user.is_active and not getattr(user, "is_pupil", True))
