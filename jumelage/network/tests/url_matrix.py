"""The support network in the permission matrix (see jumelage/testing/matrix.py).

The help request is the project teacher's (France): the French office handles it.
"""

from jumelage.network import services
from jumelage.network.models import HelpRequest
from jumelage.testing.matrix import ADULTS, ALL_TEACHERS, STAFF, Case


def setup(world):
    teacher = world.users["teacher"]
    help_request = services.ask_for_help(
        teacher, services.place_of_user(teacher), HelpRequest.Topic.PARTNER, "Partner", "Help"
    )
    role = world.users["staff"].support_roles.get()
    return {"help_id": help_request.pk, "role_id": role.pk}


CASES = [
    Case("network:directory", "GET", allowed=ADULTS),
    Case("network:help_list", "GET", allowed=ALL_TEACHERS | {"staff", "staff_abroad"}),
    Case("network:help_new", "GET", allowed=ALL_TEACHERS),
    Case("network:help_new", "POST", allowed=ALL_TEACHERS),
    Case(
        "network:help_detail",
        "GET",
        kwargs={"pk": "help_id"},
        allowed=frozenset({"teacher", "staff"}),
    ),
    Case(
        "network:help_reply",
        "POST",
        kwargs={"pk": "help_id"},
        allowed=frozenset({"teacher", "staff"}),
        data={"body": "Hi"},
    ),
    Case(
        "network:help_close",
        "POST",
        kwargs={"pk": "help_id"},
        allowed=frozenset({"teacher", "staff"}),
    ),
    Case("network:staff_list", "GET", allowed=STAFF),
    # Appointing office members: the platform admin, and national offices for their country.
    Case("network:appoint", "GET", allowed=STAFF),
    Case("network:appoint", "POST", allowed=STAFF),
    Case("network:staff_new", "GET", allowed=STAFF),
    Case("network:staff_new", "POST", allowed=STAFF),
    Case(
        "network:staff_edit",
        "GET",
        kwargs={"pk": "role_id"},
        allowed=frozenset({"staff", "superuser"}),
    ),
    Case(
        "network:staff_edit",
        "POST",
        kwargs={"pk": "role_id"},
        allowed=frozenset({"staff", "superuser"}),
    ),
    Case(
        "network:staff_delete",
        "POST",
        kwargs={"pk": "role_id"},
        allowed=frozenset({"staff", "superuser"}),
    ),
]
