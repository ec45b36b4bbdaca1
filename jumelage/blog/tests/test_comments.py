"""Comments and reports on posts."""

import pytest
from django.urls import reverse

from jumelage.blog.models import Comment
from jumelage.projects.models import Membership, Visibility
from jumelage.testing import add_member, make_project, make_pupil
from jumelage.twinspace.models import Report

from .helpers import founder_of, make_post, page_url

pytestmark = pytest.mark.django_db


def test_any_member_reports_a_post_and_a_comment(client):
    project = make_project()
    post = make_post(project, founder_of(project))
    comment = Comment.objects.create(post=post, author=founder_of(project), body="Hmm")
    guest = add_member(project, role=Membership.Role.GUEST)
    client.force_login(guest)
    client.post(page_url("post_report", post), {"reason": "Wrong photo"})
    client.post(
        reverse("blog:comment_report", kwargs={"project_id": project.pk, "comment_id": comment.pk})
    )
    assert Report.objects.filter(project=project, reporter=guest).count() == 2
    assert Report.objects.filter(reason="Wrong photo", target_id=post.pk).exists()


def test_comments_are_for_members_and_pupils_comments_wait(client):
    project = make_project()
    post = make_post(project, founder_of(project))
    pupil = make_pupil(project, name="Sam")
    client.force_login(pupil)
    assert client.post(page_url("comment_add", post), {"body": ""}).status_code == 400
    client.post(page_url("comment_add", post), {"body": "<b>Great</b>"})
    comment = Comment.objects.get(post=post)
    assert comment.visibility == Visibility.PENDING
    assert "&lt;b&gt;Great&lt;/b&gt;" in client.get(page_url("post_detail", post)).text
    client.logout()
    assert "Great" not in client.get(page_url("post_detail", post)).text


def test_the_author_sees_their_own_hidden_comment_marked_and_nobody_else_does(client, world):
    post = make_post(world.project, world.users["admin"])
    Comment.objects.create(
        post=post, author=world.users["pupil"], body="My hidden words", visibility=Visibility.HIDDEN
    )
    client.force_login(world.users["pupil"])
    page = client.get(page_url("post_detail", post)).text
    assert "My hidden words" in page and "Hidden by a teacher" in page
    client.force_login(world.users["guest"])
    assert "My hidden words" not in client.get(page_url("post_detail", post)).text
    client.force_login(world.users["teacher"])
    assert "My hidden words" in client.get(page_url("post_detail", post)).text
