"""TRANSITIONAL (backups): the export page's name is registered on a throwaway view
in portability/urls.py until the portability branch brings the real one (and its
own matrix rows); the integrator removes this module with that line."""

from jumelage.testing.matrix import ACTORS, NOT_FOUND, Case


def setup(world) -> dict:
    return {}


CASES = [
    Case(
        "portability:project_export",
        "GET",
        kwargs=(),
        allowed=frozenset(),
        expect=dict.fromkeys(ACTORS, NOT_FOUND),
    ),
]
