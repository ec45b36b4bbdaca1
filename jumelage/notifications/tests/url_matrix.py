"""Notifications in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.notifications import services
from jumelage.testing.matrix import SIGNED_IN, Case


def setup(world):
    notification = services.notify(world.users["teacher"], "activity", "New page")
    return {"notification_id": notification.pk}


CASES = [
    Case("notifications:list", "GET", allowed=SIGNED_IN),
    Case("notifications:read", "POST", kwargs=("notification_id",), allowed=frozenset({"teacher"})),
    Case("notifications:read_all", "POST", allowed=SIGNED_IN),
    Case("notifications:preferences", "GET", allowed=SIGNED_IN),
    Case("notifications:preferences", "POST", allowed=SIGNED_IN),
]
