"""The personal calendar (calendar/) in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.calendar import services
from jumelage.testing.matrix import EVERYONE, SIGNED_IN, Case


def setup(world):
    return {"token": services.regenerate_feed(world.users["teacher"]).token}


CASES = [
    Case("mycalendar:settings", "GET", allowed=SIGNED_IN),
    Case("mycalendar:settings", "POST", allowed=SIGNED_IN),
    Case("mycalendar:feed", "POST", allowed=SIGNED_IN),
    # The token is the secret: whoever has the URL reads the feed (calendar apps).
    Case("mycalendar:ics", "GET", kwargs=("token",), allowed=EVERYONE),
]
