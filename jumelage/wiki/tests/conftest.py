import pytest

from jumelage.wiki import services


@pytest.fixture
def project(world):
    return world.project


@pytest.fixture
def admin(world):
    return world.users["admin"]


@pytest.fixture
def page(project, admin):
    return services.create_page(project, admin, "Step 1: our towns", "<p>Paris</p>")
