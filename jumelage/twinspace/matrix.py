"""The TwinSpace permission matrix: who gets what on every URL of a project's space.

Each TwinSpace app declares, in `jumelage/<app>/tests/space_matrix.py`:

    from jumelage.twinspace.matrix import Case, MEMBERS, TEACHERS

    def setup(world) -> dict:
        # create what the URLs need in world.project; return the URL kwargs
        topic = Topic.objects.create(project=world.project, author=world.users["teacher"], ...)
        return {"topic_id": topic.pk}

    CASES = [
        Case("forum:topic_list", "GET", allowed=MEMBERS),
        Case("forum:topic_detail", "GET", kwargs=("topic_id",), allowed=MEMBERS),
        Case("forum:topic_lock", "POST", kwargs=("topic_id",), allowed=TEACHERS),
    ]

twinspace/tests/test_permission_matrix.py runs every case for every role and
fails for any URL under projects/<id>/space/ that no case covers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = ("anonymous", "outsider_teacher", "outsider_pupil", "guest", "pupil", "teacher", "admin")
ADMINS = frozenset({"admin"})
TEACHERS = frozenset({"teacher", "admin"})
CONTRIBUTORS = frozenset({"pupil", "teacher", "admin"})
MEMBERS = frozenset({"guest", "pupil", "teacher", "admin"})
EVERYONE = frozenset(ROLES)


@dataclass(frozen=True)
class Case:
    url_name: str
    method: str = "GET"
    kwargs: tuple[str, ...] = ()
    allowed: frozenset = MEMBERS
    # POST body: a dict, or a function (world, objects) -> dict.
    data: dict | Callable | None = field(default=None, hash=False, compare=False)

    def __str__(self) -> str:
        return f"{self.method} {self.url_name}"


@dataclass
class World:
    project: object
    other_project: object
    users: dict


def build_world() -> World:
    """An active project with one user per role, and another project with its own people."""
    from jumelage import testing
    from jumelage.projects.models import Membership

    project = testing.make_project()
    other = testing.make_project()
    admin = project.memberships.filter(is_founder=True).first().user
    users = {
        "anonymous": None,
        "admin": admin,
        "teacher": testing.add_member(project, role=Membership.Role.TEACHER),
        "guest": testing.add_member(project, role=Membership.Role.GUEST),
        "pupil": testing.make_pupil(project, teacher=admin),
        "outsider_teacher": other.memberships.filter(is_founder=True).first().user,
        "outsider_pupil": testing.make_pupil(other),
    }
    return World(project=project, other_project=other, users=users)
