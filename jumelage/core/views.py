from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import policies
from .health import readiness
from .registry import DASHBOARD_PANELS, HOME_SECTIONS, render_panels


@require_GET
def home(request):
    return render(request, "core/home.html", {"sections": render_panels(HOME_SECTIONS, request)})


@login_required
def dashboard(request):
    policies.require(policies.can_see_dashboard(request.user))
    panels = render_panels(DASHBOARD_PANELS, request)
    return render(request, "core/dashboard.html", {"panels": panels})


@require_POST
def set_language(request):
    """Switch the interface language; remembered on the account of a signed-in user."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(_safe_next(request, request.POST.get("next", "")))
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=False,
        )
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
    return response


def _safe_next(request, next_url: str) -> str:
    """A path on this site to go back to, else "/".

    Never a URL name (redirect() would try to reverse "fr" and fail), never
    another host, never text that cannot be a header value.
    """
    if (
        not next_url.startswith("/")
        or any(ord(ch) < 32 or ord(ch) == 127 for ch in next_url)
        or not url_has_allowed_host_and_scheme(
            next_url, {request.get_host()}, require_https=request.is_secure()
        )
    ):
        return "/"
    return next_url


@never_cache
@require_GET
def readyz(request):
    """Readiness: this process can serve pages (database and channel layer answer).

    Served by Django like any page, so it is slow when the workers are busy;
    liveness (/livez) is answered before Django, see health.with_liveness.
    """
    ok, checks = readiness()
    return JsonResponse({"status": "ok" if ok else "error", **checks}, status=200 if ok else 503)


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
