"""An admin asks for an archive, is told when it is ready, downloads it (resumably); import page."""

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jumelage import testing
from jumelage.accounts.models import User
from jumelage.mail.models import OutboxMessage
from jumelage.notifications.models import Notification
from jumelage.portability.models import ProjectExport
from jumelage.portability.retention import expired_exports
from jumelage.projects.models import Project

from .helpers import rich_project


@pytest.fixture
def project(db):
    return rich_project()


def admin_of(project):
    return project.memberships.filter(role="admin").order_by("id").first().user


def test_the_admin_exports_is_told_and_downloads_with_resume(
    client, project, django_capture_on_commit_callbacks
):
    admin = admin_of(project)
    client.force_login(admin)
    url = reverse("portability:project_export", kwargs={"project_id": project.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    export = ProjectExport.objects.get(project=project)
    assert export.status == ProjectExport.Status.READY and export.done == export.total
    notice = Notification.objects.get(user=admin)
    assert project.title in notice.title and notice.url == url
    mail = OutboxMessage.objects.get(recipients=[admin.email])
    assert url in mail.body

    page = client.get(url)
    download = reverse(
        "portability:export_download", kwargs={"project_id": project.pk, "export_id": export.pk}
    )
    assert download in page.content.decode()
    full = b"".join(client.get(download).streaming_content)
    assert full[:2] == b"PK" and len(full) == export.size
    part = client.get(download, headers={"range": "bytes=100-"})
    assert part.status_code == 206
    assert part["Content-Range"] == f"bytes 100-{export.size - 1}/{export.size}"
    assert b"".join(part.streaming_content) == full[100:]
    assert client.get(download, headers={"range": f"bytes={export.size}-"}).status_code == 416


def test_while_preparing_the_page_polls_without_script(client, project):
    client.force_login(admin_of(project))
    ProjectExport.objects.create(
        project=project, expires_at=timezone.now() + timedelta(days=1), total=4, done=1
    )
    url = reverse("portability:project_export", kwargs={"project_id": project.pk})
    html = client.get(url).content.decode()
    assert 'hx-trigger="every 3s"' in html and "<progress" in html and "<script>" not in html
    fragment = client.get(url, headers={"hx-request": "true"}).content.decode()
    assert fragment.startswith('<div id="exports"')


def test_a_teacher_member_cannot_export(client, project):
    teacher = project.memberships.filter(role="teacher").first().user
    client.force_login(teacher)
    url = reverse("portability:project_export", kwargs={"project_id": project.pk})
    assert client.post(url).status_code == 404
    assert not ProjectExport.objects.exists()


def test_old_archives_expire(project, django_capture_on_commit_callbacks):
    from jumelage.portability import services

    export = ProjectExport.objects.create(project=project, expires_at=timezone.now())
    export = services.run_export(export.pk)
    assert default_storage.exists(export.archive)
    assert expired_exports(timezone.now() + timedelta(seconds=1)) == 1
    export.refresh_from_db()
    assert export.status == ProjectExport.Status.EXPIRED and not export.archive
    assert expired_exports(timezone.now() + timedelta(seconds=1)) == 0


def test_import_page_creates_the_project_or_says_what_is_wrong(client, project):
    from jumelage.portability import services

    export = ProjectExport.objects.create(
        project=project, expires_at=timezone.now() + timedelta(days=1)
    )
    export = services.run_export(export.pk)
    with default_storage.open(export.archive, "rb") as handle:
        data = handle.read()
    root = User.objects.create_superuser("root@example.org", "x-very-long-pass")
    testing.login_with_second_factor(client, root)
    url = reverse("portability:import")
    bad = client.post(url, {"archive": SimpleUploadedFile("x.zip", b"not a zip")})
    assert bad.status_code == 400 and "not a project archive" in bad.content.decode()
    before = Project.objects.count()
    response = client.post(url, {"archive": SimpleUploadedFile("p.zip", data)})
    assert response.status_code == 302
    assert Project.objects.count() == before + 1
    new = Project.objects.order_by("-id").first()
    assert response["Location"] == new.get_absolute_url()
    assert new.title == project.title and new.pages.count() == project.pages.count()


def test_the_twinspace_settings_link_to_the_export_for_admins_only(client, project):
    url = reverse("portability:project_export", kwargs={"project_id": project.pk})
    settings_url = reverse("twinspace:settings", kwargs={"project_id": project.pk})
    client.force_login(admin_of(project))
    assert url in client.get(settings_url).content.decode()
    client.force_login(project.memberships.filter(role="teacher").first().user)
    assert url not in client.get(settings_url).content.decode()
