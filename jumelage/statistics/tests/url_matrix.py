"""Statistics in the permission matrix (see jumelage/testing/matrix.py).

The French national office (staff) sees France; the Italian office (staff_abroad)
does not; the platform admin sees Europe and every country.
"""

from jumelage.testing.matrix import STAFF, Case

FRENCH = frozenset({"staff", "superuser"})
PLATFORM = frozenset({"superuser"})


def setup(world):
    return {"code": "FR"}


CASES = [
    Case("statistics:index", "GET", allowed=STAFF),
    Case("statistics:europe", "GET", allowed=PLATFORM),
    Case("statistics:europe_csv", "GET", allowed=PLATFORM),
    Case("statistics:country", "GET", kwargs=("code",), allowed=FRENCH),
    Case("statistics:country_csv", "GET", kwargs=("code",), allowed=FRENCH),
]
