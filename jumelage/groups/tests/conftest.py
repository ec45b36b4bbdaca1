import pytest

from jumelage.groups import services
from jumelage.groups.models import Group


@pytest.fixture
def moderator(world):
    """A verified teacher who started an open group."""
    return world.users["teacher"]


@pytest.fixture
def group(moderator):
    return services.create_group(
        moderator, name="History teachers", admission=Group.Admission.OPEN, subjects=["history"]
    )
