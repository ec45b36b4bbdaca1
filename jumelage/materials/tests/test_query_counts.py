"""The library's pages cost the same number of queries with 10 or 50 files."""

import pytest
from django.urls import reverse

from jumelage import testing
from jumelage.materials import services
from jumelage.materials.models import Folder
from jumelage.materials.tests import samples

pytestmark = pytest.mark.django_db

# Before issue 15: 10 for a folder (docs/parts/space.md).
QUERIES = {"index": 7, "folder": 8}  # + the count of the files (paged)


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


def test_a_long_library_shows_a_page_of_files_at_a_time(teacher_client, project, teacher):
    from jumelage.materials.views import ITEMS_PER_PAGE

    for n in range(ITEMS_PER_PAGE + 2):
        services.store_upload(project, teacher, samples.pdf(f"doc{n:03}.pdf"), None)
    url = reverse("materials:index", args=[project.pk])
    first = teacher_client.get(url).text
    assert "doc000.pdf" in first and f"doc{ITEMS_PER_PAGE:03}.pdf" not in first
    assert "Page 1 of 2" in first
    second = teacher_client.get(url + "?page=2").text
    assert f"doc{ITEMS_PER_PAGE + 1:03}.pdf" in second and "doc000.pdf" not in second
