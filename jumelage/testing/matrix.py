"""The permission matrix: who gets what on every URL of the project.

Each app declares its cases in `jumelage/<app>/tests/url_matrix.py` (and the
TwinSpace apps, for their space URLs, in `tests/space_matrix.py`):

    from jumelage.testing.matrix import MEMBERS, TEACHERS, Case

    def setup(world) -> dict:
        # create what the URLs need; return the URL kwargs (and anything a POST body needs)
        topic = Topic.objects.create(project=world.project, author=world.users["teacher"], ...)
        return {"topic_id": topic.pk}

    CASES = [
        Case("forum:topic_list", "GET", allowed=MEMBERS),
        Case("forum:topic_detail", "GET", kwargs=("topic_id",), allowed=MEMBERS),
        Case("forum:topic_lock", "POST", kwargs=("topic_id",), allowed=TEACHERS),
    ]

jumelage/testing/tests/test_url_matrix.py runs every case for every actor, checks
that a method no case declares answers 405, and fails for any URL pattern of
jumelage.urls that no case covers (listing the uncovered names). How to add a case:
docs/parts/matrix.md.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.shortcuts import resolve_url

from jumelage import testing
from jumelage.accounts.models import User
from jumelage.network.models import SupportRole
from jumelage.projects.models import Membership

# The actors. The first nine are the space matrix's roles; the others are people
# with no membership in world.project. The finer roles (docs/roles.md): `pupil_admin`
# is a pupil a teacher promoted; `visitor` a read-only outsider an admin invited
# (an unverified teacher-kind account, as the visitor's invitation creates), who sees
# only the pages and sections opened to visitors.
ANONYMOUS = "anonymous"
ROLES = (
    "anonymous",
    "outsider_teacher",
    "outsider_pupil",
    "visitor",
    "guest",
    "pupil",
    "pupil_admin",
    "teacher",
    "admin",
)
ACTORS = (
    *ROLES,
    "unverified_teacher",  # registered, e-mail confirmed, school and teacher not verified yet
    "staff",  # national support office of the project's country (FR), second factor passed
    "staff_abroad",  # national support office of another country (IT), second factor passed
    "superuser",  # platform admin (is_superuser), second factor passed
)
PROJECT_MEMBERS = frozenset({"visitor", "guest", "pupil", "pupil_admin", "teacher", "admin"})

ADMINS = frozenset({"admin"})
TEACHERS = frozenset({"teacher", "admin"})
# Who writes in the space; pupil administrators also create pages and open topics.
CONTRIBUTORS = frozenset({"pupil", "pupil_admin", "teacher", "admin"})
LEADERS = TEACHERS | {"pupil_admin"}
# The members of the space; visitors see only what is opened to them (VISITING).
MEMBERS = PROJECT_MEMBERS - {"visitor"}
VISITING = PROJECT_MEMBERS
EVERYONE = frozenset(ACTORS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
PUPILS = frozenset({"pupil", "pupil_admin", "outsider_pupil"})
STAFF = frozenset({"staff", "staff_abroad", "superuser"})
# Teachers with a verified account, whatever their projects (the guest is a teacher
# invited read-only).
VERIFIED_TEACHERS = frozenset({"guest", "teacher", "admin", "outsider_teacher"})
ALL_TEACHERS = VERIFIED_TEACHERS | {"unverified_teacher", "visitor"}
ADULTS = SIGNED_IN - PUPILS

# Outcomes: what an actor gets. An expectation is a frozenset of accepted outcomes.
ALLOWED = (
    "allowed"  # 2xx, or 3xx that is not the login page (400 too: access passed, input refused)
)
LOGIN = "login"  # 302 to the login page
FORBIDDEN = "403"  # refused, for a thing the actor already knows exists
NOT_FOUND = "404"  # refused without saying whether the thing exists
BAD_METHOD = "405"

# "Anonymous on a private project URL": projects.access.project_view sends every
# anonymous visitor to the login page, for every project id, existing or not.
ANONYMOUS_ON_PRIVATE_PROJECT = frozenset({LOGIN})
# A member of the project refused an action of a higher role. The member already knows
# the project, so a page of the space answers 403 (core.policies.forbid_unless); a view
# that declares its permission in project_view(permission) answers 404, as to outsiders.
MEMBER_REFUSED = frozenset({FORBIDDEN, NOT_FOUND})
# Refused by a service with a message and a redirect back to the project page: the
# lifecycle, submission and member actions, where the refusal depends on the project's
# state as much as on the role (projects.services raise Refused; the view shows why).
REFUSED_WITH_MESSAGE = frozenset({ALLOWED})


@dataclass(frozen=True)
class Case:
    """One row: a URL name and method, and the expected outcome for each actor.

    `allowed` get ALLOWED. Anyone else gets, in this order: `expect[actor]`; on a
    URL under projects/<project_id>/, ANONYMOUS_ON_PRIVATE_PROJECT for anonymous and
    MEMBER_REFUSED for members of the project; LOGIN for anonymous elsewhere;
    otherwise `refused` (404 unless stated).

    `kwargs` names keys of the dict that the module's setup(world) returned (a
    mapping renames: {"pk": "request_id"}); project_id is world.project's unless
    setup returned one. `data`: the query string (GET) or body (POST), a dict or a
    function (world, objects) -> dict.
    """

    url_name: str
    method: str = "GET"
    kwargs: tuple[str, ...] | Mapping[str, str] = ()
    allowed: frozenset = MEMBERS
    data: dict | Callable | None = field(default=None, hash=False, compare=False)
    refused: str | frozenset = NOT_FOUND
    expect: Mapping[str, str | frozenset] = field(default_factory=dict, hash=False, compare=False)

    def __str__(self) -> str:
        return f"{self.method} {self.url_name}"

    def expected(self, actor: str, *, project_url: bool) -> frozenset:
        if actor in self.allowed:
            return frozenset({ALLOWED})
        if actor in self.expect:
            return _as_set(self.expect[actor])
        if project_url and actor == ANONYMOUS:
            return ANONYMOUS_ON_PRIVATE_PROJECT
        if project_url and actor in PROJECT_MEMBERS:
            return MEMBER_REFUSED
        if actor == ANONYMOUS:
            return frozenset({LOGIN})
        return _as_set(self.refused)


def outcome(response) -> str:
    """What an actor got: one of the outcomes above, or the status code."""
    status = response.status_code
    if status == 302 and response.get("Location", "").startswith(resolve_url(settings.LOGIN_URL)):
        return LOGIN
    if status <= 400:
        return ALLOWED
    return {403: FORBIDDEN, 404: NOT_FOUND, 405: BAD_METHOD}.get(status, str(status))


def _as_set(outcome) -> frozenset:
    return outcome if isinstance(outcome, frozenset) else frozenset({outcome})


@dataclass
class World:
    project: object
    other_project: object
    users: dict


def build_world() -> World:
    """An active project with one user per role, another project with its own people,
    and the people of no project: an unverified teacher, support staff, a platform admin."""
    project = testing.make_project()
    other = testing.make_project()
    admin = project.memberships.filter(is_founder=True).first().user
    users = {
        "anonymous": None,
        "admin": admin,
        "teacher": testing.add_member(project, role=Membership.Role.TEACHER),
        "guest": testing.add_member(project, role=Membership.Role.GUEST),
        "pupil": testing.make_pupil(project, teacher=admin),
        "pupil_admin": testing.make_pupil(project, teacher=admin, pupil_admin=True),
        "visitor": testing.make_visitor(project),
        "outsider_teacher": other.memberships.filter(is_founder=True).first().user,
        "outsider_pupil": testing.make_pupil(other),
        "unverified_teacher": testing.make_teacher("FR", verified=False),
        "staff": testing.make_staff("FR", role=SupportRole.Role.NATIONAL_OFFICE),
        "staff_abroad": testing.make_staff("IT", role=SupportRole.Role.NATIONAL_OFFICE),
        "superuser": User.objects.create_superuser(
            "platform@example.org", testing.PASSWORD, display_name="Platform admin"
        ),
    }
    return World(project=project, other_project=other, users=users)
