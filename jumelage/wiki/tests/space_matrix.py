"""The wiki's URLs in the TwinSpace permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.testing.matrix import LEADERS, MEMBERS, TEACHERS, VISITING, Case
from jumelage.wiki import services


def setup(world):
    teacher = world.users["admin"]
    page = services.create_page(world.project, teacher, "Step 1", "<p>One</p>")
    services.save_page(page, teacher, title="Step 1", body="<p>Two</p>", base_version=1)
    opened = services.create_page(world.project, teacher, "Our town", "<p>For visitors</p>")
    opened.own_rights = opened.visitors_view = True
    opened.save()
    return {"page_id": page.pk, "number": 1, "opened_id": opened.pk}


def _edit(world, objects):
    return {"title": "Step 1", "body": "<p>Three</p>", "version": 2, "position": 0}


CASES = [
    Case("wiki:index", "GET", allowed=VISITING),
    Case("wiki:create", "GET", allowed=LEADERS),
    Case("wiki:create", "POST", allowed=LEADERS, data={"title": "New", "body": "<p>x</p>"}),
    Case("wiki:detail", "GET", kwargs=("page_id",), allowed=MEMBERS),
    Case("wiki:detail", "GET", kwargs={"page_id": "opened_id"}, allowed=VISITING),
    Case("wiki:edit", "GET", kwargs=("page_id",), allowed=LEADERS),
    Case("wiki:edit", "POST", kwargs=("page_id",), allowed=LEADERS, data=_edit),
    Case("wiki:history", "GET", kwargs=("page_id",), allowed=MEMBERS),
    Case("wiki:diff", "GET", kwargs=("page_id",), allowed=MEMBERS, data={"old": 1, "new": 2}),
    Case("wiki:revision", "GET", kwargs=("page_id", "number"), allowed=MEMBERS),
    Case(
        "wiki:restore", "POST", kwargs=("page_id", "number"), allowed=LEADERS, data={"version": 2}
    ),
    Case("wiki:delete", "POST", kwargs=("page_id",), allowed=TEACHERS),
    Case("wiki:rights", "GET", kwargs=("page_id",), allowed=LEADERS),
    Case("wiki:rights", "POST", kwargs=("page_id",), allowed=LEADERS, data={"pupils_view": "on"}),
]
