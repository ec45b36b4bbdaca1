"""The one create/edit page of the staff tools (network directory, training events,
official texts): a title, the form rendered by the project's renderer, Save.

The view resolves access first (and refuses with a 404); this only runs the form.
"""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render


def form_page(
    request,
    form,
    *,
    title: str,
    save: Callable[[object], HttpResponse],
    saved: str,
    back_url: str = "",
    back_label: str = "",
) -> HttpResponse:
    """Show `form`; on a valid POST, `save(form)` writes (through the app's service)
    and returns where to go, and the person is told `saved`."""
    if request.method == "POST" and form.is_valid():
        response = save(form)
        messages.success(request, saved)
        return response
    context = {"form": form, "title": title, "back_url": back_url, "back_label": back_label}
    return render(request, "core/form_page.html", context)
