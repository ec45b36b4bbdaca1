"""Issue 14: a class created fast, cards with a QR code, passwords a child can manage."""

import base64
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jumelage.accounts import pupil_passwords
from jumelage.accounts.models import User
from jumelage.projects import cards as login_cards
from jumelage.projects import services
from jumelage.projects.access import access_for
from jumelage.testing import make_project

pytestmark = pytest.mark.django_db

WORDS_PASSWORD = re.compile(r"^([a-z]+)-([a-z]+)-(\d{2})$")
PBKDF2 = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]


def _founder(project):
    return project.memberships.filter(is_founder=True).first().user


def _post_class(client, project, count, style="words"):
    url = reverse("projects:pupils", args=[project.pk])
    page = client.get(url).content.decode()
    batch = re.search(r'name="batch" value="([^"]+)"', page).group(1)
    names = "\n".join(f"Pupil {n}" for n in range(count))
    return client.post(url, {"names": names, "batch": batch, "password_style": style})


def test_each_card_has_a_qr_code_of_the_exact_login_address(client, settings):
    settings.SITE_URL = "https://jumelage.example.eu"
    project = make_project()
    client.force_login(_founder(project))
    html = _post_class(client, project, 3).content.decode()
    login_url = "https://jumelage.example.eu" + reverse("accounts:pupil_login")
    images = re.findall(r'<img class="login-qr" src="([^"]+)"[^>]*alt="[^"]+"', html)
    assert len(images) == 3 == html.count('class="login-card"')
    # No decoder here: the image is the SVG generated again from the exact address.
    expected = login_cards.qr_svg(login_url)
    for src in images:
        assert src.startswith("data:image/svg+xml;base64,")
        svg = base64.b64decode(src.split(",", 1)[1])
        assert svg == expected and svg.lstrip().startswith(b"<?xml")
    assert login_cards.qr_svg(login_url + "x") != expected
    assert f'<span class="url">{login_url}</span>' in html
    # No inline style or script (strict CSP).
    assert "<style" not in html and " style=" not in html


def test_cards_are_grouped_in_a4_sheets_of_eight(client):
    project = make_project()
    client.force_login(_founder(project))
    html = _post_class(client, project, 19).content.decode()
    sheets = html.split('<ul class="login-cards"')[1:]
    assert [s.count('class="login-card"') for s in sheets] == [8, 8, 3]


def test_the_class_post_makes_as_many_queries_for_10_pupils_as_for_30(client):
    counts = []
    for size in (10, 30):
        project = make_project()
        client.force_login(_founder(project))
        with CaptureQueriesContext(connection) as queries:
            response = _post_class(client, project, size)
        assert response.content.decode().count('class="login-card"') == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_card_passwords_are_hashed_cheaply_and_rehashed_at_full_cost_at_login(client, settings):
    settings.PASSWORD_HASHERS = PBKDF2
    project = make_project()
    ((pupil, password),) = services.create_pupils(access_for(_founder(project), project), ["Léa"])
    pupil.refresh_from_db()
    algorithm, iterations, salt, _hash = pupil.password.split("$")
    assert algorithm == "pbkdf2_sha256" and int(iterations) == pupil_passwords.CARD_ITERATIONS
    assert salt
    # Salted: the same password twice gives two hashes.
    assert pupil_passwords.card_hash(password) != pupil_passwords.card_hash(password)
    client.post(reverse("accounts:pupil_login"), {"login": pupil.username, "password": password})
    pupil.refresh_from_db()
    assert int(pupil.password.split("$")[1]) > pupil_passwords.CARD_ITERATIONS
    assert pupil.check_password(password)


def test_the_teacher_chooses_simple_word_passwords_in_their_language(client):
    project = make_project()
    teacher = _founder(project)
    teacher.language = "fr"
    teacher.save(update_fields=["language"])
    client.force_login(teacher)
    html = _post_class(client, project, 5, style="words").content.decode()
    passwords = re.findall(r'<code class="password">([^<]+)</code>', html)
    french = set(pupil_passwords.words("fr"))
    assert len(passwords) == 5
    for password in passwords:
        first, second, number = WORDS_PASSWORD.match(password).groups()
        assert first in french and second in french and first != second
        assert 10 <= int(number) <= 99
    login = re.search(r'<code class="login">([^<]+)</code>', html).group(1)
    assert User.objects.get(username=login).check_password(passwords[0])
    assert "bateau" in french and "boat" not in french
    assert "boat" in pupil_passwords.words("en") and pupil_passwords.words("xx") == (
        pupil_passwords.words("en")
    )


def test_older_pupils_can_get_random_passwords(client):
    project = make_project()
    client.force_login(_founder(project))
    html = _post_class(client, project, 2, style="random").content.decode()
    passwords = re.findall(r'<code class="password">([^<]+)</code>', html)
    assert len(passwords) == 2
    assert all(re.fullmatch(r"[A-Za-z2-9]{10}", p) for p in passwords)
    bad = _post_class(client, project, 2, style="hieroglyphs")
    assert "password_style" in bad.content.decode() and bad.status_code == 200
    assert User.objects.filter(kind="pupil").count() == 2


def _pupil_client(client, project):
    ((pupil, password),) = services.create_pupils(access_for(_founder(project), project), ["Sami"])
    # These tests read the English pages (a French school's pupil would get French).
    User.objects.filter(pk=pupil.pk).update(language="en")
    client.post(reverse("accounts:pupil_login"), {"login": pupil.username, "password": password})
    return pupil


@pytest.mark.parametrize("chosen", ["chat42", "123456", "soleil"])
def test_a_pupil_chooses_a_password_with_child_rules_not_adult_ones(client, chosen):
    pupil = _pupil_client(client, make_project())
    page = client.get(reverse("accounts:pupil_password")).content.decode()
    assert "At least 6 characters" in page and "8 characters" not in page
    client.post(
        reverse("accounts:pupil_password"), {"new_password1": chosen, "new_password2": chosen}
    )
    pupil.refresh_from_db()
    assert not pupil.must_change_password and pupil.check_password(chosen)


def test_a_pupil_password_must_be_long_enough_and_not_their_login(client):
    pupil = _pupil_client(client, make_project())
    url = reverse("accounts:pupil_password")
    short = client.post(url, {"new_password1": "cat1", "new_password2": "cat1"})
    assert "too short" in short.content.decode()
    login = pupil.username
    same = client.post(url, {"new_password1": login, "new_password2": login})
    assert "must not contain your login" in same.content.decode()
    named = client.post(url, {"new_password1": "sami2017", "new_password2": "sami2017"})
    assert "must not contain your login or your name" in named.content.decode()
    mismatch = client.post(url, {"new_password1": "blue-frog", "new_password2": "blue-fog"})
    assert "not the same" in mismatch.content.decode()
    pupil.refresh_from_db()
    assert pupil.must_change_password
