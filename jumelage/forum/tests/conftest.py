import pytest

from .helpers import start_topic


@pytest.fixture
def project(world):
    return world.project


@pytest.fixture
def teacher(world):
    """The project's founder (an admin)."""
    return world.users["admin"]


@pytest.fixture
def pupil(world):
    return world.users["pupil"]


@pytest.fixture
def topic(project, teacher):
    return start_topic(project, teacher)
