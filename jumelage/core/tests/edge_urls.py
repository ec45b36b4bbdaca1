"""Test-only URLs: the whole site plus two probes the edge tests read from a live server."""

import threading

from django.http import JsonResponse
from django.urls import include, path

# The slow view holds its worker until a test sets RELEASE; ENTERED counts arrivals.
RELEASE = threading.Event()
ENTERED = threading.Semaphore(0)


def whoami(request):
    """What the application believes about the client: address and scheme."""
    return JsonResponse(
        {
            "remote_addr": request.META.get("REMOTE_ADDR"),
            "scheme": request.scheme,
            "forwarded_for": request.META.get("HTTP_X_FORWARDED_FOR"),
        }
    )


def slow(request):
    ENTERED.release()
    RELEASE.wait(timeout=60)
    return JsonResponse({"slow": "done"})


urlpatterns = [
    path("_edge/whoami", whoami),
    path("_edge/slow", slow),
    path("", include("jumelage.urls")),
]
