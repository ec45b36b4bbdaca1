from django.shortcuts import redirect
from django.urls import reverse


class PupilPasswordChangeMiddleware:
    """A pupil signed in with the one-time password from the card sets their own first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "kind", "") == "pupil"
            and user.must_change_password
        ):
            allowed = {
                reverse("projects:pupil_password"),
                reverse("accounts:logout"),
                reverse("core:set_language"),
            }
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("projects:pupil_password")
        return self.get_response(request)
