"""The founding rule over the reference data, through the services and the pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.audit.models import AuditEntry
from jumelage.core.errors import Refused
from jumelage.notifications.models import Notification
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation, Membership, Project
from jumelage.projects.tests.helpers import draft, founded, invitation_for
from jumelage.testing import make_school, make_teacher

pytestmark = pytest.mark.django_db


def test_france_and_france_may_not_found_together():
    project = draft(make_teacher("FR"))
    colleague = make_teacher("FR")
    with pytest.raises(Refused, match="two different countries"):
        services.invite_cofounder(access_for(project.created_by, project), invitee=colleague)
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT
    assert not project.invitations.exists()


def test_france_and_germany_found_a_project_then_submit():
    project, cofounder = founded(make_teacher("FR"), make_teacher("DE"))
    founders = project.memberships.filter(is_founder=True, role=Membership.Role.ADMIN)
    assert sorted(founders.values_list("school__country_id", flat=True)) == ["DE", "FR"]
    assert project.status == Project.Status.DRAFT
    services.submit(access_for(cofounder, project))
    project.refresh_from_db()
    assert project.status == Project.Status.AWAITING_APPROVAL
    assert sorted(project.approvals.values_list("country_id", flat=True)) == ["DE", "FR"]


def test_a_partner_country_cannot_found_but_joins_later_as_a_member():
    partner = make_teacher("UA")  # Ukraine: a partner country in the reference data
    project = draft(make_teacher("FR"))
    with pytest.raises(Refused, match="may not found a project"):
        services.invite_cofounder(access_for(project.created_by, project), invitee=partner)
    # Founded with Germany instead, approved: the Ukrainian teacher joins as a member.
    project, _cofounder = founded(project.created_by)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.ACTIVE)
    project.refresh_from_db()
    inv = invitation_for(project, partner)
    member = services.accept_invitation(inv, partner)
    assert member.role == Membership.Role.TEACHER and not member.is_founder
    assert member.school.country_id == "UA"


def test_a_same_country_colleague_joins_after_activation():
    project, _ = founded(make_teacher("FR"))
    Project.objects.filter(pk=project.pk).update(status=Project.Status.ACTIVE)
    project.refresh_from_db()
    colleague = make_teacher("FR")
    inv = invitation_for(project, colleague)
    services.accept_invitation(inv, colleague)
    assert Membership.objects.get(project=project, user=colleague).role == "teacher"


def test_no_submission_before_the_cofounder_accepts():
    project = draft()
    with pytest.raises(Refused):
        services.submit(access_for(project.created_by, project))
    cofounder = make_teacher("DE")
    inv = services.invite_cofounder(access_for(project.created_by, project), invitee=cofounder)
    project.refresh_from_db()
    assert project.status == Project.Status.AWAITING_COFOUNDER
    with pytest.raises(Refused):
        services.submit(access_for(project.created_by, project))
    services.accept_invitation(inv, cofounder, cofounder.schools.first())
    services.submit(access_for(project.created_by, project))


def test_a_cofounder_acting_for_a_school_of_the_same_country_is_refused_at_acceptance():
    """A teacher of two schools (FR and DE) must pick the school of the other country."""
    project = draft(make_teacher("FR"))
    both = make_teacher("DE")
    french_school = make_school("FR")
    both.school_memberships.create(school=french_school)
    inv = services.invite_cofounder(access_for(project.created_by, project), invitee=both)
    with pytest.raises(Refused, match="two different countries"):
        services.accept_invitation(inv, both, french_school)
    assert not project.memberships.filter(user=both).exists()
    services.accept_invitation(inv, both, both.schools.get(country_id="DE"))


def test_inviting_oneself_and_accepting_twice_are_refused():
    project = draft()
    with pytest.raises(Refused, match="yourself"):
        services.invite_cofounder(
            access_for(project.created_by, project), invitee=project.created_by
        )
    with pytest.raises(Refused, match="yourself"):
        services.invite_cofounder(
            access_for(project.created_by, project), email=project.created_by.email
        )
    cofounder = make_teacher("DE")
    inv = services.invite_cofounder(access_for(project.created_by, project), invitee=cofounder)
    services.accept_invitation(inv, cofounder, cofounder.schools.first())
    with pytest.raises(Refused, match="already been answered"):
        services.accept_invitation(inv, cofounder, cofounder.schools.first())
    assert project.memberships.filter(user=cofounder).count() == 1


def test_unverified_teachers_cannot_create_a_project(client):
    """They are told their school is being checked (issue 14), and nothing is created."""
    teacher = make_teacher("FR", verified=False)
    client.force_login(teacher)
    response = client.get(reverse("projects:create"))
    assert response.status_code == 200 and "being checked" in response.text
    response = client.post(reverse("projects:create"), {"title": "Ours", "summary": "x"})
    assert response.status_code == 200 and "being checked" in response.text
    assert not Project.objects.filter(title="Ours").exists()


def test_create_page_saves_a_draft_and_the_cofounder_page_invites_by_search(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    creator = make_teacher("FR")
    cofounder = make_teacher("DE", name="Jonas Weber")
    client.force_login(creator)
    response = client.post(
        reverse("projects:create"),
        {
            "title": "Our towns",
            "summary": "Two classes.",
            "description": "<p>Hi<script>alert(1)</script></p>",
            "subjects": ["geography"],
            "languages": ["fr", "de"],
            "age_min": 10,
            "age_max": 12,
            "start_date": "2027-02-29",
            "productions": ["blog"],
            "school": creator.schools.first().pk,
        },
    )
    # 29 February 2027 does not exist: a clear message, nothing saved.
    assert response.status_code == 200
    assert not Project.objects.exists()
    response = client.post(
        reverse("projects:create"),
        {
            "title": "Our towns",
            "summary": "Two classes.",
            "description": "<p>Hi<script>alert(1)</script></p>",
            "subjects": ["geography"],
            "languages": ["fr", "de"],
            "age_min": 10,
            "age_max": 12,
            "start_date": "2027-07-14",
            "productions": ["blog"],
            "school": creator.schools.first().pk,
        },
    )
    project = Project.objects.get()
    assert response.url == reverse("projects:cofounder", args=[project.pk])
    assert "<script>" not in project.description
    found = client.get(reverse("projects:cofounder", args=[project.pk]), {"q": "weber"})
    assert "Jonas Weber" in found.content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the email leaves on commit
        response = client.post(
            reverse("projects:cofounder", args=[project.pk]), {"user": cofounder.pk}
        )
    assert response.status_code == 302
    inv = Invitation.objects.get(project=project)
    assert inv.invitee == cofounder and inv.role == "cofounder"
    assert Notification.objects.filter(user=cofounder, kind="invitation").exists()
    assert mailoutbox[-1].to == [cofounder.email]
    assert inv.token in mailoutbox[-1].body
    assert AuditEntry.objects.filter(action="project.cofounder_invited").exists()
    # The co-founder accepts on the invitation page.
    client.force_login(cofounder)
    page = client.get(reverse("projects:invitation", args=[inv.token]))
    assert "Our towns" in page.content.decode()
    client.post(
        reverse("projects:invitation", args=[inv.token]),
        {"action": "accept", "school": cofounder.schools.first().pk},
    )
    assert project.memberships.filter(user=cofounder, is_founder=True).exists()


def test_same_country_refusal_is_shown_with_its_reason(client):
    creator = make_teacher("FR")
    project = draft(creator)
    colleague = make_teacher("FR")
    client.force_login(creator)
    response = client.post(reverse("projects:cofounder", args=[project.pk]), {"user": colleague.pk})
    assert response.status_code == 200
    assert "two different countries" in response.content.decode()


def test_invitation_by_email_is_accepted_by_the_account_of_that_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    project = draft()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_cofounder(
            access_for(project.created_by, project), email="Someone@Example.org"
        )
    inv = Invitation.objects.get()
    assert mailoutbox[-1].to == ["someone@example.org"]
    newcomer = make_teacher("DE")
    newcomer.email = "someone@example.org"
    newcomer.save()  # a new address must be confirmed again...
    type(newcomer).objects.filter(pk=newcomer.pk).update(email_confirmed_at=timezone.now())
    other = make_teacher("DE")
    client.force_login(other)
    url = reverse("projects:invitation", args=[inv.token])
    assert client.get(url).status_code == 404
    client.force_login(newcomer)
    client.post(url, {"action": "accept", "school": newcomer.schools.first().pk})
    assert project.memberships.filter(user=newcomer, is_founder=True).exists()


def test_declining_the_cofounder_invitation_returns_the_project_to_draft():
    project = draft()
    cofounder = make_teacher("DE")
    inv = services.invite_cofounder(access_for(project.created_by, project), invitee=cofounder)
    services.decline_invitation(inv, cofounder)
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT
    assert services.invite_cofounder(
        access_for(project.created_by, project), invitee=make_teacher("IT")
    )


def test_a_profile_link_offers_that_teacher_as_cofounder(client):
    creator = make_teacher("FR")
    project = draft(creator)
    cofounder = make_teacher("DE", name="Anna Schmidt")
    hidden = make_teacher("DE", verified=False, name="Not Verified")
    client.force_login(creator)
    url = reverse("projects:cofounder", args=[project.pk])
    page = client.get(url, {"user": cofounder.pk}).content.decode()
    assert "Invite Anna Schmidt" in page
    page = client.get(url, {"user": hidden.pk}).content.decode()
    assert "Invite Not Verified" not in page
    assert client.get(url, {"user": "abc"}).status_code == 200


def test_the_kit_chosen_at_registration_is_offered_when_creating_a_project(client):
    from jumelage.kits.models import Kit

    kit = Kit.objects.filter(published=True).first()
    teacher = make_teacher("FR", wants_kit=True, preferred_kit=kit)
    client.force_login(teacher)
    page = client.get(reverse("projects:create")).content.decode()
    assert f"?kit={kit.slug}" in page and "you chose to start from the kit" in page
    # Following the offer pre-fills the form; the offer is not repeated.
    page = client.get(reverse("projects:create"), {"kit": kit.slug}).content.decode()
    assert "you chose to start from the kit" not in page and kit.title in page
    # Without a preferred kit, the catalogue is offered; without the wish, nothing.
    client.force_login(make_teacher("FR", wants_kit=True))
    assert reverse("kits:list") in client.get(reverse("projects:create")).content.decode()
    client.force_login(make_teacher("FR"))
    assert "start from a kit" not in client.get(reverse("projects:create")).content.decode()


def test_the_co_founder_page_has_no_duplicate_id(client):
    """Two hidden "user" fields both rendered id="id_user" (issue 14)."""
    import collections
    import re

    founder = make_teacher("FR")
    project = draft(founder)
    make_teacher("DE", name="Petra Schmidt")
    client.force_login(founder)
    page = client.get(reverse("projects:cofounder", args=[project.pk]), {"q": "Petra"}).text
    assert "Petra Schmidt" in page
    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
