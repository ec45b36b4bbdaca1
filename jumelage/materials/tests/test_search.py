import pytest

from jumelage.materials import services
from jumelage.materials.search import search_files
from jumelage.materials.space import latest_files
from jumelage.materials.tests import samples
from jumelage.projects.access import access_for

pytestmark = pytest.mark.django_db


def test_file_name_search_for_members_only(project, teacher, world):
    services.store_upload(project, teacher, samples.pdf("Carnival programme.pdf"))
    services.store_upload(project, teacher, samples.pdf("other.pdf"))
    results = search_files(access_for(teacher, project), "carnival")
    assert [title for title, _, _ in results] == ["Carnival programme.pdf"]
    assert results[0][1].endswith("/")
    assert search_files(access_for(world.users["outsider_teacher"], project), "carnival") == []


def test_latest_files_for_members_only(project, teacher, world):
    services.store_upload(project, teacher, samples.pdf("Plan.pdf"))
    assert [e.text for e in latest_files(access_for(teacher, project), 5)] == ["New file: Plan.pdf"]
    assert latest_files(access_for(world.users["outsider_teacher"], project), 5) == []
