import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from jumelage.audit.models import AuditEntry
from jumelage.blog.models import Comment, Post
from jumelage.blog.search import search_blog
from jumelage.core.testing import add_member, make_project, make_pupil
from jumelage.notifications.models import Notification
from jumelage.projects.models import Membership, Project, Visibility
from jumelage.twinspace.models import Report

pytestmark = pytest.mark.django_db


def _admin(project):
    return project.memberships.filter(is_founder=True).first().user


def _post(project, author, title="Our town", status=Post.Status.PUBLISHED, **fields):
    return Post.objects.create(
        project=project,
        author=author,
        title=title,
        body=fields.pop("body", "<p>Text</p>"),
        status=status,
        published_at=timezone.now() if status == Post.Status.PUBLISHED else None,
        **fields,
    )


def _url(name, post=None, project=None, **kwargs):
    project_id = project.pk if project else post.project_id
    if post is not None:
        kwargs["post_id"] = post.pk
    return reverse(f"blog:{name}", kwargs={"project_id": project_id, **kwargs})


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "blue")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}
    exif[0x010F] = "SecretCam"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


# --- Who reads what ------------------------------------------------------------------


def test_public_blog_shows_published_posts_to_anyone_but_never_drafts(client):
    project = make_project()
    admin = _admin(project)
    _post(project, admin, "Published one")
    draft = _post(project, admin, "Secret draft", status=Post.Status.DRAFT)
    response = client.get(_url("post_list", project=project))
    assert response.status_code == 200
    assert "Published one" in response.text
    assert "Secret draft" not in response.text
    assert client.get(_url("post_detail", draft)).status_code == 404


def test_a_pupils_published_post_shows_only_the_first_name_publicly(client):
    project = make_project(pupils_need_approval=False)
    pupil = make_pupil(project, name="Léa Dupont")
    school = pupil.schools.first()
    post = _post(project, pupil, "My street")
    for url in (
        _url("post_list", project=project),
        _url("post_detail", post),
        _url("feed", project=project),
    ):
        text = client.get(url).content.decode()
        assert "Léa" in text
        assert "Dupont" not in text
        assert pupil.username not in text
        assert school.name not in text


