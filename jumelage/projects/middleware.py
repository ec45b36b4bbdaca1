from django.shortcuts import redirect
from django.urls import reverse


def must_set_own_password(user) -> bool:
    """A pupil signed in with the one-time password from the card, not yet replaced.

    Also asked by the WebSocket consumers (realtime.policies): such a pupil
    uses nothing else, over HTTP or WebSocket, until they set their own.
    """
    return bool(
        user is not None
        and user.is_authenticated
        and getattr(user, "kind", "") == "pupil"
        and user.must_change_password
    )


class PupilPasswordChangeMiddleware:
    """A pupil signed in with the one-time password from the card sets their own first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if must_set_own_password(getattr(request, "user", None)):
            allowed = {
                reverse("projects:pupil_password"),
                reverse("accounts:logout"),
                reverse("core:set_language"),
            }
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("projects:pupil_password")
        return self.get_response(request)
