"""A national office corrects its language in the browser; an admin exports the .po."""

import pytest
from django.urls import reverse

from jumelage.corrections import services
from jumelage.network.models import SupportRole
from jumelage.testing import make_staff, make_teacher, sign_in

pytestmark = pytest.mark.django_db


def test_the_french_office_corrects_french_and_every_page_shows_it(
    client, django_capture_on_commit_callbacks
):
    office = make_staff("FR", role=SupportRole.Role.NATIONAL_OFFICE)
    sign_in(client, office)
    url = reverse("corrections:language", args=["fr"])
    page = client.get(url + "?q=log out", HTTP_ACCEPT_LANGUAGE="fr").text
    assert 'value="Log out"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"msgid": "Log out", "context": "", "text": "Quitter Jumelage"})
    assert response.status_code == 302
    teacher = make_teacher("FR")
    client.force_login(teacher)
    client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})
    assert "Quitter Jumelage" in client.get("/").text
    # Removing the correction gives the catalogue's translation back.
    with django_capture_on_commit_callbacks(execute=True):
        services.save(office, "fr", "", "Log out", "")
    html = client.get("/").text
    assert "Quitter Jumelage" not in html and "Se déconnecter" in html


def test_an_office_corrects_only_its_countrys_language_and_unknown_messages_are_refused(client):
    italian = make_staff("IT", role=SupportRole.Role.NATIONAL_OFFICE)
    sign_in(client, italian)
    url = reverse("corrections:language", args=["fr"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"msgid": "Log out", "text": "x"}).status_code == 404
    french = make_staff("FR", role=SupportRole.Role.NATIONAL_OFFICE)
    sign_in(client, french)
    response = client.post(url, {"msgid": "No such message", "text": "x"}, follow=True)
    assert "This message is not in the catalogue." in response.text
    from jumelage.corrections.models import Correction

    assert not Correction.objects.exists()


def test_a_platform_admin_exports_the_corrections_as_a_po_file(client):
    import polib

    from jumelage.accounts.models import User

    office = make_staff("FR", role=SupportRole.Role.NATIONAL_OFFICE)
    services.save(office, "fr", "", "Log out", "Quitter Jumelage")
    admin = User.objects.create_superuser("root@example.org", "x-long-password-1")
    sign_in(client, admin)
    response = client.get(reverse("corrections:export", args=["fr"]))
    assert response.status_code == 200
    po = polib.pofile(response.content.decode())
    assert [(e.msgid, e.msgstr) for e in po] == [("Log out", "Quitter Jumelage")]
    sign_in(client, office)
    assert client.get(reverse("corrections:export", args=["fr"])).status_code == 404


@pytest.fixture(autouse=True)
def _fresh_catalogues():
    """A correction laid over this process's catalogues never outlives its test."""
    yield
    from django.core.cache import cache

    cache.delete(services.VERSION_KEY)
    services._state.update(version="reset", checked=0.0)


def test_a_correction_that_loses_a_placeholder_is_refused_and_nothing_is_saved(client):
    """A lost %(name)s would make every page formatting that message fail."""
    from jumelage.corrections.models import Correction
    from jumelage.corrections.views import _messages

    msgid = next(m for c, m, _t in _messages("fr") if not c and "%(" in m and "<" not in m)
    french = make_staff("FR", role=SupportRole.Role.NATIONAL_OFFICE)
    sign_in(client, french)
    url = reverse("corrections:language", args=["fr"])
    response = client.post(url, {"msgid": msgid, "text": "Sans le nom"}, follow=True)
    assert response.status_code == 200
    assert "must keep these parts of the original" in response.text
    assert not Correction.objects.exists()
    kept = "Corrigé : " + msgid
    client.post(url, {"msgid": msgid, "text": kept})
    assert Correction.objects.get().text == kept
