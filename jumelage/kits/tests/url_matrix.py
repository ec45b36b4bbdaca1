"""Kits in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.kits.models import Kit
from jumelage.testing.matrix import EVERYONE, Case


def setup(world):
    return {"slug": Kit.objects.values_list("slug", flat=True).first()}


CASES = [
    Case("kits:list", "GET", allowed=EVERYONE),
    Case("kits:detail", "GET", kwargs=("slug",), allowed=EVERYONE),
]
