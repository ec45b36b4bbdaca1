"""Notification list, mark as read, per-kind preferences. Thin: policy, service, render."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jumelage.core.policies import require

from . import policies, services
from .models import Notification


def _login_required(view):
    def wrapper(request, *args, **kwargs):
        if not policies.can_use(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@require_GET
@_login_required
def notification_list(request):
    rows = Notification.objects.filter(user=request.user)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {"page": page})


@require_POST
@_login_required
def mark_read(request, notification_id):
    """Mark one notification read; with `open`, go to what it is about."""
    notification = Notification.objects.filter(pk=notification_id, user=request.user).first()
    require(notification is not None)
    services.mark_read(request.user, notification.pk)
    target = notification.url
    if (
        "open" in request.POST
        and target
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    ):
        return redirect(target)
    return redirect("notifications:list")


@require_POST
@_login_required
def mark_all_read(request):
    services.mark_read(request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@_login_required
def preferences(request):
    prefs = services.preferences(request.user)
    if request.method == "POST":
        choices = {
            p.kind: {
                field: f"{p.kind}-{field}" in request.POST
                for field in ("in_app", "email", "digest")
            }
            for p in prefs
        }
        services.save_preferences(request.user, choices)
        messages.success(request, _("Your choices are saved."))
        return redirect("notifications:preferences")
    rows = [(p, Notification.Kind(p.kind).label) for p in prefs]
    return render(request, "notifications/preferences.html", {"rows": rows})
