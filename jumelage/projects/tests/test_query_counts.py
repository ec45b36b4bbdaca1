"""The founder's project pages cost a fixed number of queries, whatever the project holds.

Issue 15's budgets for the founder (admin) of an active project: the project page
at most 9 queries (23 before the access object), the members page at most 8.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from jumelage.kits.models import Kit
from jumelage.projects.models import Approval, Membership
from jumelage.testing import add_member, make_pupil, make_teacher

pytestmark = pytest.mark.django_db

# session, user, access, teachers, subjects + languages + productions (one), approvals;
DETAIL = 6
# the quality-label badges come from the cache after the first view (labels.queries.held)
MEMBERS = 6  # session, user, access, members, their count (paged), admins


def _grow(world, n):
    """n teachers of four countries, n pupils, subjects, and the two offices' approvals."""
    project = world.project
    for i in range(n):
        add_member(project, make_teacher(("IT", "ES", "FR", "DE")[i % 4]))
        make_pupil(project)
    project.subjects.set(["geography", "history", "art"])
    founders = project.memberships.filter(is_founder=True).select_related("school")
    for founder in founders:
        Approval.objects.get_or_create(
            project=project,
            country_id=founder.school.country_id,
            defaults={"status": Approval.Status.APPROVED, "submitted_at": timezone.now()},
        )


@pytest.mark.parametrize("n", [10, 50])
def test_the_project_page_costs_the_same_with_10_or_50_members(
    client, world, django_assert_num_queries, n
):
    _grow(world, n)
    client.force_login(world.users["admin"])
    url = reverse("projects:detail", args=[world.project.pk])
    client.get(url)
    with django_assert_num_queries(DETAIL):
        response = client.get(url)
    assert response.status_code == 200
    assert response.text.count("(founder)") == 2


@pytest.mark.parametrize("n", [10, 50])
def test_the_members_page_costs_the_same_with_10_or_50_members(
    client, world, django_assert_num_queries, n
):
    _grow(world, n)
    client.force_login(world.users["admin"])
    url = reverse("projects:members", args=[world.project.pk])
    client.get(url)
    with django_assert_num_queries(MEMBERS):
        response = client.get(url)
    assert response.status_code == 200
    assert Membership.objects.filter(project=world.project).count() > 2 * n


def test_the_budgets_of_issue_15_hold():
    assert DETAIL <= 9 and MEMBERS <= 8


def test_a_big_projects_members_come_a_page_at_a_time_teachers_first(client, world):
    from jumelage.projects.views import MEMBERS_PER_PAGE

    add_member(world.project, make_teacher("IT", name="Zeno Last-Teacher"))
    for _ in range(MEMBERS_PER_PAGE):
        make_pupil(world.project)
    total = Membership.objects.filter(project=world.project).count()
    client.force_login(world.users["admin"])
    url = reverse("projects:members", args=[world.project.pk])
    first = client.get(url).text
    # The teachers (sorted last by name) come before the pupils, on the first page.
    assert "Zeno Last-Teacher" in first and "Page 1 of 2" in first
    assert f"{total} members" in first
    assert first.count("<tr>") - 1 == MEMBERS_PER_PAGE
    second = client.get(url + "?page=2").text
    assert (
        "Zeno Last-Teacher" not in second and second.count("<tr>") - 1 == total - MEMBERS_PER_PAGE
    )


def test_the_project_page_lists_its_subjects_languages_productions_and_kit_in_order(client, world):
    project = world.project
    project.subjects.set(["music", "art"])
    project.languages.set(["de"])
    project.productions.set(["film", "blog"])
    project.kit = Kit.objects.create(
        slug="river-stories", title_en="River stories", title_fr="Histoires de rivières",
        summary_en="s", summary_fr="s",
    )  # fmt: skip
    project.description = "<p>Wir schreiben.</p>"
    project.save()
    client.force_login(world.users["admin"])
    url = reverse("projects:detail", args=[project.pk])
    page = client.get(url).text
    # Each list in its reference table's order, whatever the order of the choice.
    assert "<dd>Art, Music</dd>" in page
    assert "<dd>German</dd>" in page
    assert "<dd>Blog, Film</dd>" in page
    assert '<div class="richtext" lang="de">' in page  # one working language: the text's
    assert 'href="/kits/river-stories/">River stories</a>' in page
    # In French: the names in French, in the tables' order still.
    project.languages.set(["fr", "de"])
    world.users["admin"].language = "fr"
    world.users["admin"].save()
    page = client.get(url).text
    assert "<dd>Arts plastiques, Éducation musicale</dd>" in page
    assert "<dd>Français, Allemand</dd>" in page  # French, German: the table's order
    assert '<div class="richtext">' in page  # two working languages: no lang


def test_the_project_page_names_its_teachers_schools_and_countries_in_the_readers_language(
    client, world
):
    project = world.project
    italian = add_member(project, make_teacher("IT", name="<b>Lia</b> Rossi"))
    italian_school = Membership.objects.get(project=project, user=italian).school
    founders = list(project.memberships.filter(is_founder=True).select_related("school", "user"))
    reader = world.users["admin"]
    reader.language = "de"
    reader.save()
    client.force_login(reader)
    page = client.get(reverse("projects:detail", args=[project.pk])).text
    teachers = page.split("<dd><ul>")[1].split("</ul></dd>")[0]
    # Founders first, each with their school and its country named in German.
    for founder in founders:
        assert f"<li>{founder.user} — {founder.school.name}, " in teachers
    assert teachers.count("(Gründer") + teachers.count("(founder)") == 2
    assert f"&lt;b&gt;Lia&lt;/b&gt; Rossi — {italian_school.name}, Italien</li>" in teachers
    assert teachers.index("Lia") > max(teachers.index(str(f.user)) for f in founders)
    assert "None" not in teachers
