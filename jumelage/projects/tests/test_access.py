"""Every project URL refuses outsiders: anonymous, another project's teacher and pupil."""

import pytest
from django.urls import reverse

from jumelage.projects.models import Membership, Project
from jumelage.projects.tests.helpers import invitation_for, submitted
from jumelage.testing import make_project, make_pupil

pytestmark = pytest.mark.django_db

PROJECT_URLS = [
    ("detail", "get"),
    ("edit", "get"),
    ("edit", "post"),
    ("cofounder", "get"),
    ("cofounder", "post"),
    ("submit", "post"),
    ("invitations", "get"),
    ("invitations", "post"),
    ("members", "get"),
    ("leave", "post"),
    ("close", "post"),
    ("reopen", "post"),
    ("archive", "post"),
    ("pupils", "get"),
    ("pupils", "post"),
]


@pytest.fixture
def world():
    project = make_project()
    pupil = make_pupil(project)
    other = make_project()
    first, second = other.memberships.order_by("id")
    outsider_teacher = first.user
    outsider_pupil = make_pupil(other)
    member = Membership.objects.get(user=pupil)
    invitation = invitation_for(project, second.user)
    return {
        "project": project,
        "member": member,
        "invitation": invitation,
        "outsiders": {"teacher": outsider_teacher, "pupil": outsider_pupil},
    }


def _snapshot(project):
    project.refresh_from_db()
    return (
        project.status,
        project.title,
        sorted(project.memberships.values_list("user_id", "role")),
        sorted(project.invitations.values_list("id", "status")),
    )


@pytest.mark.parametrize("who", ["anonymous", "teacher", "pupil"])
@pytest.mark.parametrize(("name", "method"), PROJECT_URLS)
def test_outsiders_are_refused_on_project_urls(client, world, who, name, method):
    project = world["project"]
    before = _snapshot(project)
    if who != "anonymous":
        client.force_login(world["outsiders"][who])
    url = reverse(f"projects:{name}", args=[project.pk])
    response = getattr(client, method)(url, {"title": "Hacked", "names": "X", "user": 1})
    if who == "anonymous":
        assert response.status_code == 302 and "/login/" in response.url
    else:
        assert response.status_code == 404
    assert _snapshot(project) == before


@pytest.mark.parametrize("who", ["anonymous", "teacher", "pupil"])
def test_outsiders_are_refused_on_member_urls(client, world, who):
    project, member = world["project"], world["member"]
    before = _snapshot(project)
    if who != "anonymous":
        client.force_login(world["outsiders"][who])
    for name, args in [
        ("remove_member", [project.pk, member.pk]),
        ("make_admin", [project.pk, member.pk]),
        ("pupil_reset", [project.pk, member.pk]),
        ("revoke", [project.pk, world["invitation"].pk]),
    ]:
        response = client.post(reverse(f"projects:{name}", args=args))
        assert response.status_code == (302 if who == "anonymous" else 404), name
    assert _snapshot(project) == before


@pytest.mark.parametrize("who", ["anonymous", "teacher", "pupil"])
def test_outsiders_cannot_use_someone_elses_invitation(client, world, who):
    invitation = world["invitation"]
    if who != "anonymous":
        client.force_login(world["outsiders"]["pupil" if who == "pupil" else "teacher"])
    if who == "teacher":
        # The other project's first founder is not the invitee (the second one is).
        assert world["outsiders"]["teacher"] != invitation.invitee
    url = reverse("projects:invitation", args=[invitation.token])
    response = client.post(url, {"action": "accept"})
    assert response.status_code == (302 if who == "anonymous" else 404)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


@pytest.mark.parametrize("who", ["anonymous", "teacher", "pupil"])
def test_outsiders_cannot_decide_approvals(client, who):
    project, _ = submitted()
    other = make_project()
    users = {"teacher": other.memberships.first().user, "pupil": make_pupil(other)}
    if who != "anonymous":
        client.force_login(users[who])
    url = reverse("projects:decide", args=[project.pk, "FR"])
    response = client.post(url, {"decision": "approve"})
    assert response.status_code == (302 if who == "anonymous" else 404)
    project.refresh_from_db()
    assert project.status == Project.Status.AWAITING_APPROVAL


def test_bad_ids_and_wrong_methods_never_fail(client, world):
    project = world["project"]
    client.force_login(project.memberships.filter(is_founder=True).first().user)
    assert client.get("/projects/999999/").status_code == 404
    assert client.get("/projects/999999/members/").status_code == 404
    assert client.post(f"/projects/{project.pk}/members/999999/remove/").status_code == 404
    assert client.get(reverse("projects:submit", args=[project.pk])).status_code == 405
    assert client.get(reverse("projects:decide", args=[project.pk, "zz"])).status_code == 404
    assert client.delete(reverse("projects:directory")).status_code == 405
