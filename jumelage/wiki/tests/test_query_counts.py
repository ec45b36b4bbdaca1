"""The pages of the wiki cost the same number of queries with 10 or 50 pages."""

import pytest
from django.urls import reverse

from jumelage.wiki import services

pytestmark = pytest.mark.django_db


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
