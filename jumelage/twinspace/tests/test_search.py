import pytest

from .helpers import hide, page, url

pytestmark = pytest.mark.django_db


def test_search_finds_pages_the_user_may_see(client, world):
    project, admin = world.project, world.users["admin"]
    page(project, admin, "Recipes from Berlin", "<p>Currywurst and more</p>")
    hide(admin, project, page(project, admin, "Berlin secrets", "<p>hidden</p>"))
    client.force_login(world.users["pupil"])
    html = client.get(url("search", project), {"q": "berlin"}).text
    assert "Recipes from Berlin" in html and "Berlin secrets" not in html
    client.force_login(admin)
    html = client.get(url("search", project), {"q": "currywurst"}).text
    assert "Recipes from Berlin" in html and "Currywurst and more" in html
    assert "at least two letters" in client.get(url("search", project), {"q": "b"}).text


def test_snippets_keep_a_space_between_paragraphs(client, world):
    """ "<p>Français</p><p>Rédigez…</p>" showed as "FrançaisRédigez" (issue 14)."""
    project, admin = world.project, world.users["admin"]
    page(project, admin, "Langues", "<h2>Français</h2><p>Rédigez un poème<br>à deux voix</p>")
    client.force_login(admin)
    html = client.get(url("search", project), {"q": "poème"}).text
    assert "Français Rédigez un poème à deux voix" in html
    assert "FrançaisRédigez" not in html
