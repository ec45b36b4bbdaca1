"""Correcting a language in the browser, exporting the corrections (docs/languages.md)."""

from functools import lru_cache
from pathlib import Path

import polib
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jumelage.core.l10n import keeps_marks, marks
from jumelage.core.policies import require

from . import policies, services
from .models import Correction

PER_PAGE = 50


@lru_cache(maxsize=64)
def _messages(language: str) -> tuple[tuple[str, str, str], ...]:
    """(context, msgid, shipped translation) of every singular message, once each."""
    seen: dict = {}
    root = Path(settings.BASE_DIR) / "jumelage"
    for path in sorted(root.rglob(f"locale/{language}/LC_MESSAGES/django.po")):
        for e in polib.pofile(str(path)):
            if not e.obsolete and not e.msgid_plural:
                seen.setdefault((e.msgctxt or "", e.msgid), e.msgstr)
    return tuple((c, m, t) for (c, m), t in seen.items())


@login_required
@require_GET
def index(request):
    languages = policies.correctable_languages(request.user)
    require(bool(languages))
    names = dict(settings.LANGUAGES)
    return render(
        request,
        "corrections/index.html",
        {
            "languages": [(code, names[code]) for code in names if code in languages],
            "can_export": policies.can_export(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def language(request, language):
    require(policies.can_correct(request.user, language))
    if request.method == "POST":
        msgid = request.POST.get("msgid", "")
        context = request.POST.get("context", "")
        text = request.POST.get("text", "")
        known = {(c, m) for c, m, _t in _messages(language)}
        if (context, msgid) not in known:
            messages.error(request, _("This message is not in the catalogue."))
        elif text.strip() and not keeps_marks(msgid, text):
            # A lost %(name)s would make every page showing this message fail.
            messages.error(
                request,
                _("The correction must keep these parts of the original as they are: %(marks)s")
                % {"marks": " ".join(marks(msgid)) or "—"},
            )
        else:
            services.save(request.user, language, context, msgid, text)
            messages.success(request, _("Correction saved. It shows on every page shortly."))
        return redirect(request.get_full_path())
    query = request.GET.get("q", "").strip()[:100].lower()
    corrected = {(c.context, c.msgid): c.text for c in Correction.objects.filter(language=language)}
    rows = [
        {
            "context": c,
            "msgid": m,
            "text": corrected.get((c, m), t),
            "corrected": (c, m) in corrected,
        }
        for c, m, t in _messages(language)
        if not query or query in m.lower() or query in t.lower()
    ]
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "corrections/language.html",
        {
            "language": language,
            "name": dict(settings.LANGUAGES)[language],
            "page": page,
            "q": query,
        },
    )


@login_required
@require_GET
def export(request, language):
    require(policies.can_export(request.user) and language in dict(settings.LANGUAGES))
    response = HttpResponse(services.as_po(language), content_type="text/x-gettext-translation")
    response["Content-Disposition"] = f'attachment; filename="corrections-{language}.po"'
    return response
