"""The single sign-on identities linked to a person's account, in their data export."""

from jumelage.core.exports import iso, register_export

from .models import IdentityLink


@register_export("identity_links", order=72, models=[IdentityLink])
def identity_links(user) -> list[dict]:
    return [
        {
            "provider": link.provider,
            "issuer": link.issuer,
            "subject": link.subject,
            "linked_at": iso(link.created_at),
            "last_login_at": iso(link.last_login_at),
        }
        for link in IdentityLink.objects.filter(user=user).order_by("id")
    ]
