"""The wiki's pages cost the same number of queries as the project grows."""

import pytest
from django.urls import reverse

from jumelage.wiki import services

from .helpers import many_pages, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n", [10, 50])
@pytest.mark.parametrize(
    ("view", "queries"),
    [("detail", 6), ("index", 4), ("history", 6), ("edit", 6), ("diff", 5), ("revision", 5)],
)
def test_page_query_counts_do_not_grow(
    client, project, admin, page, django_assert_num_queries, n, view, queries
):
    many_pages(project, admin, page, n)
    client.force_login(admin)
    if view == "index":
        target = url(view, project)
    elif view == "revision":
        target = url(view, project, page_id=page.pk, number=1)
    else:
        target = url(view, project, page_id=page.pk)
    client.get(target)
    with django_assert_num_queries(queries):
        assert client.get(target).status_code == 200


def _pages(world, n):
    admin, pupil = world.users["admin"], world.users["pupil"]
    top = services.create_page(world.project, admin, "Our towns", "<p>Paris</p>")
    for i in range(n - 1):
        author = pupil if i % 5 == 0 else admin
        services.create_page(world.project, author, f"Step {i}", "<p>x</p>", parent=top)
    return top


@pytest.mark.parametrize("n", [10, 50])
def test_the_founder_reads_the_pages_index_in_the_same_few_queries(
    client, world, django_assert_num_queries, n
):
    _pages(world, n)
    client.force_login(world.users["admin"])
    url = reverse("wiki:index", kwargs={"project_id": world.project.pk})
    client.get(url)
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.status_code == 200 and "Step 0" in response.text
