"""The TwinSpace's own URLs in the permission matrix (see jumelage/testing/matrix.py)."""

from jumelage.testing.matrix import (
    ADMINS,
    MEMBERS,
    REFUSED_WITH_MESSAGE,
    TEACHERS,
    VISITING,
    Case,
)
from jumelage.twinspace.tests.helpers import note as post_note
from jumelage.twinspace.tests.helpers import page as make_page
from jumelage.twinspace.tests.helpers import report as make_report


def setup(world):
    admin = world.users["admin"]
    note = post_note(admin, world.project, "Meeting on Monday")
    page = make_page(world.project, admin, "Our towns", "<p>Paris and Berlin</p>")
    report = make_report(world.users["pupil"], world.project, page, "Wrong town")
    return {"note_id": note.pk, "page_id": page.pk, "report_id": report.pk}


def _content(world, objects):
    return {"content_type": "wiki.page", "object_id": objects["page_id"], "action": "hide"}


def _report(world, objects):
    return {"content_type": "wiki.page", "object_id": objects["page_id"], "reason": "Spam"}


CASES = [
    Case("twinspace:home", "GET", allowed=VISITING),
    Case("twinspace:bulletin_post", "POST", allowed=TEACHERS, data={"body": "Hello colleagues"}),
    Case("twinspace:bulletin_delete", "POST", kwargs=("note_id",), allowed=ADMINS),
    Case("twinspace:settings", "GET", allowed=ADMINS),
    Case(
        "twinspace:settings",
        "POST",
        allowed=ADMINS,
        data={"blog_public": "on", "pupils_may_edit_pages": "on"},
    ),
    Case("twinspace:moderation", "GET", allowed=TEACHERS),
    # A pupil administrator hides pupils' content only; this page is a teacher's.
    Case(
        "twinspace:moderate",
        "POST",
        allowed=TEACHERS,
        data=_content,
        expect={"pupil_admin": REFUSED_WITH_MESSAGE},
    ),
    Case("twinspace:resolve_report", "POST", kwargs=("report_id",), allowed=TEACHERS),
    Case("twinspace:audit", "GET", allowed=TEACHERS),
    Case("twinspace:report", "GET", allowed=MEMBERS, data=_report),
    Case("twinspace:report", "POST", allowed=MEMBERS, data=_report),
    Case("twinspace:search", "GET", allowed=MEMBERS, data={"q": "towns"}),
]
