"""A project with hundreds of pages shows its tree a page at a time, in reading order."""

import pytest

from jumelage.wiki import services, tree
from jumelage.wiki.views import TREE_PER_PAGE

from .helpers import url

pytestmark = pytest.mark.django_db


def test_the_tree_is_read_parent_first_and_paged(client, project, admin, page):
    child = services.create_page(project, admin, "Child of step 1", "<p>c</p>", parent=page)
    grandchild = services.create_page(project, admin, "Grandchild", "<p>g</p>", parent=child)
    others = [
        services.create_page(project, admin, f"Topic page {n:03}", "<p>x</p>")
        for n in range(TREE_PER_PAGE)
    ]
    order = tree.preorder(list(project.pages.all()))
    assert order[:3] == [page, child, grandchild]
    client.force_login(admin)
    first = client.get(url("index", project)).text
    assert "Grandchild" in first and "Page 1 of 2" in first
    listed = first[first.index('class="page-tree"') : first.index('class="pagination"')]
    assert listed.count("<li><a href=") == TREE_PER_PAGE
    second = client.get(url("index", project) + "?page=2").text
    assert others[-1].title in second and "Grandchild" not in second
    # A page's own view shows the part of the tree that holds it, marked as current.
    html = client.get(others[-1].get_absolute_url()).text
    assert f'<a href="{others[-1].get_absolute_url()}" aria-current="page">' in html
    assert "Page 2 of 2" in html


def test_a_page_whose_parent_is_on_an_earlier_page_shows_at_the_top():
    class P:
        def __init__(self, pk, parent_id=None):
            self.pk, self.parent_id = pk, parent_id

    pages = [P(1), P(2, 1), P(3, 1), P(4, 3), P(5)]
    listing = tree.tree_page(pages, 2, 2)
    assert [n["page"].pk for n in listing.nodes] == [3]
    assert [c["page"].pk for c in listing.nodes[0]["children"]] == [4]
