"""Test-only URLs: the whole site plus a probe the edge tests read from a live server."""

from django.http import JsonResponse
from django.urls import include, path


def whoami(request):
    """What the application believes about the client: address and scheme."""
    return JsonResponse(
        {
            "remote_addr": request.META.get("REMOTE_ADDR"),
            "scheme": request.scheme,
            "forwarded_for": request.META.get("HTTP_X_FORWARDED_FOR"),
        }
    )


urlpatterns = [
    path("_edge/whoami", whoami),
    path("", include("jumelage.urls")),
]
