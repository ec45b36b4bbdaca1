"""The core pages in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.testing.matrix import EVERYONE, SIGNED_IN, STAFF, Case


def setup(world):
    return {}


CASES = [
    Case("core:home", "GET", allowed=EVERYONE),
    Case("core:dashboard", "GET", allowed=SIGNED_IN),
    Case("core:set_language", "POST", allowed=EVERYONE, data={"language": "fr", "next": "/"}),
    Case("core:style_guide", "GET", allowed=STAFF),
    Case("core:editor_words", "GET", allowed=EVERYONE),
    Case("core:readyz", "GET", allowed=EVERYONE),
    Case("core:healthz", "GET", allowed=EVERYONE),
    Case("core:favicon", "GET", allowed=EVERYONE),
]
