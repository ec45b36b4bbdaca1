from django import template
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from jumelage.sso import providers

register = template.Library()


@register.inclusion_tag("sso/login_buttons.html", takes_context=True)
def sso_buttons(context, next_url=""):
    """One "Log in with …" button per configured provider; nothing when none is."""
    request = context.get("request")
    safe = bool(
        next_url
        and request is not None
        and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    )
    return {
        "buttons": [
            (p.name, reverse("sso:login", args=[p.slug])) for p in providers.all_providers()
        ],
        "next": next_url if safe else "",
    }
