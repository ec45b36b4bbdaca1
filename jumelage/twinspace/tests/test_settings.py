import pytest

from jumelage.audit.models import AuditEntry
from jumelage.projects.models import Project
from jumelage.twinspace.models import BulletinNote

from .helpers import page, url

pytestmark = pytest.mark.django_db


def test_admins_change_the_twinspace_settings_and_it_is_audited(client, world):
    project, admin = world.project, world.users["admin"]
    client.force_login(admin)
    assert project.blog_public and project.pupils_need_approval
    response = client.post(url("settings", project), {"pupils_may_edit_pages": "on"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert not project.blog_public
    assert not project.pupils_need_approval
    assert project.pupils_may_edit_pages
    entry = AuditEntry.objects.get(action="twinspace.settings", project=project)
    assert entry.actor == admin
    assert entry.data == {
        "blog_public": False,
        "pupils_need_approval": False,
        "pupils_may_edit_pages": True,
    }
    assert "Settings changed" in client.get(url("audit", project)).text


def test_a_teacher_member_may_not_change_the_settings(client, world):
    client.force_login(world.users["teacher"])
    assert client.get(url("settings", world.project)).status_code == 403
    assert client.post(url("settings", world.project), {}).status_code == 403
    world.project.refresh_from_db()
    assert world.project.blog_public


def test_a_closed_project_is_read_only(client, world):
    project, admin = world.project, world.users["admin"]
    project.status = Project.Status.CLOSED
    project.save()
    client.force_login(admin)
    assert client.get(url("home", project)).status_code == 200
    response = client.get(url("settings", project))
    assert response.status_code == 200 and "disabled" in response.text
    assert client.post(url("settings", project), {}).status_code == 403
    assert client.post(url("bulletin_post", project), {"body": "x"}).status_code == 403
    old = page(project, admin, "Old page")
    data = {"content_type": "wiki.page", "object_id": old.pk, "action": "hide"}
    assert client.post(url("moderate", project), data).status_code == 403
    assert client.post(url("report", project), data).status_code == 403
    project.refresh_from_db()
    assert project.blog_public and not BulletinNote.objects.exists()
