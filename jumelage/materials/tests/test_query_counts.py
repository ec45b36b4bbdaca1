"""The library's pages cost the same number of queries with 10 or 50 files."""

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.materials import services
from jumelage.materials.models import Folder
from jumelage.materials.tests import samples

pytestmark = pytest.mark.django_db

# Before issue 15: 10 for a folder (docs/parts/space.md).
QUERIES = {"index": 6, "folder": 7}


def _fill(project, teacher, folder, rows):
    pupil = testing.make_pupil(project)
    for n in range(rows // 2):
        services.store_upload(project, teacher, samples.pdf(f"doc{n}.pdf"), folder)
        services.store_upload(project, pupil, samples.png(f"p{n}.png"), folder)
        Folder.objects.create(project=project, parent=folder, name=f"sub{n}", created_by=teacher)


@pytest.mark.parametrize("rows", [10, 50])
def test_the_founders_library_costs_the_same_with_10_or_50_files(
    teacher_client, project, teacher, rows, django_assert_num_queries
):
    _fill(project, teacher, None, rows)
    with django_assert_num_queries(QUERIES["index"]):
        response = teacher_client.get(reverse("materials:index", args=[project.pk]))
    assert response.content.decode().count("materials/files/") >= rows


@pytest.mark.parametrize("rows", [10, 50])
def test_a_folder_costs_the_same_with_10_or_50_files(
    teacher_client, project, teacher, rows, django_assert_num_queries
):
    folder = Folder.objects.create(project=project, name="F", created_by=teacher)
    _fill(project, teacher, folder, rows)
    url = reverse("materials:folder", args=[project.pk, folder.pk])
    with django_assert_num_queries(QUERIES["folder"]):
        response = teacher_client.get(url)
    assert response.content.decode().count("materials/files/") >= rows
