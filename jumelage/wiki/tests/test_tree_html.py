"""The pages' tree, written in Python (wiki_tree.page_tree): nesting, marks and words."""

from django.utils import translation

from jumelage.wiki.templatetags.wiki_tree import page_tree
from jumelage.wiki.tree import Entry, tree


def _entries():
    return [
        Entry(1, None, "Our towns", "published", False, "/p/1/"),
        Entry(2, 1, 'Maps <b>& "legends"</b>', "pending", False, "/p/2/"),
        Entry(3, 2, "Old map", "published", True, "/p/3/"),
        Entry(4, None, "Recipes", "published", False, "/p/4/"),
    ]


def test_each_page_is_a_link_with_its_sub_pages_in_a_list_inside_its_item():
    pages = _entries()
    html = page_tree(tree(pages), pages[2])
    assert html == (
        '<ul class="page-tree">\n'
        '<li><a href="/p/1/">Our towns</a><ul>\n'
        '<li><a href="/p/2/">Maps &lt;b&gt;&amp; &quot;legends&quot;&lt;/b&gt;</a>'
        ' <span class="badge">Waiting for a teacher&#x27;s approval</span><ul>\n'
        '<li><a href="/p/3/" aria-current="page">Old map</a>'
        ' <span class="badge">Archived</span></li>\n'
        "</ul></li>\n"
        "</ul></li>\n"
        '<li><a href="/p/4/">Recipes</a></li>\n'
        "</ul>"
    )
    assert 'aria-current="page"' not in page_tree(tree(pages))


def test_the_badges_speak_the_readers_language():
    pages = _entries()
    with translation.override("fr"):
        html = page_tree(tree(pages))
    assert '<span class="badge">En attente de la validation d&#x27;un enseignant</span>' in html
    assert '<span class="badge">Archivée</span>' in html
