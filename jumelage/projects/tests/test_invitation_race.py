"""Issue 13: one pending invitation, and one email, per person however many clicks race."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone

from jumelage.core.errors import Refused
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.projects.models import Invitation
from jumelage.testing import make_project, make_teacher


def _admin(project):
    return project.memberships.filter(is_founder=True).first().user


@pytest.mark.django_db
def test_the_database_keeps_one_pending_invitation_per_account_and_per_address():
    project = make_project()
    teacher = make_teacher("IT")
    expires = timezone.now() + timedelta(days=3)
    Invitation.objects.create(
        project=project, role="teacher", invitee=teacher, token="a", expires_at=expires
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            project=project, role="guest", invitee=teacher, token="b", expires_at=expires
        )
    Invitation.objects.create(
        project=project, role="guest", email="head@example.org", token="c", expires_at=expires
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(
            project=project, role="guest", email="HEAD@example.org", token="d", expires_at=expires
        )
    # Answered invitations do not count: the person may be invited again later.
    Invitation.objects.filter(token="c").update(status=Invitation.Status.DECLINED)
    Invitation.objects.create(
        project=project, role="guest", email="head@example.org", token="e", expires_at=expires
    )


@pytest.mark.django_db
def test_an_expired_invitation_is_closed_and_the_person_invited_again():
    project = make_project()
    first = services.invite_member(
        access_for(_admin(project), project), "guest", email="guest@example.org"
    )
    with pytest.raises(Refused, match="already has a pending invitation"):
        services.invite_member(
            access_for(_admin(project), project), "guest", email="Guest@Example.org"
        )
    Invitation.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(days=1))
    second = services.invite_member(
        access_for(_admin(project), project), "guest", email="guest@example.org"
    )
    first.refresh_from_db()
    assert first.status == Invitation.Status.EXPIRED
    assert second.is_open


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_invitations_for_five_people_give_five_and_five_emails(
    postgres, mailoutbox
):
    project = make_project()
    admin = _admin(project)
    teachers = [make_teacher("IT"), make_teacher("ES")]
    addresses = ["guest.one@example.org", "guest.two@example.org", "guest.three@example.org"]
    # Four clicks per person, in different spellings of the address.
    calls = []
    for teacher in teachers:
        calls += [{"invitee": teacher, "role": "teacher"}] * 4
    for address in addresses:
        calls += [{"email": address}, {"email": address.upper()}] * 2
    assert len(calls) == 20
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def click(call):
        close_old_connections()
        try:
            barrier.wait()
            role = call.get("role", "guest")
            kwargs = {k: v for k, v in call.items() if k != "role"}
            services.invite_member(access_for(admin, project), role, **kwargs)
            outcomes.append("sent")
        except Refused as exc:
            outcomes.append(str(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=click, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("sent") == 5
    assert outcomes.count("This person already has a pending invitation.") == 15
    assert project.invitations.filter(status=Invitation.Status.PENDING).count() == 5
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted([t.email for t in teachers] + addresses)
