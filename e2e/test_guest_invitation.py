"""Issue 14: a head teacher invited as a guest reaches the project in one short flow."""

import pytest

from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation, Membership
from jumelage.testing import make_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_head_invited_as_guest_opens_the_link_and_reads_the_project(live_asgi, page):
    project = make_project()
    inv = services.invite_member(
        access_for(project.created_by, project),
        Invitation.Role.GUEST,
        email="head@ecole-lyon.example",
    )
    page.goto(f"{live_asgi}/projects/invitations/{inv.token}/")
    page.get_by_role("heading", name="Create my account").wait_for()
    page.locator("#id_display_name").fill("Mme Durand")
    page.locator("#id_password1").fill("a long head teacher password")
    page.locator("#id_password2").fill("a long head teacher password")
    page.get_by_role("button", name="Create my account and open the project").click()
    page.get_by_role("heading", name=project.title).first.wait_for()
    assert page.url.rstrip("/").endswith(f"/projects/{project.pk}")
    assert "Welcome to the project." in page.content()
    membership = Membership.objects.get(project=project, user__email="head@ecole-lyon.example")
    assert membership.role == Membership.Role.GUEST
