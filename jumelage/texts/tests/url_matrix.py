"""Official texts in the permission matrix (see jumelage/testing/matrix.py)."""

from datetime import date

from jumelage.testing.matrix import EVERYONE, NOT_FOUND, STAFF, Case
from jumelage.texts.models import OfficialText


def setup(world):
    text = OfficialText.objects.create(
        title="Circular",
        published_on=date(2020, 1, 1),
        country_id="FR",
        language_id="fr",
        body="<p>Body</p>",
    )
    draft = OfficialText.objects.create(
        title="Draft",
        published_on=date(2020, 1, 2),
        country_id="FR",
        language_id="fr",
        published=False,
    )
    return {"pk": text.pk, "draft_id": draft.pk}


CASES = [
    Case("texts:list", "GET", allowed=EVERYONE),
    Case("texts:new", "GET", allowed=STAFF, expect={"anonymous": NOT_FOUND}),
    Case("texts:new", "POST", allowed=STAFF, expect={"anonymous": NOT_FOUND}),
    Case("texts:detail", "GET", kwargs=("pk",), allowed=EVERYONE),
    # A draft: the French office and the platform admin only.
    Case(
        "texts:detail",
        "GET",
        kwargs={"pk": "draft_id"},
        allowed=frozenset({"staff", "superuser"}),
        expect={"anonymous": NOT_FOUND},
    ),
    Case(
        "texts:edit",
        "GET",
        kwargs=("pk",),
        allowed=frozenset({"staff", "superuser"}),
        expect={"anonymous": NOT_FOUND},
    ),
    Case(
        "texts:edit",
        "POST",
        kwargs=("pk",),
        allowed=frozenset({"staff", "superuser"}),
        expect={"anonymous": NOT_FOUND},
    ),
    Case(
        "texts:delete",
        "POST",
        kwargs=("pk",),
        allowed=frozenset({"staff", "superuser"}),
        expect={"anonymous": NOT_FOUND},
    ),
]
