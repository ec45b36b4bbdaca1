"""One gate for every staff right: nothing before the second factor of this session.

Anyone who holds a staff right (Django admin access, a support-staff account, or a
teacher appointed to a support role) and whose session has not passed a second
factor may open only the pages that get them through it. Everything else —
every page and every action, whatever app it lives in — redirects to the
two-factor setup (which sends someone already enrolled back to the code prompt).
Gating the whole session rather than a list of staff views means a new staff
view cannot be forgotten.
"""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.functional import LazyObject, empty

from . import policies

# The only pages open to a staff session without its second factor.
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "accounts:login",
        "accounts:login_code",
        "accounts:logout",
        "accounts:otp_setup",
        "core:set_language",
        "core:healthz",
        "observability:metrics",  # token or network, never a session (observability)
    }
)


# Set by jumelage.sso (to the user's pk) when the identity provider asserted a second
# factor for this very login (an acr/amr value the operator trusts): the session then
# counts as verified, as if a code had been typed. Logging in again or out clears it.
PROVIDER_SECOND_FACTOR = "second_factor_by_provider"


def trust_provider_second_factor(request, user) -> None:
    request.session[PROVIDER_SECOND_FACTOR] = user.pk


def is_open_before_second_factor(path: str) -> bool:
    if path.startswith(settings.STATIC_URL):
        return True
    try:
        return resolve(path).view_name in OPEN_BEFORE_SECOND_FACTOR
    except Resolver404:
        return False


def unwrapped(user):
    """The user behind auth's and django-otp's lazy proxies (one inside the other)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


class StaffSecondFactorMiddleware:
    """After OTPMiddleware: ``request.user.is_verified()`` is known there.

    The user is needed on every request here, so the rest of the request gets the
    object itself: through the two proxies, each of a page's attribute reads cost an
    AttributeError and four calls (the dashboard reads about 700)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            user = request.user = unwrapped(user)
        if (
            user is not None
            and user.is_authenticated
            and request.session.get(PROVIDER_SECOND_FACTOR) == user.pk
        ):
            user.is_verified = lambda: True
        if (
            user is not None
            and user.is_authenticated
            and not policies.second_factor_ok(user)
            and not is_open_before_second_factor(request.path_info)
        ):
            target = reverse("accounts:otp_setup")
            if request.method == "GET":
                target += f"?next={quote(request.get_full_path())}"
            if request.headers.get("HX-Request") == "true":
                # An htmx fragment would swap the setup page into the page: go there whole.
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            return redirect(target)
        return self.get_response(request)
