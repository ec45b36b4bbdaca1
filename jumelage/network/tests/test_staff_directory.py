import pytest
from django.urls import reverse

from jumelage.audit.models import AuditEntry
from jumelage.network.models import SupportRole
from jumelage.testing import make_project, make_pupil, make_staff, make_teacher, sign_in

from .helpers import make_correspondent, region

pytestmark = pytest.mark.django_db


def test_the_national_office_adds_and_edits_a_correspondent(client):
    office = make_staff("FR")
    teacher = make_teacher("FR", name="Nina New")
    sign_in(client, office)
    response = client.post(
        reverse("network:staff_new"),
        {
            "email": teacher.email.upper(),
            "role": "departmental",
            "country": "FR",
            "department": region("corse").departments.get(code="2A").pk,
            "public_email": "nina@ac-corse.example.org",
            "availability": "Wednesday afternoons",
            "listed": "on",
        },
    )
    assert response.status_code == 302
    role = SupportRole.objects.get(user=teacher)
    assert role.region == region("corse")  # taken from the département
    assert AuditEntry.objects.filter(action="network.role_added").exists()

    edit = reverse("network:staff_edit", args=[role.pk])
    client.post(
        edit,
        {
            "email": "ignored@example.org",
            "role": "ambassador",
            "country": "FR",
            "region": region("corse").pk,
            "availability": "Mondays",
            "listed": "on",
        },
    )
    role.refresh_from_db()
    assert role.role == "ambassador" and role.availability == "Mondays" and role.user == teacher
    assert "Nina New" in client.get(reverse("network:staff_list")).text

    client.post(reverse("network:staff_delete", args=[role.pk]))
    assert not SupportRole.objects.filter(pk=role.pk).exists()
    assert client.post(reverse("network:staff_delete", args=[role.pk])).status_code == 404


def test_inconsistent_entries_are_explained(client):
    sign_in(client, make_staff("FR"))
    response = client.post(
        reverse("network:staff_new"),
        {"email": "nobody@example.org", "role": "regional", "country": "FR"},
    )
    assert response.status_code == 200
    assert "No teacher or staff account has this email." in response.text
    assert "A regional correspondent needs a region." in response.text
    response = client.post(
        reverse("network:staff_new"),
        {
            "email": make_teacher().email,
            "role": "regional",
            "country": "DE",
            "region": region("paris").pk,
        },
    )
    assert "Select a valid choice" in response.text  # DE is not this office's country
    assert SupportRole.objects.count() == 1


def test_only_the_countrys_office_keeps_its_directory(client):
    role = SupportRole.objects.get(user=make_correspondent("Paula Paris", "regional", "paris"))
    urls = [
        reverse("network:staff_list"),
        reverse("network:staff_new"),
        reverse("network:staff_edit", args=[role.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    project = make_project()
    outsiders = [make_teacher("FR"), make_pupil(project), role.user, make_staff("DE")]
    for outsider in outsiders:
        sign_in(client, outsider)
        assert client.get(reverse("network:staff_edit", args=[role.pk])).status_code == 404
        assert client.post(reverse("network:staff_delete", args=[role.pk])).status_code == 404
    for outsider in outsiders[:3]:
        sign_in(client, outsider)
        assert client.get(reverse("network:staff_list")).status_code == 404
    # The German office sees only Germany's entries.
    sign_in(client, outsiders[3])
    assert "Paula Paris" not in client.get(reverse("network:staff_list")).text
    assert SupportRole.objects.filter(pk=role.pk).exists()


def test_staff_list_query_count_does_not_grow(client, django_assert_num_queries):
    sign_in(client, make_staff("FR"))
    make_correspondent("A", "regional", "paris")
    with django_assert_num_queries(6):  # 5 + the second-factor device django-otp checks
        client.get(reverse("network:staff_list"))
    for n in range(10):
        make_correspondent(f"B{n}", "departmental", department_code="2B")
    with django_assert_num_queries(6):
        assert "B9" in client.get(reverse("network:staff_list")).text
