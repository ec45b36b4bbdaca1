import pytest

from jumelage.testing import make_project
from jumelage.twinspace.models import BulletinNote

from .helpers import note, url

pytestmark = pytest.mark.django_db


def test_the_bulletin_is_for_the_projects_teachers_only(client, world):
    note(world.users["admin"], world.project, "Grades due on Friday")
    client.force_login(world.users["teacher"])
    assert "Grades due on Friday" in client.get(url("home", world.project)).text
    for role in ("pupil", "guest"):
        client.force_login(world.users[role])
        html = client.get(url("home", world.project)).text
        assert "Grades due on Friday" not in html and "Teachers' bulletin" not in html
        assert client.post(url("bulletin_post", world.project), {"body": "hi"}).status_code == 404
    assert BulletinNote.objects.count() == 1


def test_a_bulletin_note_is_plain_text_shown_escaped(client, world):
    client.force_login(world.users["admin"])
    response = client.post(
        url("bulletin_post", world.project), {"body": "<b>Bring</b> the <script>"}
    )
    assert response.status_code == 302
    html = client.get(url("home", world.project)).text
    assert "&lt;b&gt;Bring&lt;/b&gt; the &lt;script&gt;" in html


def test_an_empty_note_is_refused_with_a_message(client, world):
    client.force_login(world.users["admin"])
    response = client.post(url("bulletin_post", world.project), {"body": "   "})
    assert response.status_code == 400
    assert "This field is required" in response.text
    assert not BulletinNote.objects.exists()
    assert client.get(url("bulletin_post", world.project)).status_code == 405


def test_only_the_author_or_an_admin_removes_a_note(client, world):
    project, admin, teacher = world.project, world.users["admin"], world.users["teacher"]
    admins = note(admin, project, "Admin's note")
    own = note(teacher, project, "Teacher's note")
    client.force_login(teacher)
    assert client.post(url("bulletin_delete", project, note_id=admins.pk)).status_code == 403
    assert client.post(url("bulletin_delete", project, note_id=own.pk)).status_code == 302
    client.force_login(admin)
    assert client.post(url("bulletin_delete", project, note_id=admins.pk)).status_code == 302
    assert not BulletinNote.objects.exists()
    # A note of another project is not found through this one.
    other = make_project()
    stranger = note(other.created_by, other, "Elsewhere")
    assert client.post(url("bulletin_delete", project, note_id=stranger.pk)).status_code == 404


def test_a_changed_role_is_seen_at_the_next_request(client, world):
    """The access is resolved per request: nothing remembers an old answer."""
    from jumelage.projects.models import Membership

    note(world.users["admin"], world.project, "Grades due on Friday")
    teacher = world.users["teacher"]
    client.force_login(teacher)
    assert "Grades due on Friday" in client.get(url("home", world.project)).text
    Membership.objects.filter(user=teacher).update(role=Membership.Role.GUEST)
    assert "Grades due on Friday" not in client.get(url("home", world.project)).text
