"""Single sign-on in the permission matrix (see jumelage/testing/matrix.py).

Both URLs are public: they are how one logs in. The matrix runs with no provider
configured, so a provider's login URL answers 404 to everyone, and the callback,
with no login started in the session, sends everyone back to the login page with
a message.
"""

from jumelage.testing.matrix import LOGIN, NOT_FOUND, Case


def setup(world):
    return {"slug": "eulogin"}


CASES = [
    Case(
        "sso:login",
        "GET",
        kwargs=("slug",),
        allowed=frozenset(),
        refused=NOT_FOUND,
        expect={"anonymous": NOT_FOUND},
    ),
    Case("sso:callback", "GET", allowed=frozenset(), refused=LOGIN),
]
