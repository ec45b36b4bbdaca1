"""In a browser, a teacher approves a pupil's reply from the queue without leaving it."""

import pytest

from jumelage import testing
from jumelage.forum.models import Post, Topic
from jumelage.projects.models import Visibility

from .helpers import url

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_teacher_approves_in_place(live_asgi, page_as):
    project = testing.make_project()
    admin = project.memberships.filter(is_founder=True).first().user
    pupil = testing.make_pupil(project, teacher=admin)
    topic = Topic.objects.create(project=project, author=admin, title="Rivers", body="<p>Hi</p>")
    reply = Post.objects.create(
        topic=topic, author=pupil, body="<p>Our river is long.</p>", visibility="pending"
    )
    page = page_as(admin)
    page.goto(live_asgi + url("moderation", project))
    line = page.get_by_role("listitem").filter(has_text="Our river is long.")
    line.get_by_text("forum reply").wait_for()
    line.get_by_role("link", name="Rivers").wait_for()
    page.evaluate("window.stillTheSamePage = true")
    line.get_by_role("button", name="Approve").click()
    page.get_by_role("status").filter(has_text="approved").wait_for()
    assert page.evaluate("window.stillTheSamePage === true")  # replaced in place, no reload
    reply.refresh_from_db()
    assert reply.visibility == Visibility.PUBLISHED
