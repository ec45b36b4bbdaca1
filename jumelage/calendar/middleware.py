"""Every page reads times in the reader's zone, not the platform's (issue 14).

The zone is worked out once, at login (`remember_reader_zone`), and kept in the session
with the user's id: pages add no query. Live times (chat) read it from `<html
data-time-zone>`, so a message shows the same time live and after a reload.
"""

from django.utils import timezone

from . import zones

SESSION_KEY = "reader_zone"


def remember_reader_zone(request, user) -> None:
    """At login, and when the person picks a zone: the zone their pages use."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = [user.pk, zones.viewer_zone_name(user)]


def _on_login(sender, request, user, **kwargs):
    remember_reader_zone(request, user)


def _remembered(request) -> str | None:
    """The zone the session keeps for its signed-in user, if it is still a zone."""
    user = getattr(request, "user", None)
    remembered = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if (
        remembered
        and user is not None
        and user.is_authenticated
        and remembered[0] == user.pk
        and zones.is_valid_zone(remembered[1])
    ):
        return remembered[1]
    return None


def reader_zone_name(request) -> str:
    """The zone of the reader's pages: the session's (no query), else worked out from
    their settings and school (a session from before the zone was kept)."""
    return _remembered(request) or zones.viewer_zone_name(getattr(request, "user", None))


def reader_zone(request):
    return zones.zone(reader_zone_name(request))


class ReaderTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        remembered = _remembered(request)
        if remembered:
            timezone.activate(zones.zone(remembered))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()  # a worker thread's next request starts from the default
