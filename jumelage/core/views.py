import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import policies
from . import style_guide as style
from .editor_words import editor_words as words_of_the_editor
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


@require_GET
@login_required
def style_guide(request):
    """Every component of the design system, on the real templates (issue 14)."""
    policies.require(policies.can_see_style_guide(request.user))
    form = style.SampleForm(request.GET or {"title": "", "language": ["xx"]})
    form.is_valid()  # shows the errors as a person would see them
    context = {
        "colours": style.COLOURS,
        "type_scale": style.TYPE_SCALE,
        "spacing": style.SPACING,
        "icons": style.icon_names(),
        "form": form,
    }
    return render(request, "core/style_guide.html", context)


@require_GET
def editor_words(request):
    """The editor's words in the reader's language, as the `window.gettext` it asks."""
    words = json.dumps(words_of_the_editor(), ensure_ascii=True).replace("</", "<\\/")
    script = f"window.gettext = ((words) => (text) => words[text] || text)({words});\n"
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


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
