import io
from datetime import date

import pytest
from django.urls import reverse

from jumelage.testing import make_project, make_pupil, make_staff, make_teacher, sign_in
from jumelage.texts import demo
from jumelage.texts.models import OfficialText

pytestmark = pytest.mark.django_db


def make_text(n=0, **fields):
    defaults = {
        "title": f"Circular {n}",
        "published_on": date(2020, 1, 1 + n % 28),
        "country_id": "FR",
        "language_id": "fr",
        "body": "<p>Body</p>",
    }
    defaults.update(fields)
    return OfficialText.objects.create(**defaults)


def test_the_seed_circular_is_shipped_and_shown_on_the_home_page(client):
    demo.load(io.StringIO())
    demo.load(io.StringIO())  # idempotent
    assert OfficialText.objects.count() == 2
    home = client.get("/").text
    assert "Encadrement de la mobilité européenne et internationale au collège et au lycée" in home
    text = OfficialText.objects.get(reference__startswith="Bulletin officiel n°30")
    detail = client.get(reverse("texts:detail", args=[text.pk])).text
    assert "Bulletin officiel n°30 du 25 août 2011" in detail
    assert 'href="https://school-education.ec.europa.eu/en/etwinning"' in detail


def test_home_shows_only_the_three_latest_published(client):
    for n in range(5):
        make_text(n, title=f"Text number {n}")
    make_text(27, title="Secret draft", published=False)
    home = client.get("/").text
    assert "Text number 4" in home and "Text number 2" in home and "Text number 1" not in home
    assert "Secret draft" not in home


def test_the_national_office_writes_its_countrys_texts(client):
    office = make_staff("FR")
    sign_in(client, office)
    response = client.post(
        reverse("texts:new"),
        {
            "kind": "official",
            "title": "Note de service",
            "published_on": "2025-09-01",
            "country": "FR",
            "language": "fr",
            "body": '<p onclick="x()">Texte <a href="javascript:alert(1)">lien</a></p><script>1</script>',
            "links": "https://www.example.org/bo  Le BO\n\n",
            "published": "on",
        },
    )
    assert response.status_code == 302
    text = OfficialText.objects.get()
    assert (
        "<script>" not in text.body and "onclick" not in text.body and "javascript" not in text.body
    )
    assert text.link_list == [("https://www.example.org/bo", "Le BO")]
    # Germany is not theirs; a bad link line is explained and nothing is lost.
    response = client.post(
        reverse("texts:new"),
        {
            "kind": "news",
            "title": "Nachrichten",
            "published_on": "2025-09-01",
            "country": "DE",
            "language": "de",
            "links": "javascript:alert(1)",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert "This line does not start with a web address" in response.text
    assert "Nachrichten" in response.text
    client.post(
        reverse("texts:edit", args=[text.pk]),
        {
            "kind": "official",
            "title": "Note de service (mise à jour)",
            "published_on": "2025-09-02",
            "country": "FR",
            "language": "fr",
            "published": "",
        },
    )
    text.refresh_from_db()
    assert text.title.endswith("(mise à jour)") and not text.published
    client.post(reverse("texts:delete", args=[text.pk]))
    assert not OfficialText.objects.exists()


def test_outsiders_cannot_write_or_see_drafts(client):
    text = make_text(title="Published circular")
    draft = make_text(1, title="Draft circular", published=False)
    european = make_text(2, title="European news", country=None)
    assert client.get(reverse("texts:list")).status_code == 200
    assert client.get(reverse("texts:detail", args=[text.pk])).status_code == 200
    project = make_project()
    outsiders = [
        None,
        make_teacher("FR"),
        make_pupil(project),
        make_staff("DE"),
        make_staff("FR", role="regional", can_verify=False),
    ]
    for outsider in outsiders:
        client.logout()
        if outsider:
            sign_in(client, outsider)
        assert client.get(reverse("texts:detail", args=[draft.pk])).status_code == 404
        assert "Draft circular" not in client.get(reverse("texts:list")).text
        assert client.get(reverse("texts:edit", args=[text.pk])).status_code == 404
        assert client.post(reverse("texts:delete", args=[text.pk])).status_code == 404
        assert client.get(reverse("texts:edit", args=[european.pk])).status_code == 404
    for outsider in outsiders[:3]:
        client.logout()
        if outsider:
            sign_in(client, outsider)
        assert client.get(reverse("texts:new")).status_code == 404
    assert client.get(reverse("texts:delete", args=[text.pk])).status_code == 405
    assert client.get(reverse("texts:detail", args=[999999])).status_code == 404
    assert OfficialText.objects.count() == 3


def test_list_detail_and_home_query_counts_do_not_grow(client, django_assert_num_queries):
    text = make_text(0, links="https://a.example.org A")
    with django_assert_num_queries(3):
        client.get(reverse("texts:list"))
    with django_assert_num_queries(1):
        client.get(reverse("texts:detail", args=[text.pk]))
    with django_assert_num_queries(1):
        client.get("/")
    for n in range(1, 15):
        make_text(n, country_id="DE" if n % 2 else "FR", language_id="de" if n % 2 else "fr")
    with django_assert_num_queries(3):
        client.get(reverse("texts:list"))
    with django_assert_num_queries(1):
        client.get("/")
