"""Generation runs in a Celery worker; a deleted project's site leaves no file behind."""

import time

import pytest
from django.core.files.storage import default_storage

from jumelage import testing
from jumelage.projects.access import access_for
from jumelage.showcase import services
from jumelage.showcase.models import Showcase


@pytest.mark.django_db
def test_deleting_the_project_removes_its_site(django_capture_on_commit_callbacks):
    project = testing.make_project()
    showcase = services.generate(services.showcase_of(project).pk)
    assert default_storage.exists(showcase.zip_path)
    with django_capture_on_commit_callbacks(execute=True):
        project.delete()
    assert not default_storage.exists(showcase.zip_path)
    assert not default_storage.exists(showcase.site_path("index.html"))


@pytest.mark.services
def test_a_real_worker_generates_the_site(celery_worker_real):
    project = testing.make_project(title="Le site")
    teacher = project.memberships.filter(is_founder=True).first().user
    services.request_generation(access_for(teacher, project))
    assert Showcase.objects.get(pk=project.pk).state == Showcase.State.QUEUED
    deadline = time.monotonic() + 60
    while Showcase.objects.get(pk=project.pk).state == Showcase.State.QUEUED:
        assert time.monotonic() < deadline, "the worker did not generate the site"
        time.sleep(0.2)
    showcase = Showcase.objects.get(pk=project.pk)
    assert showcase.state == Showcase.State.READY
    assert default_storage.exists(showcase.site_path("index.html"))
