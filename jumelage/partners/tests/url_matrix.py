"""Partner requests in the permission matrix (see jumelage/testing/matrix.py).

The request is the project teacher's (a verified French teacher).
"""

from jumelage.partners.tests.helpers import make_request
from jumelage.testing.matrix import ALLOWED, VERIFIED_TEACHERS, Case


def setup(world):
    return {"pk": make_request(world.users["teacher"]).pk}


CASES = [
    Case(
        "partners:search",
        "GET",
        allowed=VERIFIED_TEACHERS,
        # the "being checked" page, not a 404 (a visitor's account is an unverified one)
        expect={"unverified_teacher": ALLOWED, "visitor": ALLOWED},
    ),
    Case(
        "partners:request_list",
        "GET",
        allowed=VERIFIED_TEACHERS,
        # the "being checked" page, not a 404 (a visitor's account is an unverified one)
        expect={"unverified_teacher": ALLOWED, "visitor": ALLOWED},
    ),
    Case("partners:request_create", "GET", allowed=VERIFIED_TEACHERS),
    Case("partners:request_create", "POST", allowed=VERIFIED_TEACHERS),
    Case("partners:request_detail", "GET", kwargs=("pk",), allowed=VERIFIED_TEACHERS),
    Case("partners:request_edit", "GET", kwargs=("pk",), allowed=frozenset({"teacher"})),
    Case("partners:request_edit", "POST", kwargs=("pk",), allowed=frozenset({"teacher"})),
    Case("partners:request_renew", "POST", kwargs=("pk",), allowed=frozenset({"teacher"})),
    Case("partners:request_close", "POST", kwargs=("pk",), allowed=frozenset({"teacher"})),
]