def test_members_only_blog_is_a_404_for_outsiders_and_readable_by_members(client):
    project = make_project(blog_public=False)
    admin = _admin(project)
    post = _post(project, admin)
    urls = [
        _url("post_list", project=project),
        _url("post_detail", post),
        _url("feed", project=project),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
    other = make_project()
    client.force_login(_admin(other))
    for url in urls:
        assert client.get(url).status_code == 404
    client.force_login(add_member(project, role=Membership.Role.GUEST))
    assert client.get(urls[0]).status_code == 200
    assert client.get(urls[1]).status_code == 200


def test_a_project_not_yet_active_has_no_public_blog(client):
    project = make_project(status=Project.Status.AWAITING_APPROVAL)
    _post(project, _admin(project))
    assert client.get(_url("post_list", project=project)).status_code == 404


def test_unknown_ids_are_404_and_wrong_methods_405(client):
    project = make_project()
    post = _post(project, _admin(project))
    assert client.get(reverse("blog:post_list", kwargs={"project_id": 999999})).status_code == 404
    other = make_project()
    # A post reached through another project's URL does not exist there.
    wrong = reverse("blog:post_detail", kwargs={"project_id": other.pk, "post_id": post.pk})
    assert client.get(wrong).status_code == 404
    client.force_login(_admin(project))
    assert client.get(_url("post_delete", post)).status_code == 405
    assert client.post(_url("post_list", project=project)).status_code == 405


# --- Writing, publishing, moderating --------------------------------------------------


def test_teacher_writes_a_draft_then_publishes_it(client):
    project = make_project()
    admin = _admin(project)
    client.force_login(admin)
    response = client.post(
        _url("post_create", project=project),
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
    assert client.get(_url("post_detail", post)).status_code == 404
    client.force_login(admin)
    client.post(_url("post_publish", post))
    client.logout()
    assert "Day one" in client.get(_url("post_list", project=project)).text


def test_a_pupils_post_waits_for_approval_and_a_teacher_approves_it(client):
    project = make_project()  # pupils_need_approval by default
    pupil = make_pupil(project, name="Noah")
    client.force_login(pupil)
    client.post(
        _url("post_create", project=project),
        {"title": "By Noah", "body": "<p>x</p>", "action": "publish"},
    )
    post = Post.objects.get(title="By Noah")
    assert post.visibility == Visibility.PENDING
    # The pupil's own teacher is told, in their language, with a link to the post.
    note = Notification.objects.get(kind=Notification.Kind.APPROVAL)
    assert note.user == _admin(project)
    assert "By Noah" in note.title and note.url.endswith(f"/blog/{post.pk}/")
    client.logout()
    assert "By Noah" not in client.get(_url("post_list", project=project)).text
    teacher = _admin(project)
    client.force_login(teacher)
    assert "By Noah" in client.get(_url("post_list", project=project)).text  # waiting list
    client.post(_url("post_moderate", post), {"action": "approve"})
    client.logout()
    assert "By Noah" in client.get(_url("post_list", project=project)).text
    assert AuditEntry.objects.filter(action="moderation.published", project=project).exists()
    # The pupil edits the approved post: it waits again.
    client.force_login(pupil)
    client.post(_url("post_edit", post), {"title": "By Noah (edited)", "body": "<p>y</p>"})
    post.refresh_from_db()
    assert post.visibility == Visibility.PENDING
    client.logout()
    assert client.get(_url("post_detail", post)).status_code == 404


def test_a_pupil_cannot_edit_anothers_post_and_sees_only_their_own_hidden_post(client):
    project = make_project()
    teacher = _admin(project)
    post = _post(project, teacher)
    pupil = make_pupil(project)
    client.force_login(pupil)
    assert client.post(_url("post_edit", post), {"title": "Mine now"}).status_code == 403
    client.force_login(teacher)
    client.post(_url("post_moderate", post), {"action": "hide"})
    client.logout()
    assert client.get(_url("post_detail", post)).status_code == 404
    client.force_login(pupil)
    assert client.get(_url("post_detail", post)).status_code == 404
    # The platform rule: the author sees their own hidden post, marked as hidden, and
    # may no longer edit it.
    own = _post(project, pupil, "My hidden post", visibility=Visibility.HIDDEN)
    listing = client.get(_url("post_list", project=project)).text
    assert "My hidden post" in listing and "Hidden by a teacher" in listing
    detail = client.get(_url("post_detail", own))
    assert detail.status_code == 200 and "Hidden by a teacher" in detail.text
    assert client.get(_url("post_edit", own)).status_code == 403
    other = make_pupil(project)
    client.force_login(other)
    assert "My hidden post" not in client.get(_url("post_list", project=project)).text
    assert client.get(_url("post_detail", own)).status_code == 404
    client.force_login(teacher)
    assert "My hidden post" in client.get(_url("post_list", project=project)).text


def test_any_member_reports_a_post_and_a_comment(client):
    project = make_project()
    post = _post(project, _admin(project))
    comment = Comment.objects.create(post=post, author=_admin(project), body="Hmm")
    guest = add_member(project, role=Membership.Role.GUEST)
    client.force_login(guest)
    client.post(_url("post_report", post), {"reason": "Wrong photo"})
    client.post(
        reverse("blog:comment_report", kwargs={"project_id": project.pk, "comment_id": comment.pk})
    )
    assert Report.objects.filter(project=project, reporter=guest).count() == 2
    assert Report.objects.filter(reason="Wrong photo", target_id=post.pk).exists()


def test_comments_are_for_members_and_pupils_comments_wait(client):
    project = make_project()
    post = _post(project, _admin(project))
    pupil = make_pupil(project, name="Sam")
    client.force_login(pupil)
    assert client.post(_url("comment_add", post), {"body": ""}).status_code == 400
    client.post(_url("comment_add", post), {"body": "<b>Great</b>"})
    comment = Comment.objects.get(post=post)
    assert comment.visibility == Visibility.PENDING
    assert "&lt;b&gt;Great&lt;/b&gt;" in client.get(_url("post_detail", post)).text
    client.logout()
    assert "Great" not in client.get(_url("post_detail", post)).text


def test_a_closed_project_blog_is_public_and_read_only(client):
    project = make_project()
    admin = _admin(project)
    post = _post(project, admin, "Final production")
    project.status = Project.Status.CLOSED
    project.save()
    assert "Final production" in client.get(_url("post_list", project=project)).text
    client.force_login(admin)
    assert client.get(_url("post_create", project=project)).status_code == 403
    assert client.post(_url("post_edit", post), {"title": "x"}).status_code == 403
    assert client.post(_url("post_delete", post)).status_code == 403
    assert Post.objects.filter(pk=post.pk).exists()


def test_admins_make_the_blog_members_only_and_it_is_audited(client):
    project = make_project()
    admin = _admin(project)
    _post(project, admin)
    client.force_login(admin)
    client.post(_url("settings", project=project), {})
    project.refresh_from_db()
    assert project.blog_public is False
    assert AuditEntry.objects.filter(action="blog.visibility_changed", project=project).exists()
    teacher = add_member(project)
    client.force_login(teacher)
    assert client.post(_url("settings", project=project), {"blog_public": "on"}).status_code == 403
    client.logout()
    assert client.get(_url("post_list", project=project)).status_code == 404


# --- Cover images ---------------------------------------------------------------------


def test_cover_image_comes_back_without_gps_and_is_served_as_an_image(client):
    project = make_project()
    client.force_login(_admin(project))
    upload = SimpleUploadedFile("photo.jpg", _jpeg_with_gps(), content_type="image/jpeg")
    client.post(
        _url("post_create", project=project),
        {
            "title": "With photo",
            "body": "",
            "cover": upload,
            "cover_alt": "A bridge",
            "action": "publish",
        },
    )
    post = Post.objects.get(title="With photo")
    client.logout()
    response = client.get(_url("cover", post))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    data = response.content
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert b"SecretCam" not in data
    assert 'alt="A bridge"' in client.get(_url("post_detail", post)).text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("holiday.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200),
        ("page.png", b"<html><script>alert(1)</script></html>"),
        ("logo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    ],
)
def test_a_file_that_is_not_an_image_is_refused_and_the_text_kept(client, name, content):
    project = make_project()
    client.force_login(_admin(project))
    response = client.post(
        _url("post_create", project=project),
        {
            "title": "Keep me",
            "body": "<p>My long text</p>",
            "cover": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 400
    assert "not an image we can read" in response.text
    assert 'value="Keep me"' in response.text
    assert "My long text" in response.text
    assert not Post.objects.exists()


# --- Query counts -----------------------------------------------------------------------


def _count_queries(client, django_assert_num_queries, url, grow, user=None):
    if user is not None:
        client.force_login(user)
    grow(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assert len(small) <= 16
    grow(8)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "teacher", "pupil"])
def test_blog_list_query_count_does_not_grow_with_posts(client, django_assert_num_queries, role):
    project = make_project()
    admin = _admin(project)
    pupil = make_pupil(project)
    user = {"anonymous": None, "teacher": admin, "pupil": pupil}[role]

    def grow(n):
        for i in range(n):
            _post(project, pupil if i % 2 else admin, f"Post {i}")
            _post(project, pupil, f"Draft {i}", status=Post.Status.DRAFT)
            _post(project, pupil, f"Pending {i}", visibility=Visibility.PENDING)

    _count_queries(
        client, django_assert_num_queries, _url("post_list", project=project), grow, user
    )


@pytest.mark.parametrize("role", ["anonymous", "teacher"])
def test_post_detail_query_count_does_not_grow_with_comments(
    client, django_assert_num_queries, role
):
    project = make_project()
    admin = _admin(project)
    post = _post(project, admin)
    pupil = make_pupil(project)

    def grow(n):
        for i in range(n):
            Comment.objects.create(post=post, author=pupil if i % 2 else admin, body=f"c{i}")

    user = admin if role == "teacher" else None
    _count_queries(client, django_assert_num_queries, _url("post_detail", post), grow, user)


def test_feed_query_count_does_not_grow_with_posts(client, django_assert_num_queries):
    project = make_project()
    admin = _admin(project)

    def grow(n):
        for i in range(n):
            _post(project, admin, f"Post {i}")

    _count_queries(client, django_assert_num_queries, _url("feed", project=project), grow)


# --- Feed and search -------------------------------------------------------------------


def test_atom_feed_lists_public_posts_newest_first(client):
    project = make_project()
    admin = _admin(project)
    old = _post(project, admin, "Older")
    old.published_at = timezone.now() - timedelta(days=2)
    old.save()
    _post(project, admin, "Newer")
    _post(project, admin, "Hidden one", visibility=Visibility.HIDDEN)
    response = client.get(_url("feed", project=project))
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert text.index("Newer") < text.index("Older")
    assert "Hidden one" not in text


def test_blog_search_returns_only_what_the_user_may_read():
    project = make_project()
    admin = _admin(project)
    pupil = make_pupil(project)
    _post(project, admin, "Bridges of Paris", body="<p>The oldest bridge</p>")
    _post(project, admin, "Bridge draft", status=Post.Status.DRAFT)
    _post(project, pupil, "My bridge", visibility=Visibility.PENDING)
    outsider = _admin(make_project())
    assert [r[0] for r in search_blog(project, outsider, "bridge")] == ["Bridges of Paris"]
    assert {r[0] for r in search_blog(project, pupil, "bridge")} == {
        "Bridges of Paris",
        "My bridge",
    }
    assert len(search_blog(project, admin, "bridge")) == 3
    title, url, snippet = search_blog(project, outsider, "oldest")[0]
    assert url.endswith(f"/blog/{Post.objects.get(title='Bridges of Paris').pk}/")
    assert "oldest bridge" in snippet
