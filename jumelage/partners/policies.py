"""Who may find partners, post partner requests and act on them."""

from jumelage.accounts.policies import is_verified_teacher


def can_find_partners(user) -> bool:
    """Searching, suggestions and requests are for verified teachers only."""
    return is_verified_teacher(user)


def can_post_request(user) -> bool:
    return is_verified_teacher(user)


def can_view_request(user, partner_request) -> bool:
    """Open requests are visible to verified teachers; others only to their author."""
    if not is_verified_teacher(user):
        return False
    return partner_request.is_open or partner_request.author_id == user.pk


def can_manage_request(user, partner_request) -> bool:
    return is_verified_teacher(user) and partner_request.author_id == user.pk


def can_renew_request(user, partner_request) -> bool:
    return can_manage_request(user, partner_request) and partner_request.status != "closed"


def can_close_request(user, partner_request) -> bool:
    return can_manage_request(user, partner_request) and partner_request.status != "closed"


def can_contact_author(user, partner_request) -> bool:
    return (
        is_verified_teacher(user)
        and partner_request.is_open
        and partner_request.author_id != user.pk
    )


def shows_email(profile) -> bool:
    """A teacher's email appears in results only when they chose so."""
    return bool(profile.email_visible)
