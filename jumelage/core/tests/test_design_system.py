"""The shell and the design system of issue 14: a few destinations in the header bar, the
rest in a menu; the style guide; the editor's words; countries in the reader's order."""

import re

import pytest
from django.urls import reverse

from jumelage.testing import make_staff, make_teacher, sign_in

pytestmark = pytest.mark.django_db


def bar_and_menu(html: str) -> tuple[str, str]:
    """The header's bar (primary links) and its menu, as HTML."""
    bar = html[html.index('<ul class="primary-links">') : html.index('<details class="site-menu">')]
    menu = html[html.index('<details class="site-menu">') : html.index("</details>")]
    return bar, menu


def test_a_teacher_finds_four_destinations_in_the_bar_and_the_rest_in_the_menu(client):
    teacher = make_teacher()
    client.force_login(teacher)
    bar, menu = bar_and_menu(client.get("/dashboard/").text)
    for path in ("/dashboard/", "/projects/mine/", "/messages/", "/notifications/"):
        assert f'href="{path}"' in bar
    assert 'aria-current="page"' in bar  # the dashboard is where she is
    for path in ("/partners/", "/support/", "/training/", "/accounts/profile/"):
        assert f'href="{path}"' in menu and f'href="{path}"' not in bar
    assert "Log out" in menu and 'id="language-select"' in menu
    # Each icon of the bar is decorative; the label beside it names the link.
    assert bar.count('<svg class="icon" aria-hidden="true"') >= 4


def test_a_visitor_sees_projects_pupil_login_sign_up_and_log_in_in_the_bar(client):
    bar, menu = bar_and_menu(client.get("/").text)
    for name in ("accounts:pupil_login", "accounts:signup", "accounts:login"):
        assert f'href="{reverse(name)}"' in bar
    assert f'href="{reverse("projects:directory")}"' in bar
    assert 'id="language-select"' in menu  # the language choice moved into the menu


def test_the_style_guide_shows_the_components_to_staff_only(client):
    teacher = make_teacher()
    client.force_login(teacher)
    assert client.get("/style/").status_code == 404
    staff = make_staff("FR")
    sign_in(client, staff)
    response = client.get("/style/")
    assert response.status_code == 200
    html = response.text
    assert 'data-token="--accent"' in html and 'data-token="--space-4"' in html
    assert "This field is required." in html  # the form renderer, with its errors
    assert 'class="required"' in html
    assert len(re.findall(r'<use href="[^"]+icons\.svg#', html)) >= 25  # the icon set
    assert "<table>" in html and "<thead>" in html


def test_the_style_guide_is_quick(client, django_assert_max_num_queries):
    sign_in(client, make_staff("FR"))
    client.get("/style/")
    with django_assert_max_num_queries(6):
        assert client.get("/style/").status_code == 200


def test_the_editor_words_set_window_gettext_for_every_toolbar_title(client):
    response = client.get(reverse("core:editor_words"))
    assert response["Content-Type"].startswith("text/javascript")
    script = response.text
    assert script.startswith("window.gettext = ")
    for title in ("bold", "italic", "undo", "insert link", "Edit HTML", "Cancel"):
        assert f'"{title}": ' in script
    assert "Vary" in response and "Cookie" in response["Vary"]


def test_the_editor_keeps_the_browsers_spell_check_on():
    from jumelage.core.richtext import EDITOR_CONFIG, RichTextWidget

    assert EDITOR_CONFIG["extensions"]["NoSpellCheck"] is False
    html = RichTextWidget().render("body", "")
    assert "NoSpellCheck" not in html
    assert reverse("core:editor_words") in str(RichTextWidget().media)


def test_the_editor_is_configured_as_the_package_would_configure_it():
    """The configuration written once per process is the package's own, field by field."""
    from django_prose_editor.widgets import ProseEditorWidget

    from jumelage.core.richtext import EDITOR_CONFIG, RichTextWidget

    ours = RichTextWidget().render("body", "<p>Bonjour</p>", {"id": "id_body"})
    theirs = ProseEditorWidget(config=EDITOR_CONFIG, preset="configurable").render(
        "body", "<p>Bonjour</p>", {"id": "id_body"}
    )
    assert ours == theirs
    assert "data-django-prose-editor-configurable=" in ours and "Heading" in ours
