"""The metrics endpoint in the permission matrix (see jumelage/testing/matrix.py).

Without METRICS_TOKEN nor METRICS_ALLOWED_NETWORKS (the matrix's settings), /metrics
is a 404 for everyone, signed in or not, whatever the method: a session never
opens it. Token and network access are tested in tests/test_metrics.py.
"""

from jumelage.testing.matrix import NOT_FOUND, Case


def setup(world):
    return {}


NOBODY = frozenset()

CASES = [
    Case("observability:metrics", "GET", allowed=NOBODY, expect={"anonymous": NOT_FOUND}),
    Case("observability:metrics", "POST", allowed=NOBODY, expect={"anonymous": NOT_FOUND}),
]
