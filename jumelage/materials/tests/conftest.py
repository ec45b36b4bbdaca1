import pytest


@pytest.fixture
def project(world):
    return world.project


@pytest.fixture
def teacher(world):
    """The project's founder (an admin)."""
    return world.users["admin"]


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client
