"""What tests share: factories of real rows and small helpers (no app imports this).

Test scaffolding lives outside the apps (healthchecks keeps hc/test.py at the
project package): it builds whole worlds, so it reaches every layer, and no
production module may import it (see core/tests/test_import_graph.py).
Read it as `from jumelage import testing` then `testing.make_teacher("FR")`,
or import the names.
"""

from .factories import (
    PASSWORD,
    VALID_UAIS,
    add_member,
    login_with_second_factor,
    make_project,
    make_pupil,
    make_school,
    make_staff,
    make_teacher,
    make_visitor,
    sign_in,
    ws_connect,
)

__all__ = [
    "add_member",
    "login_with_second_factor",
    "make_project",
    "make_pupil",
    "make_visitor",
    "make_school",
    "make_staff",
    "make_teacher",
    "PASSWORD",
    "sign_in",
    "VALID_UAIS",
    "ws_connect",
]
