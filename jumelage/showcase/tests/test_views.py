"""The teachers' page (choose, generate, download, publish) and the public address."""

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jumelage import testing
from jumelage.audit.models import AuditEntry
from jumelage.blog.models import Post
from jumelage.projects.models import Project
from jumelage.showcase import services
from jumelage.showcase.models import Showcase
from jumelage.wiki.models import Page

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project = testing.make_project(title="Nos villes")
    teacher = project.memberships.filter(is_founder=True).first().user
    Post.objects.create(
        project=project,
        author=teacher,
        title="Bienvenue",
        body="<p>Hello</p>",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    project.teacher = teacher
    return project


def _client(user):
    client = Client()
    testing.sign_in(client, user)
    return client


def _archive(project):
    Project.objects.filter(pk=project.pk).update(
        status=Project.Status.ARCHIVED, archived_at=timezone.now()
    )


def test_a_teacher_chooses_generates_and_downloads_in_one_click_each(
    project, django_capture_on_commit_callbacks
):
    client = _client(project.teacher)
    page = Page.objects.create(project=project, title="Étape 1", body="<p>Un</p>")
    response = client.get(reverse("showcase:manage", args=[project.pk]))
    assert response.status_code == 200
    assert "Étape 1" in response.text
    response = client.post(
        reverse("showcase:manage", args=[project.pk]), {"include_blog": "on", "pages": [page.pk]}
    )
    assert response.status_code == 302
    assert list(Showcase.objects.get(pk=project.pk).pages.all()) == [page]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("showcase:generate", args=[project.pk]))
    assert response.status_code == 302
    showcase = Showcase.objects.get(pk=project.pk)
    assert showcase.state == Showcase.State.READY
    response = client.get(reverse("showcase:download", args=[project.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    top = f"nos-villes-{project.pk}-site"
    assert f"{top}/index.html" in names
    assert f"{top}/pages/{page.pk}-etape-1.html" in names


def test_a_page_of_another_project_cannot_be_chosen(project):
    other = Page.objects.create(project=testing.make_project(), title="Ailleurs", body="")
    client = _client(project.teacher)
    response = client.post(reverse("showcase:manage", args=[project.pk]), {"pages": [other.pk]})
    assert response.status_code == 400
    assert not Showcase.objects.get(pk=project.pk).pages.exists()


def test_download_before_generation_says_what_to_do(project):
    client = _client(project.teacher)
    response = client.get(reverse("showcase:download", args=[project.pk]), follow=True)
    assert "Generate the site before downloading it." in response.text


def test_pupils_and_outsiders_never_reach_the_teachers_page(project):
    pupil = testing.make_pupil(project)
    for user in (pupil, testing.make_teacher()):
        assert _client(user).get(reverse("showcase:manage", args=[project.pk])).status_code == 404


def test_publishing_waits_for_the_archive(project):
    services.generate(services.showcase_of(project).pk)
    client = _client(project.teacher)
    response = client.post(reverse("showcase:publish", args=[project.pk]), follow=True)
    assert "once the project is archived" in response.text
    assert not Showcase.objects.get(pk=project.pk).published


def test_the_public_address_serves_the_site_only_once_published_after_archive(project):
    anonymous = Client()
    public = reverse("showcase:public", args=[project.pk])
    assert anonymous.get(public).status_code == 404  # nothing generated
    services.generate(services.showcase_of(project).pk)
    assert anonymous.get(public).status_code == 404  # generated, not archived nor published
    _archive(project)
    assert anonymous.get(public).status_code == 404  # archived, not published
    teacher = _client(project.teacher)
    assert teacher.post(reverse("showcase:publish", args=[project.pk])).status_code == 302
    assert AuditEntry.objects.filter(action="showcase.published", project=project).exists()

    response = anonymous.get(public)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Bienvenue" in b"".join(response.streaming_content).decode()
    css = anonymous.get(reverse("showcase:public_file", args=[project.pk, "site.css"]))
    assert css.status_code == 200
    assert css["Content-Type"] == "text/css; charset=utf-8"

    page = teacher.get(reverse("showcase:manage", args=[project.pk]))
    assert f"http://testserver{public}" in page.text

    assert teacher.post(reverse("showcase:unpublish", args=[project.pk])).status_code == 302
    assert anonymous.get(public).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "../../../settings.py",
        "blog/../index.html",
        "site.zip",
        "nothing.html",
        "%2e%2e/x",
        "/etc/passwd",
    ],
)
def test_only_the_files_of_the_build_are_served(project, path):
    services.generate(services.showcase_of(project).pk)
    _archive(project)
    Showcase.objects.filter(pk=project.pk).update(published=True, published_at=timezone.now())
    url = reverse("showcase:public", args=[project.pk]) + path
    assert Client().get(url).status_code == 404


def test_the_teachers_see_a_link_on_the_space_home(project):
    home = reverse("twinspace:home", args=[project.pk])
    assert reverse("showcase:manage", args=[project.pk]) in _client(project.teacher).get(home).text
    pupil = testing.make_pupil(project)
    assert reverse("showcase:manage", args=[project.pk]) not in _client(pupil).get(home).text


def test_a_failed_generation_says_so_and_keeps_the_previous_site(
    project, settings, tmp_path, django_capture_on_commit_callbacks
):
    first = services.generate(services.showcase_of(project).pk)
    media = settings.MEDIA_ROOT
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("storage is broken")
    settings.MEDIA_ROOT = blocked  # every write into storage now fails
    client = _client(project.teacher)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("showcase:generate", args=[project.pk]))
    response = client.get(reverse("showcase:manage", args=[project.pk]))
    assert "The last generation failed. Please try again later." in response.text
    showcase = Showcase.objects.get(pk=project.pk)
    assert showcase.state == Showcase.State.FAILED
    assert showcase.build == first.build
    settings.MEDIA_ROOT = media
    assert client.get(reverse("showcase:download", args=[project.pk])).status_code == 200
