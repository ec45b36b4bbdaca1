from django.conf import settings

from .registry import HEADER_TOOLS, NAV_LINKS, render_panels
from .reversing import fixed_url


def site(request):
    from django.contrib.auth.models import AnonymousUser

    user = getattr(request, "user", None) or AnonymousUser()
    shown = [link for link in NAV_LINKS if link.visible(user)]
    return {
        "header_tools": render_panels(HEADER_TOOLS, request) if user.is_authenticated else [],
        "SITE_NAME": "Jumelage",
        "SITE_URL": settings.SITE_URL,
        "primary_links": [
            (link.label, fixed_url(link.url_name), link.icon)
            for link in shown
            if link.area == "main" and link.primary
        ],
        "nav_links": [
            (link.label, fixed_url(link.url_name))
            for link in shown
            if link.area == "main" and not link.primary
        ],
        "account_links": [
            (link.label, fixed_url(link.url_name)) for link in shown if link.area == "account"
        ],
    }
