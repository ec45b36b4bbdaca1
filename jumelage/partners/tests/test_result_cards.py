"""The search's result cards (partners/templatetags/partners.py): what each one shows."""

import pytest
from django.urls import reverse

from jumelage.schools.models import School
from jumelage.testing import make_school, make_teacher

from .helpers import login, make_request, profile

pytestmark = pytest.mark.django_db


def card(html: str, name: str) -> str:
    """The card of the teacher named `name` (as the page escapes it)."""
    start = html.index(f"<h3>{name}</h3>")
    return html[start : html.index("</li>\n", html.index("</ul>", start))]


def test_a_card_shows_school_teaching_ages_presentation_requests_and_a_way_to_write():
    from django.test import Client

    client = Client()
    school = make_school("IT", level=School.Level.PRIMARY)
    anna = profile(
        make_teacher("IT", name="Anna <i>Bianchi</i>", school=school, email_visible=True),
        subjects=["art", "music"], languages=["it", "fr"], ages=[8, 9],
        presentation="Una scuola " + "molto " * 50 + "fine",
    )  # fmt: skip
    request = make_request(anna, title="Notre journal <b>européen</b>")
    quiet = profile(make_teacher("DE", name="Quiet Teacher"))
    viewer = make_teacher("FR", name="Viewer")
    viewer.language = "fr"
    viewer.save()
    login(client, viewer)
    html = client.get(reverse("partners:search")).content.decode()

    shown = card(html, "Anna &lt;i&gt;Bianchi&lt;/i&gt;")
    assert f"<li>{school.name}, {school.town} (Italie) — École élémentaire</li>" in shown
    assert "</strong> Arts plastiques, Éducation musicale</p>" in shown
    assert "</strong> Français, Italien</p>" in shown or "</strong> Italien, Français</p>" in shown
    assert "8 ans, 9 ans" in shown
    assert "molto molto …</p>" in shown and "fine" not in shown  # forty words
    assert f'href="mailto:{anna.email}"' in shown
    detail = reverse("partners:request_detail", args=[request.pk])
    assert f'<a href="{detail}">Notre journal &lt;b&gt;européen&lt;/b&gt;</a>' in shown
    compose = reverse("messaging:compose")
    assert f'href="{compose}?to={anna.pk}">Écrire à Anna &lt;i&gt;Bianchi&lt;/i&gt;</a>' in shown

    # Nothing to say: no empty paragraph, no address, no requests.
    bare = card(html, "Quiet Teacher")
    assert "<strong>" not in bare and "mailto:" not in bare
    assert f"?to={quiet.pk}" in bare
