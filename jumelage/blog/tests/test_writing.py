"""Writing, publishing and moderating posts; the blog's settings."""

import pytest

from jumelage.audit.models import AuditEntry
from jumelage.blog.models import Post
from jumelage.notifications.models import Notification
from jumelage.projects.models import Project, Visibility
from jumelage.testing import add_member, make_project, make_pupil

from .helpers import founder_of, make_post, page_url

pytestmark = pytest.mark.django_db


def test_teacher_writes_a_draft_then_publishes_it(client):
    project = make_project()
    admin = founder_of(project)
    client.force_login(admin)
    response = client.post(
        page_url("post_create", project=project),
        {
            "title": "Day one",
            "body": '<p onclick="x()">Hi<script>alert(1)</script></p>',
            "action": "draft",
        },
    )
    post = Post.objects.get(title="Day one")
    assert response.status_code == 302
    assert post.status == Post.Status.DRAFT
    assert post.body == "<p>Hi</p>"
    client.logout()
    assert client.get(page_url("post_detail", post)).status_code == 404
    client.force_login(admin)
    client.post(page_url("post_publish", post))
    client.logout()
    assert "Day one" in client.get(page_url("post_list", project=project)).text


def test_a_pupils_post_waits_for_approval_and_a_teacher_approves_it(client):
    project = make_project()  # pupils_need_approval by default
    pupil = make_pupil(project, name="Noah")
    client.force_login(pupil)
    client.post(
        page_url("post_create", project=project),
        {"title": "By Noah", "body": "<p>x</p>", "action": "publish"},
    )
    post = Post.objects.get(title="By Noah")
    assert post.visibility == Visibility.PENDING
    # The pupil's own teacher is told, in their language, with a link to the post.
    note = Notification.objects.get(kind=Notification.Kind.APPROVAL)
    assert note.user == founder_of(project)
    assert "By Noah" in note.title and note.url.endswith(f"/blog/{post.pk}/")
    client.logout()
    assert "By Noah" not in client.get(page_url("post_list", project=project)).text
    teacher = founder_of(project)
    client.force_login(teacher)
    assert "By Noah" in client.get(page_url("post_list", project=project)).text  # waiting list
    client.post(page_url("post_moderate", post), {"action": "approve"})
    client.logout()
    assert "By Noah" in client.get(page_url("post_list", project=project)).text
    assert AuditEntry.objects.filter(action="moderation.published", project=project).exists()
    # The pupil edits the approved post: it waits again.
    client.force_login(pupil)
    client.post(page_url("post_edit", post), {"title": "By Noah (edited)", "body": "<p>y</p>"})
    post.refresh_from_db()
    assert post.visibility == Visibility.PENDING
    client.logout()
    assert client.get(page_url("post_detail", post)).status_code == 404


def test_a_pupil_cannot_edit_anothers_post_and_sees_only_their_own_hidden_post(client):
    project = make_project()
    teacher = founder_of(project)
    post = make_post(project, teacher)
    pupil = make_pupil(project)
    client.force_login(pupil)
    assert client.post(page_url("post_edit", post), {"title": "Mine now"}).status_code == 403
    client.force_login(teacher)
    client.post(page_url("post_moderate", post), {"action": "hide"})
    client.logout()
    assert client.get(page_url("post_detail", post)).status_code == 404
    client.force_login(pupil)
    assert client.get(page_url("post_detail", post)).status_code == 404
    # The platform rule: the author sees their own hidden post, marked as hidden, and
    # may no longer edit it.
    own = make_post(project, pupil, "My hidden post", visibility=Visibility.HIDDEN)
    listing = client.get(page_url("post_list", project=project)).text
    assert "My hidden post" in listing and "Hidden by a teacher" in listing
    detail = client.get(page_url("post_detail", own))
    assert detail.status_code == 200 and "Hidden by a teacher" in detail.text
    assert client.get(page_url("post_edit", own)).status_code == 403
    other = make_pupil(project)
    client.force_login(other)
    assert "My hidden post" not in client.get(page_url("post_list", project=project)).text
    assert client.get(page_url("post_detail", own)).status_code == 404
    client.force_login(teacher)
    assert "My hidden post" in client.get(page_url("post_list", project=project)).text


def test_a_closed_project_blog_is_public_and_read_only(client):
    project = make_project()
    admin = founder_of(project)
    post = make_post(project, admin, "Final production")
    project.status = Project.Status.CLOSED
    project.save()
    assert "Final production" in client.get(page_url("post_list", project=project)).text
    client.force_login(admin)
    assert client.get(page_url("post_create", project=project)).status_code == 403
    assert client.post(page_url("post_edit", post), {"title": "x"}).status_code == 403
    assert client.post(page_url("post_delete", post)).status_code == 403
    assert Post.objects.filter(pk=post.pk).exists()


def test_admins_make_the_blog_members_only_and_it_is_audited(client):
    project = make_project()
    admin = founder_of(project)
    make_post(project, admin)
    client.force_login(admin)
    client.post(page_url("settings", project=project), {})
    project.refresh_from_db()
    assert project.blog_public is False
    assert AuditEntry.objects.filter(action="blog.visibility_changed", project=project).exists()
    teacher = add_member(project)
    client.force_login(teacher)
    assert (
        client.post(page_url("settings", project=project), {"blog_public": "on"}).status_code == 403
    )
    client.logout()
    assert client.get(page_url("post_list", project=project)).status_code == 404
