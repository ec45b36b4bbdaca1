"""Approval by the support office of each founding country."""

import pytest
from django.urls import reverse

from jumelage.audit.models import AuditEntry
from jumelage.core.errors import Refused
from jumelage.notifications.models import Notification
from jumelage.projects import services
from jumelage.projects.models import Approval, Project
from jumelage.projects.signals import project_activated
from jumelage.projects.tests.helpers import submitted
from jumelage.testing import login_with_second_factor, make_staff, make_teacher

pytestmark = pytest.mark.django_db


@pytest.fixture
def activations():
    seen = []

    def listener(sender, project, **kwargs):
        seen.append(project.pk)

    project_activated.connect(listener)
    yield seen
    project_activated.disconnect(listener)


def test_both_offices_approve_and_the_project_becomes_active(client, activations, mailoutbox):
    staff_fr, staff_de = make_staff("FR"), make_staff("DE")
    project, cofounder = submitted(make_teacher("FR"), make_teacher("DE"))
    assert Notification.objects.filter(user=staff_fr, kind="approval").exists()
    assert Notification.objects.filter(user=staff_de, kind="approval").exists()
    login_with_second_factor(client, staff_fr)
    queue = client.get(reverse("projects:approvals"))
    assert project.title in queue.content.decode()
    client.post(reverse("projects:decide", args=[project.pk, "FR"]), {"decision": "approve"})
    project.refresh_from_db()
    assert project.status == Project.Status.AWAITING_APPROVAL
    assert activations == []
    login_with_second_factor(client, staff_de)
    client.post(reverse("projects:decide", args=[project.pk, "de"]), {"decision": "approve"})
    project.refresh_from_db()
    assert project.status == Project.Status.ACTIVE and project.activated_at
    assert activations == [project.pk]
    assert set(
        AuditEntry.objects.filter(project=project, action="project.approved").values_list(
            "country_id", flat=True
        )
    ) == {"FR", "DE"}
    assert AuditEntry.objects.filter(project=project, action="project.activated").exists()
    assert Notification.objects.filter(user=cofounder, kind="approval").count() == 2
    titles = Notification.objects.filter(user=cofounder, kind="approval").values_list(
        "title", flat=True
    )
    assert {t.split(":")[0] for t in titles} == {"Approved for France", "Approved for Germany"}


def test_one_countrys_staff_cannot_approve_for_the_other(client):
    staff_fr = make_staff("FR")
    project, _ = submitted(make_teacher("FR"), make_teacher("DE"))
    login_with_second_factor(client, staff_fr)
    url = reverse("projects:decide", args=[project.pk, "DE"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert Approval.objects.get(project=project, country="DE").status == "pending"
    italian = make_staff("IT")
    login_with_second_factor(client, italian)
    assert client.get(reverse("projects:approvals")).content.decode().count(project.title) == 0
    assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 404
    with pytest.raises(Refused):
        services.decide(Approval.objects.get(project=project, country="DE"), staff_fr, approve=True)


def test_a_rejection_carries_its_reason_and_the_founders_resubmit(client):
    staff_fr, staff_de = make_staff("FR"), make_staff("DE")
    project, cofounder = submitted(make_teacher("FR"), make_teacher("DE"))
    login_with_second_factor(client, staff_de)
    url = reverse("projects:decide", args=[project.pk, "DE"])
    # A rejection without a reason is refused with a message, nothing decided.
    response = client.post(url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 200
    assert "reason for the rejection" in response.content.decode()
    assert Approval.objects.get(project=project, country="DE").status == "pending"
    client.post(url, {"decision": "reject", "reason": "Please describe the pupils' work."})
    project.refresh_from_db()
    assert project.status == Project.Status.DRAFT
    # Replayed decision: refused, nothing changed.
    assert client.post(url, {"decision": "approve"}).status_code == 404
    client.force_login(cofounder)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert "Please describe the pupils&#x27; work." in page
    client.post(
        reverse("projects:edit", args=[project.pk]),
        {
            "title": project.title,
            "summary": "Pupils write a weekly journal.",
            "subjects": ["geography"],
            "languages": ["fr"],
            "age_min": 10,
            "age_max": 12,
            "start_date": "2027-01-11",
        },
    )
    client.post(reverse("projects:submit", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == Project.Status.AWAITING_APPROVAL
    assert set(project.approvals.values_list("status", flat=True)) == {"pending"}
    services.decide(project.approvals.get(country="FR"), staff_fr, approve=True)
    services.decide(project.approvals.get(country="DE"), staff_de, approve=True)
    project.refresh_from_db()
    assert project.is_active
    assert AuditEntry.objects.filter(project=project, action="project.rejected").get().note


def test_approval_queue_query_count_does_not_grow(client, django_assert_num_queries):
    staff = make_staff("FR")
    submitted()
    login_with_second_factor(client, staff)
    client.get(reverse("projects:approvals"))
    with django_assert_num_queries(8) as first:
        client.get(reverse("projects:approvals"))
    for _ in range(3):
        submitted()
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(reverse("projects:approvals")).status_code == 200


def test_teachers_and_anonymous_have_no_queue(client):
    assert client.get(reverse("projects:approvals")).status_code == 302
    client.force_login(make_teacher("FR"))
    assert client.get(reverse("projects:approvals")).status_code == 404


def test_staff_decide_only_after_the_second_factor(client):
    staff_fr = make_staff("FR")
    project, _cofounder = submitted(make_teacher("FR"), make_teacher("DE"))
    client.force_login(staff_fr)
    # Sent to set up the second factor (accounts.middleware), for pages and actions alike.
    setup = reverse("accounts:otp_setup")
    assert client.get(reverse("projects:approvals"))["Location"].startswith(setup)
    url = reverse("projects:decide", args=[project.pk, "FR"])
    assert client.post(url, {"decision": "approve"})["Location"].startswith(setup)
    assert Approval.objects.get(project=project, country="FR").status == "pending"
    login_with_second_factor(client, staff_fr)
    assert client.get(reverse("projects:approvals")).status_code == 200


def test_the_second_office_sees_who_decided_what_before_it(client):
    staff_fr, staff_de = make_staff("FR"), make_staff("DE")
    staff_fr.display_name = "Agnès Bureau"
    staff_fr.save(update_fields=["display_name"])
    project, _ = submitted(make_teacher("FR"), make_teacher("DE"))
    services.decide(project.approvals.get(country="FR"), staff_fr, approve=True)
    login_with_second_factor(client, staff_de)
    page = client.get(reverse("projects:decide", args=[project.pk, "DE"])).content.decode()
    decisions = page.split('class="decisions"')[1].split("</table>")[0]
    assert "Agnès Bureau" in decisions and "Approved" in decisions
    assert "Awaiting decision" in decisions
