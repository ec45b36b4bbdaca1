"""Prizes in the permission matrix (see jumelage/testing/matrix.py).

The admin founded a project holding the European label; an open competition accepts it; in a
competition being judged by the French office (jury), it is entered."""

from jumelage.prizes.models import AgeCategory, Competition
from jumelage.prizes.tests.helpers import competition, entry, european
from jumelage.testing import make_project, make_teacher
from jumelage.testing.matrix import EVERYONE, Case

JURY = frozenset({"staff"})


def setup(world):
    mine = european(make_project(founders=[world.users["admin"], make_teacher("DE")]))
    open_one = competition(2027)
    judged = competition(2026, Competition.Status.JUDGING, jury=[world.users["staff"]])
    entered = entry(judged, european(make_project()))
    return {
        "open": open_one.pk,
        "judged": judged.pk,
        "entry_id": entered.pk,
        "project": mine.pk,
        "category": AgeCategory.objects.get(code="up-to-11").pk,
    }


CASES = [
    Case("prizes:index", "GET", allowed=EVERYONE),
    Case("prizes:competition", "GET", kwargs={"pk": "judged"}, allowed=EVERYONE),
    Case("prizes:enter", "GET", kwargs={"pk": "open"}, allowed=frozenset({"admin"})),
    Case(
        "prizes:enter",
        "POST",
        kwargs={"pk": "open"},
        allowed=frozenset({"admin"}),
        data=lambda world, o: {
            "project": o["project"],
            "category": o["category"],
            "statement": "x",
        },
    ),
    Case("prizes:advance", "POST", kwargs={"pk": "judged"}, allowed=frozenset({"superuser"})),
    Case("prizes:score", "POST", kwargs=("entry_id",), allowed=JURY, data={"points": "80"}),
]
