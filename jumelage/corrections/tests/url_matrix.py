"""Translation corrections in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.testing.matrix import Case

FRENCH_OFFICE = frozenset({"staff", "superuser"})  # the French office; a platform admin


def setup(world):
    return {"language": "fr"}


CASES = [
    Case("corrections:index", "GET", allowed=FRENCH_OFFICE | {"staff_abroad"}),
    Case("corrections:language", "GET", kwargs=("language",), allowed=FRENCH_OFFICE),
    Case(
        "corrections:language",
        "POST",
        kwargs=("language",),
        allowed=FRENCH_OFFICE,
        data={"msgid": "Log out", "context": "", "text": "Se déconnecter"},
    ),
    Case(
        "corrections:export",
        "GET",
        kwargs=("language",),
        allowed=frozenset({"superuser"}),
    ),
]
