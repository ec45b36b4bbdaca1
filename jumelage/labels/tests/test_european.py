"""National labels in two countries lead to a nomination; the committee decides."""

import pytest
from django.urls import reverse

from jumelage.accounts.models import User
from jumelage.core.errors import Refused
from jumelage.labels import policies, services
from jumelage.labels.models import EuropeanDecision, LabelRules, Nomination
from jumelage.labels.tests.helpers import award, ripen
from jumelage.testing import make_project, make_staff, sign_in

pytestmark = pytest.mark.django_db


def committee():
    n = User.objects.count()
    return User.objects.create_superuser(f"committee{n}@example.org", "x-x-x-x-x", display_name="C")


def test_one_national_label_is_not_enough():
    project = ripen(make_project())
    award(project, "FR")
    assert "two countries" in policies.nomination_refusal(make_staff("FR"), project)


def test_two_labels_let_each_office_nominate_once():
    project = ripen(make_project())
    award(project, "FR")
    award(project, "DE")
    fr, de = make_staff("FR"), make_staff("DE")
    services.nominate(fr, project)
    with pytest.raises(Refused, match="already nominated"):
        services.nominate(fr, project)
    services.nominate(de, project)
    assert Nomination.objects.filter(project=project).count() == 2
    assert "Only the office" in policies.nomination_refusal(make_staff("IT"), project)


def test_an_office_nominates_a_capped_share_of_its_labelled_projects():
    LabelRules.objects.update(european_share=50)
    projects = [ripen(make_project()) for _ in range(3)]
    for project in projects:
        award(project, "FR")
        award(project, "DE")
    office = make_staff("FR")
    services.nominate(office, projects[0])
    services.nominate(office, projects[1])  # ceil(3 × 50 %) = 2
    with pytest.raises(Refused, match="all its nominations"):
        services.nominate(office, projects[2])


def test_the_committee_awards_and_the_founders_are_told(django_capture_on_commit_callbacks):
    project = ripen(make_project())
    award(project, "FR")
    award(project, "DE")
    services.nominate(make_staff("FR"), project)
    with pytest.raises(Refused):
        services.decide_european(make_staff("FR"), project, True, "")
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_european(committee(), project, True, "Outstanding.")
    assert EuropeanDecision.objects.get(project=project).awarded
    for membership in project.memberships.filter(is_founder=True):
        assert membership.user.notifications.filter(title__contains="European").exists()
    with pytest.raises(Refused, match="already decided"):
        services.decide_european(committee(), project, False, "")


def test_the_public_page_shows_badges_and_serves_certificates(client):
    project = ripen(make_project())
    fr = award(project, "FR")
    award(project, "DE")
    page = client.get(reverse("labels:project", args=[project.pk])).content.decode()
    assert page.count("National Quality Label") >= 2 and "France" in page
    pdf = client.get(reverse("labels:certificate", args=[fr.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert client.get(reverse("labels:european_certificate", args=[project.pk])).status_code == 404
    EuropeanDecision.objects.create(project=project, awarded=True, decided_by=committee())
    pdf = client.get(reverse("labels:european_certificate", args=[project.pk]))
    assert pdf.content.startswith(b"%PDF")


def test_a_project_without_label_has_no_public_page(client):
    project = make_project()
    assert client.get(reverse("labels:project", args=[project.pk])).status_code == 404


def test_the_office_page_lists_what_to_nominate(client, django_assert_max_num_queries):
    office = make_staff("FR")
    for _ in range(3):
        project = ripen(make_project())
        award(project, "FR")
        award(project, "DE")
    sign_in(client, office)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("labels:office")).content.decode()
    assert page.count("Nominate") >= 3
