"""The public directory, my projects and the dashboard panel."""

import pytest
from django.urls import reverse

from jumelage.projects.access import access_for
from jumelage.projects.models import Project
from jumelage.projects.tests.helpers import draft, submitted
from jumelage.testing import login_with_second_factor, make_project, make_staff, make_teacher

pytestmark = pytest.mark.django_db


def _many(n):
    for i in range(n):
        project = make_project(title=f"Directory project {i}")
        project.subjects.set(["geography", "history"])
        project.languages.set(["fr", "de"])


def test_directory_lists_active_projects_only_with_their_details(client):
    active = make_project(title="Climate detectives FR-DE")
    active.subjects.set(["science"])
    active.languages.set(["fr", "de"])
    draft(title="A secret draft")
    make_project(title="Closed one", status=Project.Status.CLOSED)
    page = client.get(reverse("projects:directory")).content.decode()
    assert "Climate detectives FR-DE" in page
    assert "A secret draft" not in page and "Closed one" not in page
    assert "Natural sciences" in page and "German" in page
    assert "France" in page and "Germany" in page
    assert f"/projects/{active.pk}/space/blog/" in page


def test_directory_filters(client):
    geo = make_project(title="Maps and us")
    Project.objects.filter(pk=geo.pk).update(age_min=8, age_max=10)
    geo.subjects.set(["geography"])
    geo.languages.set(["en"])
    maths = make_project(title="Maths in the market")
    Project.objects.filter(pk=maths.pk).update(age_min=13, age_max=15)
    maths.subjects.set(["mathematics"])
    url = reverse("projects:directory")
    page = client.get(url, {"subject": "mathematics"}).content.decode()
    assert "Maths in the market" in page and "Maps and us" not in page
    page = client.get(url, {"age": 9}).content.decode()
    assert "Maps and us" in page and "Maths in the market" not in page
    page = client.get(url, {"language": "en", "country": "FR"}).content.decode()
    assert "Maps and us" in page and "Maths in the market" not in page
    assert "Maps" not in client.get(url, {"country": "IT"}).content.decode()
    # Nonsense in the query string: the page still answers.
    assert client.get(url, {"age": "old", "subject": "x", "page": "99"}).status_code == 200


def test_directory_query_count_is_the_same_with_10_and_100_projects(
    client, django_assert_num_queries
):
    url = reverse("projects:directory")
    _many(10)
    client.get(url)
    with django_assert_num_queries(6) as ten:  # the filters' choices: once per process
        assert client.get(url).status_code == 200
    _many(90)
    with django_assert_num_queries(len(ten.captured_queries)):
        assert client.get(url).status_code == 200


def test_my_projects_shows_what_awaits_with_flat_queries(client, django_assert_num_queries):
    teacher = make_teacher("FR")
    other = make_teacher("DE")
    project = draft(other)
    from jumelage.projects import services

    services.invite_cofounder(access_for(other, project), invitee=teacher)
    make_project([teacher, make_teacher("DE")])
    client.force_login(teacher)
    page = client.get(reverse("projects:mine")).content.decode()
    assert "Invitations waiting for your answer" in page and project.title in page
    with django_assert_num_queries(6) as first:  # no details of the projects (issue 16)
        client.get(reverse("projects:mine"))
    for _ in range(4):
        make_project([teacher, make_teacher("DE")])
    with django_assert_num_queries(len(first.captured_queries)):
        client.get(reverse("projects:mine"))


def test_staff_see_their_approvals_in_my_projects_and_the_dashboard(client):
    staff = make_staff("FR")
    project, _ = submitted()
    login_with_second_factor(client, staff)
    assert project.title in client.get(reverse("projects:mine")).content.decode()
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    assert "1 project awaits your approval" in dashboard


def test_dashboard_panel_and_navigation(client):
    project = make_project(title="Panel project")
    teacher = project.memberships.first().user
    client.force_login(teacher)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Panel project" in page
    assert reverse("projects:mine") in page and reverse("kits:list") in page
    client.logout()
    home = client.get("/").content.decode()
    assert reverse("accounts:pupil_login") in home and reverse("projects:directory") in home


def test_the_next_page_of_a_filtered_directory_keeps_the_filter(client):
    for n in range(21):
        project = make_project(title=f"Maths {n:02}")
        project.subjects.set(["mathematics"])
    make_project(title="Maps and us").subjects.set(["geography"])
    url = reverse("projects:directory")
    page = client.get(url, {"subject": "mathematics"}).content.decode()
    assert "Page 1 of 2" in page
    next_page = client.get(url + "?subject=mathematics&page=2").content.decode()
    assert 'href="?subject=mathematics&amp;page=2"' in page
    assert "Page 2 of 2" in next_page and "Maps and us" not in next_page


def test_a_project_with_two_teachers_of_the_filtered_country_is_listed_once(client):
    project = make_project(
        founders=[make_teacher("FR"), make_teacher("FR"), make_teacher("DE")], title="Twice French"
    )
    project.subjects.set(["geography", "history"])
    url = reverse("projects:directory")
    once = client.get(url).content.decode().count("Twice French")
    page = client.get(url, {"country": "FR", "subject": "history"}).content.decode()
    assert once and page.count("Twice French") == once  # one card, not one per teacher
    assert "Twice French" not in client.get(url, {"language": "it"}).content.decode()
