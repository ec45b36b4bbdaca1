"""The page layout's parts that are written once per process (issue 16): the icons, the
editor's import map and static addresses read as before, and follow a moved STATIC_URL."""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django_prose_editor.widgets import importmap as prose_importmap

PARTS = Template(
    "{% load static jumelage %}{% importmap %}|{% icon 'globe' %}|{% icon 'menu' 'big' %}"
    "|{% static 'core/site.css' %}"
)


def render(nonce=None) -> list[str]:
    request = RequestFactory().get("/")
    if nonce is not None:
        request.csp_nonce = nonce
    return PARTS.render(Context({"request": request})).split("|")


def test_the_import_map_carries_each_request_s_nonce():
    first, second = render('n1"<'), render("n2")
    assert first[0] == prose_importmap.render(attrs={"nonce": 'n1"<'})
    assert 'nonce="n1&quot;&lt;"' in first[0]
    assert second[0] == prose_importmap.render(attrs={"nonce": "n2"})
    assert render()[0] == prose_importmap.render()  # no CSP nonce: no attribute


def test_icons_and_static_addresses():
    _, globe, menu, css = render("n")
    assert globe == (
        '<svg class="icon" aria-hidden="true" focusable="false">'
        '<use href="/static/core/icons.svg#globe"></use></svg>'
    )
    assert 'class="icon big"' in menu and "#menu" in menu
    assert css == "/static/core/site.css" == staticfiles_storage.url("core/site.css")


def test_a_moved_static_url_is_followed():
    render("n")  # kept with /static/
    with override_settings(STATIC_URL="/assets/"):
        importmap, globe, _, css = render("n")
        assert "/assets/django_prose_editor/" in importmap
        assert 'href="/assets/core/icons.svg#globe"' in globe
        assert css == "/assets/core/site.css"
    assert render("n")[3] == "/static/core/site.css"


def test_the_menu_entries_are_the_loops_they_replace():
    """`{% menu_items %}` writes what base.html's three loops wrote: the current page
    marked, labels and addresses escaped, an icon before a primary link's label."""
    from django.utils.translation import gettext_lazy

    loops = Template(
        "{% load jumelage %}"
        '{% for label, url, icon_name in primary %}<li><a href="{{ url }}"{% if path == url %}'
        ' aria-current="page"{% endif %}>{% icon icon_name %}<span class="nav-label">'
        "{{ label }}</span></a></li>{% endfor %}|"
        '{% for label, url in menu %}<li><a href="{{ url }}"{% if path == url %}'
        ' aria-current="page"{% endif %}>{{ label }}</a></li>{% endfor %}'
    )
    ours = Template("{% load jumelage %}{% menu_items primary path %}|{% menu_items menu path %}")
    context = {
        "primary": [
            (gettext_lazy("Partners"), "/partners/", "users"),
            ("A & <b>", "/a?x=1&y=2", "x"),
        ],
        "menu": [("Kits", "/kits/"), (gettext_lazy("Training"), "/training/"), ("<i>", "/i/")],
    }
    for path in ("/partners/", "/kits/", "/a?x=1&y=2", "/elsewhere/"):
        expected = loops.render(Context({**context, "path": path}))
        assert ours.render(Context({**context, "path": path})) == expected
    marked = ours.render(Context({**context, "path": "/kits/"}))
    assert marked.count('aria-current="page"') == 1 and "A &amp; &lt;b&gt;" in marked
