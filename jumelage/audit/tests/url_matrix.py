"""The audit app's own page in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.testing.matrix import ADULTS, Case


def setup(world):
    return {}


CASES = [
    # Every adult reads the entries that concern them; pupils get a 404, visitors the login.
    Case("audit:mine", "GET", allowed=ADULTS),
]
