"""The personal calendar (calendar/) in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.calendar import services
from jumelage.testing.matrix import Case


def setup(world):
    return {"token": services.regenerate_feed(world.users["teacher"]).token}


CASES = [
    Case("mycalendar:settings", "GET", allowed=X),
    Case("mycalendar:settings", "POST", allowed=X),
    Case("mycalendar:feed", "POST", allowed=X),
    Case("mycalendar:ics", "GET", kwargs=("token",), allowed=X),
]
