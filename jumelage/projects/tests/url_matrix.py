"""Projects in the permission matrix (see jumelage/testing/matrix.py).

The world's project is active; a second project, submitted and awaiting the
approval of the French and German support offices, is the one decided on.
"""

from django.utils import timezone

from jumelage import testing
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Approval, Membership, Project
from jumelage.testing.matrix import (
    ADMINS,
    ALLOWED,
    EVERYONE,
    MEMBERS,
    PUPILS,
    REFUSED_WITH_MESSAGE,
    SIGNED_IN,
    TEACHERS,
    VERIFIED_TEACHERS,
    VISITING,
    Case,
)


def setup(world):
    project = world.project
    admin = world.users["admin"]
    pending = testing.make_project(status=Project.Status.AWAITING_APPROVAL)
    for country in ("FR", "DE"):
        Approval.objects.create(project=pending, country_id=country, submitted_at=timezone.now())
    invitation = services.invite_member(
        access_for(admin, project), Membership.Role.TEACHER, invitee=world.users["outsider_teacher"]
    )
    member = project.memberships.get(user=world.users["teacher"])
    pupil = project.memberships.get(user=world.users["pupil"])
    return {
        "pending_id": pending.pk,
        "country": "FR",
        "token": invitation.token,
        "invitation_id": invitation.pk,
        "membership_id": member.pk,
        "pupil_membership_id": pupil.pk,
    }


INVITEE = frozenset({"outsider_teacher"})
# Who reaches a service that refuses with a message today (see REFUSED_WITH_MESSAGE).
BY_SERVICE = dict.fromkeys(
    ("visitor", "guest", "pupil", "pupil_admin", "teacher", "staff"), REFUSED_WITH_MESSAGE
)
# Member actions: the project's members are told why; the office, not a member, gets a 404.
MEMBERS_BY_SERVICE = dict.fromkeys(
    ("guest", "pupil", "pupil_admin", "teacher"), REFUSED_WITH_MESSAGE
)

CASES = [
    Case("projects:directory", "GET", allowed=EVERYONE),
    Case("projects:mine", "GET", allowed=SIGNED_IN),
    Case(
        "projects:create",
        "GET",
        allowed=VERIFIED_TEACHERS,
        # the "being checked" page, not a 404 (a visitor's account is an unverified one)
        expect={"unverified_teacher": ALLOWED, "visitor": ALLOWED},
    ),
    Case(
        "projects:create",
        "POST",
        allowed=VERIFIED_TEACHERS,
        # the "being checked" page, not a 404 (a visitor's account is an unverified one)
        expect={"unverified_teacher": ALLOWED, "visitor": ALLOWED},
    ),
    Case("projects:approvals", "GET", allowed=frozenset({"staff", "staff_abroad"})),
    # The invitation is addressed to the outsider teacher: anyone else gets a 404 (a visitor
    # logs in first; see test_guest_invitation.py for invitations sent to an address).
    Case("projects:invitation", "GET", kwargs=("token",), allowed=INVITEE),
    Case("projects:invitation", "POST", kwargs=("token",), allowed=INVITEE),
    Case("accounts:pupil_login", "GET", allowed=EVERYONE),
    Case("accounts:pupil_login", "POST", allowed=EVERYONE),
    Case("accounts:pupil_password", "GET", allowed=PUPILS),
    Case("accounts:pupil_password", "POST", allowed=PUPILS),
    # The address printed on the login cards already handed out: a permanent redirect.
    Case("projects:pupil_login_card", "GET", allowed=EVERYONE),
    Case("projects:detail", "GET", allowed=VISITING | {"staff"}),
    Case("projects:edit", "GET", allowed=ADMINS),
    Case("projects:edit", "POST", allowed=ADMINS),
    # Only a draft has a co-founder page: on the active project everyone gets a 404.
    Case("projects:cofounder", "GET", allowed=frozenset()),
    Case("projects:cofounder", "POST", allowed=frozenset()),
    # The founders submit (the active project is refused with a message: its state).
    Case("projects:submit", "POST", allowed=ADMINS, expect=BY_SERVICE),
    Case(
        "projects:decide",
        "GET",
        kwargs={"project_id": "pending_id", "country": "country"},
        allowed=frozenset({"staff"}),
    ),
    Case(
        "projects:decide",
        "POST",
        kwargs={"project_id": "pending_id", "country": "country"},
        allowed=frozenset({"staff"}),
    ),
    Case("projects:invitations", "GET", allowed=ADMINS),
    Case("projects:invitations", "POST", allowed=ADMINS),
    Case("projects:revoke", "POST", kwargs=("invitation_id",), allowed=ADMINS),
    Case("projects:members", "GET", allowed=MEMBERS),
    Case(
        "projects:remove_member",
        "POST",
        kwargs=("membership_id",),
        allowed=ADMINS,
        expect=MEMBERS_BY_SERVICE,
    ),
    Case(
        "projects:make_admin",
        "POST",
        kwargs=("membership_id",),
        allowed=ADMINS,
        expect=MEMBERS_BY_SERVICE,
    ),
    # A visitor is no member of the space: the admins remove them.
    Case("projects:leave", "POST", allowed=MEMBERS),
    Case("projects:close", "POST", allowed=ADMINS, expect=BY_SERVICE),
    Case("projects:reopen", "POST", allowed=ADMINS, expect=BY_SERVICE),
    Case("projects:archive", "POST", allowed=ADMINS, expect=BY_SERVICE),
    Case("projects:pupils", "GET", allowed=TEACHERS),
    Case("projects:pupils", "POST", allowed=TEACHERS),
    Case(
        "projects:pupil_reset",
        "POST",
        kwargs={"membership_id": "pupil_membership_id"},
        allowed=ADMINS,
    ),
    Case(
        "projects:pupil_admin",
        "POST",
        kwargs={"membership_id": "pupil_membership_id"},
        allowed=ADMINS,
        data={"promote": "1"},
    ),
]
